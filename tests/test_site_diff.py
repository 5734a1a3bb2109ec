"""The pull request summary lists the pages a change adds, removes and changes, and nothing else."""

from __future__ import annotations

from pathlib import Path

from tools.site_diff import compare, summary


def page(site: Path, url: str, article: str, nav: str = "nav") -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<nav>{nav}</nav><link href='app.{nav}.js'><article class='md-content'>{article}</article>")


def test_pages_are_added_removed_or_changed_by_their_article(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    page(base, "", "Home")
    page(base, "security/xss", "XSS")
    page(base, "security/old", "Old")
    page(base, "apis/rest", "REST")
    page(head, "", "Home", nav="new nav and new asset hash")  # only the surroundings changed
    page(head, "security/xss", "XSS, revised")
    page(head, "apis/rest", "REST")
    page(head, "databases/locking", "Locking")
    diff = compare(base, head)
    assert diff.added == ["databases/locking/"]
    assert diff.removed == ["security/old/"]
    assert diff.changed == ["security/xss/"]
    text = summary(diff)
    assert "**Added: 1 page**" in text and "- `databases/locking/`" in text
    assert "**Changed: 1 page**" in text and "- `security/xss/`" in text
    assert "`./`" not in text


def test_an_unbuilt_base_lists_every_page_as_added(tmp_path: Path) -> None:
    page(tmp_path / "head", "x", "X")
    diff = compare(tmp_path / "missing", tmp_path / "head")
    assert diff.added == ["x/"]
    assert "did not build" in summary(diff, base_built=False)


def test_no_change_says_so(tmp_path: Path) -> None:
    page(tmp_path / "a", "x", "X")
    page(tmp_path / "b", "x", "X")
    assert "No page's text changed." in summary(compare(tmp_path / "a", tmp_path / "b"))
