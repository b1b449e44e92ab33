// Annotating with real mouse selection and keys: marks, the sidebar, reload, overlaps, undo/redo,
// notes shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, dragSelect, marks, storedAnnotations, screenshot, ready } from './support.mjs';

const env = withBrowser();

const CLAIM = 'Ukraine will not sign any deals';
const RED = 'strong Ukrainian army';

test('a claim by button and a red line by key survive a reload, in the article and the sidebar', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await dragSelect(page, CLAIM);
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  await dragSelect(page, RED);
  await page.keyboard.press('r');
  const expected = [
    { text: CLAIM, labels: 'claim' },
    { text: RED, labels: 'red-line' },
  ];
  const seen = (await marks(page)).map(({ text, labels }) => ({ text, labels }));
  assert.deepEqual(seen, expected);
  await screenshot(page, 'annotate-two-marks');

  await page.reload();
  await ready(page);
  const after = (await marks(page)).map(({ text, labels }) => ({ text, labels }));
  assert.deepEqual(after, expected);
  // The list fills in on the frame after the article: wait for it before reading it.
  await page.getByTestId('annotation-item').nth(1).waitFor();
  const items = await page.getByTestId('annotation-item').allTextContents();
  assert.equal(items.length, 2);
  assert.match(items[0], /Claim.*Ukraine will not sign any deals/);
  assert.match(items[1], /Red line.*strong Ukrainian army/);
  const stored = await storedAnnotations(page);
  assert.deepEqual(stored.map((a) => [a.label, a.exact]), [['claim', CLAIM], ['red-line', RED]]);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a red line inside a claim renders as both; deleting one leaves the other', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  const outer = 'European allies are starting to have conversations';
  await dragSelect(page, outer);
  await page.keyboard.press('c');
  await dragSelect(page, 'starting to have');
  await page.keyboard.press('2');
  const both = await marks(page);
  assert.deepEqual(both.map((m) => [m.text, m.labels]), [
    ['European allies are ', 'claim'],
    ['starting to have', 'claim red-line'],
    [' conversations', 'claim'],
  ]);
  assert.equal(both[1].ids.split(' ').length, 2);
  await screenshot(page, 'annotate-overlap');
  // The red line is selected after it was made; Delete removes it.
  await page.keyboard.press('Delete');
  const left = await marks(page);
  assert.deepEqual(left.map((m) => [m.text, m.labels]), [[outer, 'claim']]);
  assert.deepEqual((await storedAnnotations(page)).map((a) => a.label), ['claim']);
  await context.close();
});

test('undo and redo of add, relabel, note edit and delete, by buttons and keys', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  const labels = async () => (await marks(page)).map((m) => m.labels);
  await dragSelect(page, CLAIM);
  await page.keyboard.press('c');
  assert.deepEqual(await labels(), ['claim']);
  // Undo and redo the addition with the buttons.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await labels(), []);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.deepEqual(await labels(), ['claim']);

  // Relabel through the editor, undo with Ctrl+Z, redo with Ctrl+Shift+Z.
  await page.locator('[data-testid="article"] mark').first().click();
  await page.getByRole('radio', { name: 'Red line' }).check();
  assert.deepEqual(await labels(), ['red-line']);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  assert.deepEqual(await labels(), ['claim']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await labels(), ['red-line']);

  // A note typed in one go undoes as one step (Ctrl+Y redoes).
  await page.locator('[data-testid="article"] mark').first().click();
  await page.getByLabel('Note', { exact: true }).fill('Said on Monday');
  await page.getByLabel('Note', { exact: true }).blur();
  await page.keyboard.press('Control+z');
  assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), '');
  await page.keyboard.press('Control+y');
  assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), 'Said on Monday');
  assert.equal((await storedAnnotations(page))[0].note, 'Said on Monday');

  // Delete, undo, redo.
  await page.getByRole('button', { name: 'Delete annotation' }).click();
  assert.deepEqual(await labels(), []);
  await page.keyboard.press('Control+z');
  assert.deepEqual(await labels(), ['red-line']);
  assert.equal((await storedAnnotations(page)).length, 1);
  await page.keyboard.press('Control+y');
  assert.deepEqual(await labels(), []);
  assert.equal((await storedAnnotations(page)).length, 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a note with markup shows as text and runs nothing', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await dragSelect(page, CLAIM);
  await page.keyboard.press('c');
  const payload = '<img src=x onerror=alert(1)>';
  await page.getByLabel('Note', { exact: true }).fill(payload);
  await page.getByLabel('Holder', { exact: true }).fill('<b>Zelenskyy</b>');
  const item = page.getByTestId('annotation-item').first();
  assert.match(await item.textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('[data-testid="annotation-list"] b').count(), 0);
  await page.reload();
  await ready(page);
  // Once the list (which shows the note) is drawn, the note is still text and no image.
  assert.match(await page.getByTestId('annotation-item').first().textContent(), /onerror/);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});

