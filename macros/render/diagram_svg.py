"""Turn a cached mermaid SVG into markup that is safe to inline, themed by the page, and accessible.

The cache in diagrams/ is committed by contributors and the diagram sources are contributor text, so the
SVG is treated as untrusted on every build: only drawing elements survive (no script, no foreignObject,
no links), no event-handler attributes, no reference to anything outside the diagram, and the diagram's
stylesheet keeps only rules scoped to the diagram itself. Mermaid's fixed greys become Material's colour
variables, so one SVG reads in the light and the dark palette. The root gets `role="img"` with a title and
a description, and width and height so the browser reserves its box before anything else loads.
"""

from __future__ import annotations

import colorsys
import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Elements that only draw. Anything else (script, foreignObject, a, image, iframe, animate...) is dropped
# with its content, except `a`, whose children are kept in a plain group.
DRAWING = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "marker", "defs", "style", "title", "desc", "linearGradient", "radialGradient", "stop", "clipPath",
    "mask", "pattern", "symbol", "filter", "feDropShadow", "feGaussianBlur", "feOffset", "feFlood",
    "feComposite", "feMerge", "feMergeNode", "feBlend",
}  # fmt: skip
UNWRAP = {"a", "switch"}
# CSS that reaches outside the diagram or runs code. A diagram may only refer to its own elements.
UNSAFE_CSS = re.compile(r"url\(\s*['\"]?(?!#)|@import|expression\s*\(|javascript:|behavior\s*:|\\|<", re.I)
COLOR = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\([^)]*\)|\b(?:white|black|gr[ae]y|lightgr[ae]y|darkgr[ae]y)\b"
)
NAMED = {"white": (1.0, 1.0, 1.0), "black": (0.0, 0.0, 0.0), "grey": (0.5, 0.5, 0.5), "gray": (0.5, 0.5, 0.5)}
NAMED |= {"lightgrey": (0.83, 0.83, 0.83), "lightgray": (0.83, 0.83, 0.83)}
NAMED |= {"darkgrey": (0.66, 0.66, 0.66), "darkgray": (0.66, 0.66, 0.66)}
PAINT_ATTRIBUTES = ("fill", "stroke", "stop-color", "flood-color", "color", "style")
KINDS = {
    "flowchart": "Flowchart",
    "graph": "Flowchart",
    "sequenceDiagram": "Sequence diagram",
    "stateDiagram": "State diagram",
    "stateDiagram-v2": "State diagram",
    "gitGraph": "Git history",
    "classDiagram": "Class diagram",
    "erDiagram": "Entity-relationship diagram",
}


class UnsafeDiagram(ValueError):
    """The cached SVG cannot be read as SVG at all."""


@dataclass(frozen=True)
class Diagram:
    html: str  # the <svg> element, ready to inline
    title: str
    description: str


# A diagram shows on its lesson and in two print editions, and `make serve` prepares every page again on
# each save: the same SVG, source and id give the same result, so it is prepared once.
@functools.lru_cache(maxsize=512)
def prepare(svg: str, source: str, dom_id: str) -> Diagram:
    """Sanitize, theme and label one cached SVG; every id in it is prefixed with `dom_id`."""
    if re.search(r"<!(?:DOCTYPE|ENTITY)", svg, re.I):
        # No document type, so no entity expansion (the XML attacks that defusedxml guards against).
        raise UnsafeDiagram("the SVG declares a document type or entities")
    try:
        root = ET.fromstring(svg)  # noqa: S314 (declarations refused above)
    except ET.ParseError as error:
        raise UnsafeDiagram(f"not well-formed SVG: {error}") from None
    if _local(root.tag) != "svg":
        raise UnsafeDiagram("the root element is not <svg>")
    _sanitize(root)
    _rename_ids(root, dom_id)
    for element in root.iter():
        for name in PAINT_ATTRIBUTES:
            if name in element.attrib:
                element.set(name, themed(element.get(name, "")))
        if _local(element.tag) == "style":
            element.text = themed(scoped_css(element.text or "", f"#{dom_id}"))
    title, description = _text_alternative(root, source)
    _label(root, dom_id, title, description)
    _reserve_box(root)
    return Diagram(ET.tostring(root, encoding="unicode"), title, description)


# ---- safety ---------------------------------------------------------------------------------------


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _sanitize(parent: ET.Element) -> None:
    for child in list(parent):
        name = _local(child.tag)
        namespace = child.tag[1:].split("}")[0] if isinstance(child.tag, str) and child.tag.startswith("{") else ""
        if namespace != SVG_NS or (name not in DRAWING and name not in UNWRAP):
            _remove_keeping_tail(parent, child)
            continue
        if name in UNWRAP:
            child.tag = f"{{{SVG_NS}}}g"
            child.attrib.clear()
        _sanitize(child)
    for key in list(parent.attrib):
        value = parent.attrib[key]
        local = _local(key)
        if (
            local.lower().startswith("on")
            or (local == "href" and not value.startswith("#"))
            or "javascript:" in value.lower()
            or (local == "style" and UNSAFE_CSS.search(value))
            or "url(" in value.replace("url(#", "")
        ):
            del parent.attrib[key]


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    """Remove an element and its content; the text after it belongs to its parent and stays."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def scoped_css(css: str, scope: str) -> str:
    """Keep only the rules whose every selector starts with `scope`, and keyframes; drop unsafe rules."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    kept = []
    for prelude, body in _css_blocks(css):
        if UNSAFE_CSS.search(prelude) or UNSAFE_CSS.search(body):
            continue
        selectors = [selector.strip() for selector in prelude.split(",")]
        if prelude.startswith("@keyframes ") or all(re.match(re.escape(scope) + r"(?![\w-])", s) for s in selectors):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


