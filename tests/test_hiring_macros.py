"""The hiring macros render skills levels and interview questions as escaped HTML from data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from macros.model.catalog import Catalog
from macros.model.schema import Area, QuestionBank, SkillsFile
from macros.render import hiring
from tests.conftest import ROOT

# The schema refuses markup; these tests feed it anyway to prove each renderer escapes it too.
pytestmark = pytest.mark.usefixtures("markup_allowed")

PAYLOAD = "<script>alert(1)</script>"


def _own_data() -> Catalog:
    """Skills and question banks straight from data/, so other chapters' unfinished files cannot break these tests."""
    skills = SkillsFile.model_validate(yaml.safe_load((ROOT / "data/skills.yml").read_text(encoding="utf-8")))
    catalog = Catalog(skills=skills, lessons={})
    for path in sorted((ROOT / "data/questions").glob("*.yml")):
        bank = QuestionBank.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        catalog.questions[bank.area] = bank
    return catalog


@pytest.fixture
def catalog() -> Catalog:
    return _own_data()


def _hostile(catalog: Catalog) -> Catalog:
    evil_area = Area.model_validate(
        {
            "id": "evil",
            "title": PAYLOAD,
            "summary": PAYLOAD,
            "icon": "material/web",
            "group": "core",
            "topics": [
                {"id": "t", "title": PAYLOAD, "levels": {"junior": PAYLOAD, "mid": PAYLOAD, "senior": PAYLOAD}},
                {"id": "bare", "title": "No levels yet"},
            ],
        }
    )
    catalog.skills = SkillsFile(last_reviewed=catalog.skills.last_reviewed, areas=[*catalog.skills.areas, evil_area])
    catalog.questions["evil"] = QuestionBank.model_validate(
        {
            "area": "evil",
            "last_reviewed": dt.date(2026, 1, 1),
            "questions": [
                {
                    "id": "s",
                    "question": PAYLOAD,
                    "level": "senior",
                    "strong_answer": [PAYLOAD, "b"],
                    "red_flags": [PAYLOAD],
                },
                {
                    "id": "j",
                    "question": "Junior one?",
                    "level": "junior",
                    "strong_answer": ["a", "b"],
                    "red_flags": ["c"],
                },
            ],
        }
    )
    return catalog


def _assert_inert(html: str) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_skills_matrix_escapes_and_marks_missing_levels(catalog: Catalog) -> None:
    html = hiring.skills_matrix(_hostile(catalog), "evil", lambda ref: ref)
    _assert_inert(html)
    assert html.count("<tr") == 3  # header + two topics
    assert "Not described yet." in html
    assert 'role="region" aria-label="Skills matrix: &lt;script&gt;' in html and 'tabindex="0"' in html


def test_skills_matrix_single_level_shows_one_level_column(catalog: Catalog) -> None:
    html = hiring.skills_matrix(_hostile(catalog), "evil", lambda ref: ref, level="senior")
    assert "Senior" in html and "Junior" not in html and "Mid-level" not in html


def test_self_assessment_has_one_box_per_topic_and_level(catalog: Catalog) -> None:
    html = hiring.self_assessment(_hostile(catalog), "evil")
    _assert_inert(html)
    assert html.count('type="checkbox"') == 3  # the topic without levels is skipped
    assert 'data-progress-key="skill:evil:t:mid"' in html


def test_question_bank_escapes_sorts_by_level_and_filters(catalog: Catalog) -> None:
    hostile = _hostile(catalog)
    html = hiring.question_bank(hostile, "evil", lambda ref: ref)
    _assert_inert(html)
    assert html.index("Junior one?") < html.index("&lt;script&gt;")  # junior before senior
    only_junior = hiring.question_bank(hostile, "evil", lambda ref: ref, level="junior")
    assert "Junior one?" in only_junior and "&lt;script&gt;" not in only_junior


def test_unknown_area_or_level_fails_with_the_known_names(catalog: Catalog) -> None:
    with pytest.raises(KeyError, match=r"known: .*apis"):
        hiring.skills_matrix(catalog, "nope", lambda ref: ref)
    with pytest.raises(KeyError, match="known: junior, mid, senior"):
        hiring.question_bank(catalog, "apis", lambda ref: ref, level="principal")


def test_every_area_in_the_real_data_has_questions_and_levels(catalog: Catalog) -> None:
    for area in catalog.skills.areas:
        if area.group == "guide":
            continue
        bank = catalog.questions.get(area.id)
        assert bank is not None, f"data/questions/{area.id}.yml is missing"
        assert len(bank.questions) >= 8, area.id  # issue 8: at least eight per area
        assert {q.level for q in bank.questions} == {"junior", "mid", "senior"}, area.id
        assert all(topic.levels for topic in area.topics), f"{area.id} has topics without levels"


def test_question_counts_add_up(catalog: Catalog) -> None:
    html = hiring.question_counts(catalog)
    row_totals = [int(cell) for cell in re.findall(r"<td>(\d+)</td></tr>", html)]
    assert len(row_totals) == len(catalog.questions)
    assert sum(row_totals) == sum(len(bank.questions) for bank in catalog.questions.values())


def test_question_lessons_exist_on_disk() -> None:
    for bank in _own_data().questions.values():
        for question in bank.questions:
            for ref in question.lessons:
                assert (ROOT / "docs" / f"{ref}.md").is_file(), f"{bank.area}/{question.id}: no lesson {ref}"
