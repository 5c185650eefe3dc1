// Run by hot-folder.test.ts in its own process, which the test kills while the consumer runs.
import { writeFileSync } from 'node:fs';
import { HotFolder } from '../../src/core/capture/hot-folder';

const [dir, marker] = process.argv.slice(2) as [string, string];
const folder = new HotFolder({
  dir,
  settleMs: 0,
  pollMs: 20,
  onFile: (file) => {
    writeFileSync(marker, file.sha256);
    return new Promise<void>(() => undefined);
  },
});
void folder.start();
