"""Trend flags on constructed weekly series: real growth, spikes, new and falling issues are
told apart, and flat Poisson noise is rarely called rising."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from kbgen.group.trend import frame_for, p_decline, p_growth, trend_for, weekly_counts
from kbgen.output import trend_text
from kbgen.records import TrendFrame

END = datetime(2026, 11, 19, 18, 0, tzinfo=timezone.utc)


def series(weekly: list[int], end: datetime = END) -> list[datetime]:
    """Times with `weekly[k]` questions in week k (oldest first, the last week ends at `end`),
    spread evenly inside each week."""
    times = []
    for k, count in enumerate(reversed(weekly)):  # k = 0: the newest week
        for i in range(count):
            times.append(end - timedelta(days=7 * k) + timedelta(days=7 * (i + 0.5) / -count))
    return times


def export_frame(weeks: int = 10, **kwargs: int) -> TrendFrame:
    """The frame of an export that spans `weeks` weeks up to END."""
    frame = frame_for([END - timedelta(weeks=weeks), END], **kwargs)
    assert frame is not None
    return frame


def test_weekly_counts_round_trip() -> None:
    weekly = [3, 0, 5, 1, 8, 2]
    assert weekly_counts(series(weekly), END, len(weekly)) == weekly
    # a question exactly a week before the end belongs to the older week: (start, end]
    assert weekly_counts([END, END - timedelta(days=7)], END, 2) == [1, 1]


def test_tripling_over_the_last_two_weeks_is_rising() -> None:
    trend = trend_for(series([5] * 8 + [15, 15]), export_frame())
    assert trend is not None
    assert trend.flag == "rising"
    assert trend.recent == 30 and trend.baseline == 40 and trend.baseline_rate == 5.0
    assert trend.change == pytest.approx(2.0)
    assert trend.p_value < 1e-4
    assert trend.weeks == [15, 15]
    assert trend_text(trend) == "↑ rising +200%"


def test_rise_two_weeks_ago_that_stayed_high_is_still_rising() -> None:
    # the old 7-vs-7-day comparison called this steady: the last week equals the one before
    trend = trend_for(series([4] * 8 + [12, 12]), export_frame())
    assert trend is not None and trend.flag == "rising"


def test_one_week_spike_is_a_spike_not_rising() -> None:
    trend = trend_for(series([5] * 8 + [25, 4]), export_frame())
    assert trend is not None
    assert trend.flag == "spike"
    assert trend.weeks == [25, 4]
    assert trend.peak_change == pytest.approx(4.0)
    assert trend_text(trend) == "↑ spike +400%"
    # a jump in the newest week may be the start of a rise: too early to call it a spike
    latest = trend_for(series([5] * 8 + [5, 25]), export_frame())
    assert latest is not None and latest.flag == "rising"
    # two busy weeks are no spike
    both = trend_for(series([5] * 8 + [25, 20]), export_frame())
    assert both is not None and both.flag == "rising"


def test_brand_new_issue() -> None:
    trend = trend_for(series([0] * 8 + [2, 9]), export_frame())
    assert trend is not None
    assert trend.flag == "new" and trend.change is None and trend.recent == 11
    assert trend_text(trend) == "new"


def test_new_issue_with_a_few_older_look_alikes_is_new() -> None:
    # clustering draws a stray older question or two into a brand-new issue's group
    trend = trend_for(series([0, 0, 1, 0, 0, 1, 0, 0, 0, 14]), export_frame())
    assert trend is not None and trend.flag == "new" and trend.baseline == 2


def test_returning_issue_is_not_new() -> None:
    # questions long before the baseline, none in it: not new (and rising only if significant)
    times = series([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6])
    trend = trend_for(times, export_frame(12))
    assert trend is not None and trend.flag != "new"


def test_falling() -> None:
    trend = trend_for(series([20] * 8 + [6, 4]), export_frame())
    assert trend is not None
    assert trend.flag == "falling"
    assert trend.change == pytest.approx(-0.75)
    assert trend_text(trend) == "↓ falling −75%"


def test_small_counts_are_steady() -> None:
    # 1 -> 3 a week looks like +200% but is within noise; and 3 -> 1 is no fall either
    for weekly in ([1] * 8 + [3, 3], [2] * 8 + [1, 1], [0, 1, 0, 1, 0, 0, 1, 0, 2, 1]):
        trend = trend_for(series(weekly), export_frame())
        assert trend is not None and trend.flag == "steady", weekly
        assert trend_text(trend) == "steady"


def test_flat_poisson_noise_is_rarely_flagged() -> None:
    frame = export_frame()
    flags: dict[str, int] = {}
    runs = 0
    for seed in range(300):
        rng = np.random.default_rng(seed)
        for rate in (3, 10, 40):
            trend = trend_for(series(rng.poisson(rate, 10).tolist()), frame)
            assert trend is not None
            flags[trend.flag] = flags.get(trend.flag, 0) + 1
            runs += 1
    assert flags.get("new", 0) == 0
    assert flags.get("rising", 0) + flags.get("spike", 0) <= 0.02 * runs, flags
    assert flags.get("falling", 0) <= 0.02 * runs, flags


def test_window_and_baseline_are_options() -> None:
    times = series([5] * 8 + [5, 20])
    frame = export_frame(window_days=7, baseline_days=28)
    assert frame is not None
    trend = trend_for(times, frame)
    assert trend is not None
    # a one-week window has no week to compare with: the busy week is growth, not a spike
    assert trend.flag == "rising" and trend.window_days == 7 and trend.baseline_days == 28
    assert trend.recent == 20 and trend.baseline == 20
    assert frame.describe() == (
        "Trend: last 7 days vs the weekly rate of the 4 weeks before, "
        "up to 2026-11-19 (the newest question)."
    )


def test_short_export_uses_the_baseline_it_has_and_says_so() -> None:
    frame = export_frame(5)  # 5 weeks: 3 weeks of baseline before the 14 days
    assert frame is not None
    assert frame.covered_days == 21
    assert "3 weeks before (all the export has)" in frame.describe()
    trend = trend_for(series([5, 5, 5, 15, 15]), frame)
    assert trend is not None and trend.flag == "rising" and trend.baseline_days == 21
    # under a week of baseline: no trend at all (everything would look new)
    short = export_frame(2)
    assert short is not None and trend_for(series([3, 3]), short) is None


def test_p_values_match_scipy_stats() -> None:
    from scipy.stats import binomtest

    for recent, base in [(30, 40), (5, 0), (0, 20), (12, 100), (3, 3)]:
        p = recent / (recent + base) if recent + base else 0.0
        if recent + base:
            want_up = binomtest(recent, recent + base, 0.2, alternative="greater").pvalue
            want_down = binomtest(recent, recent + base, 0.2, alternative="less").pvalue
            assert p_growth(recent, 14, base, 56) == pytest.approx(want_up, rel=1e-9), p
            assert p_decline(recent, 14, base, 56) == pytest.approx(want_down, rel=1e-9), p
