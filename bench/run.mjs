// The benchmark: the release build against the limit (a static page with the marks in the markup)
// and the peer (@recogito/text-annotator), on the same text and annotations, in headless Chromium
// on 127.0.0.1. Prints a table of medians and writes bench/latest.json and bench/latest.md.
//   node bench/run.mjs            full workloads: 11 loads of S, 5 of L, 50 additions
//   node bench/run.mjs --small    tiny workloads, one run each (the test suite's smoke run)
//   node bench/run.mjs --only=ours   one contestant (ours, static or peer), to look at it alone
//   node bench/run.mjs --workload=S  one workload (S or L)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve, launch, dist, root } from '../e2e/support.mjs';
import { workloads, storageRecords, w3cForPeer, staticPage, peerPage, SEED } from './workloads.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const vendor = path.join(root, 'node_modules', '@recogito', 'text-annotator', 'dist');

// A figure with any sample not measured is itself not measured (NaN), never a median of the rest.
const median = (xs) => {
  if (xs.some((x) => !Number.isFinite(x))) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const p95 = (xs) => {
  if (xs.some((x) => !Number.isFinite(x))) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] : NaN;
};

function sizes(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = fs.readFileSync(file);
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Page-side probe: records when the condition first holds, at the next frame. No eval (the
 *  app's CSP forbids it): the condition is data. */
function probe(condition) {
  window.__bench = { shownAt: null };
  // Counts the app's annotation writes, so that an interaction ends only once it is stored.
  window.__annotationWrites = 0;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    if (String(key).startsWith('redline:annotation:')) {
      window.__annotationWrites++;
      window.__afterWrite?.();
    }
  };
  addEventListener('TrunkApplicationStarted', (event) => { window.__wasmMemory = event.detail?.wasm?.memory; });
  const holds = () => {
    if (condition.kind === 'peer') return window.peerLoaded && document.querySelector('.r6o-annotation');
    const first = document.querySelector(`mark[data-ids~="${condition.first}"]`);
    const last = document.querySelector(`mark[data-ids~="${condition.last}"]`);
    return first && last;
  };
  const tick = () => {
    if (holds()) requestAnimationFrame(() => { window.__bench.shownAt = performance.now(); });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function seedStorage(records) {
  if (!sessionStorage.getItem('bench-seeded')) {
    for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
    sessionStorage.setItem('bench-seeded', '1');
  }
}

async function open(browser, url, condition, records) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('crash', () => console.error(`the page crashed: ${url}`));
  page.on('pageerror', (error) => console.error(`page error on ${url}: ${error.message}`));
  if (records) await page.addInitScript(seedStorage, records);
  await page.addInitScript(probe, condition);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.shownAt !== null, null, { timeout: 120_000, polling: 50 });
  const shown = await page.evaluate(() => window.__bench.shownAt);
  return { context, page, shown };
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasmMemory?.buffer?.byteLength ?? 0);
  const buffers = heap.backingStorageSize ?? 0;
  return heap.usedSize + Math.max(buffers, wasm);
}

/** Loads a page `runs` times, each in a fresh context; keeps the last one open for what follows. */
async function repeatedLoads(browser, url, condition, records, runs) {
  const loads = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const opened = await open(browser, url, condition, records);
    loads.push(opened.shown);
    if (last) await last.context.close();
    last = opened;
  }
  return { loads, last };
}

/** Measures one interaction in our app: from the triggering input event to the next frame after
 *  `done` holds (the DOM changed and the storage write happened), as the baselines' additions are
 *  measured from the change to the next frame. */
