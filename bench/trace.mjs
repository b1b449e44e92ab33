// What the main thread does during a cold S load, from a Chromium trace: the time of each kind
// of event on the page's main thread (running scripts and wasm, compiling wasm functions when
// first called, style, layout, paint), summed per load, medians-free averages over fresh loads
// after one warm-up, from navigation to the frame after every highlight is drawn.
//   node bench/trace.mjs [dist folder] [loads]   (defaults: dist/, 5 loads)
import { serve, launch, dist } from '../e2e/support.mjs';
import { workloads, storageRecords } from './workloads.mjs';
import { traceOf } from './tracing.mjs';

const folder = process.argv[2] ?? dist;
const loads = Number(process.argv[3] ?? 5);
const { S } = workloads();
const localStorage = Object.entries(storageRecords(S)).map(([name, value]) => ({ name, value }));
const last = S.annotations[S.annotations.length - 1].id;
const SHOWN = ['RunTask', 'FunctionCall', 'wasm.CompileLazy', 'v8.wasm.compileConsume', 'wasm.FinishStreaming', 'EvaluateScript', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'TimerFire', 'MinorGC'];

const server = await serve(folder);
const browser = await launch();
const origin = new URL(server.url).origin;
const sums = new Map();
for (let i = 0; i <= loads; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, storageState: { cookies: [], origins: [{ origin, localStorage }] } });
  const page = await context.newPage();
  const events = await traceOf(page, 'toplevel,v8,devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm', async () => {
    await page.goto(server.url);
    await page.waitForFunction((id) => document.querySelector(`mark[data-ids~="${id}"]`), last);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  });
  await context.close();
  if (i === 0) continue;
  // The page's main thread: the renderer's main thread in the process that parsed the page.
  const parse = events.findLast((e) => e.name === 'ParseHTML');
  const main = events.find((e) => e.name === 'thread_name' && e.pid === parse?.pid && e.args?.name === 'CrRendererMain');
  for (const e of events) {
    if (e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X' && e.dur) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
  }
}
for (const name of SHOWN) console.log(`${name.padEnd(24)} ${((sums.get(name) ?? 0) / loads).toFixed(1)} ms`);
await browser.close();
await server.close();
