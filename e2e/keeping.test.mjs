// Keeping work: pasted Unicode articles with exact code-point offsets, corrupt storage, a full
// quota, and two tabs on one document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, openTabs, watched, dragSelect, marks, stored, storedAnnotations, screenshot, ready } from './support.mjs';

const env = withBrowser();

const UNICODE_ARTICLE = [
  'Talks 😀 resumed: the envoy said Kyiv will never cede Crimea.',
  'Café owners (e\u0301 written with a combining mark) agreed with the e\u0301tude.',
  'الرئيس قال إن الخط الأحمر واضح — then he left.',
  '乌克兰 官员 said 不会 让步 today.',
].join('\r\n');

test('a pasted article with emoji, combining marks, Arabic and CJK gets exact code-point offsets', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByLabel('Article text').fill(UNICODE_ARTICLE);
  await page.getByLabel('Title (optional)').fill('Unicode talks');
  await page.getByRole('button', { name: 'Add document' }).click();
  await page.waitForSelector('text=Talks');
  const documents = await page.getByTestId('document-item').allTextContents();
  assert.equal(documents.length, 2);
  assert.equal(await page.locator('[data-testid="document-item"] [aria-current]').textContent(), 'Unicode talks');

  const text = UNICODE_ARTICLE.replaceAll('\r\n', '\n');
  const cases = [
    ['Kyiv will never cede', 'claim'],
    ['e\u0301tude', 'red-line'],
    ['الخط الأحمر', 'red-line'],
    ['不会 让步', 'claim'],
  ];
  for (const [phrase, label] of cases) {
    await dragSelect(page, phrase);
    await page.keyboard.press(label === 'claim' ? 'c' : 'r');
  }
  const saved = await storedAnnotations(page);
  const codePoints = [...text];
  for (const [phrase, label] of cases) {
    const annotation = saved.find((a) => a.exact === phrase);
    assert.ok(annotation, `stored ${phrase}`);
    assert.equal(annotation.label, label);
    const utf16Start = text.indexOf(phrase);
    const expectedStart = [...text.slice(0, utf16Start)].length;
    assert.equal(annotation.start, expectedStart, `start of ${phrase}`);
    assert.equal(annotation.end, expectedStart + [...phrase].length, `end of ${phrase}`);
    assert.equal(codePoints.slice(annotation.start, annotation.end).join(''), phrase);
  }
  const paragraphs = await page.$$eval('[data-testid="article"] p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(paragraphs, text.split('\n'));
  await screenshot(page, 'unicode-article');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('corrupt JSON in storage: the app starts, alerts, and keeps the raw value under a backup key', async () => {
  const corrupt = '{"version":1,"documents":[{"id": truncated';
  const { page, context } = await openApp(env.browser, env.url, {
    init: `if (!sessionStorage.getItem('planted')) { localStorage.setItem('redline:library', ${JSON.stringify(corrupt)}); sessionStorage.setItem('planted', '1'); }`,
  });
  const alert = page.getByTestId('alerts');
  await alert.getByText('could not be read').waitFor();
  assert.match(await alert.textContent(), /redline:library.*redline:backup:library/);
  const all = await stored(page);
  assert.equal(all['redline:backup:library'], corrupt);
  // The app still works: the bundled article is there and can be annotated.
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  assert.equal((await marks(page)).length, 1);
  // The backup can be downloaded.
  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download the unreadable data' }).click();
  const file = await download;
  const fs = await import('node:fs/promises');
  assert.equal(await fs.readFile(await file.path(), 'utf8'), corrupt);
  await screenshot(page, 'corrupt-storage');
  await context.close();
});

test('storage filled to quota before an edit: an alert, the edit visible, nothing crashes', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await page.evaluate(() => {
    let size = 4 * 1024 * 1024;
    let index = 0;
    while (size >= 16) {
      try {
        localStorage.setItem(`filler-${index++}`, 'x'.repeat(size));
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  await page.getByTestId('alerts').getByText('storage for this page is full').waitFor();
  assert.deepEqual((await marks(page)).map((m) => m.labels), ['claim']);
  // Work goes on in memory, and can be exported.
  await dragSelect(page, 'strong Ukrainian army');
  await page.keyboard.press('r');
  assert.equal((await marks(page)).length, 2);
  const download = page.waitForEvent('download');
  await page.getByTestId('alerts').getByRole('button', { name: 'Export JSON now' }).click();
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await (await download).path(), 'utf8'));
  assert.equal(exported.first.items.length, 2);
  await screenshot(page, 'storage-full');
  assert.deepEqual(page.problems.filter((p) => !p.includes('QuotaExceeded')), []);
  await context.close();
});

test('two pages on one document: an annotation added in each appears in both', async () => {
  const { context, pages: [first, second] } = await openTabs(env.browser, env.url, 2);
  await dragSelect(first, 'Ukraine will not sign any deals');
  await first.keyboard.press('c');
  await dragSelect(second, 'strong Ukrainian army');
  await second.keyboard.press('r');
  for (const page of [first, second]) {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="article"] mark').length === 2);
    assert.deepEqual((await marks(page)).map((m) => m.labels), ['claim', 'red-line']);
    assert.equal(await page.getByTestId('annotation-item').count(), 2);
  }
  // An edit in one shows in the other.
  await first.locator('[data-testid="article"] mark').first().click();
  await first.getByLabel('Note', { exact: true }).fill('from the first tab');
  await second.getByText('from the first tab').waitFor();
  assert.equal((await storedAnnotations(second)).length, 2);
  assert.deepEqual([...first.problems, ...second.problems], []);
  await context.close();
});

test('a document deleted in another tab leaves the list there, and stays open there until kept', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const first = await watched(context);
  await first.goto(env.url);
  await ready(first);
  await first.getByRole('button', { name: 'Paste text' }).click();
  await first.getByLabel('Article text').fill('A second article about the talks.');
  await first.getByLabel('Title (optional)').fill('Second');
  await first.getByRole('button', { name: 'Add document' }).click();
  await first.getByText('A second article about the talks.').waitFor();

  const second = await watched(context);
  await second.goto(env.url);
  await ready(second);
  await second.getByRole('button', { name: 'Security guarantees', exact: true }).click();
  await dragSelect(second, 'strong Ukrainian army');
  await second.keyboard.press('r');
  const listed = (page) => page.locator('[data-testid="document-item"] .document-open').allTextContents();
  assert.deepEqual(await listed(second), ['Security guarantees', 'Second']);

  // Deleted in the first tab while the second shows another document: it leaves that list too.
  // (Each tab is brought to the front before it is used, as a person would.)
  await first.bringToFront();
  await first.getByRole('button', { name: 'Delete Second' }).click();
  await first.getByRole('button', { name: 'Delete document' }).click();
  await second.waitForFunction(() => document.querySelectorAll('[data-testid="document-item"]').length === 1);
  assert.deepEqual(await listed(second), ['Security guarantees']);

  // Deleted in the first tab while the second has it open: it stays open there, with an alert.
  await first.getByRole('button', { name: 'Security guarantees', exact: true }).click();
  await first.getByRole('button', { name: 'Delete Security guarantees' }).click();
  await first.getByRole('button', { name: 'Delete document' }).click();
  const alert = second.getByRole('alert').filter({ hasText: 'was deleted in another tab' });
  await alert.waitFor();
  assert.equal(await second.locator('[data-testid="article"] mark').count(), 1);
  await screenshot(second, 'deleted-elsewhere');

  // Keep it: text, annotation and list entry are stored again, and the first tab lists it again.
  await second.bringToFront();
  await alert.getByRole('button', { name: 'Keep it' }).click();
  await first.waitForFunction(() => document.querySelectorAll('[data-testid="document-item"]').length === 1);
  const kept = Object.entries(await stored(second));
  assert.equal(kept.filter(([key]) => key.startsWith('redline:text:')).length, 1);
  assert.equal(kept.filter(([key, value]) => key.startsWith('redline:annotation:') && JSON.parse(value).kind === 'annotation').length, 1);
  await first.bringToFront();
  await first.reload();
  await ready(first);
  assert.deepEqual(await listed(first), ['Security guarantees']);
  await first.getByRole('button', { name: 'Security guarantees', exact: true }).click();
  assert.deepEqual((await marks(first)).map((m) => m.labels), ['red-line']);

  // Deleted again while open in the second tab, which then opens another article instead of
  // keeping it: it leaves that list, and nothing of it is stored again.
  await first.getByRole('button', { name: 'Delete Security guarantees' }).click();
  await first.getByRole('button', { name: 'Delete document' }).click();
  await second.getByRole('alert').filter({ hasText: 'was deleted in another tab' }).waitFor();
  await second.bringToFront();
  await second.getByRole('button', { name: 'Paste text' }).click();
  await second.getByLabel('Article text').fill('A third article.');
  await second.getByLabel('Title (optional)').fill('Third');
  await second.getByRole('button', { name: 'Add document' }).click();
  await second.getByText('A third article.').waitFor();
  assert.deepEqual(await listed(second), ['Third']);
  assert.equal(await second.getByRole('alert').filter({ hasText: 'was deleted in another tab' }).count(), 0);
  const left = Object.entries(await stored(second));
  assert.equal(left.filter(([key]) => key.startsWith('redline:text:')).length, 1);
  assert.equal(left.filter(([key]) => key.startsWith('redline:annotation:')).length, 0);
  assert.deepEqual([...first.problems, ...second.problems], []);
  await context.close();
});

test('a selection held in one tab survives another tab annotating the same paragraph', async () => {
  const { context, pages: [first, second] } = await openTabs(env.browser, env.url, 2);
  await dragSelect(second, 'strong Ukrainian army');
  await second.evaluate(() => {
    window.__storageEvents = 0;
    addEventListener('storage', () => window.__storageEvents++);
  });
  await dragSelect(first, 'Ukraine will not sign any deals');
  await first.keyboard.press('c');
  await first.waitForFunction(() => document.querySelectorAll('[data-testid="article"] mark').length === 1);
  // The other tab has the claim's write (its storage event came, and two frames passed), yet
  // holds it while the selection is held: the selection is still there, the mark not yet.
  await second.waitForFunction(() => window.__storageEvents > 0);
  await second.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await second.evaluate(() => getSelection().toString()), 'strong Ukrainian army');
  assert.equal(await second.locator('[data-testid="article"] mark').count(), 0);
  await second.keyboard.press('r');
  await second.waitForFunction(() => document.querySelectorAll('[data-testid="article"] mark').length === 2);
  assert.deepEqual((await marks(second)).map((m) => [m.text, m.labels]), [
    ['Ukraine will not sign any deals', 'claim'],
    ['strong Ukrainian army', 'red-line'],
  ]);
  await first.waitForFunction(() => document.querySelectorAll('[data-testid="article"] mark').length === 2);
  assert.deepEqual([...first.problems, ...second.problems], []);
  await context.close();
});
