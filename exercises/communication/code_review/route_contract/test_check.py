"""Acceptance check: `triage_with_contract` notes every HTTP route a PR adds to application code without a
change to the OpenAPI contract file, at the line where the route is, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.communication.code_review.triage import triage
from exercises import load_module


def change(path: str, lines: list[str], start: int = 1) -> str:
    """One file's part of a unified diff: lines start with ' ' (context), '+' (added) or '-' (removed)."""
    old = sum(1 for line in lines if line[0] in " -")
    new = sum(1 for line in lines if line[0] in " +")
    header = f"--- a/{path}\n+++ b/{path}\n@@ -{start},{old} +{start},{new} @@\n"
    return header + "".join(f"{line}\n" for line in lines)


# New routes in app/api.py (new-file lines 41 and 46 hold the decorators) and a Flask blueprint.
NEW_ROUTES = change(
    "app/api.py",
    [
        "     return OrderOut.from_row(orders.cancel(order_ref))",
        " ",
        " ",
        '+@router.post("/orders/{order_ref}/refunds", status_code=201)',
        "+def create_refund(order_ref: str, body: RefundIn) -> RefundOut:",
        "+    return refunds.create(order_ref, body)",
        "+",
        "+",
        '+@router.delete("/refunds/{refund_id}", status_code=204)',
        "+def cancel_refund(refund_id: int) -> None:",
        "+    refunds.cancel(refund_id)",
    ],
    start=38,
) + change(
    "app/admin/export.py",
    [
        '+@bp.route("/admin/exports", methods=["POST"])',
        "+def start_export():",
        "+    return exports.start(), 202",
    ],
)
NOTED = {"app/api.py:41", "app/api.py:46", "app/admin/export.py:1"}
CONTRACT = change(
    "docs/api/openapi.yaml", ["   /orders/{order_ref}/cancel:", "+  /orders/{order_ref}/refunds:"], start=80
)


def api_notes(answer: Path, diff: str) -> list[str]:
    notes = load_module(answer).triage_with_contract(diff)
    assert notes[: len(triage(diff))] == triage(diff), "keep the lesson's notes, in their order, before yours"
    return [note for note in notes if note.startswith("api:")]


def test_each_new_route_is_noted_where_it_is(answer: Path) -> None:
    notes = api_notes(answer, NEW_ROUTES)
    assert len(notes) == len(NOTED), f"one `api:` note per new route ({len(NOTED)}), got {notes}"
    for where in NOTED:
        assert sum(where in note for note in notes) == 1, (
            f"no note names {where}: say where the route is, as path:line in the new file "
            "(parse_diff in the lesson's triage numbers each added line)"
        )


@pytest.mark.starter_passes
def test_a_change_to_the_contract_file_settles_it(answer: Path) -> None:
    for contract in (CONTRACT, change("contracts/orders.openapi.json", ['+    "/orders/{order_ref}/refunds": {}'])):
        assert api_notes(answer, NEW_ROUTES + contract) == [], "the PR changes the contract too: nothing to note"


def test_the_word_openapi_is_not_a_contract_change(answer: Path) -> None:
    mentions = change("app/api.py", ["+# TODO: add these to the openapi file"], start=60) + change(
        "docs/openapi-style-notes.md", ["+Describe every error response."]
    )
    assert len(api_notes(answer, NEW_ROUTES + mentions)) == len(NOTED), (
        "a comment that mentions OpenAPI, or a notes file named after it, is not a change to the contract"
    )


def test_routes_the_pr_does_not_add_are_not_noted(answer: Path) -> None:
    edited_handler = change(
        "app/api.py",
        [
            ' @app.get("/orders")',
            " def list_orders(limit: int = 50) -> list[OrderOut]:",
            "-    return orders.latest(limit)",
            "+    return orders.latest(min(limit, 100))",
        ],
        start=12,
    )
    removed = change(
        "app/api.py", ['-@app.delete("/orders/{order_id}")', "-def delete_order(order_id: int): ..."], start=70
    )
    assert api_notes(answer, edited_handler) == [], "the route is a context line: it existed before this PR"
    assert api_notes(answer, removed) == [], "a removed route is not a new one (the contract lesson covers removal)"


def test_test_fakes_and_other_decorators_are_not_routes(answer: Path) -> None:
    fakes = change(
        "tests/test_client.py", ['+@app.get("/fake-provider/charges/{charge_id}")', "+def fake_charge(): ..."]
    )
    decorators = change(
        "app/cache.py",
        ["+@dataclass(frozen=True)", "+@functools.lru_cache(maxsize=1)", "+@router_metrics.count(name='x')"],
    )
    assert api_notes(answer, fakes + decorators) == [], "only routes in application code are part of the API"


@pytest.mark.starter_passes
def test_the_lesson_notes_are_unchanged(answer: Path) -> None:
    module = load_module(answer)
    small_fix = change("app/orders.py", ["-    return a", "+    return b"]) + change("tests/test_orders.py", ["+ok"])
    assert module.triage_with_contract(small_fix) == []
    untested = change("app/orders.py", ["-    return a", "+    return b"])
    assert module.triage_with_contract(untested) == triage(untested)
