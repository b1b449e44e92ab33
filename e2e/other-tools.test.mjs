// Annotations made in other tools, imported through the real file input: a Recogito 4 export
// (W3C adapter: empty bodies, bare UUIDs, positions in UTF-16) and a Hypothesis export (tags,
// text, user), on an article with emoji, combining marks and right-to-left script. Untagged
// highlights are offered for labelling, never dropped silently; every one lands on its words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, tempFile, marks, ready, download } from './support.mjs';
import { mustValidator } from './conformance.mjs';

const env = withBrowser();

const TEXT = [
  'Talks 😀 resumed in Geneva on Tuesday, officials said.',
  'Zelenskyy said Ukraine will not cede territory 👍🏽 under any deal, café owners cheered.',
  'A banner read سلام in Arabic, and the Kremlin demands a pull-out from Donetsk.',
  'Talks 😀 resumed in Geneva once more.',
].join('\n\n');

/** Positions the way JavaScript counts them: UTF-16 code units, `indexOf`. */
function utf16(quote, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = TEXT.indexOf(quote, at + 1);
  assert.ok(at >= 0, quote);
  return { start: at, end: at + quote.length };
}

/** An annotation as `@recogito/text-annotator`'s W3CTextFormat serializes it. */
function recogito(id, quote, tags = [], occurrence = 0) {
  const { start, end } = utf16(quote, occurrence);
  const at = start;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id,
    type: 'Annotation',
    body: tags.map((value) => ({ type: 'TextualBody', purpose: 'tagging', value })),
    created: '2026-08-20T09:00:00.000Z',
    target: [{
      annotation: id,
      source: 'https://ledger.example/talks',
      selector: [
        { type: 'TextQuoteSelector', exact: quote, prefix: TEXT.slice(Math.max(0, at - 10), at), suffix: TEXT.slice(end, end + 10) },
        { type: 'TextPositionSelector', start, end },
      ],
    }],
  };
}

/** One row of Hypothesis's export: its own page's positions, the quote and context, tags. */
function hypothesis(id, quote, tags, text = '') {
  const { start, end } = utf16(quote);
  return {
    id, created: '2026-08-21T10:00:00.000000+00:00', updated: '2026-08-21T10:05:00.000000+00:00',
    user: 'acct:olena@hypothes.is', uri: 'https://ledger.example/talks', text, tags, group: '__world__',
    target: [{
      source: 'https://ledger.example/talks',
      selector: [
        { type: 'RangeSelector', startContainer: '/main[1]/p[2]', startOffset: 0, endContainer: '/main[1]/p[2]', endOffset: 9 },
        { type: 'TextPositionSelector', start: start + 5000, end: end + 5000 },
        { type: 'TextQuoteSelector', exact: quote, prefix: TEXT.slice(Math.max(0, start - 20), start), suffix: TEXT.slice(end, end + 20) },
      ],
    }],
    document: { title: ['Talks resume'] },
    links: { html: `https://hypothes.is/a/${id}`, incontext: `https://hyp.is/${id}` },
    user_info: { display_name: 'Olena M.' },
    hidden: false, flagged: false,
  };
}

async function openText(page) {
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page.getByLabel('Article text').fill(TEXT);
  await page.getByLabel('Title (optional)').fill('Talks resume');
  await page.getByRole('button', { name: 'Add document' }).click();
  await page.getByRole('heading', { level: 1, name: 'Talks resume' }).waitFor();
}

