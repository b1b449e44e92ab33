// The app's service worker: keeps this release's own files (the page, its script, wasm, style
// and icons) so that the app opens and works with the network gone. The build writes the
// release's file list and a name made from their contents into this file; a new release is a
// new worker whose cache replaces the old one whole, so a page never mixes one release's
// script with another's wasm (every file but the page is named by its content).
const RELEASE = '__REDLINE_RELEASE__';
const FILES = '__REDLINE_FILES__'.split(' ');
// The sync worker's files: kept only for users who sync (`keep-sync-code` from the page).
const SYNC_FILES = '__REDLINE_SYNC_FILES__'.split(' ');
const CACHE = `redline-${RELEASE}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(['./', ...FILES]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('redline-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A page that syncs asks for the sync code to be kept: it may have been fetched before this
// worker controlled the page (a first visit by a share link), so the fetch below never saw it.
self.addEventListener('message', (event) => {
  if (event.data !== 'keep-sync-code') return;
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(SYNC_FILES.map((file) => cache.match(file).then((hit) => hit ?? cache.add(file))))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // The page from the network when there is one (a new release shows at once), else this
  // release's copy; everything else from this release's cache first.
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('./'))));
    return;
  }
  // A file not kept at install (the sync worker's, fetched only by those who sync) is kept
  // once fetched, in this release's cache.
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit ?? fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone());
    return response;
  }))));
});
