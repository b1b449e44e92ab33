// Live sync's figures, against the real team server on loopback (`node bench/sync.mjs`, after
// `make release`): how long an addition in one browser takes to show as a mark in another
// (median of 50), and the server's memory and CPU with 10 analysts in one room. Writes
// bench/sync.json.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, root, selectFreeWord } from '../e2e/support.mjs';
import { startSyncServer } from '../e2e/sync-server.mjs';

const ADDITIONS = 50;
const CLIENTS = 10;


/** The server process's resident memory (bytes) and CPU time used (seconds). */
function usage(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss, cpu: ticks / 100 };
}

async function join(browser, url, link) {
  const session = await openApp(browser, link ?? url);
  await session.page.waitForSelector('[data-testid="sync-status"][data-state="connected"]', { timeout: 30_000 }).catch(() => {});
  return session;
}

async function share(page, server) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByLabel('Server').fill(server.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForSelector('[data-testid="sync-status"][data-state="connected"]');
  const link = await page.getByLabel('Link').inputValue();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  return link;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const web = await serve();
const server = await startSyncServer();
const browser = await launch();
const results = { date: new Date().toISOString(), machine: '2 cores, 24 GiB' };
try {
  const idle = usage(server.process.pid);

  // Latency: Olena adds, Bob's page notes when the mark appears (both clocks are this machine's).
  const a = await openApp(browser, web.url);
  const link = await share(a.page, server);
  const b = await join(browser, web.url, link);
  await b.page.evaluate(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const count = document.querySelectorAll('[data-testid="article"] mark').length;
      if (count > (window.__count ?? 0)) window.__seen.push(Date.now());
      window.__count = count;
    }).observe(document.querySelector('[data-testid="article"]'), { subtree: true, childList: true });
  });
  const latencies = [];
  for (let i = 0; i < ADDITIONS; i++) {
    await selectFreeWord(a.page, i * 7);
    const seen = await b.page.evaluate(() => window.__seen.length);
    const started = Date.now();
    await a.page.keyboard.press('c');
    await b.page.waitForFunction((n) => window.__seen.length > n, seen, { polling: 'raf' });
    latencies.push((await b.page.evaluate(() => window.__seen.at(-1))) - started);
  }
  results.latency = { median: median(latencies), min: Math.min(...latencies), max: Math.max(...latencies), samples: latencies.length };

  // Ten analysts in the room, each adding five marks.
  const others = [];
  for (let i = 2; i < CLIENTS; i++) others.push(await join(browser, web.url, link));
  const everyone = [a, b, ...others];
  const joined = usage(server.process.pid);
  for (let round = 0; round < 5; round++) {
    await Promise.all(everyone.map(async ({ page }, i) => {
      await selectFreeWord(page, 400 + round * CLIENTS + i);
      await page.keyboard.press('c');
    }));
  }
  // Every page shows the same marks. (A page whose selection was redrawn away by a colleague's
  // change in the instant before its key press adds nothing: the count is what all agree on.)
  const counts = () => Promise.all(everyone.map(({ page }) => page.evaluate(() => document.querySelectorAll('[data-testid="annotation-item"]').length)));
  const deadline = Date.now() + 60_000;
  let shown = await counts();
  while (new Set(shown).size > 1 || shown[0] <= ADDITIONS) {
    if (Date.now() > deadline) throw new Error(`pages disagree: ${shown.join(' ')}`);
    await a.page.waitForTimeout(200);
    shown = await counts();
  }
  results.annotationsInTheRoom = shown[0];
  const busy = usage(server.process.pid);
  results.server = {
    clients: CLIENTS,
    idleMemoryMB: +(idle.rss / 1e6).toFixed(1),
    memoryWithClientsMB: +(busy.rss / 1e6).toFixed(1),
    cpuSecondsToJoinAll: +(joined.cpu - idle.cpu).toFixed(2),
    cpuSecondsForTheAdditions: +(busy.cpu - joined.cpu).toFixed(2),
  };
  for (const { context } of everyone) await context.close();
} finally {
  await browser.close();
  await web.close();
  await server.kill();
}
fs.writeFileSync(path.join(root, 'bench', 'sync.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
