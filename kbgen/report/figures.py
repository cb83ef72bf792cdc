"""The report's numbers: everything a chart shows, computed once from a suggest result.

The HTML page draws these; `-f json` and `-f csv` write them as they are, so a chart and its
export can never disagree. Text is the pipeline's masked text (personal data never reaches
here) cut to a readable length.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from kbgen.group.trend import WEEK, weekly_counts
from kbgen.records import LONG_TAIL, Issue, SuggestResult, Trend, TrendFrame

# Coverage as the support lead reads it, from the pipeline's Coverage.status.
NO_ARTICLE, TO_UPDATE, COVERED, TAIL = "no article", "article to update", "covered", "long tail"
COVERAGE_OF = {"new": NO_ARTICLE, "update": TO_UPDATE, "covered": COVERED, "merged": COVERED,
               "split": COVERED}  # fmt: skip
GROWING = ("new", "rising", "spike")
LABEL_CHARS = 90  # an issue's name
POINT_CHARS = 140  # a question on the map


@dataclass(slots=True)
class IssueFigure:
    number: int  # the issue's number in `kbgen suggest`
    size: int
    share: float
    label: str  # the question that names the issue (masked), in --lang where it has one
    keywords: list[str]
    langs: dict[str, int]
    coverage: str  # NO_ARTICLE, TO_UPDATE, COVERED, or "" when not checked
    article: str | None  # the article's path, when it has one
    missing_langs: list[str]  # languages asked in that still need their own article
    trend: Trend | None
    trend_text: str
    weekly: list[int]  # questions per week, aligned with ReportData.weeks


@dataclass(slots=True)
class MapFigure:
    """One point per sampled distinct question; `issue` -1 is the long tail."""

    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    issue: list[int] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)  # how many asked it (duplicates)
    lang: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    distinct: int = 0  # distinct questions in all; len(x) of them are drawn


@dataclass(slots=True)
class ReportData:
    source: str
    model: str
    total: int
    distinct: int
    placed: int
    long_tail: int
    no_question: int
    first: str | None  # the oldest and newest question times (dates)
    last: str | None
    frame: TrendFrame | None
    weeks: list[str]  # the last day of each week, oldest first ([] without times)
    issues: list[IssueFigure]  # all issues, by volume
    growing: list[int]  # numbers of the new, spiking and rising issues, most recent growth first
    top: int  # issues charted one by one
    coverage_weekly: dict[str, list[int]]  # coverage -> questions per week
    coverage_totals: dict[str, dict[str, int]]  # coverage -> {"issues", "questions"}
    map: MapFigure
    notes: list[str] = field(default_factory=list)

    def charted(self) -> list[IssueFigure]:
        """The issues charted one by one: the new and growing first, then the top by volume."""
        by_number = {i.number: i for i in self.issues}
        first = [by_number[n] for n in self.growing]
        return first + [i for i in self.issues[: self.top] if i.number not in set(self.growing)]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["frame"] = self.frame.to_dict() if self.frame else None
        return data


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(issue: Issue, lang: str | None) -> str:
    if lang and lang in issue.by_lang:
        return _cut(issue.by_lang[lang], LABEL_CHARS)
    return _cut(issue.representative, LABEL_CHARS)


def _coverage(issue: Issue) -> tuple[str, str | None, list[str]]:
    from kbgen.content.curation import CREATE

    cov = issue.coverage
    if cov is None:
        return "", None, []
    kind = COVERAGE_OF.get(cov.status, COVERED)
    if kind == NO_ARTICLE:
        return kind, None, sorted(issue.langs)
    missing = [v.lang for v in cov.variants if v.action == CREATE]
    return kind, cov.path, missing


def week_ends(frame_end: datetime, first: datetime) -> tuple[int, list[str]]:
    """How many weeks the export spans (back from its newest question) and each week's last
    day, oldest first."""
    weeks = (frame_end - first) // WEEK + 1
    return weeks, [f"{frame_end - timedelta(weeks=k):%Y-%m-%d}" for k in range(weeks)][::-1]


def _growth_order(issue: IssueFigure) -> tuple[int, float, int]:
    t = issue.trend
    assert t is not None
    rank = GROWING.index(t.flag)
    return rank, -float(t.recent), issue.number


def build_report(
    result: SuggestResult,
    source: str | Path,
    top: int = 12,
    lang: str | None = None,
) -> ReportData:
    """The report's numbers from a suggest result."""
    questions = result.questions
    times = [q.time for q in questions if q.time is not None]
    first = min(times) if times else None
    end = max(times) if times else None
    n_weeks, weeks = week_ends(end, first) if end and first else (0, [])
    label_of = result.labels
    notes: list[str] = []
    if not times:
        notes.append("The export has no question times: no weekly charts or trends (--time-field).")
    elif result.trend_frame is None:
        notes.append("The export spans too little time for trends (--trend-window).")

    issues: list[IssueFigure] = []
    for issue in result.issues:
        kind, article, missing = _coverage(issue)
        issue_times = [questions[i].time for i in issue.members if questions[i].time is not None]
        issues.append(
            IssueFigure(
                number=issue.number,
                size=issue.size,
                share=round(issue.share, 4),
                label=_label(issue, lang),
                keywords=list(issue.keywords),
                langs=dict(issue.langs),
                coverage=kind,
                article=article,
                missing_langs=missing,
                trend=issue.trend,
                trend_text=_trend_text(issue.trend),
                weekly=weekly_counts(issue_times, end, n_weeks) if end else [],
            )
        )
    growing = [i for i in issues if i.trend is not None and i.trend.flag in GROWING]
    growing.sort(key=_growth_order)

    # Questions per week by the coverage of their issue; the long tail apart.
    coverage_weekly: dict[str, list[int]] = {}
    coverage_totals: dict[str, dict[str, int]] = {}
    kinds = {i.number: i.coverage or NO_ARTICLE for i in issues}
    for issue in issues:
        entry = coverage_totals.setdefault(kinds[issue.number], {"issues": 0, "questions": 0})
        entry["issues"] += 1
        entry["questions"] += issue.size
    if result.long_tail:
        coverage_totals[TAIL] = {"issues": 0, "questions": result.long_tail}
    if end:
        by_kind: dict[str, list[datetime]] = {}
        for q, label in zip(questions, label_of):
            if q.time is None or label < LONG_TAIL:
                continue
            kind = TAIL if label == LONG_TAIL else kinds[label]
            by_kind.setdefault(kind, []).append(q.time)
        for kind in (NO_ARTICLE, TO_UPDATE, COVERED, TAIL):
            if kind in by_kind:
                coverage_weekly[kind] = weekly_counts(by_kind[kind], end, n_weeks)

    return ReportData(
        source=Path(str(source)).name or str(source),
        model=result.model,
        total=result.total,
        distinct=result.distinct,
        placed=result.placed,
        long_tail=result.long_tail,
        no_question=result.no_question,
        first=f"{first:%Y-%m-%d}" if first else None,
        last=f"{end:%Y-%m-%d}" if end else None,
        frame=result.trend_frame,
        weeks=weeks,
        issues=issues,
        growing=[i.number for i in growing],
        top=min(top, len(issues)),
        coverage_weekly=coverage_weekly,
        coverage_totals=coverage_totals,
        map=_map(result),
        notes=notes,
    )


