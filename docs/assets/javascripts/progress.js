/* Backend Skills: reading progress kept in this browser only (no account, nothing sent anywhere).
 *
 * Any checkbox with data-progress-key (lesson "done" toggles, checklist items, self-assessment levels) is
 * restored and saved here. Progress summaries ([data-progress-keys]), lesson lists ([data-progress-lesson]),
 * roadmap links and boxes ([data-roadmap-lesson]) and next-lesson suggestions ([data-progress-suggest]) are filled in
 * from the same state. A solved SQL exercise arrives as a "backend-skills:done" event with its key.
 *
 * Learning paths: a lesson opened from a path (`?path=<id>`) says where it is on the path, and its footer's
 * "Next" and the "Mark complete and continue" at its end follow the path; the steps come from the
 * definitions that path pages, the home page and the progress page carry ([data-bs-paths]), kept here once
 * seen. The last lesson opened is remembered for "Continue where you left off" ([data-bs-continue]).
 *
 * Everything this script adds is an enhancement: without JavaScript the checklists read as plain lists,
 * and a lesson's "Next" follows its area's order.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "backend-skills:progress:v1";
  var FORMAT = "backend-skills-progress";
  var VERSION = 1;
  // exercise:<id> is ticked by the SQL runner when Check passes (sql-engine.js, "backend-skills:done").
  var KEY_PATTERN = /^(lesson|checklist|skill|exercise):[a-z0-9][a-z0-9/:_-]{0,200}$/;
  // Learning paths as the pages describe them, and the lessons last opened (not part of an export: they say
  // where the reader is, not what is done).
  var PATHS_KEY = "backend-skills:paths:v1";
  var RECENT_KEY = "backend-skills:recent:v1";
  var PATH_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
  var LESSON_REF = /^[a-z0-9][a-z0-9/_-]{0,200}$/;

  function emptyState() {
    return { format: FORMAT, version: VERSION, done: {} };
  }

  /* Returns a clean state, or throws an Error whose message says what is wrong with the input. */
  function validate(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new Error("the file does not contain a JSON object");
    }
    if (data.format !== FORMAT) throw new Error('"format" must be "' + FORMAT + '"');
    if (data.version !== VERSION) throw new Error('"version" must be ' + VERSION);
    var done = data.done;
    if (done === null || typeof done !== "object" || Array.isArray(done)) {
      throw new Error('"done" must be an object of item keys');
    }
    var clean = emptyState();
    Object.keys(done).forEach(function (key) {
      if (!KEY_PATTERN.test(key)) throw new Error("unknown item key: " + key.slice(0, 80));
      if (typeof done[key] !== "string") throw new Error("the value of " + key + " must be a date string");
      clean.done[key] = done[key];
    });
    return clean;
  }

  function load() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      return raw ? validate(JSON.parse(raw)) : emptyState();
    } catch (error) {
      return emptyState(); // unreadable storage never breaks the page
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      /* private mode or full storage: the page keeps working, progress is just not kept */
    }
  }

  function isDone(state, key) {
    return Object.prototype.hasOwnProperty.call(state.done, key);
  }

  function readKeys(element) {
    try {
      var keys = JSON.parse(element.getAttribute("data-progress-keys") || "[]");
      return Array.isArray(keys) ? keys : [];
    } catch (error) {
      return [];
    }
  }

  function render(root) {
    var state = load();
    root.querySelectorAll("input[data-progress-key]").forEach(function (box) {
      box.checked = isDone(state, box.getAttribute("data-progress-key"));
    });
    root.querySelectorAll("[data-progress-lesson]").forEach(function (item) {
      var done = isDone(state, "lesson:" + item.getAttribute("data-progress-lesson"));
      item.classList.toggle("bs-done", done);
      var badge = item.querySelector(".bs-done-badge");
      if (done && !badge) {
        badge = document.createElement("span");
        badge.className = "bs-done-badge";
        badge.textContent = "Done";
        item.insertBefore(badge, item.firstChild);
      } else if (!done && badge) {
        badge.remove();
      }
    });
    root.querySelectorAll("[data-progress-keys]").forEach(function (summary) {
      var keys = readKeys(summary);
      var count = keys.filter(function (key) { return isDone(state, key); }).length;
      var percent = keys.length ? Math.round((100 * count) / keys.length) : 0;
      var bar = summary.querySelector("progress");
      if (bar) {
        bar.max = keys.length;
        bar.value = count;
      }
      var text = summary.querySelector("[data-progress-text]");
      if (text) text.textContent = count + " of " + keys.length + " done (" + percent + "%)";
      summary.hidden = false;
    });
    root.querySelectorAll("[data-progress-suggest]").forEach(function (target) {
      suggest(target, state);
    });
    root.querySelectorAll("[data-roadmap-lesson]").forEach(function (link) {
      var ref = link.getAttribute("data-roadmap-lesson");
      var done = isDone(state, "lesson:" + ref);
      link.classList.toggle("bs-done", done);
      var said = link.querySelector("[data-roadmap-state]");
      if (said) said.textContent = done ? " (done)" : "";
      // The drawn box under the link shows it too: a tick and another fill.
      var map = link.closest(".bs-roadmap__map");
      map && map.querySelectorAll("[data-roadmap-box]").forEach(function (box) {
        if (box.getAttribute("data-roadmap-box") === ref) box.classList.toggle("bs-done", done);
      });
    });
    root.querySelectorAll("[data-bs-continue]").forEach(function (box) {
      fillContinue(box, state);
    });
    var end = root.querySelector("[data-bs-lesson-end]");
    if (end) fillLessonEnd(end, state);
  }

  /* Next lessons: from the topics where the reader has ticked the fewest levels, lessons not yet done. */
  function suggest(target, state) {
    var topics;
    try {
      topics = JSON.parse(target.getAttribute("data-progress-suggest"));
    } catch (error) {
      return;
    }
    var ranked = topics
      .map(function (topic, index) {
        var levels = topic.levels.filter(function (key) { return isDone(state, key); }).length;
        return { topic: topic, levels: levels, index: index };
      })
      .sort(function (a, b) { return a.levels - b.levels || a.index - b.index; });
    var list = document.createElement("ol");
    var seen = {};
    ranked.forEach(function (entry) {
      entry.topic.lessons.forEach(function (lesson) {
        if (list.children.length >= 5 || seen[lesson.ref] || isDone(state, "lesson:" + lesson.ref)) return;
        seen[lesson.ref] = true;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = lesson.url;
        link.textContent = lesson.title;
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + entry.topic.title + ")"));
        list.appendChild(item);
      });
    });
    target.replaceChildren();
    if (list.children.length) {
      target.appendChild(list);
    } else {
      var none = document.createElement("p");
      none.textContent = "Nothing to suggest: every lesson for your weakest topics is done.";
      target.appendChild(none);
    }
  }

  // ---- learning paths -------------------------------------------------------------------------

  function readStored(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "null");
      return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (error) {
      return null;
    }
  }

  function writeStored(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* as for progress: the page works, it just cannot remember */
    }
  }

  function isText(value) {
    return typeof value === "string" && value.length > 0 && value.length <= 300;
  }

  /* A site path (no origin, query or fragment) from a URL relative to `base`: only ever a page of this site. */
  function sitePath(url, base) {
    try {
      var resolved = new URL(url, base);
      return resolved.origin === window.location.origin ? resolved.pathname : null;
    } catch (error) {
      return null;
    }
  }

  /* One path as a page describes it, checked, with its URLs made site paths; null if anything is off. */
  function cleanPath(data, base) {
    if (!data || !PATH_ID.test(data.id) || !isText(data.title) || !Array.isArray(data.steps)) return null;
    var url = sitePath(data.url, base);
    var steps = data.steps.map(function (step) {
      var stepUrl = step && sitePath(step.url, base);
      return step && LESSON_REF.test(step.ref) && isText(step.title) && stepUrl
        ? { ref: step.ref, title: step.title, url: stepUrl }
        : null;
    });
    if (!url || !steps.length || steps.indexOf(null) >= 0) return null;
    return { id: data.id, title: data.title, url: url, steps: steps };
  }

  /* Keeps the paths described in `root` (a page, or one fetched: `base` is its URL). Returns all known. */
  function collectPaths(root, base) {
    var known = readStored(PATHS_KEY) || {};
    var changed = false;
    root.querySelectorAll("[data-bs-paths]").forEach(function (element) {
      var list;
      try {
        list = JSON.parse(element.getAttribute("data-bs-paths"));
      } catch (error) {
        return;
      }
      (Array.isArray(list) ? list : []).forEach(function (data) {
        var path = cleanPath(data, base);
        if (path) {
          known[path.id] = path;
          changed = true;
        }
      });
    });
    if (changed) writeStored(PATHS_KEY, known);
    return known;
  }

  function knownPath(id) {
    var known = readStored(PATHS_KEY) || {};
    return Object.prototype.hasOwnProperty.call(known, id) ? cleanPath(known[id], window.location.href) : null;
  }

  function stepIndex(path, ref) {
    if (!path) return -1;
    for (var i = 0; i < path.steps.length; i++) if (path.steps[i].ref === ref) return i;
    return -1;
  }

  function onPath(path, index) {
    return path.steps[index].url + "?path=" + encodeURIComponent(path.id);
  }

  function pathParameter() {
    var id = new URLSearchParams(window.location.search).get("path");
    return id && PATH_ID.test(id) ? id : null;
  }

  function recentState() {
    var recent = readStored(RECENT_KEY) || {};
    var paths = recent.paths && typeof recent.paths === "object" ? recent.paths : {};
    var last = recent.last;
    var valid = last && LESSON_REF.test(last.ref) && isText(last.title) && isText(last.url) && /^\/(?!\/)/.test(last.url);
    return { last: valid ? last : null, paths: paths };
  }

  /* Where to go on `path`: the lesson last opened on it unless done, else the next one not done after it. */
  function resume(path, state, recent) {
    var total = path.steps.length;
    var last = stepIndex(path, recent.paths[path.id]);
    var done = path.steps.filter(function (step) { return isDone(state, "lesson:" + step.ref); }).length;
    if (done === total) {
      return { index: total - 1, label: "Path complete", facts: "All " + total + " lessons done" };
    }
    var index = last;
    if (index < 0 || isDone(state, "lesson:" + path.steps[index].ref)) {
      for (var step = 1; step <= total; step++) {
        index = (Math.max(last, -1) + step) % total;
        if (!isDone(state, "lesson:" + path.steps[index].ref)) break;
      }
    }
    var fresh = last < 0 && done === 0;
    return {
      index: index,
      label: fresh ? "Start here" : "Continue where you left off",
      facts: "Lesson " + (index + 1) + " of " + total,
    };
  }

  /* A box that says where to go on: on one path (data-bs-continue="<id>"), or after the last lesson opened. */
  function fillContinue(box, state) {
    var recent = recentState();
    var id = box.getAttribute("data-bs-continue");
    var target = null;
    if (id) {
      var path = knownPath(id);
      if (path) {
        var place = resume(path, state, recent);
        target = { label: place.label, url: onPath(path, place.index), title: path.steps[place.index].title, facts: place.facts };
      }
    } else if (recent.last) {
      var lastPath = recent.last.path && knownPath(recent.last.path);
      var spot = lastPath && stepIndex(lastPath, recent.last.ref) >= 0 ? resume(lastPath, state, recent) : null;
      if (spot && spot.label !== "Path complete") {
        target = {
          label: "Continue where you left off",
          url: onPath(lastPath, spot.index),
          title: lastPath.steps[spot.index].title,
          facts: spot.facts + " in " + lastPath.title,
        };
      } else {
        var done = isDone(state, "lesson:" + recent.last.ref);
        target = { label: "Continue where you left off", url: recent.last.url, title: recent.last.title, facts: done ? "(marked done)" : "" };
      }
    }
    if (!target) {
      if (!id) box.setAttribute("data-bs-empty", "");
      return;
    }
    box.querySelector(".bs-continue__label").textContent = target.label;
    var link = box.querySelector("[data-bs-continue-link]");
    link.href = target.url;
    link.textContent = target.title;
    box.querySelector("[data-bs-continue-facts]").textContent = target.facts;
    box.removeAttribute("data-bs-empty");
    box.hidden = false;
  }

  // The lesson on screen and where it leads: set by showLesson, read by fillLessonEnd on every render.
  var lesson = null;

  function lessonRef(root) {
    var box = root.querySelector('.bs-lesson-header input[data-progress-key^="lesson:"]');
    return box ? box.getAttribute("data-progress-key").slice("lesson:".length) : null;
  }

  function headingText(root) {
    var heading = root.querySelector(".md-content h1");
    if (!heading) return document.title;
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (anchor) { anchor.remove(); });
    return copy.textContent.trim();
  }

  function remember(ref, title, path) {
    var recent = recentState();
    var url = window.location.pathname + (path ? "?path=" + encodeURIComponent(path.id) : "");
    if (path) recent.paths[path.id] = ref;
    writeStored(RECENT_KEY, { last: { ref: ref, title: title.slice(0, 300), url: url, path: path ? path.id : null }, paths: recent.paths });
    document.documentElement.classList.add("bs-has-recent");
  }

  /* Points a footer link of Material's ("prev" or "next") somewhere else, keeping its look. */
  function pointFooter(which, url, title) {
    var link = document.querySelector(".md-footer__link--" + which);
    if (!link) return;
    link.href = url;
    var name = link.querySelector(".md-ellipsis");
    if (name) name.textContent = title;
    var direction = link.querySelector(".md-footer__direction");
    link.setAttribute("aria-label", (direction ? direction.textContent.trim() : which) + ": " + title);
  }

  function footerNext() {
    var link = document.querySelector(".md-footer__link--next");
    var name = link && link.querySelector(".md-ellipsis");
    return link && name ? { url: link.href, title: name.textContent.trim(), finish: false } : null;
  }

  /* A lesson page: on its path if opened from one, otherwise in its area's order. `waiting`: the path's steps
     are on their way, so the banner's room is kept. */
  function showLesson(root, ref, path, waiting) {
    var index = stepIndex(path, ref);
    var banner = root.querySelector("[data-bs-path-context]");
    document.documentElement.classList.toggle("bs-in-path", index >= 0 || Boolean(waiting));
    remember(ref, headingText(root), index >= 0 ? path : null);
    if (index < 0) {
      if (banner) banner.hidden = true;
      lesson = { ref: ref, path: null, next: footerNext() };
      return;
    }
    var total = path.steps.length;
    if (banner) {
      var back = document.createElement("a");
      back.href = path.url;
      back.textContent = path.title;
      banner.replaceChildren("Lesson " + (index + 1) + " of " + total + " in ", back);
      banner.hidden = false;
    }
    var previous = index > 0 ? { url: onPath(path, index - 1), title: path.steps[index - 1].title } : { url: path.url, title: path.title };
    var next = index + 1 < total
      ? { url: onPath(path, index + 1), title: path.steps[index + 1].title, finish: false }
      : { url: path.url, title: path.title, finish: true };
    pointFooter("prev", previous.url, previous.title);
    pointFooter("next", next.url, next.title);
    lesson = { ref: ref, path: path, index: index, next: next };
  }

  function fillLessonEnd(end, state) {
    if (!lesson || lesson.ref !== lessonRef(document)) return;
    var where = end.querySelector("[data-bs-lesson-end-where]");
    var button = end.querySelector("[data-bs-complete]");
    var next = lesson.next;
    var done = isDone(state, "lesson:" + lesson.ref);
    var place = lesson.path ? "Lesson " + (lesson.index + 1) + " of " + lesson.path.steps.length + " in " + lesson.path.title + ". " : "";
    if (!next) {
      where.textContent = place;
      button.parentNode.hidden = true;
      return;
    }
    where.textContent = place + (next.finish ? "This is the last lesson of the path." : "Next: " + next.title + ".");
    button.href = next.url;
    button.parentNode.hidden = false;
    if (next.finish) button.textContent = done ? "Back to the path" : "Mark complete and finish the path";
    else button.textContent = done ? "Continue to the next lesson" : "Mark complete and continue";
  }

  /* The path of a lesson opened with ?path= whose steps this browser has not seen: from the path's page. */
  function fetchPath(root, id) {
    var banner = root.querySelector("[data-bs-path-context]");
    var folder = banner && banner.getAttribute("data-bs-paths-url");
    var url = folder && sitePath(folder + id + "/", window.location.href);
    if (!url || !window.fetch) return Promise.resolve(null);
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        return collectPaths(page, new URL(url, window.location.href).href)[id] || null;
      })
      .catch(function () { return null; });
  }

  function enhanceLesson(root) {
    var ref = lessonRef(root);
    lesson = null;
    if (!ref) {
      document.documentElement.classList.remove("bs-in-path");
      return;
    }
    var id = pathParameter();
    var path = id ? knownPath(id) : null;
    if (id && stepIndex(path, ref) < 0) {
      showLesson(root, ref, null, true); // area order until the path's page answers
      fetchPath(root, id).then(function (fetched) {
        if (lessonRef(document) !== ref || pathParameter() !== id) return; // the reader has moved on
        showLesson(document, ref, fetched ? cleanPath(fetched, window.location.href) : null);
        render(document);
      });
      return;
    }
    showLesson(root, ref, path);
  }

  function announce(root, message, isError) {
    var status = root.querySelector("[data-progress-status]");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("bs-status--error", Boolean(isError));
  }

  function exportFile() {
    var state = load();
    state.exported = new Date().toISOString();
    var blob = new Blob([JSON.stringify(state, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "backend-skills-progress.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function importFile(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var state;
      try {
        state = validate(JSON.parse(text));
      } catch (error) {
        // Nothing is written on a bad file: the progress already stored stays as it was.
        announce(document, "Import failed, your progress is unchanged: " + error.message + ".", true);
        return;
      }
      save(state);
      render(document);
      announce(document, "Imported " + Object.keys(state.done).length + " completed items.", false);
    }).finally(function () {
      input.value = "";
    });
  }

  function setDone(key, done) {
    var state = load();
    if (done) state.done[key] = new Date().toISOString();
    else delete state.done[key];
    save(state);
  }

  function enhance() {
    document.querySelectorAll("[data-progress-js]").forEach(function (element) {
      element.hidden = false; // controls that only work with JavaScript
    });
    document.querySelectorAll("[data-progress-nojs]").forEach(function (element) {
      element.hidden = true;
    });
    collectPaths(document, window.location.href);
    enhanceLesson(document);
    render(document);
  }

  // Delegated listeners survive Material's instant navigation, which swaps the page content.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    if (target.type === "checkbox" && target.hasAttribute("data-progress-key")) {
      setDone(target.getAttribute("data-progress-key"), target.checked);
      render(document);
    } else if (target.type === "file" && target.hasAttribute("data-progress-import")) {
      importFile(target);
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("[data-progress-export]")) exportFile();
    // "Mark complete and continue": the link goes on to the next lesson; the tick is kept first.
    if (target && target.closest("[data-bs-complete]") && lesson && !isDone(load(), "lesson:" + lesson.ref)) {
      setDone("lesson:" + lesson.ref, true);
    }
  });
  // The SQL runner reports a passed exercise; only keys of the known kinds are kept.
  document.addEventListener("backend-skills:done", function (event) {
    var key = event.detail && event.detail.key;
    if (typeof key !== "string" || !KEY_PATTERN.test(key)) return;
    setDone(key, true);
    render(document);
  });
  // A page kept by the browser (back/forward cache) shows what was done elsewhere since.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) render(document);
  });
  // Another tab changed the progress: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY || event.key === RECENT_KEY) render(document);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
