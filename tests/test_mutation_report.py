"""The mutation report counts mutmut's results and lists the survivors nobody explained."""

from __future__ import annotations

from tools.mutation_report import explained, report, results

OUTPUT = """\
    macros.guard.contract.x_check_markup__mutmut_1: killed
    macros.guard.contract.x_check_markup__mutmut_2: survived
    macros.guard.contract.x_check_markup__mutmut_3: survived
    macros.model.schema.x_plain_text__mutmut_1: killed
    macros.model.schema.x_plain_text__mutmut_2: timeout
"""


def test_score_and_unexplained_survivors() -> None:
    reasons = explained("# why\nmacros.guard.contract.x_check_markup__mutmut_3: equivalent: same output\n")
    text, code = report(results(OUTPUT), reasons)
    assert "mutants: 5; killed 2, survived 2, timeout 1" in text
    assert "mutation score (killed / (killed + survived)): 50.0%" in text
    assert "explained in tests/mutation-survivors.txt: 1 of 2" in text
    assert "     1  macros.guard.contract.x_check_markup" in text
    assert code == 1


def test_all_explained_passes() -> None:
    reasons = explained(
        "macros.guard.contract.x_check_markup__mutmut_2: a\nmacros.guard.contract.x_check_markup__mutmut_3: b\n"
    )
    assert report(results(OUTPUT), reasons)[1] == 0
