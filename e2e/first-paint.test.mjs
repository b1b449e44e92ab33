// The first paint does not wait for the wasm: index.html's shell draws the top bar, and the app
// draws the same in its place, so nothing moves when it takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, watched, ready, screenshot } from './support.mjs';

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

for (const [name, viewport] of [['desktop', { width: 1400, height: 900 }], ['narrow desktop', { width: 900, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${name}: the top bar paints before the wasm arrives, and stays put when the app takes over`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await watched(context);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
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
