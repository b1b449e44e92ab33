// Export and import with real downloads and real file uploads: W3C conformance, restoring into
// an empty browser, merging without duplicates, re-anchoring into an edited text, bad files, and
// the files worker's code fetched at the first import or export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { withBrowser, openApp, watched, dragSelect, marks, stored, storedAnnotations, screenshot, tempFile, ready, article, download, watchStatuses } from './support.mjs';
import { mustValidator, mustCount } from './conformance.mjs';

const env = withBrowser();
let exportedFile;

const SPANS = [
  ['Ukraine will not sign any deals', 'c'],
  ['strong Ukrainian army', 'r'],
  ['proposed that Washington provide air cover', 'c'],
];

async function importFile(page, file) {
  await page.getByLabel('Import JSON').setInputFiles(file);
}

/** A context with no offline worker to answer from its copy, so that the first fetch of the files
 *  worker's code fails on the network and the next goes through; each is held back until
 *  `held.until` (the page's notice that it is reading or writing the file) has come. `fetched`
 *  lists every path the pages ask for. */
async function filesCodeHeld() {
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
  const fetched = [];
  context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const held = { until: undefined };
  let refused = 0;
  await context.route(/redline-files[._]/, async (route) => {
    await held.until;
    if (refused < 1) {
      refused++;
      await route.abort();
    } else {
      await route.continue();
    }
  });
  return { context, fetched, held };
}

test('export: the file parses, passes every MUST assertion, and its offsets slice to the quotes', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  for (const [phrase, key] of SPANS) {
    await dragSelect(page, phrase);
    await page.keyboard.press(key);
  }
  await page.locator('[data-testid="article"] mark').first().click();
  await page.getByLabel('Note', { exact: true }).fill('A red line in all but name');
  await page.getByLabel('Holder', { exact: true }).fill('Zelenskyy');
  const { name, text } = await download(page, () => page.getByRole('button', { name: 'Export JSON', exact: true }).click());
  assert.equal(name, 'Security guarantees.annotations.json');
  const collection = JSON.parse(text);
  assert.equal(collection.type, 'AnnotationCollection');
  assert.equal(collection.total, 3);
  assert.equal(collection.document.text, article);
  const failing = mustValidator();
  assert.equal(mustCount(), 54);
  const codePoints = [...collection.document.text];
  for (const item of collection.first.items) {
    assert.deepEqual(failing(item), [], `${item.id} fails MUST assertions`);
    const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector');
    const position = item.target.selector.find((s) => s.type === 'TextPositionSelector');
    assert.equal(codePoints.slice(position.start, position.end).join(''), quote.exact);
  }
  // The file itself is a conformant collection, with a conformant embedded page.
  const COLLECTION = 'collections/collectionMusts.test';
  const PAGE = 'collections/pages/pageMusts.test';
  assert.deepEqual([mustCount(COLLECTION), mustCount(PAGE)], [10, 15]);
  assert.deepEqual(mustValidator(COLLECTION)(collection), [], 'the collection fails MUST assertions');
  assert.deepEqual(mustValidator(PAGE)(collection.first), [], 'the page fails MUST assertions');
  assert.deepEqual(mustValidator(PAGE)(collection), [], 'the collection with its page fails MUST assertions');
  const { id: _, ...nameless } = collection;
  assert.ok(mustValidator(COLLECTION)(nameless).some((f) => f.includes('collectionIdValidated')), 'the suite is live');
  const noted = collection.first.items.find((i) => i.holder === 'Zelenskyy');
  assert.equal(noted.body.find((b) => b.purpose === 'commenting').value, 'A red line in all but name');
  exportedFile = tempFile(name, text);

  const jsonl = await download(page, () => page.getByRole('button', { name: 'Export JSON Lines' }).click());
  const line = JSON.parse(jsonl.text.trim());
  assert.equal(line.label.length, 3);
  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.equal(csv.text.trim().split('\n').length, 4);

  // Copy JSON puts the same collection on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await page.getByText('Copied the JSON export to the clipboard.').waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(copied.first.items, collection.first.items);
  await context.close();
});

