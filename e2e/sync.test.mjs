// Working as a team: analysts in separate browsers (separate storage) sync one document through
// the real team server (`@y/websocket-server`, started and killed here as a process). They
// converge with nothing lost through concurrent work, a server crash, time offline and a late
// joiner; a hostile peer speaking the protocol breaks nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withBrowser, openApp, watched, ready, dragSelect, marks, screenshot, outputDir } from './support.mjs';
import { startSyncServer } from './sync-server.mjs';
import { joinRoom } from './hostile-peer.mjs';

const env = withBrowser();
let server;
before(async () => { server = await startSyncServer(); });
after(async () => { await server?.kill(); });

const TITLE = 'Ceasefire talks, day two';
// Emoji, a combining accent, Arabic and CRLF: offsets must survive the trip through the room.
const TEXT = [
  'Kyiv will not cede any territory 😀 beyond the line, the minister said.',
  'Moscow insists the talks résumé only after a freeze along current positions.',
  'الوفد الأوكراني رفض الاقتراح and the mediators asked for a pause.',
  'Both sides agreed to exchange prisoners before the winter.',
].join('\r\n');

const status = (page) => page.getByTestId('sync-status');
const waitState = (page, state, timeout = 15_000) =>
  page.waitForSelector(`[data-testid="sync-status"][data-state="${state}"]`, { timeout });

async function pasteArticle(page) {
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByLabel('Article text').fill(TEXT);
  await page.getByLabel('Title (optional)').fill(TITLE);
  await page.getByRole('button', { name: 'Add document' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

/** Connects the open document to the server as `name`; resolves to the share link. */
async function share(page, name) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByLabel('Server').fill(server.url);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitState(page, 'connected');
  const link = await page.getByLabel('Link').inputValue();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  return link;
}

async function annotate(page, phrase, key) {
  await dragSelect(page, phrase);
  await page.keyboard.press(key);
  await page.waitForFunction((p) => [...document.querySelectorAll('[data-testid="article"] mark')].some((m) => m.textContent.includes(p.split(' ')[0])), phrase);
}

/** The open document's stored records (annotations, deletions, relations) by id. */
async function records(page) {
  return page.evaluate(() => {
    const library = JSON.parse(localStorage.getItem('redline:library'));
    const prefix = `redline:annotation:${library.open}:`;
    const all = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(prefix)) all[key.slice(prefix.length)] = JSON.parse(localStorage.getItem(key));
    }
    return all;
  });
}

/** Waits until every page stores the same records, `count` of them live annotations. */
async function converged(pages, count, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const all = await Promise.all(pages.map(records));
    const live = all.map((r) => Object.values(r).filter((x) => x.kind === 'annotation').length);
    const same = all.every((r) => JSON.stringify(sorted(r)) === JSON.stringify(sorted(all[0])));
    if (same && live.every((n) => n === count)) return all[0];
    if (Date.now() > deadline) assert.fail(`not converged: live ${live.join(', ')}, same ${same}`);
    await pages[0].waitForTimeout(100);
  }
}
const sorted = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)));

const markTexts = async (page) => (await marks(page)).map((m) => m.text).sort();

test('a user who never syncs never fetches the sync code', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  const fetched = [];
  context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.evaluate(() => navigator.serviceWorker.ready);
  await annotate(page, 'security guarantees to the nation', 'c');
  await page.reload();
  await page.waitForSelector('[data-testid="article"] mark');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  assert.ok(fetched.some((p) => p.endsWith('.wasm')), 'requests are seen');
  assert.deepEqual(fetched.filter((p) => p.includes('redline-sync')), []);
  // Connecting is what fetches it.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByLabel('Server').fill(server.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitState(page, 'connected');
  assert.ok(fetched.some((p) => p.endsWith('redline-sync_bg.wasm')));
  await context.close();
});

