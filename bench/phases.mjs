// Where a cold S load's time goes: the page, its script and its wasm fetched, the kept first
// screen's highlights painted (a build that keeps one), compiling and instantiating, the app's
// article in the DOM, the first contentful paint, every highlight drawn by the app. Medians of
// fresh loads from the storage the app leaves behind (one warm-up load first, which also keeps
// the first screen), in ms from navigation.
//   node bench/phases.mjs [dist folder] [loads]   (defaults: dist/, 11 loads)
import { serve, launch, dist } from '../e2e/support.mjs';
import { workloads, storageRecords } from './workloads.mjs';
import { keptFirstScreen } from './run.mjs';

const folder = process.argv[2] ?? dist;
const loads = Number(process.argv[3] ?? 11);
const { S } = workloads();
const localStorage = Object.entries(storageRecords(S)).map(([name, value]) => ({ name, value }));
const marks = { first: S.annotations[0].id, last: S.annotations[S.annotations.length - 1].id };

/** Page-side: records when each phase ends. */
function probe({ first, last }) {
  window.__phases = {};
  const phases = window.__phases;
  const instantiate = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...args) {
    phases.instantiateStart = performance.now();
    return instantiate.apply(this, args).then((result) => {
      phases.instantiated = performance.now();
      return result;
    });
  };
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="article"] p')) {
      phases.articleInDom = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  // Each at the frame after both the first and the last highlight are in `scope`: the kept
  // first screen's (a build that keeps one), then the app's.
  const track = (scope, key) => {
    const tick = () => {
      const drawn = document.querySelector(`${scope}mark[data-ids~="${first}"]`) && document.querySelector(`${scope}mark[data-ids~="${last}"]`);
      if (drawn) requestAnimationFrame(() => { phases[key] = performance.now(); });
      else if (!phases.highlightsDrawn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  track('[data-shell] ', 'keptHighlights');
  track('.app:not([data-shell]) ', 'highlightsDrawn');
}

const server = await serve(folder);
const browser = await launch();
const origin = new URL(server.url).origin;
const rows = [];
for (let i = 0; i <= loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, storageState: { cookies: [], origins: [{ origin, localStorage }] } });
  const page = await context.newPage();
  await page.addInitScript(probe, marks);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__phases.highlightsDrawn, null, { timeout: 30_000 });
  const row = await page.evaluate(() => new Promise((resolve) => {
    const fetched = (ending) => performance.getEntriesByType('resource').find((r) => r.name.endsWith(ending))?.responseEnd;
    new PerformanceObserver((list, observer) => {
      const paint = list.getEntriesByName('first-contentful-paint')[0];
      if (!paint) return;
      observer.disconnect();
      resolve({
        page: performance.getEntriesByType('navigation')[0].responseEnd,
        script: fetched('.js'),
        wasm: fetched('.wasm'),
        ...window.__phases,
        firstContentfulPaint: paint.startTime,
      });
    }).observe({ type: 'paint', buffered: true });
  }));
  if (i > 0) rows.push(row);
  else for (const [name, value] of Object.entries(await keptFirstScreen(page))) localStorage.push({ name, value });
  await context.close();
}
const median = (key) => {
  const values = rows.map((r) => r[key]).filter(Number.isFinite).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
for (const key of Object.keys(rows[0])) console.log(`${key.padEnd(22)} ${median(key)?.toFixed(1)} ms`);
await browser.close();
await server.close();
