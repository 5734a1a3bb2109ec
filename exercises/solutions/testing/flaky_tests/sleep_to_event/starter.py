"""Tests of the invoice exporter. They wait for the exports to finish, not for a fixed time, so a slow machine
makes them slower, never red; the ceiling is only reached by a real hang."""

from examples.testing.flaky_tests.export import Exporter

CEILING = 10  # seconds: far above any healthy export, so only a hang reaches it


def finish(exporter: Exporter, report_id: int) -> None:
    thread = exporter.start(report_id)
    assert exporter.finished.wait(timeout=CEILING), f"export {report_id} did not finish within {CEILING} s"
    thread.join(timeout=CEILING)


def test_export_finishes() -> None:
    exporter = Exporter()
    finish(exporter, 42)
    assert exporter.status == "done:42"


def test_two_exports_finish_independently() -> None:
    first, second = Exporter(), Exporter()
    first.start(1)
    second.start(2)
    assert first.finished.wait(timeout=CEILING) and second.finished.wait(timeout=CEILING)
    assert (first.status, second.status) == ("done:1", "done:2")
