// The first paint does not wait for the wasm: index.html's shell draws the top bar, and for a
// returning user the first screen the app kept (title, article, highlights); the app draws the
// same in its place, so nothing moves when it takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, watched, ready, screenshot, dragSelect, storedAnnotations } from './support.mjs';
import { longReport, storageRecords } from '../bench/workloads.mjs';

const env = withBrowser();

/** Where each visible part of the top bar is, in order: its text and box. */
async function topBar(page) {
  return page.evaluate(() => {
    const bars = document.querySelectorAll('.topbar');
    if (bars.length !== 1) return { bars: bars.length };
    const parts = [...bars[0].querySelectorAll('.brand, button, label')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .map(({ element, box }) => ({
        text: element.textContent.trim(),
        box: [box.x, box.y, box.width, box.height].map((v) => Math.round(v * 2) / 2),
      }));
    const bar = bars[0].getBoundingClientRect();
    return { bars: 1, height: Math.round(bar.height * 2) / 2, parts };
  });
}

/** Holds every request for the wasm back until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Where the article and the document list are: the title, each paragraph and each highlight
 *  on the first screen and each document, with their text and box. */
async function firstScreen(page) {
  return page.evaluate(() => {
    const visible = (element) => {
      const box = element.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight && box.width > 0;
    };
    const describe = (element) => {
      const box = element.getBoundingClientRect();
      return { text: element.textContent.trim().slice(0, 60), classes: element.className, box: [box.x, box.y, box.width, box.height].map((v) => Math.round(v * 2) / 2) };
    };
    const parts = '.article-title, .article p, .article mark, .documents li';
    return [...document.querySelectorAll(parts)].filter(visible).map(describe);
  });
}

const KEPT = 'redline:first-screen';

/** Parts by their text and place only (a selection's classes aside). */
const placed = (parts) => parts.map(({ text, box }) => ({ text, box }));

/** The paragraph at the top of the window, and how far it starts above it, once that has held
 *  for three frames (a long article lays paragraphs out as they come into view). */
const topParagraph = (page) => page.evaluate(() => new Promise((resolve) => {
  let last = '';
  let held = 0;
  const tick = () => {
    const top = [...document.querySelectorAll('.article p')].find((p) => p.getBoundingClientRect().bottom > 0);
    const now = { start: top.dataset.start, above: -top.getBoundingClientRect().top };
    held = JSON.stringify(now) === last ? held + 1 : 0;
    last = JSON.stringify(now);
    if (held >= 3) resolve(now);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}));

for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) test(`${viewport.width} px: a returning user sees the article and its highlights before the wasm arrives, and nothing moves when the app takes over`, async () => {
  // The wasm is held on its way from the network: no offline worker may serve it from its cache
  // (it keeps the release a few seconds after start, within this journey on a slow machine).
  const context = await env.browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await watched(context);
  await page.goto(env.url);
  await ready(page);
  await dragSelect(page, 'adamant that Ukraine');
  await page.keyboard.press('c');
  await dragSelect(page, 'prolonged speculation');
  await page.keyboard.press('r');
  const [claim, red] = (await storedAnnotations(page)).map((a) => a.id);
  // Selected, so that the kept copy must leave the selection out.
  await page.locator(`mark[data-ids~="${red}"]`).first().click();
  await page.waitForFunction(([key, id]) => localStorage.getItem(key)?.includes(id), [KEPT, red]);

  // Reloaded part-way down: the page opens where the reader was, from its first paint.
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  await page.mouse.wheel(0, 500);
  await page.waitForFunction(() => scrollY >= 300);
  const before = placed(await firstScreen(page));
  // Whether the app ever puts its article in the page with a paragraph still empty (a frame of
  // blank paragraphs between the copy and the app's text): looked at after every change to the
  // page, before the browser can paint it. On a CPU four times slower (a phone's), where the
  // app's start outlasts a frame and Yew lets the browser paint in the middle of it.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.emptyParagraphSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('.app:not([data-shell]) [data-testid="article"] p:empty')) window.emptyParagraphSeen = true;
    }).observe(document, { subtree: true, childList: true });
  });
  const release = await holdWasm(page);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  assert.equal(await page.locator('.app:not([data-shell])').count(), 0, 'the app has not started');
  const shell = await firstScreen(page);
  assert.deepEqual(placed(shell), before, 'the copy opens where the reader was');
  assert.equal(await page.locator('[data-shell] mark.hl-claim', { hasText: 'adamant that Ukraine' }).count(), 1, 'the claim is painted');
  assert.equal(await page.locator('[data-shell] mark.hl-red-line', { hasText: 'prolonged speculation' }).count(), 1, 'the red line is painted');
  assert.equal(await page.locator('[data-shell] mark.is-selected').count(), 0, 'nothing is selected at start');
  assert.ok(shell.filter((part) => part.classes === '' && part.text.length > 40).length >= 2, 'the article\'s paragraphs are painted');
  assert.equal(await page.locator('[data-shell] .article').evaluate((a) => a.closest('[inert]') !== null), true, 'the copy cannot be used before the app');
  assert.equal(await page.locator('[data-shell] [data-testid]').count(), 0, 'test ids find only the app');
  await screenshot(page, `first-paint-kept-shell-${viewport.width}`);
  release();
  await page.waitForSelector('.app:not([data-shell]) [data-testid="article"] mark');
  const app = await firstScreen(page);
  await screenshot(page, `first-paint-kept-app-${viewport.width}`);
  assert.deepEqual(shell, app, 'the kept first screen is the app\'s first screen');
  assert.equal(await page.evaluate(() => window.emptyParagraphSeen), false, 'the app\'s article comes with its text');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.equal(await page.locator('[data-shell]').count(), 0, 'the shell is gone');

  // A change forgets the copy in the task that stores it; the settled page keeps a new one.
  await dragSelect(page, 'security guarantees');
  await page.keyboard.press('c');
  const atStore = await page.waitForFunction((key) => {
    const stored = Object.keys(localStorage).filter((k) => k.startsWith('redline:annotation:')).length;
    return stored === 3 && { kept: localStorage.getItem(key) };
  }, KEPT);
  assert.equal((await atStore.jsonValue()).kept, null, 'the copy is forgotten with the change');
  const third = (await storedAnnotations(page)).find((a) => ![claim, red].includes(a.id)).id;
  await page.waitForFunction(([key, id]) => localStorage.getItem(key)?.includes(id), [KEPT, third]);

  // A copy of another document than the one the app opens is not shown, nor one kept by
  // another release (laid out as that one drew it).
  for (const [change, reason] of [[{ document: 'another' }, 'another document'], [{ release: '/redline-annotator-0000000000000000.js' }, 'another release']]) {
    await page.evaluate(([key, change]) => {
      const kept = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...kept, ...change }));
    }, [KEPT, change]);
    const releaseAgain = await holdWasm(page);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    assert.equal(await page.locator('[data-shell] .article').count(), 0, `the bar alone for a copy of ${reason}`);
    releaseAgain();
    await ready(page);
    await page.unrouteAll();
    await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.document?.length > 20 && JSON.parse(localStorage.getItem(key)).release.endsWith('.js'), KEPT);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a long report reloaded part-way down, beyond the kept copy, opens where the reader was', { timeout: 120_000 }, async () => {
  const report = longReport(300_000, 300);
  const localStorage = Object.entries(storageRecords(report)).map(([name, value]) => ({ name, value }));
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, storageState: { cookies: [], origins: [{ origin: new URL(env.url).origin, localStorage }] } });
  const page = await watched(context);
  await page.goto(env.url);
  await ready(page);
  await page.mouse.move(700, 450);
  await page.mouse.wheel(0, 60_000);
  await page.waitForFunction(() => Number([...document.querySelectorAll('.article p')].find((p) => p.getBoundingClientRect().bottom > 0)?.dataset.start) > 100_000);
  const before = await topParagraph(page);
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, KEPT);
  await page.reload();
  await ready(page);
  await page.waitForFunction((start) => [...document.querySelectorAll('.app:not([data-shell]) .article p')].find((p) => p.getBoundingClientRect().bottom > 0)?.dataset.start === start, before.start);
  const after = await topParagraph(page);
  assert.equal(after.start, before.start);
  assert.ok(Math.abs(after.above - before.above) <= 1, `${after.above} px into the paragraph, ${before.above} before`);
  // Coming to the app anew in the same tab (not a reload) opens it at the top, as the browser
  // does for any page, though the position was kept when the page went away.
  await page.goto(env.url);
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('.app:not([data-shell]) .article p').length > 100);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  assert.equal(await page.evaluate(() => scrollY), 0, 'an ordinary visit went back to the last position');
  await page.mouse.wheel(0, 60_000);
  await page.waitForFunction(() => scrollY > 0);
  // A reader who scrolls back to the top and reloads starts there.
  await page.keyboard.press('Home');
  await page.waitForFunction(() => scrollY === 0);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('.app:not([data-shell]) .article p').length > 100);
  assert.equal(await page.evaluate(() => scrollY), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

for (const [name, viewport] of [['desktop', { width: 1400, height: 900 }], ['narrow desktop', { width: 900, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${name}: the top bar paints before the wasm arrives, and stays put when the app takes over`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await watched(context);
    const release = await holdWasm(page);
    await page.goto(env.url);
    await page.waitForSelector('[data-shell] .topbar');
    // Painted while the wasm is still held back.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="article"]')), null, 'the app has not started');
    const shell = await topBar(page);
    await screenshot(page, `first-paint-shell-${viewport.width}`);
    release();
    await ready(page);
    assert.equal(await page.locator('[data-shell]').count(), 0, 'the shell is gone');
    const app = await topBar(page);
    await screenshot(page, `first-paint-app-${viewport.width}`);
    assert.deepEqual(shell, app, 'the shell draws the top bar exactly as the app does');
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}
