// Trunk post-build hook, on the staged output before it becomes dist/:
// 1. minifies the wasm-bindgen JS glue (Trunk's own minifier cannot parse it) and brings the
//    subresource-integrity hashes in index.html up to date with the minified file;
// 2. drops the page's comments, minifies its inline scripts (Trunk's loader, the first screen's,
//    the reading position's, the start-failure notice's) and its inlined stylesheet (Trunk's
//    inline pipeline leaves it as written), and allows them by their SHA-256 in the
//    Content-Security-Policy, so that the policy needs no 'unsafe-inline';
// 3. writes the release's files, and a name made from their contents, into the service worker,
//    and minifies it;
// 4. writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each file that compresses, for hosts
//    that serve such copies when the browser accepts them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { minify as minifyCss } from 'csso';
import { brotli, gzip } from './compress.mjs';

const PLACEHOLDER = 'INLINE-SCRIPT-HASHES';
const STYLE_PLACEHOLDER = 'INLINE-STYLE-HASHES';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const htmlPath = path.join(staging, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');

const WORKER = 'sw.js';
// The sync worker's files, fetched only by users who sync.
const SYNC = /^redline-sync[._]/;
// The workers' scripts are classic scripts (their glue defines the global the loader calls, so
// top-level names keep theirs).
const CLASSIC = /^redline-(sync|files)[._]/;
// The offline worker is minified below, once its placeholders are filled in.
for (const name of fs.readdirSync(staging).filter((f) => f.endsWith('.js') && f !== WORKER)) {
  const file = path.join(staging, name);
  const module = !CLASSIC.test(name);
  const { code } = await minify(fs.readFileSync(file, 'utf8'), { module, compress: true, mangle: true });
  fs.writeFileSync(file, code);
}

// Every integrity attribute is recomputed from the file its element points to. Trunk puts every
// asset at the top of the output, whatever public URL (`--public-url /annotator/`) prefixes it.
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const url = /\bhref="([^"]+)"/.exec(tag)?.[1];
  const href = url && path.posix.basename(new URL(url, 'http://host/').pathname);
  if (!href || !/\bintegrity="/.test(tag) || !fs.existsSync(path.join(staging, href))) return tag;
  const digest = crypto.createHash('sha384').update(fs.readFileSync(path.join(staging, href))).digest('base64');
  return tag.replace(/\bintegrity="[^"]*"/, `integrity="sha384-${digest}"`);
});

// The page's comments and its inline scripts' are for whoever reads index.html, not for every
// visit's transfer: dropped, and the scripts minified, before they are hashed below.
html = html.replace(/<!--[\s\S]*?-->/g, '');
for (const [tag, open, body] of [...html.matchAll(/(<script(?![^>]*\bsrc=)[^>]*>)([\s\S]*?)<\/script>/g)]) {
  const { code } = await minify(body, { module: /type="module"/.test(open), compress: true, mangle: true });
  html = html.replace(tag, `${open}${code}</script>`);
}
// Rules kept in their order (no restructuring): the stylesheet is parsed before every first paint.
for (const [tag, open, body] of [...html.matchAll(/(<style[^>]*>)([\s\S]*?)<\/style>/g)]) {
  html = html.replace(tag, `${open}${minifyCss(body, { restructure: false }).css}</style>`);
}

if (!html.includes(PLACEHOLDER)) {
  console.error(`post-build: no ${PLACEHOLDER} in ${htmlPath}`);
  process.exit(1);
}
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
// The stylesheet is inlined (no request stands between the page and its first paint) and
// allowed by its hash in the same way.
const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
if (!html.includes(STYLE_PLACEHOLDER)) {
  console.error(`post-build: no ${STYLE_PLACEHOLDER} in ${htmlPath}`);
  process.exit(1);
}
html = html.replace(PLACEHOLDER, scripts.map(sha256).join(' ')).replace(STYLE_PLACEHOLDER, styles.map(sha256).join(' '));
fs.writeFileSync(htmlPath, html);

// The offline worker keeps every file of the release but itself (the page is kept as `./`);
// the sync worker's files are kept when a user who syncs fetches them or asks for them, not
// before, so that nobody else downloads them. The release's name covers them all.
const files = fs.readdirSync(staging).filter((f) => f !== WORKER && f !== 'index.html' && fs.statSync(path.join(staging, f)).isFile()).sort();
const kept = files.filter((f) => !SYNC.test(f));
const release = crypto.createHash('sha256');
for (const name of [...files, 'index.html']) release.update(name).update(fs.readFileSync(path.join(staging, name)));
const workerPath = path.join(staging, WORKER);
const worker = fs.readFileSync(workerPath, 'utf8');
const placeholders = ['__REDLINE_RELEASE__', '__REDLINE_FILES__', '__REDLINE_SYNC_FILES__'];
if (!placeholders.every((placeholder) => worker.includes(placeholder))) {
  console.error(`post-build: ${WORKER} lacks its placeholders`);
  process.exit(1);
}
const filled = worker
  .replace('__REDLINE_RELEASE__', release.digest('hex').slice(0, 16))
  .replace('__REDLINE_FILES__', kept.join(' '))
  .replace('__REDLINE_SYNC_FILES__', files.filter((f) => SYNC.test(f)).join(' '));
// Minified once filled in: every first visit fetches it, and its comments are for the reader.
fs.writeFileSync(workerPath, (await minify(filled, { compress: true, mangle: true })).code);

// A plain static host sends the files as they are, or compresses them as it sends them (gzip, at
// a level of its own). One that serves ready copies (nginx's `gzip_static` and `brotli_static`,
// Caddy's `precompressed`) sends these instead, compressed at the highest levels once, here. The
// offline worker's list above names the files themselves: the browser stores what it decoded.
const COMPRESSIBLE = /\.(html|js|wasm|css|svg|webmanifest|txt)$/;
for (const name of fs.readdirSync(staging).filter((f) => COMPRESSIBLE.test(f))) {
  const file = path.join(staging, name);
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.br`, brotli(body));
  fs.writeFileSync(`${file}.gz`, gzip(body));
}