test('sync code that cannot be fetched is tried again until it loads, with no word from the browser', async () => {
  // No offline worker to answer from its copy, and the browser never says it was offline: a
  // server that failed to send the code, then sends it.
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
  let refused = 0;
  await context.route(/redline-sync[._]/, (route) => (refused < 2 ? (refused++, route.abort()) : route.continue()));
  const page = await watched(context);
  await page.goto(env.url);
  await ready(page);
  await pasteArticle(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByLabel('Server').fill(server.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForFunction(() => /could not be loaded; trying again/.test(document.querySelector('[data-testid="sync-status"]')?.title));
  await waitState(page, 'connected');
  assert.equal(refused, 2);
  // The failed loads were the browser's to report; nothing else went wrong.
  assert.deepEqual(page.problems.filter((p) => !/redline-sync|net::ERR_FAILED/.test(p)), []);
  await context.close();
});

test('two analysts annotate, relate and delete at once, and converge', async () => {
  const a = await openApp(env.browser, env.url);
  await pasteArticle(a.page);
  await annotate(a.page, 'will not cede any territory 😀', 'r');
  const link = await share(a.page, 'Olena');
  assert.match(link, /#room=[0-9a-f]{32}&doc=[0-9a-f]{64}&server=ws:\/\/127\.0\.0\.1:\d+$/);

  // Bob opens the link in his own browser: the document, which he did not have, arrives.
  const b = await openApp(env.browser, link);
  await b.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await waitState(b.page, 'connected');
  assert.equal(new URL(b.page.url()).hash, '', 'the room leaves the address bar once joined');
  assert.deepEqual(await b.page.$$eval('[data-testid="article"] p', (ps) => ps.map((p) => p.textContent)), TEXT.split('\r\n'));
  await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="article"] mark').length === 1);
  await a.page.waitForSelector('[data-testid="sync-status"][data-peers="1"]');
  await b.page.getByTestId('sync-status').click();
  assert.deepEqual(await b.page.getByTestId('sync-peer').allTextContents(), ['Olena']);
  await b.page.getByRole('button', { name: 'Close', exact: true }).click();

  // At once: each marks two phrases.
  await Promise.all([
    (async () => {
      await annotate(a.page, 'freeze along current positions', 'c');
      await annotate(a.page, 'exchange prisoners', 'c');
    })(),
    (async () => {
      await annotate(b.page, 'الوفد الأوكراني', 'r');
      await annotate(b.page, 'résumé only after', 'c');
    })(),
  ]);
  await converged([a.page, b.page], 5);

  // Bob is dragging a selection when Olena's change arrives: his selection is not disturbed,
  // and her change shows once he lets go.
  await dragSelect(b.page, 'mediators asked for a pause');
  await b.page.mouse.move(10, 10);
  const box = await b.page.locator('[data-testid="article"] p').nth(3).boundingBox();
  await b.page.mouse.move(box.x + 4, box.y + box.height / 2);
  await b.page.mouse.down();
  await b.page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 5 });
  await annotate(a.page, 'minister said', 'c');
  await a.page.waitForTimeout(300);
  assert.equal((await marks(b.page)).filter((m) => m.text.includes('minister')).length, 0, 'held while Bob selects');
  await b.page.mouse.up();
  const held = await b.page.evaluate(() => String(getSelection()));
  assert.ok(held.length > 3, `Bob's selection is still there: ${JSON.stringify(held)}`);
  await b.page.evaluate(() => getSelection().removeAllRanges());
  await converged([a.page, b.page], 6);

  // Olena relates two; Bob deletes one of hers, at the same time.
  const claim = (await marks(a.page)).find((m) => m.text.includes('exchange')).ids;
  await a.page.locator(`[data-testid="article"] mark[data-ids="${claim}"]`).first().click();
  await a.page.getByLabel('Relation', { exact: true }).selectOption('contests');
  const options = await a.page.getByLabel('Target', { exact: true }).locator('option').allTextContents();
  const target = options.find((o) => o.includes('will not cede'));
  await Promise.all([
    (async () => {
      await a.page.getByLabel('Target', { exact: true }).selectOption({ label: target });
      await a.page.getByRole('button', { name: 'Add relation' }).click();
    })(),
    (async () => {
      const gone = (await marks(b.page)).find((m) => m.text.includes('minister')).ids;
      await b.page.locator(`[data-testid="article"] mark[data-ids="${gone}"]`).first().click();
      await b.page.getByRole('button', { name: 'Delete annotation' }).click();
    })(),
  ]);
  const final = await converged([a.page, b.page], 5);
  assert.equal(Object.values(final).filter((r) => r.kind === 'relation').length, 1);
  assert.equal(Object.values(final).filter((r) => r.kind === 'deleted').length, 1);
  assert.deepEqual(await markTexts(a.page), await markTexts(b.page));
  await screenshot(a.page, 'sync-two-analysts');
  await a.page.getByRole('button', { name: 'Share', exact: true }).click();
  await screenshot(a.page, 'sync-share-dialog');
  await a.page.getByRole('button', { name: 'Close', exact: true }).click();

  // Olena opens another document: she leaves the room; she shares that one in a room of its
  // own, which gets nothing of the first; opening the first again rejoins its room.
  await a.page.getByTestId('document-item').filter({ hasText: 'Security' }).getByRole('button').first().click();
  await a.page.waitForSelector('[data-testid="sync-status"]', { state: 'detached' });
  await b.page.waitForSelector('[data-testid="sync-status"][data-peers="0"]');
  const second = await share(a.page, 'Olena');
  assert.notEqual(new URL(second).hash, new URL(link).hash);
  const c = await openApp(env.browser, second);
  await c.page.getByRole('heading', { level: 1, name: 'Security guarantees' }).waitFor();
  await waitState(c.page, 'connected');
  assert.equal(await c.page.getByTestId('annotation-item').count(), 0, 'nothing of the first room came along');
  await c.context.close();
  await a.page.getByTestId('document-item').filter({ hasText: 'Ceasefire' }).getByRole('button').first().click();
  await waitState(a.page, 'connected');
  await b.page.waitForSelector('[data-testid="sync-status"][data-peers="1"]');
  assert.deepEqual([...a.page.problems, ...b.page.problems], []);
  await a.context.close();
  await b.context.close();
});