def _css_blocks(css: str) -> list[tuple[str, str]]:
    """Top-level `prelude { body }` pairs, reading strings as CSS does; unbalanced text ends the list."""
    blocks = []
    depth, start, body_start, quote = 0, 0, 0, ""
    prelude = ""
    for index, char in enumerate(css):
        if quote:
            if char == quote:
                quote = ""
            elif char == "\n":
                return blocks  # a bad string: stop trusting the rest
            continue
        if char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude, body_start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return blocks
            if depth == 0:
                blocks.append((prelude, css[body_start:index]))
                start = index + 1
    return blocks


# ---- ids ----------------------------------------------------------------------------------------------


def _rename_ids(root: ET.Element, dom_id: str) -> None:
    """Give every id the diagram's own prefix, so two diagrams on one page never share an id."""
    old_root = root.get("id", "")
    mapping = {old_root: dom_id} if old_root else {}
    for element in root.iter():
        old = element.get("id")
        if old and old not in mapping:
            suffix = old[len(old_root) :].lstrip("-_") if old_root and old.startswith(old_root) else old
            mapping[old] = f"{dom_id}-{suffix}"
    if not mapping:
        root.set("id", dom_id)
        return
    names = "|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True))
    reference = re.compile(rf"#({names})(?![\w-])")

    def rewrite(value: str) -> str:
        return reference.sub(lambda match: "#" + mapping[match[1]], value)

    for element in root.iter():
        for key, value in element.attrib.items():
            if key == "id":
                element.set(key, mapping.get(value, value))
            elif "#" in value:
                element.set(key, rewrite(value))
        if _local(element.tag) == "style" and element.text:
            element.text = rewrite(element.text)


# ---- colours ------------------------------------------------------------------------------------------


def themed(value: str) -> str:
    """Mermaid's greys as Material's colour variables; saturated colours are left as drawn."""
    return COLOR.sub(lambda match: _variable(match[0]) or match[0], value)


def _variable(color: str) -> str | None:
    rgb = _rgb(color)
    if rgb is None:
        return None
    _, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    if saturation > 0.25 and 0.1 < lightness < 0.9:
        return None
    if lightness < 0.35:
        return "var(--md-default-fg-color)"
    if lightness < 0.65:
        return "var(--md-default-fg-color--light)"
    if lightness < 0.9:
        return "var(--md-default-fg-color--lighter)"
    if lightness < 0.99:
        return "var(--md-code-bg-color)"
    return "var(--md-default-bg-color)"


def _rgb(color: str) -> tuple[float, float, float] | None:
    color = color.lower()
    if color in NAMED:
        return NAMED[color]
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits[:3])
        if len(digits) not in (6, 8):
            return None
        return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", color)]
    if len(numbers) < 3:
        return None
    if color.startswith("rgb"):
        return tuple(n / 255 for n in numbers[:3])  # type: ignore[return-value]
    hue, saturation, lightness = numbers[0] % 360 / 360, numbers[1] / 100, numbers[2] / 100
    return colorsys.hls_to_rgb(hue, lightness, saturation)


# ---- text alternative and box -------------------------------------------------------------------------


def _text_alternative(root: ET.Element, source: str) -> tuple[str, str]:
    """The author's accTitle and accDescr if given, else the kind of diagram and its labels in order."""
    given = {}
    for child in list(root):
        if _local(child.tag) in ("title", "desc"):
            given[_local(child.tag)] = " ".join("".join(child.itertext()).split())
            root.remove(child)
    first_word = (source.split() or [""])[0]
    title = given.get("title") or KINDS.get(first_word, "Diagram")
    labels: list[str] = []
    for element in root.iter(f"{{{SVG_NS}}}text"):
        text = " ".join("".join(element.itertext()).split())
        if text and text not in labels:  # sequence diagrams repeat each actor below
            labels.append(text)
    description = given.get("desc") or ("; ".join(labels) + "." if labels else title)
    return title, description


def _label(root: ET.Element, dom_id: str, title: str, description: str) -> None:
    for attribute in ("aria-roledescription", "aria-labelledby", "aria-describedby"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("aria-labelledby", f"{dom_id}-title {dom_id}-desc")
    title_element = ET.Element(f"{{{SVG_NS}}}title", id=f"{dom_id}-title")
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG_NS}}}desc", id=f"{dom_id}-desc")
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)


def _reserve_box(root: ET.Element) -> None:
    """Width and height from the viewBox: the page lays the diagram out before it paints, no shift."""
    numbers = [float(n) for n in (root.get("viewBox") or "").replace(",", " ").split()]
    if len(numbers) != 4:
        raise UnsafeDiagram("the SVG has no viewBox")
    root.set("width", f"{numbers[2]:.0f}")
    root.set("height", f"{numbers[3]:.0f}")
    root.attrib.pop("style", None)  # mermaid's max-width; extra.css scales the diagram down instead
    root.set("class", "bs-diagram__svg")
