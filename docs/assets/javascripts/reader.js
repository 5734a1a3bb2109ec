/* Backend Skills: reading with the keyboard, a finger or a mouse. Nothing here is needed to read a page.
 *
 * - Abbreviations (<abbr title>, from the glossary) explain themselves in a small popover: on hover, on
 *   keyboard focus and on tap, with a link to the glossary entry. It stays while the pointer is over the
 *   abbreviation or the popover, or while either has focus, and Escape closes it (WCAG 2.2 SC 1.4.13). The
 *   first use of each abbreviation in a page's text takes keyboard focus; later ones (and those in headings)
 *   answer hover and tap, so that a page with a hundred abbreviations does not cost a hundred Tab presses.
 * - The phone's menu button (a label of Material's) becomes a real button that opens the navigation drawer
 *   from the keyboard too and moves focus into it; Escape closes it again. Closed, the drawer's links are out
 *   of the Tab order (extra.css).
 * - A table wider than its column says so: a "Scroll" mark at its right edge until the end is reached, and
 *   the scrolling region takes focus so that arrow keys scroll it.
 * - The SQL editor grows with its query where the browser cannot do it from CSS (field-sizing).
 */
(function () {
  "use strict";

  // The glossary's address, resolved once against the page the script was loaded with: the head (and so
  // this meta element's relative URL) is not swapped by Material's instant navigation.
  var glossaryMeta = document.querySelector('meta[name="bs-glossary"]');
  var GLOSSARY = glossaryMeta ? new URL(glossaryMeta.getAttribute("content"), window.location.href) : null;

  // ---- abbreviations ----------------------------------------------------------------------------

  var popover = null; // one for the page, moved next to the abbreviation it explains
  var current = null; // the abbreviation it explains
  var pinned = false; // opened by a tap or a key: stays until closed
  var hideTimer = 0;
  var pointerDown = false;

  /* The id of a term's entry on the glossary page, as macros/model/schema.py's Term.anchor makes it. */
  function anchor(text) {
    return "term-" + text.toLowerCase().replace(/[^a-z0-9]/g, "-").replace(/^-+|-+$/g, "");
  }

  function makePopover() {
    var box = document.createElement("span");
    box.className = "bs-term";
    box.id = "bs-term-popover";
    box.hidden = true;
    box.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") hideSoon();
    });
    return box;
  }

  function explain(term) {
    if (!popover || !document.contains(popover)) popover = makePopover();
    var name = term.textContent;
    var title = document.createElement("strong");
    title.textContent = name;
    var meaning = document.createElement("span");
    meaning.textContent = term.getAttribute("data-bs-title");
    var parts = [title, " ", meaning];
    if (GLOSSARY) {
      var link = document.createElement("a");
      link.href = new URL("#" + anchor(name), GLOSSARY).href;
      link.textContent = name + " in the glossary";
      link.className = "bs-term__link";
      parts.push(" ", link);
    }
    popover.replaceChildren.apply(popover, parts);
  }

  function place() {
    if (!current || !popover || popover.hidden) return;
    var rect = current.getBoundingClientRect();
    var margin = 8;
    popover.style.left = "0px";
    popover.style.top = "0px";
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var left = Math.min(Math.max(margin, rect.left), window.innerWidth - width - margin);
    var below = rect.bottom + 4;
    var top = below + height > window.innerHeight - margin && rect.top - height - 4 > margin ? rect.top - height - 4 : below;
    popover.style.left = Math.max(margin, left) + "px";
    popover.style.top = top + "px";
  }

  function open(term, pin) {
    clearTimeout(hideTimer);
    if (current && current !== term) close();
    if (current !== term) {
      explain(term);
      // Next in the Tab order, so that its link follows the term; after a link or a summary that holds the
      // term, never inside it (a link in a link).
      (term.closest("a, button, summary, label") || term).insertAdjacentElement("afterend", popover);
      current = term;
    }
    pinned = pinned || Boolean(pin);
    popover.hidden = false;
    if (term.hasAttribute("aria-expanded")) term.setAttribute("aria-expanded", "true");
    place();
  }

  var refocusing = false;

  function close() {
    clearTimeout(hideTimer);
    if (!current) return;
    var term = current;
    var focusInside = popover.contains(document.activeElement);
    popover.hidden = true;
    if (term.hasAttribute("aria-expanded")) term.setAttribute("aria-expanded", "false");
    current = null;
    pinned = false;
    if (focusInside && term.tabIndex === 0) {
      // Focus was on the popover's link, now hidden: back to the term, without opening it again.
      refocusing = true;
      term.focus({ preventScroll: true });
      refocusing = false;
    }
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    // Time to move the pointer from the term onto the popover (hoverable); focus and pins keep it open.
    hideTimer = setTimeout(function () {
      var focused = current && (current === document.activeElement || popover.contains(document.activeElement));
      if (!pinned && !focused && !isHovered()) close();
    }, 300);
  }

  function isHovered() {
    return Boolean(current && (current.matches(":hover") || popover.matches(":hover")));
  }

  function termOf(target) {
    return target instanceof Element ? target.closest("abbr[data-bs-title]") : null;
  }

  function enhanceTerms(root) {
    var seen = {};
    root.querySelectorAll(".md-content abbr[title]").forEach(function (term) {
      var meaning = term.getAttribute("title");
      term.setAttribute("data-bs-title", meaning);
      term.removeAttribute("title"); // the popover replaces the browser's own tooltip
      term.classList.add("bs-abbr");
      // Inside a link, a summary or a button, the term cannot take focus of its own (nested controls); in a
      // heading it is left to the text below, where the same term comes again.
      if (seen[term.textContent] || term.closest("a, button, summary, label, [role=button], h1, h2, h3, h4, h5, h6")) {
        return;
      }
      seen[term.textContent] = true;
      term.tabIndex = 0;
      term.setAttribute("role", "button");
      term.setAttribute("aria-expanded", "false");
      term.setAttribute("aria-controls", "bs-term-popover");
      term.setAttribute("aria-label", term.textContent + ": " + meaning);
    });
  }

  document.addEventListener("pointerover", function (event) {
    var term = termOf(event.target);
    if (term && event.pointerType === "mouse") open(term, false);
  });
  document.addEventListener("pointerout", function (event) {
    var term = termOf(event.target);
    if (term && term === current && event.pointerType === "mouse") hideSoon();
  });
  document.addEventListener("pointerdown", function () {
    pointerDown = true;
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term && !pointerDown && !refocusing) open(term, false);
    pointerDown = false;
  });
  document.addEventListener("focusout", function (event) {
    if (!current) return;
    var next = event.relatedTarget;
    if (next instanceof Node && (current.contains(next) || popover.contains(next))) return;
    if (!pinned && !isHovered()) close();
    else if (pinned && next) close(); // focus went on elsewhere: a pinned popover goes too
  });
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (term && term.closest("a, button, summary, label")) return; // the click is the link's or the control's
    if (term) {
      // A tap or a click toggles; a click on a term the mouse already opened pins it.
      if (term === current && pinned) close();
      else open(term, true);
    } else if (current && pinned && !popover.contains(event.target)) {
      close();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      close();
      event.stopPropagation();
      return;
    }
    var term = termOf(event.target);
    if (term && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (term === current && !popover.hidden) close();
      else open(term, true);
    }
  }, true);
  window.addEventListener("scroll", function () { if (current) window.requestAnimationFrame(place); }, { passive: true });
  window.addEventListener("resize", function () {
    if (current) place();
    document.querySelectorAll(".bs-sql-editor").forEach(fitEditor);
  });

  // ---- the phone's navigation drawer --------------------------------------------------------------

  function drawerToggle() {
    return document.getElementById("__drawer");
  }

  function menuButton() {
    return document.querySelector(".bs-menu-button");
  }

  var openedByKey = false;

  /* Material's menu button is a <label> for the drawer's checkbox: a pointer can use it, the keyboard cannot,
     and a label may not be given the role of a button. A real button takes its place, with the same look. */
  function enhanceDrawerButton() {
    var label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var toggle = drawerToggle();
    if (!label || !toggle || menuButton()) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon bs-menu-button";
    button.setAttribute("aria-label", "Navigation");
    button.setAttribute("aria-expanded", String(toggle.checked));
    label.childNodes.forEach(function (node) { button.appendChild(node.cloneNode(true)); });
    label.hidden = true;
    label.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function (event) {
      openedByKey = event.detail === 0 && !toggle.checked; // Enter or Space: focus follows into the drawer
      toggle.click();
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
      var drawer = document.querySelector(".md-sidebar--primary");
      if (toggle.checked && openedByKey && drawer) {
        // Into the drawer, once it shows (it becomes visible as it starts to slide in).
        window.requestAnimationFrame(function () {
          var first = drawer.querySelector("a[href]");
          if (first) first.focus();
        });
      } else if (!toggle.checked && drawer && drawer.contains(document.activeElement)) {
        button.focus();
      }
      openedByKey = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    var toggle = drawerToggle();
    if (event.key !== "Escape" || !toggle || !toggle.checked) return;
    var drawer = document.querySelector(".md-sidebar--primary");
    if (drawer && drawer.contains(document.activeElement)) {
      toggle.click(); // closes it; the change handler brings focus back to the menu button
    }
  });

  // ---- wide tables --------------------------------------------------------------------------------

  var SCROLLERS = ".md-typeset__scrollwrap, .bs-sql-table, .md-typeset table:not([class])";

  function scroller(element) {
    // Material wraps a table in .md-typeset__scrollwrap once its script has run; before that (or without
    // it), the table itself scrolls. The SQL runner's results scroll in .bs-sql-table.
    if (element.matches("table") && element.closest(".md-typeset__scrollwrap, .bs-sql-table")) return null;
    return element;
  }

  function updateScroll(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    var frame = box.parentElement;
    box.classList.toggle("bs-scrolls", overflows);
    if (frame && frame.classList.contains("bs-scroll-frame")) {
      // The mark sits by the header row (a caption above it scrolls with the table).
      var head = box.querySelector("thead") || box.querySelector("tr");
      var mark = frame.querySelector(".bs-scroll-mark");
      if (head && mark && overflows) {
        mark.style.top = Math.max(0, head.getBoundingClientRect().top - frame.getBoundingClientRect().top) + 6 + "px";
      }
      frame.classList.toggle("bs-scrolls", overflows);
      frame.classList.toggle("bs-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 2);
      frame.classList.toggle("bs-scrolled", box.scrollLeft > 2);
    }
    if (overflows && !box.hasAttribute("tabindex")) {
      var caption = box.querySelector("caption");
      var name = caption ? caption.firstChild && caption.firstChild.textContent : "";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (name ? name.trim() + ", " : "Table, ") + "scrolls sideways");
    }
  }

  var resizes = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { updateScroll(entry.target); });
  }) : null;

  function enhanceTable(element) {
    var box = scroller(element);
    if (!box || box.hasAttribute("data-bs-scroll")) return;
    box.setAttribute("data-bs-scroll", "");
    // A frame around the scrolling box holds the "Scroll" mark at its right edge, where it stays put.
    var frame = document.createElement("div");
    frame.className = "bs-scroll-frame";
    var mark = document.createElement("span");
    mark.className = "bs-scroll-mark";
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "Scroll →";
    box.parentNode.insertBefore(frame, box);
    frame.appendChild(box);
    frame.appendChild(mark);
    box.addEventListener("scroll", function () { updateScroll(box); }, { passive: true });
    if (resizes) resizes.observe(box);
    updateScroll(box);
  }

  function enhanceTables(root) {
    root.querySelectorAll(SCROLLERS).forEach(enhanceTable);
  }

  // ---- the SQL editor ---------------------------------------------------------------------------------

  var SIZES_ITSELF = Boolean(window.CSS && CSS.supports && CSS.supports("field-sizing", "content"));

  function fitEditor(editor) {
    if (SIZES_ITSELF) return;
    editor.style.height = "auto";
    editor.style.height = editor.scrollHeight + editor.offsetHeight - editor.clientHeight + "px";
  }

  document.addEventListener("input", function (event) {
    if (event.target instanceof Element && event.target.matches(".bs-sql-editor")) fitEditor(event.target);
  });

  // Tables added later (the SQL runner's results) are framed as they arrive, and its editors fitted.
  var arrivals = "MutationObserver" in window ? new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (!(node instanceof Element)) return;
        if (node.matches(SCROLLERS)) enhanceTable(node);
        node.querySelectorAll(SCROLLERS).forEach(enhanceTable);
        if (node.matches(".bs-sql-editor")) fitEditor(node);
        node.querySelectorAll(".bs-sql-editor").forEach(fitEditor);
      });
    });
  }) : null;

  function enhance() {
    close();
    popover = null;
    enhanceTerms(document);
    enhanceDrawerButton();
    enhanceTables(document);
    document.querySelectorAll(".bs-sql-editor").forEach(fitEditor);
    var content = document.querySelector(".md-content");
    if (arrivals && content) arrivals.observe(content, { childList: true, subtree: true });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