test('screens: main (light and dark), the sidebar with a selection, the summary', async () => {
  const brightness = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await openApp(env.browser, env.url, { colorScheme });
    // How bright the page's background is: the dark theme must really be dark.
    brightness[colorScheme] = await page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      return (r + g + b) / 3;
    });
    await dragSelect(page, CLAIM);
    await page.keyboard.press('c');
    await page.getByLabel('Holder', { exact: true }).fill('Zelenskyy');
    await page.getByLabel('Note', { exact: true }).fill('The opening statement');
    await dragSelect(page, RED);
    await page.keyboard.press('r');
    await page.getByLabel('Holder', { exact: true }).fill('Zelenskyy');
    await dragSelect(page, 'proposed that Washington provide air cover');
    await page.keyboard.press('c');
    await page.getByLabel('Holder', { exact: true }).fill('Trump');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `main-${colorScheme}`);
    await page.getByTestId('annotation-item').nth(1).click();
    await screenshot(page, `sidebar-selection-${colorScheme}`);
    await page.getByTestId('summary').screenshot({ path: `e2e/output/summary-${colorScheme}.png` });
    const rows = await page.locator('[data-testid="summary"] table tbody tr').allTextContents();
    assert.deepEqual(rows, ['Trump10', 'Zelenskyy11']);
    await context.close();
  }
  assert.ok(brightness.light > 200 && brightness.dark < 60, `backgrounds: ${JSON.stringify(brightness)}`);
});

test('a message shows at the foot of the window wherever the reader is, and moves nothing', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  const status = page.getByTestId('status').locator('.notice');
  /** Where the article's second paragraph stands in the window, and whether the message is
   *  wholly in the window. */
  const where = () => page.evaluate(() => {
    const paragraph = document.querySelectorAll('[data-testid="article"] p')[1].getBoundingClientRect().top;
    const notice = document.querySelector('[data-testid="status"] .notice')?.getBoundingClientRect();
    return { paragraph, noticeSeen: !!notice && notice.top >= 0 && notice.bottom <= innerHeight };
  });

  // At the top of the page: a message comes (a label key with nothing selected) and goes
  // (dismissed), and the article stays where it was.
  const before = await where();
  await page.locator('[data-testid="article"]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('c');
  await status.filter({ hasText: 'Select some text in the article first.' }).waitFor();
  const shown = await where();
  assert.equal(shown.paragraph, before.paragraph, 'the message moved the article');
  assert.ok(shown.noticeSeen, 'the message is not in the window');
  await screenshot(page, 'message-at-foot');
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await status.waitFor({ state: 'detached' });
  assert.equal((await where()).paragraph, before.paragraph, 'dismissing the message moved the article');

  // Scrolled down the article, the next message is in the window too.
  await page.mouse.move(700, 500);
  await page.mouse.wheel(0, 600);
  await page.waitForFunction(() => scrollY >= 300);
  const scrolled = await where();
  await page.keyboard.press('Control+z');
  await status.filter({ hasText: 'Nothing to undo.' }).waitFor();
  const later = await where();
  assert.equal(later.paragraph, scrolled.paragraph, 'the message moved the article');
  assert.ok(later.noticeSeen, 'the message is out of sight when the reader has scrolled');
  assert.deepEqual(page.problems, []);
  await context.close();
});
