// A long document's annotation list renders the entries near view; every entry is still reached
// by scrolling, found by the filters, and takes the reader to its highlight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, screenshot } from './support.mjs';
import { longReport, storageRecords } from '../bench/workloads.mjs';

const env = withBrowser();
const report = longReport(200_000, 600);

function seed(records) {
  if (!sessionStorage.getItem('seeded')) {
    for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
    sessionStorage.setItem('seeded', '1');
  }
}

const rendered = (page) => page.getByTestId('annotation-item').count();

test('a long list renders what is near view, and scrolling reaches its last entry', async () => {
  const { page, context } = await openApp(env.browser, env.url, { init: { fn: seed, arg: storageRecords(report) } });
  await page.getByTestId('annotation-item').first().waitFor();
  const total = report.annotations.length;
  assert.match(await page.locator('#annotations-title').textContent(), new RegExp(`\\(${total}\\)`));
  const first = await rendered(page);
  assert.ok(first > 0 && first < total, `rendered ${first} of ${total} at first`);

  // The user scrolls the sidebar with the mouse wheel down to the end of the list.
  const last = report.annotations.at(-1);
  const lastItem = page.locator(`[data-testid="annotation-item"][data-id="${last.id}"]`);
  await page.mouse.move(1200, 500);
  for (let i = 0; i < 200 && !(await lastItem.isVisible()); i++) {
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(20);
  }
  await lastItem.waitFor({ state: 'visible' });
  assert.equal(await lastItem.locator('.quote').textContent(), last.exact);
  await screenshot(page, 'long-list-end');

  // Its entry takes the reader to its highlight.
  await lastItem.locator('button').click();
  const mark = page.locator(`mark[data-ids~="${last.id}"]`).first();
  await mark.waitFor({ state: 'visible' });
  assert.ok(await mark.evaluate((m) => m.classList.contains('flash')), 'the highlight flashes');

  // A search finds entries wherever they are in the list: here the notes of the last annotation
  // with one (far down the list), and of any whose note begins the same.
  const note = report.annotations.filter((a) => a.note).at(-1).note;
  const wanted = report.annotations.filter((a) => a.note.includes(note)).map((a) => a.id).sort();
  await page.getByLabel('Search').fill(note);
  await page.locator('#annotations-title', { hasText: ` of ${total}` }).waitFor();
  const ids = await page.getByTestId('annotation-item').evaluateAll((items) => items.map((i) => i.dataset.id));
  assert.ok(wanted.length > 0);
  assert.deepEqual(ids.sort(), wanted);

  // The label and holder filters count over the whole list, and every entry shown fits them.
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Label').selectOption('red-line');
  await page.getByLabel('By holder').selectOption('Kremlin');
  const expected = report.annotations.filter((a) => a.label === 'red-line' && a.holder === 'Kremlin').length;
  await page.locator('#annotations-title', { hasText: `(${expected} of ${total})` }).waitFor();
  const shown = await page.getByTestId('annotation-item').evaluateAll((items) =>
    items.map((i) => [i.dataset.label, i.querySelector('.holder')?.textContent]));
  assert.ok(shown.length > 0 && shown.every(([label, holder]) => label === 'red-line' && holder === 'Kremlin'));
  assert.deepEqual(page.problems, []);
  await context.close();
});
