// Relations and the negotiation map, as a user makes them: real selections and keys, a reload,
// real downloads (the W3C file and the map's SVG), and the file imported into a fresh browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { withBrowser, openApp, dragSelect, screenshot, tempFile, ready, article, download } from './support.mjs';
import { mustValidator } from './conformance.mjs';

const env = withBrowser();

const RED_LINE = 'Ukraine will not sign any deals';
const DEMAND = 'requiring Ukraine to pull out of Donetsk and Luhansk';

/** Annotates `phrase` with the key `key` and gives it a holder. */
async function annotate(page, phrase, key, holder) {
  await dragSelect(page, phrase);
  await page.keyboard.press(key);
  await page.getByLabel('Holder', { exact: true }).fill(holder);
}

/** Clicks the highlight of `phrase` (the mark whose text begins it). */
async function clickMark(page, phrase) {
  await page.locator('[data-testid="article"] mark', { hasText: phrase.split(' ').slice(0, 3).join(' ') }).first().click();
}

/** A quote as the relation list shows it: its first 48 code points. */
function shown(quote) {
  const chars = [...quote];
  return chars.length > 48 ? `${chars.slice(0, 48).join('')}…` : quote;
}

async function relationItems(page) {
  return page.getByTestId('relation-item').allTextContents();
}

test('link the Kremlin demand to Zelenskyy’s red line, keep it, map it, export it and bring it back', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await annotate(page, RED_LINE, 'r', 'Zelenskyy');
  await annotate(page, DEMAND, 'c', 'Kremlin');
  // The demand is selected: it contests the red line.
  await page.getByLabel('Relation', { exact: true }).selectOption('contests');
  await page.getByLabel('Target', { exact: true }).selectOption({ label: `Zelenskyy: “${RED_LINE}”` });
  await page.getByRole('button', { name: 'Add relation' }).click();
  await page.getByTestId('relation-item').waitFor();
  assert.deepEqual(await relationItems(page), [`→ ContestsZelenskyy: “${RED_LINE}”×`]);
  // The red line is marked as related to the selected demand.
  assert.equal(await page.locator('mark.is-related').first().textContent(), RED_LINE);
  await screenshot(page, 'relations-editor');

  // Undo and redo take it away and bring it back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByTestId('relation-item').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await page.getByTestId('relation-item').waitFor();

  // Kept across a reload; seen from the red line's side too.
  await page.reload();
  await ready(page);
  await clickMark(page, RED_LINE);
  assert.deepEqual(await relationItems(page), [`← ContestsKremlin: “${shown(DEMAND)}”×`]);

  // The map: two parties, two cards, one arrow from the demand to the red line.
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  const map = page.getByTestId('negotiation-map');
  await map.waitFor();
  assert.equal(await map.getByTestId('map-party').count(), 2);
  assert.equal(await map.getByTestId('map-node').count(), 2);
  const edge = map.getByTestId('map-edge');
  assert.equal(await edge.count(), 1);
  const ids = Object.fromEntries(await Promise.all(['data-kind', 'data-from', 'data-to'].map(async (a) => [a, await edge.getAttribute(a)])));
  const nodeId = async (label) => map.locator(`[data-testid="map-node"][data-label="${label}"]`).getAttribute('data-id');
  assert.deepEqual(ids, { 'data-kind': 'contests', 'data-from': await nodeId('claim'), 'data-to': await nodeId('red-line') });
  assert.match(await map.textContent(), /1 red line, 0 claims, 1 contested/);

  // Export map: a standalone SVG that Chromium draws on its own.
  const svg = await download(page, () => page.getByRole('button', { name: 'Export map' }).click());
  assert.equal(svg.name, 'Security guarantees.map.svg');
  const viewer = await context.newPage();
  await viewer.goto(`file://${tempFile(svg.name, svg.text)}`);
  assert.equal(await viewer.locator('svg [data-testid="map-node"]').count(), 2);
  assert.equal(await viewer.evaluate(() => document.documentElement.getBBox().width > 300), true);
  await viewer.close();

  // Enter on a card goes to its annotation in the article.
  await map.locator('[data-testid="map-node"][data-label="claim"]').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('article').waitFor();
  assert.equal(await page.locator('mark.is-selected').first().textContent(), DEMAND);

  // The W3C export carries the relation as a linking annotation that passes the MUST suite.
  const exported = await download(page, () => page.getByRole('button', { name: 'Export JSON', exact: true }).click());
  const collection = JSON.parse(exported.text);
  const link = collection.first.items.find((item) => item.motivation === 'linking');
  assert.deepEqual(link.body[0], { type: 'TextualBody', purpose: 'tagging', value: 'contests' });
  assert.deepEqual(link.target, [ids['data-from'], ids['data-to']]);
  const failing = mustValidator();
  for (const item of collection.first.items) assert.deepEqual(failing(item), [], `${item.id} fails MUST assertions`);

  // brat: the text and its .ann, the relation an R line between the two T lines.
  const named = (ending) => page.waitForEvent('download', { predicate: (file) => file.suggestedFilename().endsWith(ending) });
  const [txt, annFile] = await Promise.all([named('.txt'), named('.ann'), page.getByRole('button', { name: 'Export brat' }).click()]);
  const byName = {};
  for (const file of [txt, annFile]) byName[file.suggestedFilename()] = await fs.readFile(await file.path(), 'utf8');
  assert.equal(byName['Security guarantees.txt'], article);
  const ann = byName['Security guarantees.ann'];
  assert.match(ann, /^T1\tRedLine \d+ \d+\tUkraine will not sign any deals$/m);
  assert.match(ann, /^R1\tContests Arg1:T2 Arg2:T1$/m);
  await context.close();

  // A fresh browser takes the file in and has the same relation.
  const fresh = await openApp(env.browser, env.url);
  await fresh.page.getByLabel('Import JSON').setInputFiles(tempFile('relations.json', exported.text));
  await fresh.page.getByTestId('status').getByText('Relations: 1 added').waitFor();
  await clickMark(fresh.page, DEMAND);
  assert.deepEqual(await relationItems(fresh.page), [`→ ContestsZelenskyy: “${RED_LINE}”×`]);
  assert.deepEqual(fresh.page.problems, []);
  await fresh.context.close();

  // And another fresh browser takes the brat file in, on the bundled article.
  const bratFresh = await openApp(env.browser, env.url);
  await bratFresh.page.getByLabel('Import JSON').setInputFiles(tempFile('Security guarantees.ann', ann));
  await bratFresh.page.getByTestId('status').getByText('Relations: 1 added').waitFor();
  await clickMark(bratFresh.page, DEMAND);
  assert.deepEqual(await relationItems(bratFresh.page), [`→ ContestsZelenskyy: “${RED_LINE}”×`]);
  assert.equal(await bratFresh.page.getByLabel('Holder', { exact: true }).inputValue(), 'Kremlin');
  await bratFresh.context.close();
});