def _trend_text(trend: Trend | None) -> str:
    from kbgen.output import trend_text

    return trend_text(trend)


def _map(result: SuggestResult) -> MapFigure:
    """A sample of the distinct questions, placed by kbgen.report.projection."""
    from kbgen.report.projection import layout

    vectors = result.vectors
    if vectors is None or not len(vectors) or not result.vector_rows:
        return MapFigure()
    n = len(vectors)
    first_question = np.full(n, -1, dtype=np.int64)
    weights = np.zeros(n, dtype=np.int64)
    for i, row in enumerate(result.vector_rows):
        if row >= 0:
            weights[row] += 1
            if first_question[row] < 0:
                first_question[row] = i
    labels = np.array(
        [result.labels[i] if i >= 0 else LONG_TAIL for i in first_question.tolist()],
        dtype=np.int64,
    )
    langs = [result.questions[i].lang or "und" if i >= 0 else "und" for i in first_question]
    placed = layout(np.asarray(vectors), labels, weights, langs)
    fig = MapFigure(distinct=n)
    scale = float(np.abs(placed.xy).max()) if len(placed.xy) else 1.0
    for row, (x, y) in zip(placed.rows.tolist(), placed.xy.tolist()):
        q = result.questions[int(first_question[row])]
        fig.x.append(round(x / (scale or 1.0), 4))
        fig.y.append(round(y / (scale or 1.0), 4))
        fig.issue.append(int(labels[row]))
        fig.questions.append(int(weights[row]))
        fig.lang.append(q.lang or "und")
        fig.text.append(_cut(q.text, POINT_CHARS))
    if math.isnan(sum(fig.x) + sum(fig.y)):
        return MapFigure()
    return fig


def language_counts(issues: list[IssueFigure]) -> list[str]:
    """Every language asked in, most asked first."""
    total: Counter[str] = Counter()
    for issue in issues:
        total.update(issue.langs)
    return [lang for lang, _ in total.most_common()]