test('import into an empty browser restores the document, notes and holders; again: no duplicates', async () => {
  assert.ok(exportedFile, 'the export test ran first');
  const { page, context } = await openApp(env.browser, env.url);
  // An empty browser: only the bundled article, with no annotations.
  assert.equal((await marks(page)).length, 0);
  await importFile(page, exportedFile);
  await page.getByTestId('status').getByText('Imported').waitFor();
  const restored = await marks(page);
  assert.deepEqual(restored.map((m) => m.text), SPANS.map(([p]) => p));
  const saved = await storedAnnotations(page);
  assert.equal(saved.length, 3);
  const noted = saved.find((a) => a.holder === 'Zelenskyy');
  assert.equal(noted.note, 'A red line in all but name');

  await importFile(page, exportedFile);
  await page.getByTestId('status').getByText('0 added, 0 updated, 3 already here').waitFor();
  assert.equal((await storedAnnotations(page)).length, 3);
  assert.equal(await page.getByTestId('annotation-item').count(), 3);

  // From a fresh browser with nothing stored, the file alone brings the work back.
  const fresh = await openApp(env.browser, env.url);
  await fresh.page.evaluate(() => localStorage.clear());
  await fresh.page.reload();
  await ready(fresh.page);
  await importFile(fresh.page, exportedFile);
  await fresh.page.getByTestId('status').getByText('Imported').waitFor();
  assert.equal((await storedAnnotations(fresh.page)).length, 3);
  await fresh.context.close();
  await context.close();
});

test('import into an edited text: two placed, one orphan, re-attached by selection', async () => {
  assert.ok(exportedFile, 'the export test ran first');
  const edited = ('A new opening paragraph about the talks.\n' + article)
    .replace('strong Ukrainian army', 'strong Ukrainian force')
    .replace(/Earlier on Monday, former U\.S\. President Donald Trump proposed that Washington provide air cover\. /, '');
  assert.notEqual(edited.indexOf('strong Ukrainian force'), -1);
  assert.equal(edited.indexOf('proposed that Washington provide air cover'), -1);
  const { page, context } = await openApp(env.browser, env.url);
  await page.getByLabel('Open article').setInputFiles(tempFile('Edited report.txt', edited));
  await page.waitForSelector('text=A new opening paragraph');
  // The original text must not be stored, or the import would merge into it: delete it (asked
  // first, and undoable).
  await page.getByRole('button', { name: 'Delete Security guarantees' }).click();
  await page.getByRole('button', { name: 'Delete document' }).click();
  assert.deepEqual(await page.getByTestId('document-item').allTextContents(), ['Edited report✎×']);
  await importFile(page, exportedFile);
  await page.getByRole('button', { name: 'Apply to open document' }).click();
  await page.getByTestId('status').getByText('Applied to this document (a Red Line Annotator export)').waitFor();
  const status = await page.getByTestId('status').textContent();
  assert.match(
    status,
    /1 placed exactly, 0 moved, 1 placed fuzzily \(check “strong Ukrainian force” \(was “strong Ukrainian army”\)\), 1 orphaned \(“[^”]*air cover[^”]*”: its text is not in this document\)/,
  );
  assert.deepEqual((await marks(page)).map((m) => m.text), ['Ukraine will not sign any deals', 'strong Ukrainian force']);
  const orphans = page.getByTestId('orphan-item');
  assert.equal(await orphans.count(), 1);
  assert.match(await orphans.first().textContent(), /proposed that Washington provide air cover/);
  await screenshot(page, 'import-orphan');
  const saved = await storedAnnotations(page);
  assert.equal(saved.filter((a) => a.start === null).length, 1, 'the orphan is stored');

  await dragSelect(page, 'This local shift is largely intended');
  await orphans.first().getByRole('button', { name: 'Re-attach' }).click();
  assert.equal(await page.getByTestId('orphan-item').count(), 0);
  assert.deepEqual((await marks(page)).map((m) => m.text).includes('This local shift is largely intended'), true);
  const reattached = (await storedAnnotations(page)).find((a) => a.exact === 'This local shift is largely intended');
  assert.ok(reattached);
  assert.equal(reattached.label, 'claim');
  await context.close();
});