test('a Recogito export: untagged highlights labelled as the user says, each placed exactly by its UTF-16 position', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await openText(page);
  const file = [
    recogito('7c0a1d2e-0000-4000-8000-000000000001', 'resumed in Geneva', [], 1),
    recogito('7c0a1d2e-0000-4000-8000-000000000002', 'will not cede territory 👍🏽 under any deal'),
    recogito('7c0a1d2e-0000-4000-8000-000000000003', 'café owners'),
    recogito('7c0a1d2e-0000-4000-8000-000000000004', 'the Kremlin demands a pull-out', ['Red Line']),
  ];
  await page.getByLabel('Import JSON').setInputFiles(tempFile('recogito.json', JSON.stringify(file)));
  await page.getByText('“recogito.json” looks like a Recogito export.').waitFor();
  assert.equal(await page.getByTestId('untagged-count').textContent(), '3 of its 4 annotations have no claim or red-line tag. What are they?');
  await page.getByRole('button', { name: 'Label all as Claim' }).click();
  assert.match(await page.getByTestId('import-summary').textContent(), /\(a Recogito export\) holds 4 annotations, without the text/);
  await page.getByRole('button', { name: 'Apply to open document' }).click();
  await page.getByTestId('status').getByText('Applied to this document (a Recogito export): 4 placed exactly').waitFor();
  const placed = (await marks(page)).map((m) => [m.text, m.labels]);
  assert.deepEqual(placed, [
    ['will not cede territory 👍🏽 under any deal', 'claim'],
    ['café owners', 'claim'],
    ['the Kremlin demands a pull-out', 'red-line'],
    ['resumed in Geneva', 'claim'],
  ]);
  // The second "resumed in Geneva", not the first: the position decided between the two.
  const second = await page.evaluate(() => {
    const paragraphs = [...document.querySelectorAll('[data-testid="article"] p')];
    return paragraphs.findIndex((p) => p.querySelector('mark'));
  });
  assert.equal(second, 1);
  assert.equal(await page.locator('[data-testid="article"] p').nth(3).locator('mark').count(), 1);

  // Kept over a reload, and exported with ids the W3C suite accepts.
  await page.reload();
  await ready(page);
  assert.equal((await marks(page)).length, 4);
  const { text } = await download(page, () => page.getByRole('button', { name: 'Export JSON', exact: true }).click());
  const exported = JSON.parse(text);
  for (const item of exported.first.items) assert.deepEqual(mustValidator()(item), [], item.id);
  assert.ok(exported.first.items.some((i) => i.id === 'urn:uuid:7c0a1d2e-0000-4000-8000-000000000001'));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a Hypothesis export: tags matched loosely, notes and who made them kept, untagged ones skipped on request', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await openText(page);
  // The open document names its source: a file made on another page says so.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Source URL').fill('https://ledger.example/elsewhere');
  await page.getByRole('button', { name: 'Save details' }).click();
  const file = {
    export_date: '2026-08-22T08:00:00.000Z', export_userid: 'acct:olena@hypothes.is', client_version: '1.1550.0',
    annotations: [
      hypothesis('hA1', 'will not cede territory', ['red_line'], 'The line itself'),
      hypothesis('hA2', 'demands a pull-out', ['Claim', 'donbas']),
      hypothesis('hA3', 'سلام', ['RedLine']),
      hypothesis('hA4', 'officials said', ['sources']),
      { id: 'hA5', user: 'acct:olena@hypothes.is', uri: 'https://ledger.example/talks', text: 'A page note', tags: [], target: [{ source: 'https://ledger.example/talks' }] },
    ],
  };
  await page.getByLabel('Import JSON').setInputFiles(tempFile('hypothesis.json', JSON.stringify(file)));
  await page.getByText('“hypothesis.json” looks like a Hypothesis export.').waitFor();
  assert.equal(await page.getByTestId('untagged-count').textContent(), '1 of its 4 annotations have no claim or red-line tag. What are they?');
  await page.getByRole('button', { name: 'Skip them' }).click();
  assert.match(await page.getByTestId('other-page').textContent(), /made on https:\/\/ledger\.example\/talks, not on the open document's source/);
  await page.getByRole('button', { name: 'Apply to open document' }).click();
  const status = page.getByTestId('status');
  await status.getByText('Applied to this document (a Hypothesis export): 3 placed exactly').waitFor();
  assert.match(await status.textContent(), /1 annotations with no claim or red-line tag were skipped/);
  assert.match(await status.textContent(), /page note/);
  assert.deepEqual((await marks(page)).map((m) => [m.text, m.labels]), [
    ['will not cede territory', 'red-line'],
    ['سلام', 'red-line'],
    ['demands a pull-out', 'claim'],
  ]);
  await page.locator('[data-testid="article"] mark', { hasText: 'will not cede territory' }).click();
  assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), 'The line itself\n(Hypothesis: Olena M.)');
  assert.deepEqual(page.problems, []);
  await context.close();
});
