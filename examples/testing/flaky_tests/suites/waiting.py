# The same test, waiting for the thing it needs instead of for a fixed time.
# --8<-- [start:waiting]
from examples.testing.flaky_tests.export import Exporter


def test_export_finishes() -> None:
    exporter = Exporter()
    thread = exporter.start(42)
    # Wait for the event, with a generous ceiling that only a real hang reaches; the test takes as long as the
    # export does, not a second longer.
    assert exporter.finished.wait(timeout=10), "the export did not finish within 10 s"
    thread.join(timeout=10)
    assert exporter.status == "done:42"


# --8<-- [end:waiting]
