"""Trend of an issue: new, rising, a one-week spike, falling, or steady.

The recent window (default the last 14 days) is compared with the weekly rate of a longer
baseline before it (default the 8 weeks before), so an issue that tripled two weeks ago and
stayed high reads "rising", and one noisy week does not. Both periods end at the newest
question in the export (not today): an export pulled last month reads the same as one pulled
this morning. When the export starts later than the baseline would, the baseline is what
the export covers; with under a week of it there is no trend at all.

Growth is flagged only when it is unlikely to be noise: the exact conditional test for two
Poisson rates (given the n questions of both periods, equal rates make the recent count
Binomial(n, t_recent / (t_recent + t_baseline))), one-sided, at ALPHA, and only from
MIN_RECENT questions and a MIN_CHANGE rise up. The binomial tails come from scipy.special
(`bdtrc`, `bdtr`): the same numbers as scipy.stats.binomtest, without the 0.4 s that importing
scipy.stats would add to every run.

- new: none of the issue's questions came before the window (and the export has a baseline),
  or so few that the window's weekly rate is at least ten times the baseline's (a brand-new
  issue draws a few older look-alikes into its group);
- spike: one week of the window far above the baseline, and back down after it (a jump in the
  newest week may be the start of a rise: that is "rising");
- rising: the window as a whole above the baseline;
- falling: the window clearly below the baseline;
- steady: anything else, including changes too small to tell from noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from kbgen.records import Trend, TrendFrame

WINDOW_DAYS = 14
BASELINE_DAYS = 56
ALPHA = 0.01  # one-sided p-value under which a change is flagged
SUSTAINED_ALPHA = 0.05  # the rest of the window above baseline at this level: not a spike
MIN_RECENT = 5  # fewest recent questions that can make "rising" or "spike"
MIN_CHANGE = 0.5  # rising: at least +50% on the baseline's weekly rate
NEW_CHANGE = 9.0  # significant growth to at least 10x the baseline's weekly rate: "new"
MIN_SPIKE = 1.0  # spike: the peak week at least twice the baseline's weekly rate
MIN_DROP = 0.33  # falling: at least a third fewer ...
MIN_EXPECTED = 5.0  # ... where the baseline rate expects at least this many recent questions
MIN_HISTORY_DAYS = 7  # baseline the export must cover for any trend
WEEK = timedelta(days=7)


def frame_for(
    times: Sequence[datetime], window_days: int = WINDOW_DAYS, baseline_days: int = BASELINE_DAYS
) -> TrendFrame | None:
    """The time frame of an export's trends, or None when it has no question times."""
    if not times:
        return None
    end, first = max(times), min(times)
    window_start = end - timedelta(days=window_days)
    baseline_start = max(first, window_start - timedelta(days=baseline_days))
    covered = max((window_start - baseline_start) / timedelta(days=1), 0.0)
    return TrendFrame(end, first, window_days, baseline_days, covered)


