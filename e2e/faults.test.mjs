// Storage faults: corrupt values under each kind of key, version-1 data, storage disabled, the
// page closed right after an edit, and a crash. Each ends with the data recoverable and the user told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { withBrowser, openApp, openTabs, watched, dragSelect, marks, stored, storedAnnotations, ready, root, screenshot } from './support.mjs';

const env = withBrowser();

const fixtures = path.join(root, 'crates', 'redline-core', 'tests', 'fixtures');
const fixture = (name) => fs.readFileSync(path.join(fixtures, name), 'utf8');
const TEXT = JSON.parse(fixture('storage-v1-text.json')).text;
const SHA = crypto.createHash('sha256').update(TEXT).digest('hex');
const ID = (n) => `urn:uuid:${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;

/** Storage as version 1 wrote it: the golden fixtures. */
function versionOne() {
  return {
    'redline:library': fixture('storage-v1-library.json'),
    [`redline:text:${SHA}`]: fixture('storage-v1-text.json'),
    [`redline:annotation:${SHA}:${ID(1)}`]: fixture('storage-v1-annotation.json'),
    [`redline:annotation:${SHA}:${ID(2)}`]: fixture('storage-v1-orphan.json'),
    [`redline:annotation:${SHA}:${ID(3)}`]: fixture('storage-v1-deleted.json'),
  };
}

const plant = (records) => (r) => {
  if (!sessionStorage.getItem('planted')) {
    for (const [k, v] of Object.entries(r)) localStorage.setItem(k, v);
    sessionStorage.setItem('planted', '1');
  }
};


test('data written by schema version 1 loads: placed, orphaned and deleted annotations', async () => {
  const records = versionOne();
  const { page, context } = await openApp(env.browser, env.url, { init: { fn: plant(records), arg: records } });
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [['will not cede', 'red-line']]);
  assert.equal(await page.getByTestId('orphan-item').count(), 1);
  assert.equal(await page.getByTestId('alerts').textContent(), '');
  await context.close();
});

for (const [name, key, corrupt] of [
  ['the library', 'redline:library', '{"version":1,"documents":[{"id":'],
  ['a text', `redline:text:${SHA}`, '{"version":1,"sha256":"not-the-hash","text":"changed"}'],
  ['an annotation record', `redline:annotation:${SHA}:${ID(1)}`, '{"version":1,"kind":"annotation","id":"x","label":"blue"}'],
  ['a record from a newer version', `redline:annotation:${SHA}:${ID(2)}`, '{"version":7,"kind":"annotation"}'],
  // A second, older record of the first annotation, under another key: the document opens with
  // the newer one, the older is kept aside.
  ['a duplicate record', `redline:annotation:${SHA}:${ID(4)}`, fixture('storage-v1-annotation.json').replace('"modified":1764000000500', '"modified":1764000000400').replace('kept since version 1', 'an older copy')],
  ['a record whose time is no date', `redline:annotation:${SHA}:${ID(2)}`, fixture('storage-v1-orphan.json').replace(/"created":\d+/, '"created":9223372036854775807')],
]) {
  test(`corrupt ${name}: the app starts, says so, and keeps the raw value under a backup key`, async () => {
    const records = { ...versionOne(), [key]: corrupt };
    const { page, context } = await openApp(env.browser, env.url, { init: { fn: plant(records), arg: records } });
    const alert = page.getByTestId('alerts');
    await alert.getByText('could not be read').waitFor();
    assert.match(await alert.textContent(), new RegExp(key.replace(/[:.]/g, '.')));
    const all = await stored(page);
    const backups = Object.entries(all).filter(([k]) => k.startsWith('redline:backup:'));
    assert.deepEqual(backups.map(([, v]) => v), [corrupt]);
    if (key === 'redline:library') {
      // The list is rebuilt from the stored texts: the document is still there.
      const titles = await page.getByTestId('document-item').allTextContents();
      assert.ok(titles.some((t) => t.startsWith('Recovered: Kyiv will not cede land')), titles.join(' | '));
    }
    // Whatever else was stored is still there, and the app still takes edits; a document whose
    // text is unreadable cannot open, and the app says so and waits for another one.
    if (key.startsWith('redline:text:')) {
      await page.getByText('No document open').waitFor();
      assert.equal(await page.getByTestId('document-item').count(), 1);
      await page.getByRole('button', { name: 'Paste text' }).click();
      await page.getByLabel('Article text').fill('Talks resume on Monday, officials said.');
      await page.getByRole('button', { name: 'Add document' }).click();
    }
    await page.waitForSelector('[data-testid="article"] p');
    const before = (await marks(page)).length;
    const word = (await page.locator('[data-testid="article"] p').first().textContent()).split(' ')[0];
    await dragSelect(page, word);
    await page.keyboard.press('c');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="article"] mark').length > n, before);
    assert.ok((await storedAnnotations(page)).some((a) => a.exact === word), `the claim on "${word}" is stored`);
    await context.close();
  });
}

test('storage disabled: the app works in memory, says so, and offers export', async () => {
  const { page, context } = await openApp(env.browser, env.url, {
    init: () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }),
  });
  await page.getByTestId('alerts').getByText('kept in memory only').waitFor();
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  assert.deepEqual((await marks(page)).map((m) => m.labels), ['claim']);
  const download = page.waitForEvent('download');
  await page.getByTestId('alerts').getByRole('button', { name: 'Export JSON now' }).click();
  const exported = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8'));
  assert.equal(exported.first.items.length, 1);
  await context.close();
});

test('the page closed right after an edit: the edit is there on reopening', async () => {
  const { context, pages: [page] } = await openTabs(env.browser, env.url, 1);
  await dragSelect(page, 'Ukraine will not sign any deals');
  // On a CPU six times slower (a phone's), where drawing the change outlasts a frame.
  await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.keyboard.press('r');
  await page.close({ runBeforeUnload: true });
  const again = await watched(context);
  await again.goto(env.url);
  await ready(again);
  assert.deepEqual((await marks(again)).map((m) => [m.text, m.labels]), [['Ukraine will not sign any deals', 'red-line']]);
  assert.deepEqual([...page.problems, ...again.problems], []);
  await context.close();
});

test('a crash shows a plain message and loses nothing', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  page.problems.length = 0;
  await page.evaluate(() => { try { window.wasmBindings.crash_for_diagnostics(); } catch { /* the app has ended */ } });
  const notice = page.getByTestId('panic-notice');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.textContent(), /Something broke; your data is kept\. Reload/);
  await screenshot(page, 'crash-notice');
  await page.reload();
  await ready(page);
  assert.equal((await storedAnnotations(page)).length, 1);
  assert.deepEqual((await marks(page)).map((m) => m.labels), ['claim']);
  await context.close();
});

test('an app whose code cannot load says so, and keeps the work', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  await page.waitForFunction(() => localStorage.getItem('redline:first-screen')?.includes('hl-claim'));
  await page.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  const notice = page.getByTestId('start-failure');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.textContent(), /could not start.*Your work is kept in this browser; reload/);
  assert.equal(await page.locator('.app:not([data-shell])').count(), 0, 'the app never started');
  await screenshot(page, 'start-failure');
  await page.unroute(/_bg\.wasm$/);
  await page.reload();
  await ready(page);
  assert.equal((await storedAnnotations(page)).length, 1);
  assert.equal(await page.getByTestId('start-failure').count(), 0);
  // A browser that runs no WebAssembly at all is told the same.
  const bare = await context.newPage();
  await bare.addInitScript(() => { delete globalThis.WebAssembly; });
  await bare.goto(env.url);
  await bare.getByTestId('start-failure').waitFor();
  await context.close();
});
