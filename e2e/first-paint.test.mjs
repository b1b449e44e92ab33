// The first paint does not wait for the wasm: index.html's shell draws the top bar, and for a
// returning user the first screen the app kept (title, article, highlights); the app draws the
// same in its place, so nothing moves when it takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, watched, ready, screenshot, dragSelect, storedAnnotations } from './support.mjs';

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

for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) test(`${viewport.width} px: a returning user sees the article and its highlights before the wasm arrives, and nothing moves when the app takes over`, async () => {
  const context = await env.browser.newContext({ viewport });
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

  // From the top: where the browser restores a reloaded page's scroll position, it may do so
  // before the app takes over or after (that moment is its own), which this does not compare.
  await page.evaluate(() => scrollTo(0, 0));
  const release = await holdWasm(page);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  assert.equal(await page.locator('.app:not([data-shell])').count(), 0, 'the app has not started');
  const shell = await firstScreen(page);
  assert.ok(shell.some((part) => part.text === 'adamant that Ukraine' && /hl-claim/.test(part.classes)), 'the claim is painted');
  assert.ok(shell.some((part) => part.text === 'prolonged speculation' && /hl-red-line/.test(part.classes)), 'the red line is painted');
  assert.ok(!shell.some((part) => /is-selected/.test(part.classes)), 'nothing is selected at start');
  assert.ok(shell.filter((part) => part.classes === '' && part.text.length > 40).length >= 2, 'the article\'s paragraphs are painted');
  assert.equal(await page.locator('[data-shell] .article').evaluate((a) => a.closest('[inert]') !== null), true, 'the copy cannot be used before the app');
  assert.equal(await page.locator('[data-shell] [data-testid]').count(), 0, 'test ids find only the app');
  await screenshot(page, `first-paint-kept-shell-${viewport.width}`);
  release();
  await page.waitForSelector('.app:not([data-shell]) [data-testid="article"] mark');
  const app = await firstScreen(page);
  await screenshot(page, `first-paint-kept-app-${viewport.width}`);
  assert.deepEqual(shell, app, 'the kept first screen is the app\'s first screen');
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

  // A copy of another document than the one the app opens is not shown.
  await page.evaluate((key) => {
    const kept = JSON.parse(localStorage.getItem(key));
    localStorage.setItem(key, JSON.stringify({ ...kept, document: 'another' }));
  }, KEPT);
  const releaseAgain = await holdWasm(page);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  assert.equal(await page.locator('[data-shell] .article').count(), 0, 'the bar alone');
  releaseAgain();
  await ready(page);
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