test('the link key, and deleting a linked annotation takes its relations until undone', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await annotate(page, RED_LINE, 'r', 'Zelenskyy');
  await annotate(page, DEMAND, 'c', 'Kremlin');
  // Keyboard: l, then the target's highlight.
  await page.getByLabel('Relation', { exact: true }).selectOption('supports');
  await page.locator('body').press('Escape');
  await clickMark(page, DEMAND);
  await page.getByTestId('article').press('l');
  await page.getByText('Click the highlight to link to').first().waitFor();
  await clickMark(page, RED_LINE);
  await clickMark(page, DEMAND);
  assert.deepEqual(await relationItems(page), [`→ SupportsZelenskyy: “${RED_LINE}”×`]);

  // Deleting the red line removes the relation; undo brings both back.
  await clickMark(page, RED_LINE);
  await page.getByRole('button', { name: 'Delete annotation' }).click();
  await clickMark(page, DEMAND);
  assert.deepEqual(await relationItems(page), []);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByTestId('relation-item').waitFor();
  assert.deepEqual(await relationItems(page), [`→ SupportsZelenskyy: “${RED_LINE}”×`]);
  // Remove relation, from the list.
  await page.getByRole('button', { name: 'Remove relation' }).click();
  await page.getByTestId('relation-item').waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
  await context.close();
});

