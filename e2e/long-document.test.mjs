// A long document opens and exports without holding the page: a 1 MB article drawn over a few
// frames, start first; 5,000 annotations exported in the files worker into a file that is whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withBrowser, openApp, tempFile, outputDir, slowdown } from './support.mjs';
import { longReport, storageRecords } from '../bench/workloads.mjs';

const env = withBrowser();
const report = longReport(1_000_000, 5000);

/** Records every frame's time, and how many paragraphs it showed, from now on. */
const recordFrames = () => {
  window.__frames = [];
  window.__drawn = [];
  const tick = (t) => {
    window.__frames.push(t);
    const article = document.querySelector('[data-testid="article"]');
    window.__drawn.push([article?.firstElementChild?.textContent.slice(0, 40), article?.children.length ?? 0]);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** The longest gap between two frames since `from`, after one frame more. */
async function longestGap(page, from) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate((from) => {
    const frames = window.__frames.filter((t) => t >= from);
    return Math.round(Math.max(...frames.slice(1).map((t, i) => t - frames[i])));
  }, from);
}

/** What the journeys measured, for the closing notes: `e2e/output/long-document.json`. */
const figures = {};
const record = (name, value) => {
  figures[name] = value;
  fs.writeFileSync(path.join(outputDir, 'long-document.json'), `${JSON.stringify(figures, null, 2)}\n`);
};

/** Before the app starts: the storage `records` (once per tab), and a hold on the page's wasm
 *  memory (`window.__wasmMemory`), which grows to hold what passes through the page. */
function seed(records) {
  if (!sessionStorage.getItem('seeded')) {
    for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
    sessionStorage.setItem('seeded', '1');
  }
  addEventListener('TrunkApplicationStarted', (event) => { window.__wasmMemory = event.detail.wasm.memory; });
}

test('a 1 MB article opens from a file with the page drawing throughout, every paragraph in the end', { timeout: 120_000 }, async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await page.evaluate(recordFrames);
  const started = await page.evaluate(() => performance.now());
  await page.getByLabel('Open article').setInputFiles(tempFile('Long report.txt', report.text));
  const paragraphs = report.text.split('\n').filter(Boolean);
  const last = paragraphs.at(-1);
  await page.waitForFunction((last) => document.querySelector('[data-testid="article"] p:last-child')?.textContent === last, last, { timeout: 60_000 });
  assert.equal(await page.locator('[data-testid="article"] p').count(), paragraphs.length);
  const gap = await longestGap(page, started);
  record('open 1 MB text', { longestFrameGapMs: gap });
  // One long frame of about 200 ms before the article was drawn a part per frame.
  const slower = await slowdown(page);
  assert.ok(gap <= 150 * slower, `the longest gap between frames while opening was ${gap} ms (bound ${Math.round(150 * slower)} ms here)`);
  // The report's start was on screen before its end was in the page.
  const drawing = (await page.evaluate(() => window.__drawn)).filter(([first]) => first === paragraphs[0].slice(0, 40)).map(([, count]) => count);
  assert.ok(drawing.some((count) => count < paragraphs.length), `paragraphs drawn frame by frame: ${drawing.join(' ')}`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('5,000 annotations export in the files worker into one whole file, the page drawing throughout', { timeout: 120_000 }, async () => {
  const { page, context } = await openApp(env.browser, env.url, { init: { fn: seed, arg: storageRecords(report) } });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="article"] mark').length >= n, report.annotations.length, { timeout: 60_000 });
  // Found before the frames are timed: finding a button by its role walks the whole page (5,000
  // marks), work of the test's and not the app's.
  const exportButton = await page.getByRole('button', { name: 'Export JSON', exact: true }).elementHandle();
  // Timed as the rest of a visit runs, as the benchmark times interactions: after the offline
  // worker's one fill of its cache with the release (three seconds after start), whose fetching
  // and writing share this machine's two cores with the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.evaluate(recordFrames);
  const started = await page.evaluate(() => performance.now());
  const download = page.waitForEvent('download');
  await exportButton.click();
  const downloaded = await download;
  const tookMs = Math.round((await page.evaluate(() => performance.now())) - started);
  const file = await downloaded.path();
  const gap = await longestGap(page, started);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  record('export 5,000 annotations', { longestFrameGapMs: gap, clickToDownloadMs: tookMs });
  assert.equal(exported.document.text, report.text);
  assert.equal(exported.first.items.length, report.annotations.length);
  assert.deepEqual(exported.first.items.map((item) => item.id).sort(), report.annotations.map((a) => a.id).sort());
  // Written whole on the page, it held the page for 183 ms on a machine twice as slow as the
  // bound's (one gap of 50 ms written a slice at a time there, and about as long in the worker:
  // the page's share is sending the document's records).
  const slower = await slowdown(page);
  assert.ok(gap <= 75 * slower, `the longest gap between frames while exporting was ${gap} ms (bound ${Math.round(75 * slower)} ms here)`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('Copy JSON puts the export of 5,000 annotations on the clipboard without reading it into the page', { timeout: 120_000 }, async () => {
  const { page, context } = await openApp(env.browser, env.url, { init: { fn: seed, arg: storageRecords(report) } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="article"] mark').length >= n, report.annotations.length, { timeout: 60_000 });
  const memory = () => page.evaluate(() => window.__wasmMemory.buffer.byteLength);
  const before = await memory();
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await page.getByText('Copied the JSON export to the clipboard.').waitFor({ timeout: 60_000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const exported = JSON.parse(copied);
  assert.equal(exported.document.text, report.text);
  assert.equal(exported.first.items.length, report.annotations.length);
  // The export went from the files worker to the clipboard as a blob: the page's memory grew by
  // what it sent the worker (the document's records, about 1.4 times the export here), not also
  // by the export read back as a string (4.4 times, when it was).
  const grown = (await memory()) - before;
  record('Copy JSON of 5,000 annotations', { exportBytes: copied.length, wasmMemoryGrownBytes: grown });
  assert.ok(grown < 2 * copied.length, `the page's wasm memory grew by ${grown} bytes for an export of ${copied.length}`);
  assert.deepEqual(page.problems, []);
  await context.close();
});
