/**
 * The desk's responsiveness while the pipeline works: the real UI in headless Chromium over the
 * browser transport, the real engine with its pipeline (clean-up, tesseract.js OCR, PDF/A).
 *
 * Two interactions, each timed in the page from the input event's own timestamp to the next frame
 * after the DOM shows the result: opening a page in the viewer (click on a thumbnail → the full
 * image loaded in the viewer) and typing in a field (key → the character in the input). Measured
 * first with the engine idle (the reference), then again and again while 20 corpus pages go
 * through the pipeline, whose pages per minute are printed for the same span.
 *
 *   npx tsx bench/desk-ui-latency.bench.ts [--rounds N]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { vi } from '../src/renderer/src/i18n/vi';
import { BENCH_CLERK, CORPUS, corpusPages, median, ms, startBenchApp, worst } from './desk-app';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '12' } } });
const IDLE_ROUNDS = Number(values.rounds);
const TARGET_MS = 100;
const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

/** Records each input event's timestamp, and waits in the page for a condition, then for the next frame. */
const PAGE_HELPERS = `
  window.__lastInput = 0;
  for (const type of ['keydown', 'pointerdown']) document.addEventListener(type, (e) => { window.__lastInput = e.timeStamp; }, true);
  window.__settled = (check) => new Promise((resolve) => {
    const step = () => (check() ? requestAnimationFrame(() => resolve(performance.now() - window.__lastInput)) : requestAnimationFrame(step));
    step();
  });
`;

async function openPage(page: Page, n: number): Promise<number> {
  const alt = fill(vi['viewer.image'], { n });
  const before = await page.evaluate(() => [...document.images].find((i) => i.alt.startsWith('Ảnh trang'))?.src ?? '');
  await page.locator('.document-card').first().locator('.page-thumb').nth(n - 1).locator('.thumb-image').click();
  return page.evaluate(
    ({ alt, before }) => (window as unknown as { __settled(c: () => boolean): Promise<number> }).__settled(() => {
      const img = [...document.images].find((i) => i.alt === alt);
      return !!img && img.src !== before && img.complete && img.naturalWidth > 0;
    }),
    { alt, before },
  );
}

async function typeKey(page: Page, input: ReturnType<Page['locator']>): Promise<number> {
  const length = (await input.inputValue()).length;
  if (length > 40) await input.fill('');
  const expected = length > 40 ? 1 : length + 1;
  await input.press('a');
  return page.evaluate(
    (expected) => (window as unknown as { __settled(c: () => boolean): Promise<number> }).__settled(() => (document.querySelector('.field-edit input') as HTMLInputElement | null)?.value.length === expected),
    expected,
  );
}

const app = await startBenchApp({ serveUi: true });
const browser = await chromium.launch({
  executablePath: ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=vi-VN'],
});
try {
  const { engine } = app;
  const pages = corpusPages();
  const procedure = (await engine.handlers['procedure.list']({}))[0]!;
  const dossier = await engine.handlers['dossier.create']({ procedureCode: procedure.code, applicantName: 'Nguyễn Văn Bình', applicantCccd: '074190000123', receivedDate: '2026-11-23' });
  // Two pages already read, for the clerk to look at and correct while the rest comes in.
  const viewed = (await engine.handlers['document.create']({ dossierId: dossier.id, title: 'Tờ khai' })).id;
  await engine.handlers['document.importFiles']({ documentId: viewed, paths: pages.slice(0, 2).map((p) => join(CORPUS, p.file)) });
  await engine.idle();
  const busy = (await engine.handlers['document.create']({ dossierId: dossier.id, title: 'Giấy tờ kèm theo' })).id;

  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'vi-VN' });
  page.setDefaultTimeout(120_000);
  await page.addInitScript(PAGE_HELPERS);
  await page.goto(app.server!.appUrl);
  await page.locator('input[autocomplete="username"]').fill(BENCH_CLERK.username);
  await page.locator('input[autocomplete="current-password"]').fill(BENCH_CLERK.password);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('button', { name: fill(vi['intake.open'], { code: dossier.code }) }).click();
  await page.locator('.document-card').first().locator('.page-state--read').nth(1).waitFor();
  const nameRow = page.locator('.field-row[data-field="name"]');
  await nameRow.getByRole('button', { name: `${vi['fields.edit']} ${vi['fields.name.name']}` }).click();
  const input = nameRow.locator('input');

  const idle = { open: [] as number[], type: [] as number[] };
  for (let i = 0; i < IDLE_ROUNDS; i++) {
    idle.open.push(await openPage(page, (i % 2) + 1));
    idle.type.push(await typeKey(page, input));
  }

  const started = performance.now();
  await engine.handlers['document.importFiles']({ documentId: busy, paths: pages.map((p) => join(CORPUS, p.file)) });
  const readCount = () => engine.store.pages.ofDocument(busy).filter((p) => p.state === 'read' || p.state === 'failed').length;
  const loaded = { open: [] as number[], type: [] as number[] };
  let i = 0;
  while (readCount() < pages.length) {
    loaded.open.push(await openPage(page, (i % 2) + 1));
    loaded.type.push(await typeKey(page, input));
    i++;
  }
  const minutes = (performance.now() - started) / 60_000;
  await engine.idle();

  const line = (label: string, xs: number[]) => `${label.padEnd(34)} median ${ms(median(xs)).padStart(7)}  worst ${ms(worst(xs)).padStart(7)}  (n=${xs.length})`;
  const out = [
    `corpus pages through the pipeline: ${pages.length}, read in ${(minutes * 60).toFixed(0)} s → ${(pages.length / minutes).toFixed(1)} pages/min (OCR workers and pipeline concurrency at the app's defaults)`,
    line('open page in viewer, engine idle', idle.open),
    line('open page in viewer, pipeline busy', loaded.open),
    line('type in a field, engine idle', idle.type),
    line('type in a field, pipeline busy', loaded.type),
    `ratio busy/idle, open page: median ${(median(loaded.open) / median(idle.open)).toFixed(2)}, worst ${(worst(loaded.open) / worst(idle.open)).toFixed(2)}`,
    `ratio busy/idle, typing:    median ${(median(loaded.type) / median(idle.type)).toFixed(2)}, worst ${(worst(loaded.type) / worst(idle.type)).toFixed(2)}`,
    `target ${TARGET_MS} ms while busy: open page median ${median(loaded.open) <= TARGET_MS ? 'met' : 'NOT met'}, worst ${worst(loaded.open) <= TARGET_MS ? 'met' : 'NOT met'}; typing median ${median(loaded.type) <= TARGET_MS ? 'met' : 'NOT met'}, worst ${worst(loaded.type) <= TARGET_MS ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await browser.close();
  await app.close();
}
