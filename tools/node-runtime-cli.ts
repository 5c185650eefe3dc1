/** `tsx tools/node-runtime-cli.ts` prints the path of Electron's Node line (package.json config), fetching it once. */
import { electronRuntime } from './electron-runtime';
import { nodeRuntime } from './node-runtime';

console.log(nodeRuntime(electronRuntime().node));
