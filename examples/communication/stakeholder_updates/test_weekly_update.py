"""The weekly update the product lesson shows passes the checks, and each habit it teaches is enforced."""

from __future__ import annotations

from examples.communication.stakeholder_updates.weekly_update import problems

# --8<-- [start:update]
WEEK_6 = """\
Checkout rewrite, week 6 of about 9
Shipped: card payments through the new provider, behind a flag for 5% of traffic.
Next: saved-cart migration dry run on a copy of production (Tue), invoice payments.
At risk: the provider's refund webhook differs from its documentation; a spike this week
  will tell us whether refunds slip by a week. Decision needed from Dana by Thursday if so.
Numbers: error rate on the new path 0.2% (old path 0.3%); p95 latency 240 ms.
Need from you: sign-off on the customer e-mail for the migration window (Lee).
"""
# --8<-- [end:update]


def test_the_lessons_update_passes() -> None:
    assert problems(WEEK_6) == []


def test_a_risk_without_a_date_or_a_decision_maker_is_only_a_worry() -> None:
    vague = WEEK_6.replace("Decision needed from Dana by Thursday if so.", "We'll keep an eye on it.")
    assert problems(vague) == ["a risk needs a date and a decision-maker ('decision needed from Dana by Thursday')"]


def test_adjectives_instead_of_numbers() -> None:
    rosy = WEEK_6.replace(
        "Numbers: error rate on the new path 0.2% (old path 0.3%); p95 latency 240 ms.",
        "Numbers: error rate looks good and latency is fine.",
    )
    assert problems(rosy) == ["numbers, not adjectives: 'p95 240 ms', not 'performance looks good'"]


def test_unnamed_asks_missing_sections_and_acronyms() -> None:
    muddled = WEEK_6.replace("(Lee)", "(anyone?)").replace("Shipped:", "Done:").replace("dry run", "DR in the DLQ")
    assert problems(muddled) == [
        "use the same sections in the same order every week: Shipped, Next, At risk, Numbers, Need from you",
        "name who each ask is for, '(Lee)', or say 'nothing'",
        "explain 'DLQ' the first time, or write the words out",
        "explain 'DR' the first time, or write the words out",
    ]


def test_an_explained_acronym_and_nothing_at_risk_are_fine() -> None:
    calm = WEEK_6.replace(
        "At risk: the provider's refund webhook differs from its documentation; a spike this week\n"
        "  will tell us whether refunds slip by a week. Decision needed from Dana by Thursday if so.\n",
        "At risk: none this week; the dead-letter queue (DLQ) is empty.\n",
    )
    assert problems(calm) == []


def test_too_long_for_a_phone() -> None:
    long = WEEK_6 + "".join(f"  more detail {i}\n" for i in range(8))
    assert problems(long)[0].startswith("keep it to 12 lines")
