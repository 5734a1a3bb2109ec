// Material renders `pre.mermaid` blocks through the global `mermaid`, and fetches mermaid from a CDN
// when that global is missing. This stand-in defines it, and loads the copy shipped with the site
// the first time a page actually draws a diagram, so other pages download nothing extra.
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined") return;
  var bundle = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  var settings = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = function () {
          // The bundle replaces this stand-in with the real library.
          if (settings) window.mermaid.initialize(settings);
          resolve(window.mermaid);
        };
        script.onerror = function () { reject(new Error("could not load " + bundle)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (options) { settings = options; },
    render: function (id, text) {
      return load().then(function (real) { return real.render(id, text); });
    }
  };
})();
