"""Which pages a pull request adds, removes or changes: `python -m tools.site_diff BASE_SITE PR_SITE`.

Compares two built sites page by page and prints a Markdown summary for the pull request's checks page.
A page counts as changed when its article (the lesson or page text, not the navigation or the hashed asset
names around it) differs: adding one lesson changes every page's navigation, and that is not news.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
_SHOWN = 40  # pages listed per kind; the rest are counted


@dataclass(frozen=True)
class SiteDiff:
    added: list[str]
    removed: list[str]
    changed: list[str]


def pages(site: Path) -> dict[str, str]:
    """Each page's URL path and its article's HTML (the whole page where it has none)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        article = _ARTICLE.search(text)
        url = path.relative_to(site).as_posix().removesuffix("index.html")
        found[url or "./"] = article.group(1) if article else text
    return found


def compare(base: Path, head: Path) -> SiteDiff:
    before, after = pages(base) if base.is_dir() else {}, pages(head)
    return SiteDiff(
        added=sorted(set(after) - set(before)),
        removed=sorted(set(before) - set(after)),
        changed=sorted(url for url in set(before) & set(after) if before[url] != after[url]),
    )


def summary(diff: SiteDiff, base_built: bool = True) -> str:
    lines = ["## Site preview", ""]
    lines.append(
        "Download the built site from this run's artifacts (`site-preview`), unzip it and open `index.html`, "
        "or serve the folder with `python -m http.server`."
    )
    lines.append("")
    if not base_built:
        lines += ["The base branch did not build, so every page is listed as added.", ""]
    if not (diff.added or diff.removed or diff.changed):
        return "\n".join([*lines, "No page's text changed.", ""])
    for title, urls in (("Added", diff.added), ("Removed", diff.removed), ("Changed", diff.changed)):
        if urls:
            lines.append(f"**{title}: {len(urls)} page{'s' if len(urls) != 1 else ''}**")
            lines.append("")
            lines += [f"- `{html.escape(url)}`" for url in urls[:_SHOWN]]
            if len(urls) > _SHOWN:
                lines.append(f"- and {len(urls) - _SHOWN} more")
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m tools.site_diff BASE_SITE PR_SITE", file=sys.stderr)
        return 2
    base, head = Path(args[0]), Path(args[1])
    print(summary(compare(base, head), base_built=base.is_dir()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
