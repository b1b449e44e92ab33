// The benchmark's workloads, generated from a fixed seed and never edited by hand:
//   S: the bundled article with 40 annotations;
//   L: a 1 MB article (varied paragraphs, some non-BMP characters) with 5,000 annotations, a
//      tenth of them overlapping another.
// Each workload comes in the three shapes the runs need: the app's storage records (schema v1),
// W3C annotations for the peer, and a static HTML page with the marks already in the markup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEED = 20261127;
const CONTEXT = 32;

/** mulberry32: a small, fast, deterministic generator. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('talks guarantees security Kyiv Moscow Brussels envoy minister ceasefire territory troops ' +
  'border sanctions allies summit proposal negotiators delegation withdrawal referendum reconstruction ' +
  'airspace corridor grain shipments monitors mission treaty article membership pledge deterrence ' +
  'artillery drones reserves commitment framework timeline verification observers parliament ' +
  'president chancellor spokesperson statement briefing officials sources analysts diplomats').split(' ');
const ODD = ['café', 'naïve', 'Zürich', 'São Paulo', 'Ελλάδα', 'Київ', '𝔸𝕝𝕝𝕚𝕖𝕤', '😀', '🇺🇦', '👩‍👩‍👧', 'e\u0301tude', '乌克兰', 'السلام'];
const VERBS = ['said', 'insisted', 'warned', 'claimed', 'declared', 'argued', 'stressed', 'denied', 'confirmed'];
const HOLDERS = ['Zelenskyy', 'Kremlin', 'NATO', 'European Commission', 'White House', 'Analysts', ''];

function sentence(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const length = 8 + Math.floor(next() * 18);
  const words = [];
  for (let i = 0; i < length; i++) words.push(next() < 0.04 ? pick(ODD) : pick(WORDS));
  words.splice(1 + Math.floor(next() * 3), 0, pick(VERBS));
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1) + (next() < 0.1 ? '?' : '.');
}

function generatedText(next, bytes) {
  const paragraphs = [];
  let size = 0;
  while (size < bytes) {
    const count = 1 + Math.floor(next() * 9);
    const paragraph = Array.from({ length: count }, () => sentence(next)).join(' ');
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph) + 1;
  }
  return paragraphs.join('\n');
}

/** Word-aligned spans (in code points): `count` apart from each other, then `overlapping` more
 *  that each start inside one of them and end past it. */
function spans(next, chars, count, overlapping) {
  const starts = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== ' ' && chars[i] !== '\n' && (i === 0 || chars[i - 1] === ' ' || chars[i - 1] === '\n')) starts.push(i);
  }
  const wordEnd = (i) => {
    while (i < chars.length && chars[i] !== ' ' && chars[i] !== '\n') i++;
    return i;
  };
  const result = [];
  const stride = Math.floor(starts.length / count);
  for (let i = 0; i < count; i++) {
    const first = i * stride + Math.floor(next() * Math.max(1, stride - 6));
    const words = 1 + Math.floor(next() * Math.min(5, stride - 1));
    let end = starts[first];
    for (let w = 0; w < words; w++) end = wordEnd(end + (w ? 1 : 0));
    result.push([starts[first], Math.min(end, chars.length)]);
  }
  for (let i = 0; i < overlapping; i++) {
    const host = result[Math.floor(next() * count)];
    const start = Math.min(host[1] - 1, host[0] + 1 + Math.floor(next() * (host[1] - host[0] - 1)));
    let end = wordEnd(Math.min(host[1] + 1, chars.length - 1));
    if (end <= host[1]) end = Math.min(chars.length, host[1] + 1);
    result.push([Math.max(host[0] + 1, start), end]);
  }
  return result.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

