# A test that passes on a laptop and fails on a busy CI machine. (Named so pytest does not collect it: the
# lesson's tests run it on purpose, at two speeds.)
# --8<-- [start:sleeping]
import time

from examples.testing.flaky_tests.export import Exporter


def test_export_finishes() -> None:
    exporter = Exporter()
    exporter.start(42)
    time.sleep(0.05)  # "long enough" on the machine where the test was written
    assert exporter.status == "done:42"


# --8<-- [end:sleeping]
