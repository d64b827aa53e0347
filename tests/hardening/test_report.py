"""The report itself: counts add up and maxima are kept."""

from __future__ import annotations

from tests.hardening import report


def test_tally_sums_counts_and_keeps_maxima() -> None:
    report.tally("selftest", "report", tried=3, failures=1, max_ms=5.0, rows=2)
    report.tally("selftest", "report", tried=2, max_ms=3.0, rows=4)
    entry = next(t for t in report.tallies() if t.area == "selftest")
    assert (entry.tried, entry.failures) == (5, 1)
    assert entry.figures == {"max_ms": 5.0, "rows": 6}
    assert any(line.startswith("selftest") for line in report.lines())
    report._TALLIES.pop(("selftest", "report"))  # not a case the suite tried