test('the server crashes, an analyst works offline, a colleague joins late: nothing is lost', async () => {
  const a = await openApp(env.browser, env.url);
  await pasteArticle(a.page);
  const link = await share(a.page, 'Olena');
  const b = await openApp(env.browser, link);
  await b.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await waitState(b.page, 'connected');
  await annotate(a.page, 'will not cede', 'r');
  await converged([a.page, b.page], 1);

  // The server is killed mid-session: both keep working, and say what has not been sent.
  await server.kill();
  await Promise.all([waitState(a.page, 'offline'), waitState(b.page, 'offline')]);
  await annotate(a.page, 'freeze along current positions', 'c');
  await annotate(b.page, 'exchange prisoners', 'c');
  await a.page.waitForSelector('[data-testid="sync-status"][data-pending="1"]');
  assert.match(await status(a.page).textContent(), /1 not sent/);
  await screenshot(a.page, 'sync-offline');
  await server.start();
  await Promise.all([waitState(a.page, 'connected'), waitState(b.page, 'connected')]);
  await converged([a.page, b.page], 3);
  assert.equal(await a.page.getAttribute('[data-testid="sync-status"]', 'data-pending'), '0');

  // Olena's browser goes offline for a while; she works on, and it merges on return. Her offline
  // worker has kept the release and, as she syncs, the sync code (a few seconds after the page
  // started: the reload below needs them).
  // (waitForFunction takes no asynchronous condition: a promise counts as true at once.)
  await a.page.evaluate(async () => {
    const keeps = async () => {
      if (!navigator.serviceWorker?.controller) return false;
      const opened = await Promise.all((await caches.keys()).map((name) => caches.open(name)));
      const urls = (await Promise.all(opened.map((cache) => cache.keys()))).flat().map((request) => request.url);
      return urls.some((url) => url.endsWith('redline-sync_bg.wasm'));
    };
    for (const started = performance.now(); !(await keeps());) {
      if (performance.now() - started > 20_000) throw new Error('the offline worker did not keep the release and the sync code');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await a.context.setOffline(true);
  await waitState(a.page, 'offline');
  await annotate(a.page, 'mediators asked', 'c');
  // The reason shown is the browser's, kept through the worker's replies (the closed socket,
  // the change it now holds).
  await a.page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.dataset.pending === '1');
  assert.match(await a.page.getByTestId('sync-status').getAttribute('title'), /This browser is offline/);
  await annotate(b.page, 'الوفد الأوكراني', 'r');
  const gone = (await marks(a.page)).find((m) => m.text.includes('freeze')).ids;
  await a.page.locator(`[data-testid="article"] mark[data-ids="${gone}"]`).first().click();
  await a.page.getByRole('button', { name: 'Delete annotation' }).click();
  await a.page.reload();
  await a.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  // The sync code was kept for this user: reloaded offline, the room is tried, not the code.
  await waitState(a.page, 'offline');
  assert.match(await status(a.page).getAttribute('title'), /cannot be reached/);
  await a.context.setOffline(false);
  await waitState(a.page, 'connected');
  const final = await converged([a.page, b.page], 4);

  // Everyone leaves; the server restarts from its data; a colleague opens the link later.
  await a.context.close();
  await b.context.close();
  await server.kill();
  await server.start();
  const c = await openApp(env.browser, link);
  await c.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await waitState(c.page, 'connected');
  const late = await converged([c.page], 4);
  assert.deepEqual(sorted(late), sorted(final));
  assert.deepEqual(c.page.problems, []);
  await c.context.close();
});

test('a hostile peer sends malformed, oversized and forged records: nothing breaks', async () => {
  const a = await openApp(env.browser, env.url);
  await pasteArticle(a.page);
  await annotate(a.page, 'will not cede', 'r');
  await annotate(a.page, 'exchange prisoners', 'c');
  const link = await share(a.page, 'Olena');
  const fragment = new URL(link).hash.slice(1);
  const room = Object.fromEntries(fragment.split('&').map((pair) => pair.split('=')));
  const peer = await joinRoom(`${room.server}/${room.room}`, {
    name: `<img src=x onerror="window.__owned=1">${'x'.repeat(500)}`,
    color: 'red;background:url(http://127.0.0.1:9/x)',
  });
  await a.page.waitForSelector('[data-testid="sync-status"][data-peers="1"]');

  const before = await records(a.page);
  const [mine, other] = Object.entries(before).map(([id, r]) => ({ id, ...r }));
  const raw = (record) => JSON.stringify(record);
  const copy = (changes) => ({ ...mine, ...changes });
  const fresh = (n) => `urn:uuid:00000000-0000-4000-8000-00000000000${n}`;
  peer.doc.transact(() => {
    peer.records.set(fresh(1), 42);
    peer.records.set(fresh(2), '{"version":2,');
    peer.records.set(fresh(3), raw(copy({ id: fresh(3), note: 'x'.repeat(400_000) })));
    peer.records.set(fresh(4), raw(copy({ id: fresh(5) })));
    peer.records.set(fresh(6), raw(copy({ id: fresh(6), start: 5, end: 99_999 })));
    peer.records.set(mine.id, raw({ version: 2, kind: 'deleted', id: mine.id, at: 253_402_300_799_000 }));
    peer.records.set(other.id, raw({ ...other, note: 'older and forged', modified: other.modified - 1000 }));
    peer.records.set(fresh(7), raw(copy({ id: fresh(7), note: 'a fair record', modified: Date.now() })));
  });
  // Garbage straight onto the socket, too.
  peer.sendRaw(new Uint8Array([0, 2, 250, 250, 250]));
  peer.sendRaw(new Uint8Array([9, 9, 9]));

  await a.page.getByRole('alert').filter({ hasText: 'Ignored' }).waitFor();
  const notice = await a.page.getByRole('alert').filter({ hasText: 'Ignored' }).textContent();
  assert.match(notice, /Ignored 6 records from the room/);
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-item"]').length === 3);
  const after = await records(a.page);
  assert.equal(after[mine.id].kind, 'annotation', 'a deletion dated in the year 9999 is refused');
  assert.equal(after[other.id].note, other.note, 'an older copy does not overwrite newer work');
  assert.equal(after[fresh(7)].note, 'a fair record');
  // The room gets the newer copy back.
  await a.page.waitForTimeout(200);
  await waitFor(() => JSON.parse(peer.records.get(other.id)).note === other.note);
  // The peer's name is text, cut short; its colour never reaches a style.
  await a.page.getByTestId('sync-status').click();
  const shown = await a.page.getByTestId('sync-peer').textContent();
  assert.equal(shown.trim().length, 40);
  assert.equal(await a.page.evaluate(() => window.__owned), undefined);
  await a.page.getByRole('button', { name: 'Close', exact: true }).click();

  // The peer swaps the room's text: the room is refused and sync turned off; the work stays.
  peer.document.set('text', JSON.stringify({ version: 1, sha256: '0'.repeat(64), text: 'Another text.' }));
  await a.page.getByRole('alert').filter({ hasText: 'This room cannot be used' }).waitFor();
  await a.page.waitForSelector('[data-testid="sync-status"]', { state: 'detached' });
  assert.equal(await a.page.getByTestId('annotation-item').count(), 3);
  await a.page.reload();
  await a.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  assert.equal(await a.page.getByTestId('sync-status').count(), 0, 'a refused room is not rejoined on reload');
  assert.equal(await a.page.getByTestId('panic-notice').count(), 0);
  assert.deepEqual(a.page.problems, []);
  await peer.close();
  await a.context.close();
});

async function waitFor(condition, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
