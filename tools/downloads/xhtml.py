"""The print page's HTML written again as strict XHTML for an EPUB: only elements and attributes that
EPUBCheck accepts and phone readers show, inline SVG in its namespace, ids that are XML names.

The page is parsed with Python's HTML parser (through Beautiful Soup), which lowercases every name. SVG
names are case-sensitive in XML (`viewBox`, `linearGradient`), so they are put back from the table the HTML
standard gives for the same purpose ("adjust SVG attributes", and the tag names of its tree builder).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"


def _names(*lines: str) -> list[str]:
    return " ".join(lines).split()


_SVG_NAMES = {
    name.lower(): name
    for name in _names(
        # elements
        "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath feBlend "
        "feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap "
        "feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge "
        "feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence "
        "foreignObject glyphRef linearGradient radialGradient textPath "
        # attributes
        "attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits diffuseConstant edgeMode "
        "filterUnits glyphRef gradientTransform gradientUnits kernelMatrix kernelUnitLength keyPoints keySplines "
        "keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits "
        "numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX pointsAtY pointsAtZ "
        "preserveAlpha preserveAspectRatio primitiveUnits refX refY repeatCount repeatDur requiredExtensions "
        "requiredFeatures specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles "
        "surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget xChannelSelector "
        "yChannelSelector zoomAndPan",
    )
}

# HTML elements kept as they are; others are unwrapped (their content stays) or dropped with their content.
_KEPT = set(
    _names(
        "a abbr b blockquote br caption cite code col colgroup dd del dfn div dl dt em figcaption figure h1 h2 h3 h4",
        "h5 h6 hr i img ins kbd li mark ol p pre q s samp section small span strong sub sup table tbody td tfoot th",
        "thead tr u ul var",
    )
)
_DROPPED = set(
    _names("script style button input select textarea form noscript template", "iframe object embed audio video")
)
# The permalink after each heading (a pilcrow) means nothing in a book.
_DROPPED_CLASSES = {"headerlink"}
# Folded blocks are open in the print edition; many readers cannot show <details>, so they become plain blocks.
_RENAMED = {"details": "div", "summary": "p", "label": "span", "nav": "div", "article": "div", "aside": "div"}
_VOID = {"br", "hr", "img", "col"}
_ATTRIBUTES = {
    "id",
    "class",
    "title",
    "lang",
    "alt",
    "src",
    "href",
    "colspan",
    "rowspan",
    "scope",
    "start",
    "reversed",
    "width",
    "height",
    "aria-label",
    "aria-hidden",
}
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def safe_id(value: str) -> str:
    """An id that is an XML name without colons (`fn:1` -> `fn_1`), the same for a link to it."""
    cleaned = _SAFE_ID.sub("_", value)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"x{cleaned}"


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def title_tabs(root: Tag) -> None:
    """Tabbed blocks (Python | Go) show one block at a time on the site; a book shows them all, each under
    its tab's name, and drops the row of tab labels."""
    for tab_set in root.select(".tabbed-set"):
        labels = tab_set.select(".tabbed-labels > label")
        blocks = tab_set.select(".tabbed-content > .tabbed-block")
        for label, block in zip(labels, blocks, strict=False):
            title = BeautifulSoup("", "html.parser").new_tag("p", attrs={"class": "bs-tab-title"})
            strong = BeautifulSoup("", "html.parser").new_tag("strong")
            strong.string = label.get_text(" ", strip=True)
            title.append(strong)
            block.insert(0, title)
        for row in tab_set.select(".tabbed-labels"):
            row.decompose()


def serialize(
    nodes: Iterable[PageElement], link: Callable[[str], str | None], image: Callable[[str], str | None]
) -> str:
    """`nodes` as XHTML. `link` maps an href to the one to write (None: the link is dropped and its
    text kept); `image` maps an img src to the file inside the book (None: the alt text is written instead)."""
    out: list[str] = []
    for node in nodes:
        _write(node, out, link, image, in_svg=False)
    return "".join(out)


