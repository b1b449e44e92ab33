// The chain works: the release build loads in Chromium and shows the bundled article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, screenshot, article } from './support.mjs';

const env = withBrowser();

test('the bundled article is shown, one paragraph per line, with no console error', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  const firstSentence = article.split('. ')[0];
  assert.ok(await page.getByText(firstSentence, { exact: false }).first().isVisible());
  const paragraphs = await page.$$eval('[data-testid="article"] p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(paragraphs, article.split('\n').filter((line) => line.length > 0));
  await screenshot(page, 'smoke-main');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});
