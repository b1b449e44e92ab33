// The app itself offline: its service worker keeps the release's files, so that with the
// network gone (`context.setOffline(true)`) a reload opens the app, which annotates and keeps
// its work; a new release replaces the kept files whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openApp, dragSelect, marks, ready, dist, screenshot, onDemand, tempFile, article, download } from './support.mjs';

const env = {};
let server;
let folder;
before(async () => {
  // A copy of the release of its own, so that a new release can be put in its place.
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-offline-'));
  fs.cpSync(dist, folder, { recursive: true });
  server = await serve(folder);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await server?.close();
});

/** Waits until the service worker controls the page; resolves to the caches it keeps. */
async function kept(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20_000 });
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

/** The icon the page names (a file of the release's own, by name and integrity; the stylesheet
 *  is inlined in the page). */
const icon = (page) => page.evaluate(() => new URL(document.querySelector('link[rel="icon"]').href).pathname);

test('with the network gone, a reload opens the app, which annotates and keeps its work', async () => {
  const { page, context } = await openApp(env.browser, server.url);
  const caches = await kept(page);
  const names = Object.keys(caches);
  assert.equal(names.length, 1, JSON.stringify(caches));
  // Everything but the sync worker's files, which are kept once someone who syncs fetches them.
  // Not the ready compressed copies a host may send in their place: the browser keeps what they decode to.
  const files = fs.readdirSync(folder).filter((f) => f !== 'sw.js' && f !== 'index.html' && !onDemand.test(f) && !/\.(br|gz)$/.test(f)).map((f) => `/${f}`);
  assert.deepEqual(caches[names[0]], ['/', ...files].sort());

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('r');
  await page.locator('[data-testid="article"] mark').first().waitFor();
  // An import offline: the files worker's code was kept at install.
  const quote = 'strong Ukrainian army';
  const at = article.indexOf(quote);
  const selector = { type: 'TextQuoteSelector', exact: quote, prefix: article.slice(at - 32, at), suffix: article.slice(at + quote.length, at + quote.length + 32) };
  const annotation = { '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:uuid:6f1c2a54-8d3e-4b7a-9c1d-2e5f6a7b8c9d', type: 'Annotation', body: [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }], target: { selector } };
  await page.getByLabel('Import JSON').setInputFiles(tempFile('offline.json', JSON.stringify(annotation)));
  await page.getByRole('button', { name: 'Apply to open document' }).click();
  await page.getByTestId('status').getByText('Applied to this document').waitFor();
  await page.reload();
  await ready(page);
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [
    ['Ukraine will not sign any deals', 'red-line'],
    ['strong Ukrainian army', 'claim'],
  ]);
  // An export offline, from a page that has not started the files worker: its code comes from
  // the offline worker too.
  const exported = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.equal(exported.name, 'Security guarantees.annotations.csv');
  assert.match(exported.text, /Ukraine will not sign any deals[^]*strong Ukrainian army/);
  await screenshot(page, 'offline');
  await context.setOffline(false);
  await page.reload();
  await ready(page);
  assert.equal((await marks(page)).length, 2);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a new release replaces the kept files whole: never one release\'s page with another\'s files', async () => {
  const { page, context } = await openApp(env.browser, server.url);
  const first = await kept(page);
  const oldIcon = await icon(page);

  // The next release: its icon changed (so a new name and integrity), its worker new.
  const oldName = path.basename(oldIcon);
  const png = Buffer.concat([fs.readFileSync(path.join(folder, oldName)), Buffer.from('next release')]);
  const newName = oldName.replace(/-[0-9a-f]+\.png$/, '-0000000000000001.png');
  fs.writeFileSync(path.join(folder, newName), png);
  fs.rmSync(path.join(folder, oldName));
  const integrity = `sha384-${crypto.createHash('sha384').update(png).digest('base64')}`;
  const html = fs.readFileSync(path.join(folder, 'index.html'), 'utf8')
    .replace(new RegExp(`(<link[^>]*${oldName}[^>]*integrity=")[^"]*`), `$1${integrity}`)
    .replaceAll(oldName, newName);
  fs.writeFileSync(path.join(folder, 'index.html'), html);
  const built = fs.readFileSync(path.join(folder, 'sw.js'), 'utf8');
  const worker = built.replace(/\bRELEASE\s*=\s*(['"])[^'"]*\1/, 'RELEASE="next-release"').replace(oldName, newName);
  assert.ok(worker !== built && worker.includes('RELEASE="next-release"'), 'the worker names its release');
  fs.writeFileSync(path.join(folder, 'sw.js'), worker);

  // Online, the page is the new release's at once, with the new release's icon.
  await page.reload();
  await ready(page);
  assert.equal(await icon(page), `/${newName}`);
  // The new worker installs its cache, then on activating drops the old one.
  await page.evaluate(() => new Promise((resolve) => {
    const look = async () => {
      const keys = await caches.keys();
      if (keys.length === 1 && keys[0] === 'redline-next-release') resolve();
      else setTimeout(look, 50);
    };
    look();
  }));
  const second = await kept(page);
  assert.deepEqual(Object.keys(second), ['redline-next-release']);
  assert.ok(second['redline-next-release'].includes(`/${newName}`));
  assert.ok(!second['redline-next-release'].includes(oldIcon), 'the old release\'s file is gone with its cache');
  assert.notDeepEqual(Object.keys(first), Object.keys(second));

  // Offline, the kept page is the new release's, and so is every file it asks for.
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal(await icon(page), `/${newName}`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.topbar')).position), 'sticky', 'styled offline');
  assert.deepEqual(page.problems, []);
  await context.close();
});
