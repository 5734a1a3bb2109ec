// Offline reading, on the page's side (the worker is sw.js at the site's root, from overrides/sw.js):
// 1. registers the worker with this build's version in its URL, and asks it to keep this page and its files,
//    which loaded before any worker could see them on a first visit;
// 2. in the search dialog, says plainly that search needs the network while the browser is offline;
// 3. on the downloads page, lists what is kept on this device and clears it on request.
// The reader's choice to stop keeping pages is remembered in localStorage and honored on every page.
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="bs-offline"]');
  if (!meta || !("serviceWorker" in navigator) || !window.isSecureContext || !("caches" in window)) return;
  const PREFIX = "backend-skills-offline-";
  const STOPPED = "backend-skills:offline-stopped:v1";
  const scope = new URL(meta.dataset.scope, location.href).href;
  const workerUrl = new URL(meta.dataset.worker, location.href);
  workerUrl.searchParams.set("v", meta.content);

  const stopped = () => {
    try {
      return localStorage.getItem(STOPPED) === "1";
    } catch (error) {
      return false;
    }
  };

  // What this page loaded from this site: itself, its style sheets, scripts, fonts and images. Search's
  // files load only when the search box is used, and are kept then by the worker.
  function pageFiles() {
    const here = new URL(location.href);
    here.hash = "";
    const files = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(scope));
    return [here.href, ...files];
  }

  // The worker of this build, once it is active. After a new build, an older worker may still be active while
  // this one installs; it is about to delete its cache, so what this page asks to keep must go to the new one.
  async function thisBuildsWorker(registration) {
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
      if (registration.active && registration.active.scriptURL === workerUrl.href) return registration.active;
      const pending = registration.installing || registration.waiting;
      if (!pending || pending.state === "redundant") break;
      await new Promise((resolve) => {
        pending.addEventListener("statechange", resolve, { once: true });
        setTimeout(resolve, 1000);
      });
    }
    return registration.active;
  }

  async function register() {
    if (stopped()) return null;
    const registration = await navigator.serviceWorker.register(workerUrl.href, { scope });
    const worker = await thisBuildsWorker(registration);
    if (worker) worker.postMessage({ type: "keep", urls: pageFiles() });
    return registration;
  }

  function searchNotice() {
    const output = document.querySelector(".md-search__output");
    if (!output) return;
    let note = output.querySelector(".bs-offline-search");
    if (navigator.onLine) {
      if (note) note.hidden = true;
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "bs-offline-search";
      note.setAttribute("role", "status");
      const link = document.createElement("a");
      link.href = new URL("downloads/#reading-the-site-offline", scope).href;
      link.textContent = "the pages kept on this device";
      note.append("You are offline, and search needs the network. You can still read ", link, ".");
      output.prepend(note);
    }
    note.hidden = false;
  }

  // A kept page's title, read from its kept copy as text (never as markup), without the site's suffix.
  async function titleOf(response) {
    const match = /<title>([^<]*)<\/title>/.exec(await response.text());
    const decoded = new DOMParser().parseFromString(match ? match[1] : "", "text/html").documentElement.textContent;
    return decoded.replace(/ - Backend Skills$/, "").trim();
  }

  async function keptEntries() {
    const pages = new Map();
    let files = 0;
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX)) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (request.url.endsWith("/") || request.url.endsWith(".html")) {
          if (!pages.has(request.url)) pages.set(request.url, await titleOf(await cache.match(request)));
        } else files += 1;
      }
    }
    const sorted = [...pages].map(([url, title]) => ({ url, title })).sort((a, b) => a.url.localeCompare(b.url));
    return { pages: sorted, files };
  }

  async function clearAll() {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }

  async function showStore(box) {
    const { pages, files } = await keptEntries();
    box.replaceChildren();
    const summary = document.createElement("p");
    summary.className = "bs-offline-summary";
    summary.setAttribute("role", "status");
    const list = document.createElement("ul");
    list.className = "bs-offline-pages";
    if (stopped()) {
      summary.textContent = "This browser keeps no pages of this site for offline reading: you turned it off.";
    } else {
      const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
      summary.textContent =
        `Kept on this device: ${plural(pages.length, "page")} and ${plural(files, "other file")} ` +
        "(styles, scripts and images).";
      for (const page of pages) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = page.url;
        const path = page.url.startsWith(scope) ? page.url.slice(scope.length) : page.url;
        link.textContent = page.title || path || "Home page";
        const where = document.createElement("span");
        where.className = "bs-offline-path";
        where.textContent = ` (${path || "home page"})`;
        item.append(link, where);
        list.append(item);
      }
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    if (stopped()) {
      button.textContent = "Keep the pages I open again";
      button.addEventListener("click", async () => {
        localStorage.removeItem(STOPPED);
        await register();
        await showStore(box);
        box.querySelector("button").focus();
      });
    } else {
      button.textContent = "Clear the offline copy and stop keeping pages";
      button.addEventListener("click", async () => {
        localStorage.setItem(STOPPED, "1");
        await clearAll();
        await showStore(box);
        box.querySelector("button").focus();
      });
    }
    box.append(summary);
    if (list.children.length) box.append(list);
    box.append(button);
  }

  window.addEventListener("online", searchNotice);
  window.addEventListener("offline", searchNotice);
  document.addEventListener("focusin", (event) => {
    if (event.target.closest && event.target.closest(".md-search")) searchNotice();
  });

  const store = document.getElementById("bs-offline-store");
  register()
    .catch(() => null) // a browser that refuses workers (private mode, storage off) reads online as before
    .then(() => {
      if (store) showStore(store);
    });
  // Kept files arrive after registration; refresh the list when the worker says it kept this page.
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (store && event.data && event.data.type === "kept") showStore(store);
  });
})();