def _sf(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    from scipy.special import bdtrc

    if k <= 0:
        return 1.0
    return float(bdtrc(k - 1, n, p))


def _cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    from scipy.special import bdtr

    if k >= n:
        return 1.0
    return float(bdtr(k, n, p))


def p_growth(recent: int, recent_days: float, baseline: int, baseline_days: float) -> float:
    """One-sided p-value that the recent rate is above the baseline's (exact, conditional)."""
    return _sf(recent, recent + baseline, recent_days / (recent_days + baseline_days))


def p_decline(recent: int, recent_days: float, baseline: int, baseline_days: float) -> float:
    """One-sided p-value that the recent rate is below the baseline's."""
    return _cdf(recent, recent + baseline, recent_days / (recent_days + baseline_days))


def weeks_of(frame: TrendFrame) -> list[tuple[datetime, float]]:
    """The window cut into weeks back from the end: (start, length in days), oldest first.
    A window that is not whole weeks has a shorter oldest part."""
    out = []
    done = 0
    while done < frame.window_days:
        days = min(7, frame.window_days - done)
        done += days
        out.append((frame.end - timedelta(days=done), float(days)))
    return out[::-1]


def weekly_counts(times: Sequence[datetime], end: datetime, weeks: int) -> list[int]:
    """Questions per week back from `end` (week k is (end - 7(k+1) days, end - 7k days]),
    oldest first; a time at or before the oldest week's start is left out."""
    counts = [0] * weeks
    for t in times:
        k = (end - t) // WEEK
        if 0 <= k < weeks:
            counts[weeks - 1 - k] += 1
    return counts


def _rate(count: int, days: float) -> float:
    return 7.0 * count / days if days > 0 else 0.0


def _sig(x: float) -> float:
    return float(f"{x:.3g}")


def trend_for(times: Sequence[datetime], frame: TrendFrame) -> Trend | None:
    """The trend of one issue from its questions' times; None when the export covers under
    MIN_HISTORY_DAYS of baseline (every issue would look new)."""
    if frame.covered_days < MIN_HISTORY_DAYS:
        return None
    window_start = frame.window_start
    t_recent, t_base = float(frame.window_days), frame.covered_days
    baseline_start = window_start - timedelta(days=t_base)
    parts = weeks_of(frame)
    weeks = [0] * len(parts)
    recent = baseline = before = 0
    for t in times:
        if t > window_start:
            recent += 1
            weeks[min(max(len(parts) - 1 - (frame.end - t) // WEEK, 0), len(parts) - 1)] += 1
        elif t >= baseline_start:
            baseline += 1
        else:
            before += 1
    rate = _rate(baseline, t_base)
    change = _rate(recent, t_recent) / rate - 1.0 if baseline else None
    peak = max(range(len(weeks)), key=lambda i: (weeks[i], i))
    peak_count, peak_days = weeks[peak], parts[peak][1]
    peak_change = _rate(peak_count, peak_days) / rate - 1.0 if baseline else None
    p_up = p_growth(recent, t_recent, baseline, t_base)

    flag, p_value = "steady", p_up
    grew = recent >= MIN_RECENT and p_up < ALPHA and (change is None or change >= MIN_CHANGE)
    if recent and baseline == 0 and before == 0:
        flag = "new"
    elif grew and change is not None and change >= NEW_CHANGE:
        flag = "new"
    else:
        # a spike: the busiest week alone far above the baseline (Bonferroni over the weeks),
        # before the newest week, and the rest of the window not clearly above the baseline
        p_peak = min(1.0, len(parts) * p_growth(peak_count, peak_days, baseline, t_base))
        rest, rest_days = recent - peak_count, t_recent - peak_days
        sustained = rest_days > 0 and p_growth(rest, rest_days, baseline, t_base) < SUSTAINED_ALPHA
        if (
            peak < len(parts) - 1
            and peak_count >= MIN_RECENT
            and p_peak < ALPHA
            and (peak_change is None or peak_change >= MIN_SPIKE)
            and not sustained
        ):
            flag, p_value = "spike", p_peak
        elif grew:
            flag = "rising"
        else:
            p_down = p_decline(recent, t_recent, baseline, t_base)
            expected = rate * t_recent / 7.0
            if (
                p_down < ALPHA
                and expected >= MIN_EXPECTED
                and change is not None
                and change <= -MIN_DROP
            ):
                flag, p_value = "falling", p_down
    return Trend(
        flag=flag,
        window_days=frame.window_days,
        baseline_days=round(t_base),
        recent=recent,
        baseline=baseline,
        baseline_rate=round(rate, 2),
        change=None if change is None else round(change, 3),
        p_value=_sig(p_value),
        weeks=weeks,
        peak_change=None if peak_change is None else round(peak_change, 3),
    )


GROWING = ("new", "spike", "rising")


def growth_key(trend: Trend | None, size: int) -> tuple[int, float, int]:
    """Sort key that puts growing issues first: new, rising or spiking issues by how many more
    questions a week they bring than their baseline, then every other issue by volume."""
    if trend is None or trend.flag not in GROWING:
        return (1, 0.0, -size)
    weeks = max(trend.window_days / 7, 1e-9)
    return (0, -(trend.recent / weeks - trend.baseline_rate), -size)
