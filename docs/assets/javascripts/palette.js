/* Backend Skills: the light/dark toggle. overrides/partials/palette.html says why it replaces Material's.
 *
 * It behaves like Material's and keeps the choice in the same place (Material's "__palette" entry), so
 * the inline script in Material's template applies a stored choice before the first paint. One
 * difference: until the reader picks a palette, it follows the system's color scheme, live.
 * It only writes to the page when something differs: every palette attribute on <body> restyles the
 * whole page.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-bs-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  if (!inputs.length) return;
  var body = document.body;
  var colorScheme = document.querySelector("meta[name='color-scheme']");
  var KEYS = ["media", "scheme", "primary", "accent"];
  // The attributes style rules read. The media attribute only records which palette is on, as Material's does.
  var STYLED = ["scheme", "primary", "accent"];

  function colors(input) {
    var color = {};
    KEYS.forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    return color;
  }

  function stored() {
    var palette = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    return palette && typeof palette.index === "number" ? palette : null;
  }

  function systemIndex() {
    for (var i = 0; i < inputs.length; i++) {
      var media = inputs[i].getAttribute("data-md-color-media");
      if (media && window.matchMedia(media).matches) return i;
    }
    return 0;
  }

  function apply(index, remember) {
    index = Math.max(0, Math.min(index, inputs.length - 1));
    var color = colors(inputs[index]);
    if (body.getAttribute("data-md-color-media") !== color.media) body.setAttribute("data-md-color-media", color.media);
    var changed = STYLED.filter(function (key) {
      return body.getAttribute("data-md-color-" + key) !== color[key];
    });
    if (changed.length) {
      // Colors change at once rather than through each element's transition (Material's palette CSS).
      body.setAttribute("data-md-color-switching", "");
      changed.forEach(function (key) {
        body.setAttribute("data-md-color-" + key, color[key]);
      });
      // The browser's own parts (scrollbars, form controls) follow the palette's color scheme.
      var scheme = window.getComputedStyle(body).colorScheme;
      if (colorScheme && scheme && colorScheme.content !== scheme) colorScheme.content = scheme;
      window.requestAnimationFrame(function () {
        body.removeAttribute("data-md-color-switching");
      });
    }
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    inputs[index].checked = true;
    if (remember && typeof window.__md_set === "function") {
      window.__md_set("__palette", { index: index, color: color });
    }
  }

  var choice = stored();
  apply(choice ? choice.index : systemIndex(), false);

  // A click on the visible label checks the next palette's radio button; arrow keys move between them.
  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target);
    if (index >= 0) apply(index, true);
  });
  // As in Material, Enter on the focused toggle switches to the next palette.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var current = inputs.findIndex(function (input) {
      return input.checked;
    });
    var next = (current + 1) % inputs.length;
    event.preventDefault();
    apply(next, true);
    inputs[next].focus();
  });
  // No choice stored yet: follow the system when it switches between light and dark.
  inputs.forEach(function (input) {
    var media = input.getAttribute("data-md-color-media");
    if (!media) return;
    window.matchMedia(media).addEventListener("change", function () {
      if (!stored()) apply(systemIndex(), false);
    });
  });
})();
