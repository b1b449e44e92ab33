// Two and three pages on one document adding, editing and deleting at random for a bounded
// number of steps: afterwards every page shows the same set and no addition is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openTabs, selectFreeWord } from './support.mjs';
import { random } from '../bench/workloads.mjs';

const env = withBrowser();


const shownIds = (page) => page.$$eval('[data-testid="annotation-item"]', (items) => items.map((i) => i.dataset.id).sort());

async function storedIds(page) {
  return page.evaluate(() => {
    const library = JSON.parse(localStorage.getItem('redline:library'));
    const prefix = `redline:annotation:${library.open}:`;
    const live = [];
    const records = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith(prefix)) continue;
      records.push(key.slice(prefix.length));
      if (JSON.parse(localStorage.getItem(key)).kind === 'annotation') live.push(key.slice(prefix.length));
    }
    return { live: live.sort(), records };
  });
}

for (const pages of [2, 3]) {
  test(`${pages} pages at random: the same set everywhere, no addition lost`, async () => {
    const { context, pages: all } = await openTabs(env.browser, env.url, pages);
    const next = random(1000 + pages);
    const added = new Set();
    let deletions = 0;
    let edits = 0;
    const steps = 12;
    for (let step = 0; step < steps; step++) {
      await Promise.all(all.map(async (page) => {
        const roll = next();
        const count = await page.getByTestId('annotation-item').count();
        if (roll < 0.55 || count === 0) {
          if (await selectFreeWord(page, Math.floor(next() * 400))) {
            await page.keyboard.press(next() < 0.5 ? 'c' : 'r');
            // A new annotation is selected once made (a selection that a remote change
            // re-rendered away makes none).
            const id = await page.locator('.item.selected').getAttribute('data-id', { timeout: 1000 }).catch(() => null);
            if (id) added.add(id);
          }
        } else if (roll < 0.8) {
          const item = page.getByTestId('annotation-item').nth(Math.floor(next() * count));
          const id = await item.getAttribute('data-id');
          await item.getByRole('button').click();
          try {
            await page.getByLabel('Note', { exact: true }).fill(`edited at step ${step}`, { timeout: 5000 });
            edits++;
          } catch (error) {
            // Only an annotation another page deleted meanwhile may leave no editor to write in.
            if (await page.locator(`[data-testid="annotation-item"][data-id="${id}"]`).count() > 0) throw error;
          }
        } else {
          await page.getByTestId('annotation-item').nth(Math.floor(next() * count)).getByRole('button').click();
          await page.getByRole('button', { name: 'Delete annotation' }).click();
          deletions++;
        }
        await page.keyboard.press('Escape');
      }));
    }
    const additions = added.size;
    const expected = await storedIds(all[0]);
    // Every addition has its record; a deletion turns a record into a deletion mark, never removes it.
    for (const id of added) assert.ok(expected.records.includes(id), `the addition ${id} was lost`);
    for (const page of all) {
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="annotation-item"]').length === n, expected.live.length, { timeout: 10_000 });
      assert.deepEqual(await shownIds(page), expected.live);
    }
    assert.ok(additions > 0 && (edits > 0 || deletions > 0), `${additions} additions, ${edits} edits, ${deletions} deletions`);
    assert.deepEqual(all.flatMap((page) => page.problems), [], 'no page logged an error');
    console.log(`# ${pages} pages: ${additions} additions, ${edits} edits, ${deletions} deletions, ${expected.live.length} kept, 0 lost`);
    await context.close();
  });
}
