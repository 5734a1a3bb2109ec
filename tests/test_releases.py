"""Release snapshots (data/releases/): the schema names file, line and field; the macros answer for the build
date, as plain escaped text, and refuse what a snapshot cannot answer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from macros.model.catalog import Catalog
from macros.model.lessons import Lesson, LessonMeta
from macros.model.releases import build_date, find_cycle, select, status_text
from macros.model.schema import ReleaseCell, ReleaseCycle, ReleaseProduct, SkillsFile
from macros.render import releases, review_dates
from macros.site.check import main as check_data
from tests.conftest import ROOT


def widget(**changes: Any) -> dict[str, Any]:
    """A made-up product, so the tests do not depend on what the real snapshot says."""
    data: dict[str, Any] = {
        "id": "widget",
        "title": "Widget <Server> & co",
        "names": ["Widget"],
        "snapshot": "2026-08-22",
        "source": {"title": "endoflife.date: Widget", "url": "https://endoflife.date/widget"},
        "data": "https://github.com/endoflife-date/endoflife.date/blob/abc/products/widget.md",
        "releases": [
            {"cycle": "3", "released": "2026-05-01", "eol": "2027-05-01"},
            {"cycle": "2", "released": "2025-05-01", "lts": "2025-10-01", "active_support": "2026-01-01",
             "eol": "2027-01-10"},
            {"cycle": "1", "released": "2024-05-01", "lts": True, "eol": "2026-10-27"},
        ],
    }  # fmt: skip
    data.update(changes)
    return data


def catalog_of(*products: dict[str, Any]) -> Catalog:
    catalog = Catalog(skills=SkillsFile.model_construct(areas=[]), lessons={})
    for product in products:
        model = ReleaseProduct.model_validate(product)
        catalog.releases[model.id] = model
    return catalog


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_day(day: str) -> None:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), dt.UTC)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))

    return set_day


def test_the_build_date_is_source_date_epoch_when_set(on_day: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    on_day("2026-12-07")
    assert build_date() == dt.date(2026, 12, 7)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.datetime.now(dt.UTC).date()


def test_statuses_follow_the_build_date(on_day: Any) -> None:
    catalog = catalog_of(widget())
    on_day("2026-10-26")
    assert releases.release_status(catalog, "widget", "1") == "supported until 2026-10-27"
    assert releases.release_status(catalog, "widget", "2") == "in maintenance until 2027-01-10"
    on_day("2026-10-27")
    assert releases.release_status(catalog, "widget", "1") == "end of life since 2026-10-27"
    product = catalog.releases["widget"]
    assert status_text(product.releases[0], dt.date(2026, 4, 30)) == "not released until 2026-05-01"


def test_current_and_lts_move_with_the_date(on_day: Any) -> None:
    catalog = catalog_of(widget())
    on_day("2025-09-01")  # 2 is out but not yet LTS; 1 is the LTS
    assert releases.release(catalog, "widget", "current") == "2"
    assert releases.release(catalog, "widget", "lts") == "1"
    on_day("2026-06-01")
    assert releases.release(catalog, "widget") == "3"
    assert releases.release(catalog, "widget", "lts") == "2"
    assert releases.release(catalog, "widget", "oldest-supported") == "1"
    on_day("2026-11-01")  # 1 reached end of life
    assert releases.release(catalog, "widget", "oldest-supported") == "2"
    assert releases.release_date(catalog, "widget", "lts", "eol") == "2027-01-10"
    assert releases.release_date(catalog, "widget", "2", "lts") == "2025-10-01"


def test_current_is_refused_when_the_snapshot_predates_a_release(on_day: Any) -> None:
    catalog = catalog_of(widget())
    on_day("2027-06-01")  # every known release ended: a newer one must exist that the snapshot lacks
    with pytest.raises(ValueError, match=r"snapshot of 2026-08-22 is out of date.*newest release, 3"):
        releases.release(catalog, "widget", "current")
    with pytest.raises(ValueError, match="no release that is"):
        releases.release(catalog, "widget", "lts")


def test_unknown_names_say_what_exists(on_day: Any) -> None:
    catalog = catalog_of(widget())
    on_day("2026-06-01")
    with pytest.raises(ValueError, match=r"no release cycle '9'.*newest: 3, 2, 1"):
        releases.release_status(catalog, "widget", "9")
    with pytest.raises(KeyError, match=r"no release snapshot 'gadget'.*known: widget"):
        releases.release(catalog, "gadget")
    with pytest.raises(ValueError, match="no event 'sunset'"):
        releases.release_date(catalog, "widget", "2", "sunset")
    with pytest.raises(ValueError, match="no date for the end of life"):
        releases.release_date(catalog_of(widget(releases=[{"cycle": "1", "released": "2024-01-01", "eol": False}])),
                              "widget", "1")  # fmt: skip


def test_a_version_belongs_to_its_cycle() -> None:
    cycles = [{"cycle": "1.3", "released": "2024-01-01", "eol": False},
              {"cycle": "1.34", "released": "2025-01-01", "eol": False}]  # fmt: skip
    product = ReleaseProduct.model_validate(widget(releases=cycles))
    assert find_cycle(product, "1.34.0").cycle == "1.34"  # type: ignore[union-attr]
    assert find_cycle(product, "1.3.9").cycle == "1.3"  # type: ignore[union-attr]
    assert find_cycle(product, "1.35") is None
    assert select(product, "1.3", dt.date(2026, 1, 1)).cycle == "1.3"


def test_the_table_lists_supported_releases_as_escaped_text(on_day: Any) -> None:
    on_day("2026-11-01")
    html = releases.supported_releases(catalog_of(widget()), ["widget"])
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert [row[1:] for row in rows] == [
        ("3", "2026-05-01", "no", "supported until 2027-05-01"),
        ("2", "2025-05-01", "yes", "in maintenance until 2027-01-10"),
    ]
    assert rows[0][0] == "Widget &lt;Server&gt; &amp; co" and "<Server>" not in html
    assert "Supported releases on 2026-11-01" in html and "snapshot of 2026-08-22" in html
    assert 'href="https://endoflife.date/widget"' in html


def test_a_release_cell_lists_what_is_supported_on_the_build_date(on_day: Any) -> None:
    catalog = catalog_of(widget())
    cell = ReleaseCell(release="widget", note="Odd <notes> & all")
    on_day("2026-06-01")
    html = releases.release_cell(cell, catalog.releases["widget"])
    assert html.startswith(
        "3 until 2027-05-01; 2 LTS in maintenance until 2027-01-10; and 1 older. Odd &lt;notes&gt; &amp; all"
    )
    assert "(data of 2026-08-22)" in html and 'href="https://endoflife.date/widget"' in html
    on_day("2026-11-01")  # 1 reached end of life: the same cell drops it, with no edit
    html = releases.release_cell(cell, catalog.releases["widget"])
    assert html.startswith("3 until 2027-05-01; 2 LTS in maintenance until 2027-01-10.")
    lts = ReleaseCell(release="widget", lts_only=True)
    assert releases.release_cell(lts, catalog.releases["widget"]).startswith("2 LTS in maintenance")


def test_a_release_cell_refuses_a_snapshot_a_newer_release_overtook(on_day: Any) -> None:
    on_day("2027-06-01")
    with pytest.raises(ValueError, match="snapshot of 2026-08-22 is out of date"):
        releases.release_cell(ReleaseCell(release="widget"), catalog_of(widget()).releases["widget"])


def test_a_release_cell_names_a_snapshot_that_exists(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / "data" / "comparisons" / "backend-languages.yml"
    text = path.read_text(encoding="utf-8")
    assert "{release: python," in text
    path.write_text(text.replace("{release: python,", "{release: no-such-snapshot,"), encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if "{release: python," in x)) + 1
    assert check_data([str(project_copy)]) == 1
    reported = capsys.readouterr().err
    assert re.search(
        rf"data/comparisons/backend-languages\.yml:{line}: rows\[\d+\]\.cells\.version\.release: "
        r"no release snapshot 'no-such-snapshot'",
        reported,
    ), reported


def test_inline_macros_escape_markdown(on_day: Any) -> None:
    # The schema refuses such a cycle name; the macro escapes whatever it is given all the same.
    on_day("2026-06-01")
    catalog = catalog_of(widget())
    odd = ReleaseCycle.model_construct(cycle="1_x*<b>", released=dt.date(2024, 1, 1), eol=False, lts=False)
    catalog.releases["widget"] = catalog.releases["widget"].model_copy(update={"releases": [odd]})
    assert releases.release(catalog, "widget") == "1&#95;x&#42;&#60;b&#62;"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"eol": "2023-01-01"}, "releases[0].eol", "before the release date 2024-05-01"),
        ({"eol": "someday"}, "releases[0].eol.date", "not a valid date"),
        ({"support": "2027-01-01"}, "releases[0].support", "unknown field"),
    ],
)
def test_schema_errors_name_file_line_and_field(
    change: dict[str, str], field: str, message: str, project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project_copy / "data" / "releases" / "kubernetes.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("  - {cycle:"))
    release = {"cycle": '"1"', "released": "2024-05-01", "lts": "true", "eol": "2026-10-27"} | change
    lines[first] = "  - {" + ", ".join(f"{key}: {value}" for key, value in release.items()) + "}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check_data([str(project_copy)]) == 1
    reported = capsys.readouterr().err
    assert re.search(rf"data/releases/kubernetes\.yml:{first + 1}: {re.escape(field)}: .*{message}", reported)


def test_a_snapshot_names_its_source_page(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project_copy / "data" / "releases" / "python.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("https://endoflife.date/python", "https://example.com/python"), encoding="utf-8")
    assert check_data([str(project_copy)]) == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("source:"))
    assert f"data/releases/python.yml:{line}: source.url: must be https://endoflife.date/python" in (
        capsys.readouterr().err
    )


def test_every_snapshot_is_one_endoflife_commit() -> None:
    products = sorted((ROOT / "data" / "releases").glob("*.yml"))
    assert len(products) >= 25
    commits = {re.search(r"/blob/([0-9a-f]{40})/", p.read_text(encoding="utf-8")).group(1) for p in products}  # type: ignore[union-attr]
    assert len(commits) == 1, "refresh every product from the same commit"


def test_the_review_page_lists_overdue_lessons_and_coming_milestones(on_day: Any) -> None:
    catalog = catalog_of(widget())
    for ref, title, reviewed in [
        ("area/old", "Old <lesson>", dt.date(2025, 10, 1)),
        ("area/fresh", "Fresh", dt.date(2026, 11, 1)),
    ]:
        meta = LessonMeta.model_construct(title=title, last_reviewed=reviewed)
        catalog.lessons[ref] = Lesson(ref=ref, source=f"docs/{ref}.md", meta=meta, lines={})
    on_day("2026-12-07")
    page = review_dates.review_dates(catalog, lambda target: f"/{target}/")
    assert '| <a href="/area/old/">Old &lt;lesson&gt;</a> | 2025-10-01 | 432 |' in page
    assert "/area/fresh/" not in page
    since, coming = page.split("**Due in the next 60 days**")
    assert "2026-10-27&#58; Widget &#60;Server&#62; &#38; co 1, the end of life" in since
    assert "2027-01-10&#58; Widget &#60;Server&#62; &#38; co 2, the end of life" in coming
    assert "2027-05-01" not in page  # more than 60 days ahead
