/* Backend Skills: reading progress kept in this browser only (no account, nothing sent anywhere).
 *
 * Any checkbox with data-progress-key (lesson "done" toggles, checklist items, self-assessment levels) is
 * restored and saved here. Progress summaries ([data-progress-keys]), lesson lists ([data-progress-lesson])
 * and next-lesson suggestions ([data-progress-suggest]) are filled in from the same state. A solved SQL
 * exercise arrives as a "backend-skills:done" event with its key. Everything this
 * script adds is an enhancement: without JavaScript the checklists read as plain lists.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "backend-skills:progress:v1";
  var FORMAT = "backend-skills-progress";
  var VERSION = 1;
  // exercise:<id> is ticked by the SQL runner when Check passes (sql-engine.js, "backend-skills:done").
  var KEY_PATTERN = /^(lesson|checklist|skill|exercise):[a-z0-9][a-z0-9/:_-]{0,200}$/;

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
    var button = event.target instanceof Element ? event.target.closest("[data-progress-export]") : null;
    if (button) exportFile();
  });
  // The SQL runner reports a passed exercise; only keys of the known kinds are kept.
  document.addEventListener("backend-skills:done", function (event) {
    var key = event.detail && event.detail.key;
    if (typeof key !== "string" || !KEY_PATTERN.test(key)) return;
    setDone(key, true);
    render(document);
  });
  // Another tab changed the progress: show it here too.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) render(document);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