def _write(node: object, out: list[str], link: Callable, image: Callable, in_svg: bool) -> None:
    if isinstance(node, Comment) or not isinstance(node, (NavigableString, Tag)):
        return
    if isinstance(node, NavigableString):
        if type(node) is NavigableString:
            out.append(escape(str(node)))
        return
    name = node.name.lower()
    if name == "svg" or in_svg:
        _write_svg(node, out, top=name == "svg" and not in_svg)
        return
    if name in _DROPPED or _DROPPED_CLASSES.intersection(node.get("class") or ()):
        return
    if name == "img":
        target = image(node.get("src", ""))
        if target is None:
            out.append(escape(node.get("alt", "")))
            return
        out.append(f"<img src={quoteattr(target)} alt={quoteattr(node.get('alt', ''))}/>")
        return
    if name not in _KEPT and name not in _RENAMED:
        for child in node.children:
            _write(child, out, link, image, in_svg=False)
        return
    attributes = _html_attributes(node, link)
    if name == "summary":
        attributes.append(("class", "bs-summary"))
    tag = _RENAMED.get(name, name)
    opening = tag + "".join(f" {key}={quoteattr(value)}" for key, value in attributes)
    if tag in _VOID:
        out.append(f"<{opening}/>")
        return
    out.append(f"<{opening}>")
    for child in node.children:
        _write(child, out, link, image, in_svg=False)
    out.append(f"</{tag}>")


def _html_attributes(node: Tag, link: Callable[[str], str | None]) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for key, value in node.attrs.items():
        if key not in _ATTRIBUTES:
            continue
        text = " ".join(value) if isinstance(value, list) else str(value)
        if key == "id":
            text = safe_id(text)
        elif key == "href":
            target = link(text)
            if target is None:
                continue
            text = target
        elif key == "src":
            continue  # only images have a source worth keeping, and they are written on their own
        elif key == "class":
            if node.name == "summary":
                continue  # replaced by bs-summary
            text = " ".join(part for part in text.split() if re.fullmatch(r"[\w-]+", part))
            if not text:
                continue
        elif key in {"width", "height"} and node.name != "img":
            continue
        kept.append((key, text))
    return kept


def _write_svg(node: Tag | NavigableString, out: list[str], top: bool) -> None:
    if isinstance(node, Comment):
        return
    if isinstance(node, NavigableString):
        out.append(escape(str(node)))
        return
    name = _SVG_NAMES.get(node.name, node.name)
    if name in {"script", "foreignobject", "foreignObject"}:
        return
    attributes = []
    for key, value in node.attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        if key.startswith("on") or key in {"xmlns", "xmlns:xlink"}:
            continue
        if key == "id":
            text = safe_id(text)
        if key in {"href", "xlink:href"} and text.startswith("#"):
            text = "#" + safe_id(text[1:])
        if key.startswith("data-") or (":" in key and key != "xlink:href"):
            continue
        attributes.append((_SVG_NAMES.get(key, key), text))
    if top:
        attributes = [("xmlns", SVG_NAMESPACE), ("xmlns:xlink", XLINK_NAMESPACE), *attributes]
    text = "".join(f" {key}={quoteattr(_svg_references(value))}" for key, value in attributes)
    out.append(f"<{name}{text}>")
    for child in node.children:
        if name == "style" and isinstance(child, NavigableString):
            # Python's parser keeps a style element's text raw, but inside SVG a browser decodes its character
            # references (mermaid writes `>` as `&gt;`): decode them, as the browser does, before escaping.
            out.append(escape(_svg_references(html.unescape(str(child)), css=True)))
        else:
            _write_svg(child, out, top=False)
    out.append(f"</{name}>")


def _svg_references(value: str, css: bool = False) -> str:
    """`url(#id)` and, in a style sheet, `#id` selectors point at the renamed ids."""
    value = re.sub(r"url\(#([^)\s]+)\)", lambda m: f"url(#{safe_id(m[1])})", value)
    if css:
        value = re.sub(r"#([A-Za-z_][^\s{},>+~.:#\[]*)", lambda m: f"#{safe_id(m[1])}", value)
    return value