test('malformed files get an alert naming the problem and change nothing stored', async () => {
  assert.ok(exportedFile, 'the export test ran first');
  const good = JSON.parse(await fs.readFile(exportedFile, 'utf8'));
  const outside = structuredClone(good);
  outside.first.items[0].target.selector[1].start = 100000;
  outside.first.items[0].target.selector[1].end = 100010;
  const wrongType = structuredClone(good);
  wrongType.first.items[1].id = 42;
  const cases = [
    ['not-json.json', 'this is not { json', /not valid JSON/],
    ['truncated.json', JSON.stringify(good).slice(0, 500), /not valid JSON/],
    ['outside.json', JSON.stringify(outside), /\$\.first\.items\[0\]\.target\.selector\[1\].*outside the text/],
    ['wrong-type.json', JSON.stringify(wrongType), /\$\.first\.items\[1\]\.id: expected a string/],
    ['doccano.jsonl', '{"text":"abc","label":[[0,9,"claim"]]}\n', /line 1: entity 1: its offsets do not fit the text/],
    ['broken.csv', 'id,label,start\nx,claim,0\n', /not the header/],
    ['broken.ann', 'T1\tClaim 0 zero\tUkraine\n', /line 1 of the \.ann file: "zero" is not an offset/],
    ['other.json', '{"type":"FeatureCollection","features":[]}', /FeatureCollection/],
  ];
  const { page, context } = await openApp(env.browser, env.url);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  // Settled: the first screen is kept a second after the change, with the claim in it.
  await page.waitForFunction(() => localStorage.getItem('redline:first-screen')?.includes('hl-claim'));
  const before = await stored(page);
  for (const [name, contents, message] of cases) {
    await importFile(page, tempFile(name, contents));
    const alert = page.getByTestId('alerts');
    await alert.getByText(`Could not import ${name}`).waitFor();
    assert.match(await alert.textContent(), message, name);
    assert.deepEqual(await stored(page), before, `${name} changed storage`);
  }
  await screenshot(page, 'import-error');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the code that reads files comes with the first import, announced while it loads; when it cannot, the import says so, changes nothing, and the next try works', async () => {
  assert.ok(exportedFile, 'the export test ran first');
  const { context, fetched, held } = await filesCodeHeld();
  const page = await watched(context);
  const status = page.getByTestId('status');
  const reading = status.getByText('Reading Security guarantees.annotations.json…');
  await page.goto(env.url);
  await ready(page);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('r');
  await page.locator('[data-testid="article"] mark').first().waitFor();
  assert.ok(fetched.some((p) => p.endsWith('.wasm')), 'requests are seen');
  assert.deepEqual(fetched.filter((p) => p.includes('redline-files')), [], 'reading an article fetches no import code');
  // Settled: the first screen is kept a second after the change, with the red line in it.
  await page.waitForFunction(() => localStorage.getItem('redline:first-screen')?.includes('hl-red-line'));
  const before = await stored(page);
  held.until = reading.waitFor();
  await importFile(page, exportedFile);
  const alert = page.getByTestId('alerts');
  await alert.getByText('Could not import Security guarantees.annotations.json').waitFor();
  assert.match(await alert.textContent(), /could not be loaded.*Nothing was changed/);
  assert.equal(await reading.count(), 0, 'the reading notice is gone with the alert');
  assert.deepEqual(await stored(page), before, 'a failed import changes nothing stored');
  // The next try starts the worker again, and says so again.
  held.until = reading.waitFor().then(() => screenshot(page, 'import-reading'));
  await importFile(page, exportedFile);
  await status.getByText('Imported Security guarantees.annotations.json (a Red Line Annotator export)').waitFor();
  assert.equal(await reading.count(), 0, 'the reading notice is gone with the result');
  assert.equal(await alert.textContent(), '', "the last try's alert is gone with the next");
  // Once the code is running, a small file is read at once, unannounced.
  const statuses = await watchStatuses(page);
  await importFile(page, exportedFile);
  await status.getByText(/0 added, 0 updated, 3 already here/).waitFor();
  assert.deepEqual((await statuses()).filter(({ text }) => text.includes('Reading')), []);
  assert.ok(fetched.some((p) => p.endsWith('redline-files_bg.wasm')));
  assert.deepEqual((await marks(page)).map((m) => m.text).sort(), SPANS.map(([phrase]) => phrase).sort());
  assert.deepEqual(page.problems.filter((p) => !/redline-files|net::ERR_FAILED/.test(p)), []);
  await context.close();
});

