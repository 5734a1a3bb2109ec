/* Backend Skills: runnable SQL blocks. Added by the build only to pages that have one (see
 * macros/render/sql_practice.py), and kept small: it turns each block into an editable query with Run and Reset
 * buttons. PostgreSQL itself (PGlite, about 4.4 MB gzip) and the code that runs queries and draws results
 * (sql-engine.js) load on the first Run only. Without JavaScript the blocks stay plain code blocks.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // Material's instant navigation runs this script again on every page that has it: enhance that page.
  if (window.backendSkillsSql) {
    window.backendSkillsSql.enhance();
    return;
  }
  var engineUrl = new URL("sql-engine.js", script.src).href;
  var engine = null;
  var counter = 0;

  function loadEngine() {
    if (!engine) {
      engine = import(engineUrl).catch(function (error) {
        engine = null; // a failed download can be retried with the next click
        throw error;
      });
    }
    return engine;
  }

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button bs-sql-button";
    element.textContent = label;
    element.setAttribute("data-sql-action", action);
    return element;
  }

  /* One block: the highlighted code is replaced on screen by a textarea holding the same text. */
  function enhanceBlock(block) {
    var code = block.querySelector("pre code");
    if (!code || block.hasAttribute("data-sql-ready")) return;
    block.setAttribute("data-sql-ready", "");
    counter += 1;
    var id = "bs-sql-" + counter;
    var original = code.textContent.replace(/\n$/, "");
    var exercise = block.closest("[data-exercise]");

    var panel = document.createElement("div");
    panel.className = "bs-sql-panel";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = exercise ? "Your query (editable)" : "SQL to run (editable)";
    var editor = document.createElement("textarea");
    editor.id = id;
    editor.className = "bs-sql-editor";
    editor.spellcheck = false;
    editor.setAttribute("autocapitalize", "off");
    editor.setAttribute("autocomplete", "off");
    editor.value = original;
    editor.rows = Math.min(Math.max(original.split("\n").length, 2), 24);
    var hint = document.createElement("p");
    hint.className = "bs-sql-hint";
    hint.id = id + "-hint";
    hint.textContent = "Runs on PostgreSQL in this browser, on a fresh copy of the lesson's data. Ctrl+Enter runs.";
    editor.setAttribute("aria-describedby", hint.id);
    var actions = document.createElement("div");
    actions.className = "bs-sql-actions";
    actions.appendChild(button("Run", "run"));
    if (exercise) actions.appendChild(button("Check", "check"));
    actions.appendChild(button("Reset", "reset"));
    var output = document.createElement("div");
    output.className = "bs-sql-output";
    output.setAttribute("role", "status");
    output.setAttribute("aria-live", "polite");

    panel.appendChild(label);
    panel.appendChild(editor);
    panel.appendChild(hint);
    panel.appendChild(actions);
    panel.appendChild(output);
    panel.bsOriginal = original;
    panel.bsBlock = block;
    block.classList.add("bs-sql-enhanced");
    block.after(panel);
  }

  var styles = new URL("../stylesheets/sql-runner.css", script.src).href;

  function enhance() {
    if (!document.querySelector('link[href="' + styles + '"]')) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = styles;
      document.head.appendChild(link);
    }
    document.querySelectorAll(".sql-run[data-dataset]").forEach(enhanceBlock);
    // Live forms (the SQL injection lesson's) are written into the page hidden: they need this script.
    document.querySelectorAll("form[data-sql-form][hidden]").forEach(function (form) {
      form.hidden = false;
    });
  }

  function act(panel, action) {
    var output = panel.querySelector(".bs-sql-output");
    var editor = panel.querySelector("textarea");
    if (action === "reset") {
      editor.value = panel.bsOriginal;
      output.replaceChildren();
      editor.focus();
      return;
    }
    var dataset = panel.bsBlock.getAttribute("data-dataset");
    var exercise = panel.bsBlock.closest("[data-exercise]");
    output.textContent = engine ? "Running..." : "Loading PostgreSQL (about 4.4 MB, once)...";
    panel.setAttribute("aria-busy", "true");
    loadEngine()
      .then(function (module) {
        if (action === "check") return module.check(exercise, dataset, editor.value, output);
        // An exercise runs statement by statement on its own data, as Check does; a lesson's block, as one string.
        return exercise ? module.runExerciseSql(exercise, dataset, editor.value, output) : module.run(dataset, editor.value, output);
      })
      .catch(function (error) {
        output.textContent = "Could not run the query: " + (error && error.message ? error.message : error);
      })
      .finally(function () {
        panel.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-sql-action]") : null;
    var panel = target && target.closest(".bs-sql-panel");
    if (panel) act(panel, target.getAttribute("data-sql-action"));
  });
  document.addEventListener("submit", function (event) {
    var form = event.target instanceof HTMLFormElement && event.target.hasAttribute("data-sql-form") ? event.target : null;
    if (!form) return;
    event.preventDefault();
    var output = form.querySelector(".bs-sql-output");
    output.textContent = engine ? "Running..." : "Loading PostgreSQL (about 4.4 MB, once)...";
    loadEngine()
      .then(function (module) { return module.submitForm(form, output); })
      .catch(function (error) {
        output.textContent = "Could not run the query: " + (error && error.message ? error.message : error);
      });
  });
  document.addEventListener("keydown", function (event) {
    var panel = event.target instanceof Element ? event.target.closest(".bs-sql-panel") : null;
    if (panel && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      act(panel, panel.bsBlock.closest("[data-exercise]") ? "check" : "run");
    }
  });

  window.backendSkillsSql = { enhance: enhance, load: loadEngine };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
