"""The records that flow through the pipeline, in one place.

ingest -> Question; cluster + label -> Issue; pipeline -> SuggestResult.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

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
    """Volume in the latest period against the one before (needs question times)."""

    period_days: int
    current: int
    previous: int
    flag: str  # "new" | "rising" | "falling" | "steady"

    @property
    def change(self) -> float | None:
        if self.previous == 0:
            return None
        return (self.current - self.previous) / self.previous


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

    @property
    def placed(self) -> int:
        return self.total - self.long_tail - self.no_question