test('the code that writes exports comes with the first export, announced while it loads; when it cannot, the export says so, and the next try downloads the file', async () => {
  const { context, fetched, held } = await filesCodeHeld();
  const page = await watched(context);
  const downloads = [];
  page.on('download', (file) => downloads.push(file.suggestedFilename()));
  const status = page.getByTestId('status');
  const alert = page.getByTestId('alerts');
  const writing = status.getByText('Writing Security guarantees.annotations.json…');
  const exportJson = page.getByRole('button', { name: 'Export JSON', exact: true });
  await page.goto(env.url);
  await ready(page);
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('r');
  await page.locator('[data-testid="article"] mark').first().waitFor();
  assert.deepEqual(fetched.filter((p) => p.includes('redline-files')), [], 'annotating fetches no export code');
  held.until = writing.waitFor();
  // The wait is announced only once it has lasted: a notice that came and went at once would
  // move the page down and back.
  const firstTry = await watchStatuses(page);
  await page.evaluate(() => document.addEventListener('click', () => { window.__clickAt ??= performance.now(); }, { capture: true }));
  await exportJson.click();
  await alert.getByText('Could not export: the code that reads and writes files could not be loaded; check the connection and try again').waitFor();
  const noticeAt = (await firstTry()).find(({ text }) => text.includes('Writing')).at;
  const waited = noticeAt - (await page.evaluate(() => window.__clickAt));
  assert.ok(waited >= 300, `the notice came ${Math.round(waited)} ms after the click`);
  assert.equal(await writing.count(), 0, 'the writing notice is gone with the alert');
  assert.deepEqual(downloads, [], 'nothing is downloaded');
  // The next try starts the worker again, says so again, and downloads the file.
  held.until = writing.waitFor().then(() => screenshot(page, 'export-writing'));
  const { name, text } = await download(page, () => exportJson.click());
  assert.equal(name, 'Security guarantees.annotations.json');
  const collection = JSON.parse(text);
  assert.equal(collection.document.text, article);
  assert.deepEqual(collection.first.items.map((item) => [item.body[0].value, item.target.selector[0].exact]), [['red-line', 'Ukraine will not sign any deals']]);
  await writing.waitFor({ state: 'detached' });
  assert.equal(await alert.textContent(), '', "the last try's alert is gone with the next");
  // Once the code is running, a short document's export is written at once, unannounced.
  const statuses = await watchStatuses(page);
  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.equal(csv.name, 'Security guarantees.annotations.csv');
  assert.match(csv.text, /Ukraine will not sign any deals/);
  assert.deepEqual((await statuses()).filter(({ text }) => text.includes('Writing')), []);
  assert.deepEqual(page.problems.filter((p) => !/redline-files|net::ERR_FAILED/.test(p)), []);
  await context.close();
});

test('Copy JSON whose export cannot be written says so and leaves the clipboard as it was', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await context.route(/redline-files[._]/, (route) => route.abort());
  const page = await watched(context);
  await page.goto(env.url);
  await ready(page);
  await page.evaluate(() => navigator.clipboard.writeText('what the reader had copied'));
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await page.getByTestId('alerts').getByText('Could not copy to the clipboard: the code that reads and writes files could not be loaded; check the connection and try again').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'what the reader had copied');
  assert.deepEqual(page.problems.filter((p) => !/redline-files|net::ERR_FAILED/.test(p)), []);
  await context.close();
});
