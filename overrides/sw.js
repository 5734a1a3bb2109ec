// The offline worker (registered by assets/javascripts/offline.js). It lives in the theme folder so that MkDocs
// publishes it at the root of the site: a worker controls only the pages under its own folder, and docs/ takes
// no scripts outside docs/assets/ (macros/guard/contract.py).
//
// - Same-origin GET requests only. Requests to other origins are never touched, so nothing of theirs is kept.
// - Network first: online, every page and file comes from the network, as without the worker, and the copy
//   is refreshed. Only when the network fails does the kept copy answer. So the worker never serves a stale
//   page to a reader who is online, nor to `mkdocs serve` (whose live-reload requests it leaves alone).
// - One cache per build: the version is in the worker's URL (sw.js?v=<build>), set from the build's date. A new
//   build means a new worker URL; the new worker fetches again what the older one kept, takes over at once and
//   deletes the older builds' caches.
// - A page never opened gets a short offline page that says so and lists the pages that are kept.
"use strict";

const PREFIX = "backend-skills-offline-";
const VERSION = new URL(self.location.href).searchParams.get("v") || "unversioned";
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
// How many kept files a new build fetches again when it replaces an older one: a long reading history should
// not turn one visit into thousands of requests.
const MAX_CARRIED = 500;

self.addEventListener("install", (event) => {
  // The site's home page is part of the shell: the offline page links to it. What an older build kept is
  // fetched again from this build, so a reader keeps the same pages, now current, once the old cache goes.
  event.waitUntil(
    Promise.all([caches.open(CACHE), keptByOlderBuilds()])
      .then(([cache, older]) => keep(cache, [SCOPE, ...older]))
      .then(() => self.skipWaiting()),
  );
});

async function keptByOlderBuilds() {
  const urls = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    for (const request of await (await caches.open(name)).keys()) urls.add(request.url);
  }
  return [...urls].filter(mine).slice(0, MAX_CARRIED);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

// A page asks to keep what it loaded before the worker controlled it (the first visit): itself and its files.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => keep(cache, data.urls.filter(mine)))
      .then(() => event.source && event.source.postMessage({ type: "kept" })),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !mine(request.url)) return;
  event.respondWith(networkFirst(request));
});

function mine(url) {
  try {
    const parsed = new URL(url, SCOPE);
    return (
      parsed.origin === self.location.origin &&
      parsed.href.startsWith(SCOPE) &&
      !parsed.pathname.includes("/livereload/") && // mkdocs serve's reload channel: always the network's
      parsed.pathname !== new URL(self.location.href).pathname
    );
  } catch (error) {
    return false;
  }
}

async function keep(cache, urls) {
  await Promise.all(
    urls.map(async (url) => {
      const key = withoutHash(url);
      if (await cache.match(key)) return;
      try {
        // Revalidated with the server: the browser's HTTP cache may still hold the older build's copy.
        const response = await fetch(key, { credentials: "same-origin", cache: "no-cache" });
        if (keepable(response)) await cache.put(key, response);
      } catch (error) {
        /* offline or gone: kept the next time it loads */
      }
    }),
  );
}

function keepable(response) {
  return response && response.ok && response.status === 200 && response.type === "basic";
}

function withoutHash(url) {
  const parsed = new URL(url, SCOPE);
  parsed.hash = "";
  return parsed.href;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (keepable(response) && !request.headers.has("range")) {
      const copy = response.clone();
      cache.put(withoutHash(request.url), copy).catch(() => {});
    }
    return response;
  } catch (error) {
    const kept = (await cache.match(request)) || (await cache.match(withoutHash(request.url), { ignoreSearch: true }));
    if (kept) return kept;
    if (request.mode === "navigate") return offlinePage(cache, request.url);
    return new Response("", { status: 503, statusText: "Offline" });
  }
}

async function offlinePage(cache, url) {
  const pages = (await cache.keys()).map((kept) => kept.url).filter((kept) => kept.endsWith("/") || kept.endsWith(".html"));
  const items = [];
  for (const page of pages.sort()) {
    const path = page.slice(SCOPE.length);
    const title = await titleOf(await cache.match(page));
    items.push(`<li><a href="${escapeHtml(page)}">${title || escapeHtml(path || "Home page")}</a> (${escapeHtml(path || "home page")})</li>`);
  }
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline: Backend Skills</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#3f51b5}</style></head>
<body><main><h1>You are offline</h1>
<p>This page is not kept on this device: <code>${escapeHtml(url.slice(SCOPE.length) || url)}</code>.
Your browser keeps the pages of Backend Skills that you open while online; open this one once with a network
and it will be here next time.</p>
<h2>Pages kept on this device</h2>
${items.length ? `<ul>${items.join("")}</ul>` : "<p>None yet.</p>"}
</main></body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// A kept page's title as its HTML source has it, without the site's suffix. The pattern stops at the first "<",
// so no markup can come through; character references stay as they are and read as the page's own title does.
async function titleOf(response) {
  if (!response) return "";
  const match = /<title>([^<]*)<\/title>/.exec(await response.text());
  return match ? match[1].replace(/ - Backend Skills$/, "").trim() : "";
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
