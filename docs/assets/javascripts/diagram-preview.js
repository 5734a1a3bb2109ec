// Only `mkdocs serve` ever loads this (mkdocs.yml lists it under draft_docs, so builds leave it out).
// A diagram that has no drawn SVG in diagrams/ yet, on a machine without Chromium to draw it, is shown
// from its source with a note; this draws it with the vendored mermaid so the author can still see it.
// Readers never get this: the build fails until `make diagrams` has drawn the SVG.
(function () {
  "use strict";
  var bundle = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  var script = document.createElement("script");
  script.src = bundle;
  script.onload = function () {
    var blocks = document.querySelectorAll(".bs-diagram--pending pre");
    // The block wraps the source in <code>; mermaid wants the bare text.
    blocks.forEach(function (block) { block.textContent = block.textContent; });
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    window.mermaid.run({ nodes: blocks });
  };
  document.head.appendChild(script);
})();
