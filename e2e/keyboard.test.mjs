// Keyboard-only use and document management: Tab to the article, Shift+arrows to select, keys to
// annotate and edit; open, rename, delete and undo the deletion of documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, dragSelect, marks, storedAnnotations, stored, screenshot, tempFile, ready, article, download } from './support.mjs';

const env = withBrowser();

test('keyboard only: reach the article, select with Shift+arrows, annotate, edit, delete', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  // Tab until the article has focus.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.dataset?.testid === 'article')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'article');
  for (let i = 0; i < 'President'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.evaluate(() => String(window.getSelection())), 'President');
  await page.keyboard.press('Control+Shift+ArrowRight');
  assert.equal(await page.evaluate(() => String(window.getSelection())), 'President Volodymyr');
  await page.keyboard.press('r');
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [['President Volodymyr', 'red-line']]);
  // The new annotation is selected: c relabels it, Delete removes it.
  await page.keyboard.press('c');
  assert.deepEqual((await marks(page)).map((m) => m.labels), ['claim']);
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.keyboard.press('Delete');
  assert.deepEqual(await marks(page), []);
  // The sidebar entry is reachable by Tab and Enter selects (and flashes) its annotation.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  // Tab from the top of the page until the entry has the focus, as a keyboard user would.
  await page.locator('body').focus();
  let reached = false;
  for (let presses = 0; presses < 80 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('[data-testid="annotation-item"]') !== null);
  }
  assert.ok(reached, 'the sidebar entry is reached by Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Note', { exact: true }).count(), 1);
  assert.equal(await page.locator('mark.flash').count(), 1);
  await context.close();
});

test('documents: open a file, rename it, delete it and undo the deletion', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await page.getByLabel('Open article').setInputFiles(tempFile('Ceasefire notes.md', 'Line one says Moscow will not withdraw.\r\n\r\nLine two.'));
  await page.waitForSelector('text=Line one says');
  const list = page.getByTestId('document-item');
  assert.equal(await list.count(), 2);
  assert.equal(await page.locator('[data-testid="document-item"] [aria-current]').textContent(), 'Ceasefire notes');
  assert.deepEqual(await page.$$eval('[data-testid="article"] p', (ps) => ps.map((p) => p.textContent)), ['Line one says Moscow will not withdraw.', 'Line two.']);

  await page.getByRole('button', { name: 'Rename Ceasefire notes' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Ceasefire, day 2');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  assert.equal(await page.locator('[data-testid="document-item"] [aria-current]').textContent(), 'Ceasefire, day 2');

  // Switch back and forth: each document keeps its own annotations.
  await dragSelect(page, 'Moscow will not withdraw');
  await page.keyboard.press('r');
  await page.getByRole('button', { name: 'Security guarantees', exact: true }).click();
  assert.equal(await page.locator('[data-testid="article"] p').count(), article.split('\n').filter(Boolean).length);
  assert.deepEqual(await marks(page), []);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  await page.getByRole('button', { name: 'Ceasefire, day 2', exact: true }).click();
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [['Moscow will not withdraw', 'red-line']]);
  await page.getByRole('button', { name: 'Security guarantees', exact: true }).click();
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [['Ukraine will not sign any deals', 'claim']]);
  await page.getByRole('button', { name: 'Ceasefire, day 2', exact: true }).click();

  await page.getByRole('button', { name: 'Delete Ceasefire, day 2' }).click();
  await page.getByRole('dialog', { name: 'Delete document?' }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await list.count(), 2);
  await page.getByRole('button', { name: 'Delete Ceasefire, day 2' }).click();
  await page.getByRole('button', { name: 'Delete document' }).click();
  assert.equal(await list.count(), 1);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  assert.equal(await list.count(), 2);
  await page.reload();
  await ready(page);
  assert.deepEqual(await page.getByTestId('document-item').allTextContents(), ['Security guarantees✎×', 'Ceasefire, day 2✎×']);
  assert.ok(Object.keys(await stored(page)).every((key) => key.startsWith('redline:')));
  await context.close();
});

test('a file dropped on the page opens as an article', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Dropped text: the Kremlin rejects the plan.'], 'dropped.txt', { type: 'text/plain' }));
    return data;
  });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
  await page.waitForSelector('text=Dropped text');
  assert.equal(await page.locator('[data-testid="document-item"] [aria-current]').textContent(), 'dropped');
  assert.equal((await storedAnnotations(page)).length, 0);
  await context.close();
});

test('narrow (phone) width: every part is reachable and nothing overflows', async () => {
  const { page, context } = await openApp(env.browser, env.url, { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await screenshot(page, 'phone');
  // The file commands are folded into menus: the toolbar is one row, and the article's first
  // lines are on the first screen.
  const rows = await page.$$eval('.toolbar > *', (items) => new Set(items.filter((i) => i.offsetParent).map((i) => Math.round(i.getBoundingClientRect().top))).size);
  assert.equal(rows, 1, 'the toolbar is one row');
  const firstLine = await page.locator('[data-testid="article"] p').first().boundingBox();
  assert.ok(firstLine.y < 844 * 0.4, `the article starts at ${firstLine.y}px`);
  assert.equal(await page.getByRole('button', { name: 'Export JSON', exact: true }).isVisible(), false);
  await page.getByRole('button', { name: 'Files', exact: true }).click();
  await screenshot(page, 'phone-files-menu');
  assert.ok(await page.getByRole('button', { name: 'Share', exact: true }).isVisible(), 'Share is among the file commands');
  const { name } = await download(page, () => page.getByRole('button', { name: 'Export JSON', exact: true }).click());
  assert.equal(name, 'Security guarantees.annotations.json');
  assert.equal(await page.getByRole('button', { name: 'Export JSON', exact: true }).isVisible(), false, 'the menu closes once used');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Open', exact: true }).getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('button', { name: 'Paste text' }).isVisible(), false);
  // A claim made with the button under the thumb fills the list; then each part can be brought
  // into view and stands within the screen's width.
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await page.getByTestId('annotation-item').first().waitFor();
  const parts = [
    page.getByRole('button', { name: 'Claim', exact: true }),
    page.getByRole('button', { name: 'Red line', exact: true }),
    page.getByRole('button', { name: 'Files', exact: true }),
    page.getByTestId('document-list'),
    page.getByTestId('article'),
    page.getByTestId('annotation-list'),
  ];
  for (const part of parts) {
    await part.scrollIntoViewIfNeeded();
    const box = await part.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 + 1, `${part}: ${JSON.stringify(box)}`);
    assert.ok(await part.isVisible(), `${part} is visible`);
  }
  await context.close();
});