function uuid(next) {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function build(name, title, text, count, overlapping, next) {
  const chars = [...text];
  const utf16Of = [];
  let unit = 0;
  for (const ch of chars) {
    utf16Of.push(unit);
    unit += ch.length;
  }
  utf16Of.push(unit);
  const annotations = spans(next, chars, count, overlapping).map(([start, end], i) => {
    const at = 1764000000000 + i * 1000;
    return {
      id: uuid(next),
      label: next() < 0.5 ? 'claim' : 'red-line',
      start,
      end,
      exact: chars.slice(start, end).join(''),
      prefix: chars.slice(Math.max(0, start - CONTEXT), start).join(''),
      suffix: chars.slice(end, end + CONTEXT).join(''),
      note: next() < 0.2 ? `Checked against source ${i}` : '',
      holder: HOLDERS[Math.floor(next() * HOLDERS.length)],
      created: at,
      modified: at,
    };
  });
  const sha256 = crypto.createHash('sha256').update(text, 'utf8').digest('hex');
  return { name, title, text, chars, utf16Of, annotations, sha256 };
}

export function workloads({ small = false } = {}) {
  const next = random(SEED);
  const article = fs.readFileSync(path.join(here, '..', 'static', 'security-guarantees.txt'), 'utf8');
  const S = build('S', 'Security guarantees', article, small ? 4 : 36, small ? 1 : 4, next);
  const L = build('L', 'Long report', generatedText(next, small ? 20_000 : 1_000_000), small ? 45 : 4500, small ? 5 : 500, next);
  return { S, L };
}

/** A report like L at another size, for tests that need a long list without L's load time. */
export function longReport(characters, count) {
  const next = random(SEED);
  return build('L', 'Long report', generatedText(next, characters), count, Math.floor(count / 10), next);
}

/** The app's localStorage records (schema version 1). */
export function storageRecords(w) {
  return {
    'redline:library': JSON.stringify({ version: 1, documents: [{ id: w.sha256, title: w.title, added: 1764000000000 }], open: w.sha256 }),
    [`redline:text:${w.sha256}`]: JSON.stringify({ version: 1, sha256: w.sha256, text: w.text }),
    ...Object.fromEntries(w.annotations.map((a) => [
      `redline:annotation:${w.sha256}:${a.id}`,
      JSON.stringify({ version: 1, kind: 'annotation', ...a }),
    ])),
  };
}

/** The peer's localStorage records: one W3C annotation per key, as ours keeps one record per
 *  annotation, with positions in UTF-16 units (the peer counts in them) over the article's text. */
export function peerRecords(w) {
  return Object.fromEntries(w.annotations.map((a) => [`peer:annotation:${a.id}`, JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: a.id,
    type: 'Annotation',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: a.label }],
    target: {
      source: `urn:sha256:${w.sha256}`,
      selector: [
        { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: 'TextPositionSelector', start: w.utf16Of[a.start], end: w.utf16Of[a.end] },
      ],
    },
  })]));
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The limit: a static page with the marks already in the markup. */
export function staticPage(w) {
  const paragraphs = [];
  let start = 0;
  for (let i = 0; i <= w.chars.length; i++) {
    if (i === w.chars.length || w.chars[i] === '\n') {
      if (i > start) paragraphs.push([start, i]);
      start = i + 1;
    }
  }
  let next = 0;
  let active = [];
  const html = paragraphs.map(([from, to]) => {
    while (next < w.annotations.length && w.annotations[next].start < to) active.push(w.annotations[next++]);
    active = active.filter((a) => a.end > from);
    const cuts = new Set([from, to]);
    for (const a of active) {
      cuts.add(Math.max(from, a.start));
      cuts.add(Math.min(to, a.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    let body = '';
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const text = escape(w.chars.slice(a, b).join(''));
      const covering = active.filter((x) => x.start <= a && x.end >= b);
      if (covering.length === 0) body += text;
      else {
        const labels = [...new Set(covering.map((x) => x.label))].sort().join(' ');
        body += `<mark data-labels="${labels}" data-ids="${covering.map((x) => x.id).join(' ')}">${text}</mark>`;
      }
    }
    return `<p>${body}</p>`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(w.title)}</title>
<style>body{font:18px/1.7 Georgia,serif;max-width:42rem;margin:2rem auto}mark[data-labels~="claim"]{background:#fde68a}mark[data-labels~="red-line"]{background:#fecaca}</style>
</head><body><article data-testid="article">
${html}
</article>
<script>
  // What an app on this page does to add a highlight: wrap the range, store the annotation.
  window.addHighlight = (range, id) => {
    const mark = document.createElement('mark');
    mark.dataset.labels = 'claim';
    mark.dataset.ids = id;
    const exact = range.toString();
    range.surroundContents(mark);
    localStorage.setItem('static:annotation:' + id, JSON.stringify({ id, label: 'claim', exact }));
  };
</script>
</body></html>`;
}

/** The peer's page: the article in the DOM with exactly the workload's text as its text content
 *  (a paragraph per line, the line breaks kept between them, so the peer's positions are the
 *  text's), @recogito/text-annotator loading the annotations (W3C) from localStorage, as the app
 *  does, and storing each one it adds as the app does. */
export function peerPage(w) {
  const paragraphs = w.text.split('\n').map((p) => `<p>${escape(p)}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(w.title)}</title>
<link rel="stylesheet" href="/vendor/text-annotator.css">
<style>body{font:18px/1.7 Georgia,serif;max-width:42rem;margin:2rem auto}</style>
<script>window.process = { env: { NODE_ENV: 'production' } };</script>
<script src="/vendor/text-annotator.umd.js"></script>
</head><body><article id="article">${paragraphs}</article>
<script>
  const source = 'urn:sha256:${w.sha256}';
  const element = document.getElementById('article');
  const anno = RecogitoJS.createTextAnnotator(element, { adapter: RecogitoJS.W3CTextFormat(source, element), renderer: 'SPANS' });
  const annotations = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith('peer:annotation:')) annotations.push(JSON.parse(localStorage.getItem(key)));
  }
  anno.setAnnotations(annotations);
  window.peer = anno;
  window.addHighlight = (range, id) => {
    const selector = RecogitoJS.rangeToSelector(range, element);
    anno.addAnnotation({
      '@context': 'http://www.w3.org/ns/anno.jsonld', id, type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'claim' }],
      target: { source, selector: [{ type: 'TextQuoteSelector', exact: selector.quote }, { type: 'TextPositionSelector', start: selector.start, end: selector.end }] },
    });
    // Stored as the adapter writes it (with its quote context), as an app on the peer would.
    localStorage.setItem('peer:annotation:' + id, JSON.stringify(anno.getAnnotationById(id)));
  };
</script>
</body></html>`;
}