/** A W3C file of the bundled article with 15 annotations among five parties and 8 relations. */
function negotiationFile() {
  const chars = [...article];
  const spans = [
    ['Ukraine will not sign any deals', 'red-line', 'Zelenskyy'],
    ['strong Ukrainian army', 'red-line', 'Zelenskyy'],
    ['security guarantees takes place', 'claim', 'Zelenskyy'],
    ['They completely ruled out the deployment of NATO personnel in Ukraine', 'red-line', 'Kremlin'],
    ['requiring Ukraine to pull out of Donetsk and Luhansk', 'claim', 'Kremlin'],
    ['this deployment has become the key red line in negotiations', 'red-line', 'Kremlin'],
    ['proposed that Washington provide air cover', 'claim', 'Trump'],
    ['It’s possible that he doesn’t want to make a deal', 'claim', 'Trump'],
    ['European allies are starting to have conversations', 'claim', 'European allies'],
    ['the same sort of protections as Article 5', 'claim', 'European allies'],
    ['direct NATO membership', 'claim', 'European allies'],
    ['sovereignty and territorial integrity', 'red-line', 'Zelenskyy'],
    ['an attack on one member is considered an attack on all members', 'claim', 'European allies'],
    ['prevent any future Russian incursions', 'claim', 'European allies'],
    ['Putin’s apparent reluctance', 'claim', 'Trump'],
  ];
  const id = (n) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const items = spans.map(([exact, label, holder], n) => {
    const at = article.indexOf(exact);
    if (at < 0) throw new Error(`not in the article: ${exact}`);
    const start = [...article.slice(0, at)].length;
    return {
      id: id(n + 1), type: 'Annotation', motivation: 'tagging', holder,
      body: [{ type: 'TextualBody', purpose: 'tagging', value: label }],
      target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start, end: start + [...exact].length }] },
    };
  });
  const links = [[5, 'contests', 1], [5, 'contests', 12], [4, 'contests', 11], [6, 'restates', 4], [9, 'supports', 2], [10, 'supports', 3], [7, 'supports', 10], [8, 'contests', 3]];
  links.forEach(([from, kind, to], n) => items.push({
    id: id(100 + n), type: 'Annotation', motivation: 'linking',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: kind }], target: [id(from), id(to)],
  }));
  return JSON.stringify({ document: { title: 'Security guarantees', text: chars.join('') }, type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } });
}

test('the map of a negotiation: five parties, fifteen positions, eight relations, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await openApp(env.browser, env.url, { colorScheme, viewport: { width: 1600, height: 1000 } });
    await page.getByLabel('Import JSON').setInputFiles(tempFile('negotiation.json', negotiationFile()));
    await page.getByTestId('status').getByText('Relations: 8 added').waitFor();
    await page.keyboard.press('m');
    const map = page.getByTestId('negotiation-map');
    await map.waitFor();
    assert.equal(await map.getByTestId('map-party').count(), 4);
    assert.equal(await map.getByTestId('map-node').count(), 15);
    assert.equal(await map.getByTestId('map-edge').count(), 8);
    await screenshot(page, `map-${colorScheme}`);
    // Merge a party into another: one step, undone as one.
    if (colorScheme === 'light') {
      await page.getByLabel('Party', { exact: true }).selectOption('Trump');
      await page.getByLabel('New name', { exact: true }).fill('European allies');
      await page.getByRole('button', { name: 'Rename party' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="map-party"]').length === 3);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="map-party"]').length === 4);
    }
    assert.deepEqual(page.problems, []);
    await context.close();
  }
});

test('CSV out as two files and back in: the annotations placed, then their relations', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await annotate(page, RED_LINE, 'r', 'Zelenskyy');
  await annotate(page, DEMAND, 'c', 'Kremlin');
  await page.getByLabel('Target', { exact: true }).selectOption({ label: `Zelenskyy: “${RED_LINE}”` });
  await page.getByRole('button', { name: 'Add relation' }).click();
  await page.getByTestId('relation-item').waitFor();
  const named = (ending) => page.waitForEvent('download', { predicate: (file) => file.suggestedFilename().endsWith(ending) });
  const [annotations, relations] = await Promise.all([
    named('.annotations.csv'), named('.relations.csv'), page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const read = async (file) => fs.readFile(await file.path(), 'utf8');
  const [rows, links] = [await read(annotations), await read(relations)];
  assert.match(links, /^id,relation,source,target,note,created,modified\n[^,]+,contests,/);
  await context.close();

  const fresh = await openApp(env.browser, env.url);
  for (const [name, text] of [['Security guarantees.annotations.csv', rows], ['Security guarantees.relations.csv', links]]) {
    await fresh.page.getByLabel('Import JSON').setInputFiles(tempFile(name, text));
    await fresh.page.getByRole('button', { name: 'Apply to open document' }).click();
    await fresh.page.getByTestId('status').getByText('Applied to this document (a CSV export)').waitFor();
  }
  await fresh.page.getByTestId('status').getByText('Relations: 1 added').waitFor();
  await clickMark(fresh.page, DEMAND);
  assert.deepEqual(await relationItems(fresh.page), [`→ ContestsZelenskyy: “${RED_LINE}”×`]);
  assert.deepEqual(fresh.page.problems, []);
  await fresh.context.close();
});