async function interaction(page, trigger, eventType, doneKind) {
  await page.evaluate(({ eventType, doneKind }) => {
    const stored = () => window.__annotationWrites;
    // Additions and undos are seen in the article's marks (the list renders only what is near view).
    const count = () => document.querySelectorAll('[data-testid="article"] mark').length;
    const before = { count: count(), stored: stored(), note: document.querySelector('.item.selected .note')?.textContent ?? '' };
    window.__interaction = new Promise((resolve) => {
      let t0 = null;
      addEventListener(eventType, (e) => { t0 = performance.now(); }, { capture: true, once: true });
      const done = () => {
        if (doneKind === 'flash') return document.querySelector('mark.flash');
        const dom = doneKind === 'add' ? count() > before.count
          : doneKind === 'remove' ? count() < before.count
          : (document.querySelector('.item.selected .note')?.textContent ?? '') !== before.note;
        return dom && stored() !== before.stored;
      };
      // Checked after each batch of DOM changes (a microtask, after the app's render and its
      // storage write), then the interaction ends at the next frame.
      // The write may come after the last DOM change, so a write checks too.
      let finished = false;
      const check = () => {
        if (!finished && t0 !== null && done()) {
          finished = true;
          observer.disconnect();
          window.__afterWrite = null;
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      window.__afterWrite = () => queueMicrotask(check);
      // An interaction that never completes is reported as not measured, not waited for forever.
      setTimeout(() => {
        if (!finished) {
          finished = true;
          observer.disconnect();
          resolve(NaN);
        }
      }, 10_000);
    });
  }, { eventType, doneKind });
  await trigger();
  return page.evaluate(() => window.__interaction);
}

/** Selects a free word (in plain text, not yet marked) in the n-th of `total` spread positions. */
async function selectFreeWord(page, n, total) {
  return page.evaluate(({ n, total }) => {
    const spans = document.querySelectorAll('[data-testid="article"] p > span');
    for (let k = Math.floor((n * spans.length) / total); k < spans.length; k++) {
      const node = spans[k].firstChild;
      const match = node && /[A-Za-z]{4,}/.exec(node.data);
      if (!match) continue;
      const utf16 = match.index;
      const range = document.createRange();
      range.setStart(node, utf16);
      range.setEnd(node, utf16 + match[0].length);
      spans[k].scrollIntoView({ block: 'center' });
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return match[0];
    }
    return null;
  }, { n, total });
}

async function measureOurs(browser, url, w, runs, additions, results) {
  const condition = { kind: 'marks', first: w.annotations[0].id, last: w.annotations[w.annotations.length - 1].id };
  const records = storageRecords(w);
  const { loads, last } = await repeatedLoads(browser, url, condition, records, runs);
  results[`${w.name}.load`].ours = median(loads);
  if (w.name !== 'L') {
    await last.context.close();
    return;
  }
  const page = last.page;
  results['L.memory'].ours = await memory(page);
  const adds = [];
  for (let i = 0; i < additions; i++) {
    if (!(await selectFreeWord(page, i, additions))) continue;
    adds.push(await interaction(page, () => page.keyboard.press('c'), 'keydown', 'add'));
    await page.keyboard.press('Escape');
  }
  results['L.add'].ours = median(adds);
  results['L.add p95'].ours = p95(adds);
  const undos = [];
  for (let i = 0; i < Math.min(10, adds.length); i++) {
    undos.push(await interaction(page, () => page.keyboard.press('Control+z'), 'keydown', 'remove'));
  }
  results['L.undo'].ours = median(undos);
  results['L.undo p95'].ours = p95(undos);
  await page.locator('[data-testid="annotation-item"] button').nth(3).click();
  const note = page.getByLabel('Note', { exact: true });
  await note.focus();
  const keys = [];
  for (const ch of 'checked') keys.push(await interaction(page, () => page.keyboard.press(ch), 'keydown', 'note'));
  results['L.note keystroke'].ours = median(keys);
  results['L.note keystroke p95'].ours = p95(keys);
  const scrolls = [];
  const count = await page.getByTestId('annotation-item').count();
  for (let i = 0; i < 7; i++) {
    const item = page.locator('[data-testid="annotation-item"] button').nth(Math.floor(((i + 1) * count) / 9));
    await item.scrollIntoViewIfNeeded();
    scrolls.push(await interaction(page, () => item.click(), 'click', 'flash'));
    await page.evaluate(() => document.querySelectorAll('mark.flash').forEach((m) => m.classList.remove('flash')));
  }
  results['L.scroll to annotation'].ours = median(scrolls);
  await last.context.close();
}

async function measureStatic(browser, base, w, runs, additions, results) {
  const condition = { kind: 'marks', first: w.annotations[0].id, last: w.annotations[w.annotations.length - 1].id };
  const { loads, last } = await repeatedLoads(browser, `${base}bench/static-${w.name}.html`, condition, undefined, runs);
  results[`${w.name}.load`].static = median(loads);
  if (w.name === 'L') {
    results['L.memory'].static = await memory(last.page);
    const adds = [];
    for (let i = 0; i < additions; i++) {
      adds.push(await last.page.evaluate(({ i, additions }) => new Promise((resolve) => {
        const ps = document.querySelectorAll('article p');
        const p = ps[Math.floor((i * ps.length) / additions)];
        const node = [...p.childNodes].find((n) => n.nodeType === 3 && /[A-Za-z]{4,}/.test(n.data));
        if (!node) return resolve(NaN);
        const match = /[A-Za-z]{4,}/.exec(node.data);
        const t0 = performance.now();
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const mark = document.createElement('mark');
        mark.dataset.labels = 'claim';
        range.surroundContents(mark);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }), { i, additions }));
    }
    results['L.add'].static = median(adds.filter(Number.isFinite));
    results['L.add p95'].static = p95(adds.filter(Number.isFinite));
  }
  await last.context.close();
}

async function measurePeer(browser, base, w, runs, additions, results) {
  const records = { 'peer:annotations': JSON.stringify(w3cForPeer(w)) };
  const { loads, last } = await repeatedLoads(browser, `${base}bench/peer-${w.name}.html`, { kind: 'peer' }, records, runs);
  results[`${w.name}.load`].peer = median(loads);
  if (w.name === 'L') {
    results['L.memory'].peer = await memory(last.page);
    const adds = [];
    for (let i = 0; i < additions; i++) {
      adds.push(await last.page.evaluate(({ i, additions, source }) => new Promise((resolve) => {
        const ps = document.querySelectorAll('#article p');
        const p = ps[Math.floor((i * ps.length) / additions)];
        const range = document.createRange();
        const node = p.firstChild;
        range.setStart(node, 0);
        range.setEnd(node, Math.min(12, node.data.length));
        const t0 = performance.now();
        const selector = window.RecogitoJS.rangeToSelector(range, document.getElementById('article'));
        window.peer.addAnnotation({
          '@context': 'http://www.w3.org/ns/anno.jsonld', id: `urn:uuid:bench-${i}`, type: 'Annotation',
          body: [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }],
          target: { source, selector: [{ type: 'TextQuoteSelector', exact: selector.quote }, { type: 'TextPositionSelector', start: selector.start, end: selector.end }] },
        });
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }), { i, additions, source: `urn:sha256:${w.sha256}` }));
    }
    results['L.add'].peer = median(adds);
    results['L.add p95'].peer = p95(adds);
  }
  await last.context.close();
}

const MEASURES = [
  'transfer gzip', 'transfer raw', 'S.load', 'L.load', 'L.add', 'L.add p95', 'L.undo', 'L.undo p95',
  'L.note keystroke', 'L.note keystroke p95', 'L.scroll to annotation', 'L.memory',
];

/** Loads per workload: a short page loads in a fifth of a second, where the machine's noise is
 *  a large share, so it gets more samples for a steadier median. */
const LOADS = { S: 11, L: 5 };

export async function runBenchmark({ small = false, additions = small ? 3 : 50, only = 'all', workload = 'all' } = {}) {
  const { S, L } = workloads({ small });
  const pages = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-bench-'));
  for (const w of [S, L]) {
    fs.writeFileSync(path.join(pages, `static-${w.name}.html`), staticPage(w));
    fs.writeFileSync(path.join(pages, `peer-${w.name}.html`), peerPage(w));
  }
  const results = Object.fromEntries(MEASURES.map((m) => [m, {}]));
  const ours = fs.readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f)).map((f) => path.join(dist, f));
  const oursSize = sizes(ours);
  const peerSize = sizes([path.join(vendor, 'text-annotator.umd.js'), path.join(vendor, 'text-annotator.css')]);
  const staticSize = sizes([path.join(pages, 'static-S.html')]);
  results['transfer gzip'] = { ours: oursSize.gzip, peer: peerSize.gzip, static: staticSize.gzip };
  results['transfer raw'] = { ours: oursSize.raw, peer: peerSize.raw, static: staticSize.raw };

  const server = await serve(dist, { '/bench/': pages, '/vendor/': vendor });
  const browser = await launch();
  try {
    for (const w of [S, L].filter((w) => workload === 'all' || w.name === workload)) {
      const runs = small ? 1 : LOADS[w.name];
      if (only === 'all' || only === 'static') await measureStatic(browser, server.url, w, runs, additions, results);
      if (only === 'all' || only === 'ours') await measureOurs(browser, server.url, w, runs, additions, results);
      if (only === 'all' || only === 'peer') await measurePeer(browser, server.url, w, runs, additions, results);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(pages, { recursive: true, force: true });
  }
  return {
    seed: SEED,
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    workloads: {
      S: { characters: S.chars.length, annotations: S.annotations.length },
      L: { bytes: Buffer.byteLength(L.text), characters: L.chars.length, annotations: L.annotations.length },
    },
    runs: small ? { S: 1, L: 1 } : LOADS,
    additions,
    results,
  };
}

