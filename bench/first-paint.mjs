// What the first contentful paint of a cold S load waits for. Four pages load in turn, each in a
// fresh context from the same seeded storage (a returning user's, with the first screen the app
// keeps): this build; the same page with its code taken out (no module script, no wasm: the top
// bar and the kept first screen, painted by the page's own markup and inline scripts alone); that
// page without the kept first screen too (the top bar alone); and the limit (the static page). If
// the page without its code paints no sooner than the build, the first paint does not wait for the
// app's download or start but for the page's own first frame. Medians and every sample, in ms
// from navigation.
//   node bench/first-paint.mjs [dist folder] [loads]   (defaults: dist/, 21 loads)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, dist } from '../e2e/support.mjs';
import { workloads, storageRecords, staticPage } from './workloads.mjs';
import { context, firstContentfulPaint, keptFirstScreen, median } from './run.mjs';

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

const limit = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-first-paint-limit-'));
fs.writeFileSync(path.join(limit, 'index.html'), staticPage(S));
const servers = {
  build: await serve(folder),
  'without its code': await serve(edited(folder, 'the code', withoutCode)),
  'the top bar alone': await serve(edited(folder, 'the code and the first screen', (html) => withoutFirstScreen(withoutCode(html)))),
  limit: await serve(limit),
};
const browser = await launch();

// The storage a returning user has: the records, and the first screen the build keeps (from a
// warm-up load of the build itself).
const records = storageRecords(S);
{
  const warm = await context(browser, new URL(servers.build.url).origin, records);
  const page = await warm.newPage();
  await page.goto(servers.build.url);
  Object.assign(records, await keptFirstScreen(page));
  await warm.close();
}

const names = Object.keys(servers);
const paints = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < loads; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length];
    const { url } = servers[name];
    const ctx = await context(browser, new URL(url).origin, name === 'limit' ? {} : records);
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    paints[name].push(await firstContentfulPaint(page));
    await ctx.close();
  }
}
for (const name of names) {
  console.log(`${name.padEnd(18)} ${median(paints[name]).toFixed(0).padStart(5)} ms   (${paints[name].map((t) => t.toFixed(0)).join(' ')})`);
}
await browser.close();
for (const server of Object.values(servers)) await server.close();
