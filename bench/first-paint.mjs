// What the first contentful paint of a cold S load waits for. Five pages load in turn, each in a
// fresh context from the same seeded storage (a returning user's, with the first screen the app
// keeps): this build; the same page with its code taken out (no module script, no wasm: the top
// bar and the kept first screen, painted by the page's own markup and inline scripts alone); the
// first screen alone (the bar and the kept first screen as plain markup under the page's
// stylesheet, in a page with nothing else: no links, no scripts, no storage read); the page
// without its code nor the kept first screen (the top bar alone); and the limit (the static
// page). If the page without its code paints no sooner than the build, the first paint does not
// wait for the app's download or start but for the page's own first frame; the first screen alone
// is as soon as any page can paint what the app's first screen shows.
//
// Each load is traced, and the trace says where its time before the paint went: when the page's
// response arrived and its first frame began, the main thread's parsing (with the inline scripts
// and stylesheet in it), scripts, style, layout and paint, and the raster workers' time, all up to
// the first contentful paint. Medians, in ms from navigation, and every paint.
//   node bench/first-paint.mjs [dist folder] [loads]   (defaults: dist/, 21 loads)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, dist } from '../e2e/support.mjs';
import { workloads, storageRecords, staticPage } from './workloads.mjs';
import { context, firstContentfulPaint, keptFirstScreen, median } from './run.mjs';
import { traceOf } from './tracing.mjs';

const folder = path.resolve(process.argv[2] ?? dist);
const loads = Number(process.argv[3] ?? 21);
const { S } = workloads();

/** A copy of `folder` whose page is `edit`ed; `what` names the edit, for the error if it finds
 *  nothing to change. */
function edited(folder, what, edit) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-first-paint-'));
  fs.cpSync(folder, copy, { recursive: true });
  const page = path.join(copy, 'index.html');
  const html = fs.readFileSync(page, 'utf8');
  const changed = edit(html);
  if (changed === html) throw new Error(`${page}: nothing to change for ${what}`);
  fs.writeFileSync(page, changed);
  return copy;
}

/** None of the app's code: the module script and the wasm's preload taken out (the script's own
 *  preload stays, as the kept first screen names its release by it). */
const withoutCode = (html) => html.replace(/<script type="module">[\s\S]*?<\/script>/, '').replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/, '');
/** Nor the kept first screen: the inline script that puts it in (it reads `redline:first-screen`). */
const withoutFirstScreen = (html) => html.replace(/<script>[^<]*redline:first-screen[^<]*<\/script>/, '');

/** The page's stylesheet and top bar, and the kept first screen, as the only markup of a page. */
function firstScreenAlone(folder, kept) {
  const html = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
  const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-first-paint-alone-'));
  const stylesheet = html.match(/<style[^>]*>[\s\S]*?<\/style>/)[0];
  const bar = html.match(/<header class="topbar">[\s\S]*?<\/header>/)[0];
  const title = html.match(/<title>[\s\S]*?<\/title>/)[0];
  fs.writeFileSync(path.join(alone, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">${title}${stylesheet}</head>`
    + `<body><div id="app"><div class="app">${bar}${JSON.parse(kept).html}</div></div></body></html>`);
  return alone;
}

const build = await serve(folder);
const browser = await launch();

// The storage a returning user has: the records, and the first screen the build keeps (from a
// warm-up load of the build itself).
const records = storageRecords(S);
{
  const warm = await context(browser, new URL(build.url).origin, records);
  const page = await warm.newPage();
  await page.goto(build.url);
  Object.assign(records, await keptFirstScreen(page));
  await warm.close();
}

const limit = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-first-paint-limit-'));
fs.writeFileSync(path.join(limit, 'index.html'), staticPage(S));
const servers = {
  build,
  'without its code': await serve(edited(folder, 'the code', withoutCode)),
  'the first screen alone': await serve(firstScreenAlone(folder, records['redline:first-screen'])),
  'the top bar alone': await serve(edited(folder, 'the code and the first screen', (html) => withoutFirstScreen(withoutCode(html)))),
  limit: await serve(limit),
};

const CATEGORIES = 'toplevel,blink,loading,devtools.timeline,disabled-by-default-devtools.timeline,cc,viz,blink.user_timing';

/** Where a traced load's time before its first contentful paint went, in ms. */
function phases(events, url) {
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'))?.ts;
  // The page's renderer: the process that asked for the page.
  const pid = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url)?.pid;
  const paint = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid)?.ts;
  const response = events.find((e) => e.name === 'ResourceReceiveResponse' && e.pid === pid)?.ts;
  if (start == null || pid == null || paint == null || response == null) return null;
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const onMain = (e) => e.pid === pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain';
  const spent = (name, where = onMain) => events
    .filter((e) => e.ph === 'X' && e.name === name && e.ts >= start && e.ts < paint && where(e))
    .reduce((sum, e) => sum + e.dur / 1000, 0);
  const frame = events.find((e) => onMain(e) && e.name === 'ProxyMain::BeginMainFrame' && e.ts > response && e.dur > 1000)?.ts;
  return {
    response: (response - start) / 1000,
    'first frame': frame == null ? NaN : (frame - start) / 1000,
    parsing: spent('ParseHTML'),
    scripts: spent('EvaluateScript'),
    style: spent('UpdateLayoutTree'),
    layout: spent('Layout'),
    paint: spent('Paint'),
    raster: spent('RasterizerTaskImpl::RunOnWorkerThread', (e) => e.pid === pid),
  };
}

const names = Object.keys(servers);
const paints = Object.fromEntries(names.map((name) => [name, []]));
const traced = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < loads; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    const { url } = servers[name];
    const ctx = await context(browser, new URL(url).origin, name === 'limit' ? {} : records);
    const page = await ctx.newPage();
    const events = await traceOf(page, CATEGORIES, async () => {
      await page.goto(url, { waitUntil: 'commit' });
      paints[name].push(await firstContentfulPaint(page));
    });
    const found = phases(events, url);
    if (found) traced[name].push(found);
    await ctx.close();
  }
}
const columns = Object.keys(traced.limit[0] ?? {});
console.log(`${'page'.padEnd(24)} ${'paint'.padStart(6)}${columns.map((c) => c.padStart(13)).join('')}`);
for (const name of names) {
  const figures = columns.map((c) => median(traced[name].map((t) => t[c])).toFixed(1).padStart(13)).join('');
  console.log(`${name.padEnd(24)} ${median(paints[name]).toFixed(0).padStart(6)}${figures}`);
}
console.log('\nEvery first contentful paint, in the order loaded:');
for (const name of names) console.log(`${name.padEnd(24)} ${paints[name].map((t) => t.toFixed(0)).join(' ')}`);
await browser.close();
for (const server of Object.values(servers)) await server.close();
