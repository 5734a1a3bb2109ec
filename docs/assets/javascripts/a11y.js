/* Backend Skills: one accessibility repair Material's templates cannot reach.
 *
 * Material adds a <nav class="md-code__nav"> with a copy button to every code block from its JavaScript.
 * Several unnamed navigation landmarks on one page are indistinguishable to screen-reader users (axe
 * landmark-unique): give each a name of its own, numbered like the code blocks.
 */
(function () {
  "use strict";

  function repair(root) {
    root.querySelectorAll("nav.md-code__nav:not([aria-label])").forEach(function (nav) {
      var block = nav.closest("[id^='__code_']");
      var number = block ? Number(block.id.replace("__code_", "")) + 1 : "";
      nav.setAttribute("aria-label", "Actions for code block " + number);
    });
  }

  new MutationObserver(function () {
    repair(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  repair(document);
})();
