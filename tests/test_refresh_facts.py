"""The monthly refresh, offline: endoflife.date product files and the RFC Editor's index (fixtures in
tests/fixtures/facts/) become the snapshots in data/, the hand-written fields survive, the summary names what
changed and which lessons the new data makes stale; lychee's report becomes the dead-links issue."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.model.freshness import check_freshness
from macros.model.schema import ReleaseProduct, RfcIndex
from tests.conftest import ROOT
from tools import dead_links
from tools.facts import endoflife, refresh, rfc_index
from tools.facts.refresh import refresh_releases, refresh_rfcs, summary

FIXTURES = ROOT / "tests" / "fixtures" / "facts"
COMMIT = "a" * 40


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "data" / "releases").mkdir(parents=True)
    (tmp_path / "data" / "releases" / "widget.yml").write_text(
        'id: widget\nnames: ["Widget", "WidgetDB"]\nnote: "Hand-written: kept."\n', encoding="utf-8"
    )
    (tmp_path / "docs" / "area").mkdir(parents=True)
    (tmp_path / "docs" / "area" / "page.md").write_text(
        "# Page\n\nWidget 1 is still supported. See RFC 7231 and [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).\n"
        "UDP is RFC 768.\n",
        encoding="utf-8",
    )
    return tmp_path


def checkout(tmp_path: Path) -> Path:
    target = tmp_path / "endoflife"
    shutil.copytree(FIXTURES / "endoflife", target)
    return target


def test_a_product_file_becomes_a_valid_snapshot_that_keeps_the_hand_written_fields(root: Path) -> None:
    changed = refresh_releases(root, FIXTURES / "endoflife", COMMIT, dt.date(2026, 8, 22))
    text = (root / "data" / "releases" / "widget.yml").read_text(encoding="utf-8")
    product = ReleaseProduct.model_validate(yaml.safe_load(text))
    assert product.names == ["Widget", "WidgetDB"] and product.note == "Hand-written: kept."
    assert product.snapshot == dt.date(2026, 8, 22)
    assert product.data == f"https://github.com/endoflife-date/endoflife.date/blob/{COMMIT}/products/widget.md"
    assert product.source.url == "https://endoflife.date/widget"
    assert product.policy == "https://widget.example.org/releases"
    by_cycle = {r.cycle: r for r in product.releases}
    assert by_cycle["2"].lts == dt.date(2025, 10, 1) and by_cycle["2"].active_support == dt.date(2026, 1, 1)
    assert by_cycle["1"].lts is True and by_cycle["1"].codename == "Old Faithful"
    assert by_cycle["1"].eol == dt.date(2026, 10, 27) and by_cycle["3"].latest == "3.0.2"
    # One line per cycle, so a refresh's diff shows the cycles that changed.
    assert sum(line.startswith("  - {cycle:") for line in text.splitlines()) == 3
    assert changed == ["Widget: added (3 release cycles)"]


def test_a_second_refresh_reports_each_changed_fact(root: Path, tmp_path: Path) -> None:
    refresh_releases(root, FIXTURES / "endoflife", COMMIT, dt.date(2026, 8, 22))
    newer = checkout(tmp_path)
    product_file = newer / "products" / "widget.md"
    text = product_file.read_text(encoding="utf-8").replace("eol: 2027-01-10", "eol: 2027-03-31")
    text = text.replace(
        "releases:\n", 'releases:\n  - releaseCycle: "4"\n    releaseDate: 2026-09-01\n    eol: false\n\n'
    )
    text = text.replace('latest: "3.0.2"', 'latest: "3.0.5"')  # a patch release alone is not news
    product_file.write_text(text, encoding="utf-8")
    changed = refresh_releases(root, newer, "b" * 40, dt.date(2026, 9, 22))
    assert changed == [
        "Widget 4: new release cycle, released 2026-09-01",
        "Widget 2: eol 2027-01-10 -> 2027-03-31",
    ]
    assert "Hand-written: kept." in (root / "data" / "releases" / "widget.yml").read_text(encoding="utf-8")


def test_a_product_missing_from_the_checkout_stops_the_refresh(root: Path, tmp_path: Path) -> None:
    (root / "data" / "releases" / "gadget.yml").write_text("id: gadget\nnames: [Gadget]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"no products/gadget\.md"):
        refresh_releases(root, FIXTURES / "endoflife", COMMIT, dt.date(2026, 8, 22))


def test_a_file_without_releases_is_refused() -> None:
    with pytest.raises(endoflife.ProductFileError, match="no 'releases' list"):
        endoflife.front_matter("---\ntitle: Empty\n---\n")


def test_the_xml_and_text_indexes_give_the_same_facts() -> None:
    from_xml = rfc_index.parse_xml((FIXTURES / "rfc-index.xml").read_bytes())
    made, from_text = rfc_index.parse_text((FIXTURES / "rfc-index.txt").read_text(encoding="utf-8"))
    assert made == dt.date(2026, 8, 21)
    assert from_xml == from_text
    assert from_text[7231] == rfc_index.RfcEntry(7231, "Hypertext Transfer Protocol (HTTP/1.1): Semantics and Content",
                                                 (9110,), ())  # fmt: skip
    assert from_text[768].updated_by == (9868,) and 7232 not in from_text and 9915 not in from_text


@pytest.mark.parametrize("index", ["rfc-index.xml", "rfc-index.txt"])
def test_the_rfc_snapshot_holds_the_cited_rfcs_only(index: str, root: Path) -> None:
    refresh_rfcs(root, FIXTURES / index, dt.date(2026, 8, 21))
    snapshot = RfcIndex.model_validate(yaml.safe_load((root / "data/standards/rfcs.yml").read_text(encoding="utf-8")))
    assert [(r.number, r.obsoleted_by) for r in snapshot.rfcs] == [(768, []), (7231, [9110]), (9110, [])]
    assert snapshot.snapshot == dt.date(2026, 8, 21)


def test_a_newly_obsoleted_rfc_is_a_change(root: Path, tmp_path: Path) -> None:
    index = tmp_path / "rfc-index.txt"
    index.write_text(
        (FIXTURES / "rfc-index.txt").read_text(encoding="utf-8").replace("(Also STD6)", ""), encoding="utf-8"
    )
    refresh_rfcs(root, index, None)
    text = index.read_text(encoding="utf-8").replace("(Updated by RFC9868)", "(Obsoleted by RFC9999)")
    index.write_text(text, encoding="utf-8")
    assert refresh_rfcs(root, index, None) == ["RFC 768 (User Datagram Protocol): now obsoleted by RFC 9999"]


def test_the_summary_names_the_changes_and_the_lessons_made_stale(root: Path) -> None:
    changed = refresh_releases(root, FIXTURES / "endoflife", COMMIT, dt.date(2026, 8, 22))
    product = ReleaseProduct.model_validate(
        yaml.safe_load((root / "data/releases/widget.yml").read_text(encoding="utf-8"))
    )
    report = check_freshness(root, root / "docs", {"widget": product}, None, [], dt.date(2026, 11, 1))
    text = summary(changed, report)
    assert "- Widget: added (3 release cycles)" in text
    assert "**Stale (the build fails until they are fixed):**" in text
    assert "`docs/area/page.md:3`: 'Widget 1 is still supported." in text
    quiet = summary([], check_freshness(root, root / "docs", {"widget": product}, None, [], dt.date(2026, 9, 1)))
    assert "Nothing a reader sees changed." in quiet and "**Due soon or unknown (warnings):**" in quiet


def test_the_command_refreshes_a_project_and_writes_the_summary(project_copy: Path, tmp_path: Path) -> None:
    for path in (project_copy / "data" / "releases").glob("*.yml"):
        if path.stem != "kubernetes":
            path.unlink()
    # Comparison cells that read the deleted snapshots become plain text, as they were before release cells.
    for path in (project_copy / "data" / "comparisons").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\{release: [^}]*\}", '"see the release data"', text), encoding="utf-8")
    eol = tmp_path / "eol"
    (eol / "products").mkdir(parents=True)
    (eol / "products" / "kubernetes.md").write_text(
        "---\ntitle: Kubernetes\nreleases:\n"
        '  - releaseCycle: "1.36"\n    releaseDate: 2026-04-22\n    eol: 2027-06-28\n'
        '  - releaseCycle: "1.34"\n    releaseDate: 2025-08-27\n    eol: 2026-10-27\n---\n',
        encoding="utf-8",
    )
    lesson = project_copy / "docs" / "cloud-devops" / "kubernetes.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace(
            "## Why it matters\n", "## Why it matters\n\nKubernetes 1.34 is supported.\n", 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "summary.md"
    argv = ["--endoflife", str(eol), "--commit", COMMIT, "--date", "2026-11-30", "--summary", str(out), "--today",
            "2026-12-07", "--rfc-index", str(FIXTURES / "rfc-index.txt")]  # fmt: skip
    assert refresh.main(argv, root=project_copy) == 0
    text = out.read_text(encoding="utf-8")
    assert "Kubernetes 1.35: no longer listed" in text
    assert "docs/cloud-devops/kubernetes.md" in text and "Kubernetes 1.34 current or supported" in text
    assert "snapshot: 2026-11-30" in (project_copy / "data/releases/kubernetes.yml").read_text(encoding="utf-8")


def test_lychee_failures_become_one_issue_body() -> None:
    report = json.loads((FIXTURES / "lychee.json").read_text(encoding="utf-8"))
    body = dead_links.issue_body(report, dt.date(2026, 12, 7))
    assert body is not None
    assert body.startswith("lychee checked 5 external links on 2026-12-07 (1 answered from its cache): 2 failed")
    assert "| <https://gone.example.org/page> | 404 | `docs/web/http.md:12` |" in body
    # A pipe in a URL would split the row: written as %7C.
    assert (
        "| <https://moved.example.org/a%7Cb> | Network error: Connection failed | `data/comparisons/stacks.yml:3` |"
        in body
    )
    assert "## Timed out" in body and "https://slow.example.org/" in body
    assert "example.com" not in body and "ok.example.org" not in body
    assert dead_links.issue_body({"total": 3, "error_map": {}, "timeout_map": {}}, dt.date(2026, 12, 7)) is None
