"""The records that flow through the pipeline, in one place.

ingest -> Question; cluster + label -> Issue; pipeline -> SuggestResult.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

LONG_TAIL = -1  # a question in no recurring issue
NO_QUESTION = -2  # a message that asks nothing: greetings, thanks, "ok"


@dataclass(slots=True)
class Question:
    """One support question as read from an export, already redacted.

    ``row`` is the 0-based position in the input file, so outputs can be written in input order
    even when rows were skipped. ``text`` is the redacted question; the raw text is never kept.
    """

    row: int
    text: str
    id: str | None = None
    time: datetime | None = None
    answer: str | None = None
    lang: str | None = None


@dataclass(slots=True)
class Issue:
    """A recurring issue: a group of questions that ask the same thing."""

    number: int  # 1-based rank by volume; also the cluster id in assignments
    size: int  # questions in the group, duplicates counted
    share: float  # size / all questions
    representative: str  # the most central real question of the group
    keywords: list[str]
    members: list[int] = field(default_factory=list)  # indices into SuggestResult.questions
    examples: list[str] = field(default_factory=list)  # distinct phrasings, most central first
    langs: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, str] = field(default_factory=dict)  # most central phrasing per language
    trend: Trend | None = None
    coverage: Coverage | None = None  # set when suggest checks against content/

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("members")
        for key in ("trend", "coverage"):
            if d[key] is None:
                d.pop(key)
        return d


@dataclass(slots=True)
class Coverage:
    """How an issue relates to the articles already in content/.

    status: "new" (no article: draft one), "covered" (an article answers it), "update" (an
    article answers it but customers now ask it in many new ways or far more often), "split"
    (part of an issue that another, bigger issue already maps to the same article), "merged"
    (one issue now matches several articles that used to be separate issues).
    """

    status: str
    path: str | None = None
    note: str = ""
    category: str | None = None
    action: str = ""  # what --write does or did: "create", "refresh evidence", "skip: ..."
    variants: list[Any] = field(default_factory=list)  # per language (content.variants.Variant)


@dataclass(slots=True)
class Trend:
    """An issue's recent window against the weekly rate of the baseline before it
    (kbgen.group.trend; needs question times)."""

    flag: str  # "new" | "rising" | "spike" | "falling" | "steady"
    window_days: int
    baseline_days: int  # the baseline the export covers (shorter when it starts later)
    recent: int  # questions in the window
    baseline: int  # questions in the baseline
    baseline_rate: float  # the baseline's questions per week
    change: float | None  # the window's weekly rate against baseline_rate; None: baseline 0
    p_value: float  # one-sided, of the flagged change (growth for new/rising/steady)
    weeks: list[int] = field(default_factory=list)  # the window's weeks, oldest first
    peak_change: float | None = None  # the busiest week of the window against baseline_rate


@dataclass(slots=True)
class TrendFrame:
    """The time frame every issue's trend is measured in: it ends at the newest question."""

    end: datetime
    first: datetime  # the oldest question
    window_days: int
    baseline_days: int  # as asked for
    covered_days: float  # the baseline the export covers

    @property
    def window_start(self) -> datetime:
        return self.end - timedelta(days=self.window_days)

    def describe(self) -> str:
        """One line for people: what the trend column compares."""
        covered = round(self.covered_days)
        span = _days_text(min(covered, self.baseline_days), weeks=True)
        short = " (all the export has)" if covered < self.baseline_days else ""
        return (
            f"Trend: last {_days_text(self.window_days)} vs the weekly rate of the "
            f"{span} before{short}, up to {self.end:%Y-%m-%d} (the newest question)."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "end": self.end.isoformat(),
            "window_days": self.window_days,
            "baseline_days": min(round(self.covered_days), self.baseline_days),
            "description": self.describe(),
        }


def _days_text(days: int, weeks: bool = False) -> str:
    if weeks and days % 7 == 0 and days >= 7:
        return "week" if days == 7 else f"{days // 7} weeks"
    return "day" if days == 1 else f"{days} days"


@dataclass(slots=True)
class SuggestResult:
    """Everything `kbgen suggest` found in one export."""

    issues: list[Issue]
    total: int  # questions read (after skipping empty rows)
    distinct: int  # distinct question texts embedded
    long_tail: int  # questions in no recurring issue
    labels: list[int]  # per question, in input order: Issue.number, LONG_TAIL or NO_QUESTION
    questions: list[Question]
    model: str
    skipped_rows: int = 0
    redactions: dict[str, int] = field(default_factory=dict)
    no_question: int = 0  # messages that ask nothing ("ok", "thanks", "hello?")
    trend_frame: TrendFrame | None = None  # None: no question times, or too short an export
    # the embedding of each distinct question text that asks something, and each question's
    # row in it (-1: asks nothing); for the report's map
    vectors: np.ndarray | None = field(default=None, repr=False)
    vector_rows: list[int] = field(default_factory=list, repr=False)

    @property
    def placed(self) -> int:
        return self.total - self.long_tail - self.no_question
