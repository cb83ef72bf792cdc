"""Trend of an issue: volume in the latest period against the period before.

The latest period ends at the newest question in the export (not today), so an export
pulled last month reads the same as one pulled this morning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from kbgen.records import Trend

RISING = 1.5  # at least 50% more than the previous period ...
MIN_RISE = 3  # ... and at least this many questions, so 1 -> 2 is not "rising"


def trend_for(times: Sequence[datetime], end: datetime, period_days: int = 7) -> Trend:
    period = timedelta(days=period_days)
    start_current, start_previous = end - period, end - 2 * period
    current = sum(1 for t in times if t > start_current)
    previous = sum(1 for t in times if start_previous < t <= start_current)
    if times and min(times) > start_current:
        flag = "new"
    elif current >= MIN_RISE and current >= RISING * max(previous, 1):
        flag = "rising"
    elif previous >= MIN_RISE and current <= previous / RISING:
        flag = "falling"
    else:
        flag = "steady"
    return Trend(period_days=period_days, current=current, previous=previous, flag=flag)
