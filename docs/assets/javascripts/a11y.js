/* Backend Skills: one accessibility repair Material's templates cannot reach.
 *
 * Material adds a <nav class="md-code__nav"> with a copy button to every code block from its JavaScript.
 * Several unnamed navigation landmarks on one page are indistinguishable to screen-reader users (axe
 * landmark-unique), and one button is not a navigation region anyway: make each a named group instead.
 */
(function () {
  "use strict";

  function repair(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "group");
      nav.setAttribute("aria-label", "Code block actions");
    });
  }

  new MutationObserver(function () {
    repair(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  repair(document);
})();
