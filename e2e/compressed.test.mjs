// A host that serves the release's ready compressed copies (tools/post-build.mjs writes a `.br`
// and a `.gz` beside each file): a first visit gets the Brotli copies, or the gzip ones from a
// host that has only those, the browser takes them (integrity and policy checked on what they
// decode to), and the app works from them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, dragSelect, ready, dist, outputDir } from './support.mjs';
import { firstVisitFiles, firstVisitSize } from '../bench/run.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A first visit from a host that sends the copies in `encodings`, which should arrive as the
 *  `suffix` ones; `transfer(bytes, gzip)` judges their sum against the budget's gzip figure. */
async function firstVisitFrom(t, encodings, suffix, transfer) {
  const server = await serve(dist, {}, { precompressed: encodings });
  t.after(() => server.close());
  // What a first load fetches: what the budget counts but the offline worker's script,
  // registered once the page has settled.
  const firstVisit = firstVisitFiles(dist).filter((f) => f !== 'sw.js');
  // The offline worker is kept out: its fill would fetch the rest of the release meanwhile.
  const { page, context } = await openApp(browser, server.url, { serviceWorkers: 'block' });
  // The first load is over by now: read what it transferred from the browser's own records.
  const entries = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .map((e) => ({ name: new URL(e.name).pathname.slice(1) || 'index.html', encoded: e.encodedBodySize, decoded: e.decodedBodySize })));
  const arrived = new Map(entries.map((entry) => [entry.name, entry]));
  let transferred = 0;
  for (const name of firstVisit) {
    const entry = arrived.get(name);
    assert.ok(entry, `${name} was not fetched: ${JSON.stringify([...arrived.keys()])}`);
    assert.ok(fs.existsSync(path.join(dist, `${name}${suffix}`)), `the build wrote no ${suffix} copy of ${name}`);
    const copy = fs.statSync(path.join(dist, `${name}${suffix}`)).size;
    assert.equal(entry.encoded, copy, `${name} arrived as ${entry.encoded} bytes, not as its ${suffix} copy (${copy})`);
    assert.equal(entry.decoded, fs.statSync(path.join(dist, name)).size, `${name} decoded to another size`);
    transferred += entry.encoded;
  }
  const { gzip } = firstVisitSize(dist);
  transfer(transferred, gzip);
  t.diagnostic(`a first visit transferred ${transferred} bytes as ${encodings.join(' or ')}, against ${gzip} gzip in the budget`);

  // The app runs from what the copies decoded to: a mark made with the mouse and a key is kept
  // through a reload.
  await dragSelect(page, 'Ukraine will not sign any deals');
  await page.keyboard.press('c');
  await page.locator('[data-testid="article"] mark', { hasText: 'Ukraine will not sign any deals' }).waitFor();
  await page.reload();
  await ready(page);
  await page.locator('[data-testid="article"] mark', { hasText: 'Ukraine will not sign any deals' }).waitFor();
  await page.screenshot({ path: path.join(outputDir, `compressed-first-visit${suffix}.png`) });
  assert.deepEqual(page.problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
}

test('a first visit from a host that sends the Brotli copies transfers them, and the app works', async (t) => {
  // Less than the gzip the budget counts, which a plain static host comes near at best.
  await firstVisitFrom(t, ['br', 'gzip'], '.br', (brotli, gzip) => assert.ok(brotli < gzip, `Brotli ${brotli} bytes, gzip ${gzip}`));
});

test('a first visit from a host that has only the gzip copies transfers them, and the app works', async (t) => {
  // Exactly what the budget counts (the copies are written as the benchmark compresses), which
  // also counts the offline worker's script, fetched once the page has settled.
  const offlineWorker = fs.statSync(path.join(dist, 'sw.js.gz')).size;
  await firstVisitFrom(t, ['gzip'], '.gz', (sent, gzip) => assert.equal(sent + offlineWorker, gzip, 'the gzip copies are not what the budget counts'));
});