function format(measure, value) {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (measure.startsWith('transfer') || measure.endsWith('memory')) {
    return value > 2 ** 20 ? `${(value / 2 ** 20).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} KB`;
  }
  return `${value.toFixed(value < 100 ? 1 : 0)} ms`;
}

export function table(report) {
  const ratio = (a, b) => (a === undefined || b === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`);
  const lines = [
    '| measure | ours | limit (static page) | peer (recogito 4.1.1) | ours ÷ limit | ours ÷ peer |',
    '|---|---|---|---|---|---|',
  ];
  for (const [measure, v] of Object.entries(report.results)) {
    lines.push(`| ${measure} | ${format(measure, v.ours)} | ${format(measure, v.static)} | ${format(measure, v.peer)} | ${ratio(v.ours, v.static)} | ${ratio(v.ours, v.peer)} |`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const small = process.argv.includes('--small');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? 'all';
  const workload = process.argv.find((a) => a.startsWith('--workload='))?.slice('--workload='.length) ?? 'all';
  const report = await runBenchmark({ small, only, workload });
  const markdown = `Medians of ${report.runs.S} S loads, ${report.runs.L} L loads and ${report.additions} additions; ${report.machine}; ${report.date}.\n` +
    `S: ${report.workloads.S.characters} characters, ${report.workloads.S.annotations} annotations. ` +
    `L: ${report.workloads.L.bytes} bytes, ${report.workloads.L.annotations} annotations.\n\n${table(report)}\n`;
  console.log(markdown);
  if (!small && only === 'all' && workload === 'all') {
    fs.writeFileSync(path.join(here, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(here, 'latest.md'), markdown);
  }
}
