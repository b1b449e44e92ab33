// Deployed under a sub-path, as GitHub Pages and most intranet hosts serve a project: the
// release built with `--public-url /annotator/` (make release builds it into dist-subpath/),
// served at /annotator/ by a plain static server, loads and takes annotations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openApp, dragSelect, marks, storedAnnotations, screenshot, root } from './support.mjs';

const env = {};
let server;
before(async () => {
  // Nothing at the root: only /annotator/ holds the app.
  server = await serve(path.join(root, 'e2e'), { '/annotator/': path.join(root, 'dist-subpath') });
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await server?.close();
});

test('the app served under /annotator/ loads, annotates and keeps its work', async () => {
  const url = `${server.url}annotator/`;
  const { page, context } = await openApp(env.browser, url);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('r');
  await page.locator('[data-testid="article"] mark').first().waitFor();
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [['Ukraine will not sign any deals', 'red-line']]);
  await page.reload();
  await page.locator('[data-testid="article"] mark').first().waitFor();
  assert.equal((await storedAnnotations(page)).length, 1);
  await screenshot(page, 'subpath');
  // The service worker is the sub-path's own, and keeps the sub-path's files.
  await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 20_000 });
  assert.equal(new URL(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).pathname, '/annotator/sw.js');
  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-testid="article"] mark').first().waitFor();
  await context.setOffline(false);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});
