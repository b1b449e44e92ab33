// Hostile input runs nothing: script-like strings in article text, titles, notes, holders and
// imported files show as text; no dialog, no error, no element but text, no CSP violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openApp, dragSelect, tempFile, screenshot } from './support.mjs';

const env = withBrowser();

export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click me</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus='",
  '<style>*{background:url(javascript:alert(1))}</style>',
  '\\3c script\\3e alert(1)\\3c /script\\3e',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  '${alert(1)}',
  'evil \u202Etxt.exe\u202C ok',
  '\u2066isolated\u2069 and \u200Frtl mark',
  'zero\u200Bwidth\u200Cjoin\u200Dners\uFEFF',
  '<!-- comment --> --> <!--',
  '</textarea><script>alert(1)</script>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<body onload=alert(1)>',
  '<base href="https://evil.invalid/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "=cmd|'/C calc'!A0",
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'long '.repeat(4000),
];

/** Elements that text must never turn into, counted outside the app's own chart. */
async function dangerousElements(page) {
  return page.evaluate(() => {
    const selector = 'script, img, iframe, object, embed, style, base, meta, a, math, link, form, input[autofocus]';
    const inBody = [...document.body.querySelectorAll(selector)].filter((e) => !e.closest('.file-button'));
    // The app's own pictures: the summary chart, and the negotiation map's one SVG (anything
    // inside it is still looked for).
    const own = (s) => s.closest('[data-testid="summary"]') || (s.matches('.map-canvas > svg.map-svg'));
    const svgs = [...document.body.querySelectorAll('svg')].filter((s) => !own(s));
    return [...inBody, ...svgs].map((e) => e.outerHTML.slice(0, 80));
  });
}

async function assertInert(page) {
  assert.deepEqual(await dangerousElements(page), []);
  assert.deepEqual(page.problems, [], 'no dialog and no console error');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
}

test('hostile strings in an article text and title, notes and holders stay text', async () => {
  const { page, context } = await openApp(env.browser, env.url);
  await page.getByRole('button', { name: 'Paste text' }).click();
  const text = ['Negotiators said the plan stands.', ...HOSTILE.map((h) => `Quote: ${h} end.`)].join('\n');
  await page.getByLabel('Article text').fill(text);
  await page.getByLabel('Title (optional)').fill(HOSTILE[1]);
  await page.getByRole('button', { name: 'Add document' }).click();
  await page.waitForSelector('text=Negotiators said');
  const paragraphs = await page.$$eval('[data-testid="article"] p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(paragraphs, text.split('\n'));
  // Annotate across a few hostile lines, with hostile notes and holders.
  for (const [i, phrase] of ['Negotiators said', 'Quote: <script>', 'Quote: <svg onload'].entries()) {
    await dragSelect(page, phrase);
    await page.keyboard.press(i % 2 ? 'r' : 'c');
    await page.getByLabel('Note', { exact: true }).fill(HOSTILE[(i * 7) % HOSTILE.length]);
    await page.getByLabel('Holder', { exact: true }).fill(HOSTILE[(i * 5 + 2) % HOSTILE.length]);
  }
  // Rename to another hostile title; filter and search with hostile text.
  await page.getByRole('button', { name: `Rename ${HOSTILE[1]}` }).click();
  await page.getByLabel('Title', { exact: true }).fill(HOSTILE[5]);
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByLabel('Search').fill(HOSTILE[0]);
  await page.getByLabel('Search').fill('');
  await page.mouse.move(300, 300);
  await page.keyboard.press('Tab');
  await assertInert(page);
  await screenshot(page, 'hostile-article');
  // Link two of them and draw the map: hostile holders and quotes as the map's text.
  await page.locator('[data-testid="article"] mark').nth(1).click();
  await page.getByTestId('article').press('l');
  await page.locator('[data-testid="article"] mark').first().click();
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.getByTestId('map-edge').waitFor();
  assert.equal(await page.getByTestId('map-node').count(), 3);
  await assertInert(page);
  await page.getByRole('button', { name: 'Back to the article' }).click();
  await page.reload();
  await page.waitForSelector('text=Negotiators said');
  await assertInert(page);
  await context.close();
});

test('a hostile imported file shows its strings as text and runs nothing', async () => {
  const text = ['The envoy said talks continue.', ...HOSTILE].join('\n');
  const chars = [...text];
  const items = HOSTILE.slice(0, 8).map((h, i) => {
    const start = [...text.slice(0, text.indexOf(h))].length;
    const end = start + [...h].length;
    return {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
      type: 'Annotation',
      holder: HOSTILE[(i + 3) % HOSTILE.length],
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: i % 2 ? 'claim' : 'red-line' },
        { type: 'TextualBody', purpose: 'commenting', value: HOSTILE[(i + 9) % HOSTILE.length] },
      ],
      target: { selector: [
        { type: 'TextQuoteSelector', exact: chars.slice(start, end).join('') },
        { type: 'TextPositionSelector', start, end },
      ] },
    };
  });
  const file = {
    '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', label: HOSTILE[0],
    document: { title: HOSTILE[2], text }, first: { type: 'AnnotationPage', items },
  };
  const { page, context } = await openApp(env.browser, env.url);
  await page.getByLabel('Import JSON').setInputFiles(tempFile('<img src=x onerror=alert(1)>.json', JSON.stringify(file)));
  await page.getByRole('button', { name: 'Add as new document' }).click();
  await page.waitForSelector('text=The envoy said');
  assert.equal(await page.getByTestId('annotation-item').count(), 8);
  for (const item of await page.getByTestId('annotation-item').all()) await item.click();
  await assertInert(page);
  await context.close();
});
