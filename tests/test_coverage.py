"""The gap check on synthetic vectors: covered, update, new, split and merged."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kbgen.content.coverage import IssueView, check
from kbgen.content.entries import Entry, Evidence
from kbgen.records import Issue

DIM = 8


def unit(*components: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(components)] = components
    return v / np.linalg.norm(v)


def issue(number: int, size: int, examples: list[str]) -> Issue:
    return Issue(number, size, 0.1, examples[0], ["k"], examples=examples)


def entry(name: str, also: list[str], questions: int = 0) -> Entry:
    evidence = Evidence(issue=f"i-{name}", questions=questions, also_asked=also)
    return Entry(
        path=Path(f"content/orders/{name}.md"), slug=name, category="orders",
        title=f"{name}?", status="published", lang="en", body="A.", evidence=evidence,
    )  # fmt: skip


def test_no_articles_means_everything_is_new() -> None:
    got = check([issue(1, 10, ["a"])], [IssueView(unit(1), ["a"])], [], [])
    assert [c.status for c in got] == ["new"]


def test_covered_update_and_new() -> None:
    refund = entry("refund", ["r1", "r2", "r3"], questions=10)
    password = entry("password", ["p1", "p2"], questions=10)
    issues = [
        issue(1, 11, ["r1", "r2", "r3"]),  # same phrasings, similar volume -> covered
        issue(2, 30, ["p1", "p2", "p9"]),  # volume x3 -> update
        issue(3, 8, ["s1", "s2"]),  # points elsewhere -> new
    ]
    views = [
        IssueView(unit(1, 0.1), issues[0].examples),
        IssueView(unit(0, 1, 0.1), issues[1].examples),
        IssueView(unit(0, 0, 1), issues[2].examples),
    ]
    vectors = [np.stack([unit(1)] * 4), np.stack([unit(0, 1)] * 3)]
    got = check(issues, views, [refund, password], vectors)
    assert [c.status for c in got] == ["covered", "update", "new"]
    assert got[0].path == str(refund.path)
    assert "10 -> 30" in got[1].note


def test_many_new_phrasings_mean_update() -> None:
    article = entry("refund", ["r1"], questions=10)
    examples = ["r1", "n1", "n2", "n3", "n4", "n5"]
    got = check(
        [issue(1, 10, examples)], [IssueView(unit(1), examples)], [article],
        [np.stack([unit(1), unit(1)])],
    )  # fmt: skip
    assert got[0].status == "update" and "5 new phrasings" in got[0].note


def test_split_issue_is_reported() -> None:
    article = entry("refund", ["r1", "r2"], questions=20)
    issues = [issue(1, 15, ["r1", "r2"]), issue(2, 6, ["r3", "r4"])]
    views = [IssueView(unit(1, 0.05), ["r1", "r2"]), IssueView(unit(1, 0.3), ["r3", "r4"])]
    got = check(issues, views, [article], [np.stack([unit(1)] * 3)])
    assert got[0].status == "covered"
    assert got[1].status == "split" and "issue 1" in got[1].note


def test_merged_issue_is_reported() -> None:
    late = entry("late-parcel", ["l1", "l2"], questions=10)
    lost = entry("lost-parcel", ["x1", "x2"], questions=10)
    examples = ["l1", "l2", "x1", "x2"]
    got = check(
        [issue(1, 20, examples)], [IssueView(unit(1, 1), examples)], [late, lost],
        [np.stack([unit(1, 0.9)] * 3), np.stack([unit(0.9, 1)] * 3)],
    )  # fmt: skip
    assert got[0].status == "merged"
    assert str(lost.path) in got[0].note or str(late.path) in got[0].note


def test_exact_phrasings_beat_a_closer_centroid() -> None:
    """A rerun finds the article kbgen drafted by its phrasings, even if another is nearer."""
    drafted = entry("drafted", ["q1", "q2", "q3"], questions=5)
    other = entry("other", ["o1", "o2"], questions=5)
    examples = ["q1", "q2", "q3"]
    got = check(
        [issue(1, 6, examples)], [IssueView(unit(1), examples)], [drafted, other],
        [np.stack([unit(1, 1)] * 4), np.stack([unit(1)] * 3)],
    )  # fmt: skip
    assert got[0].path == str(drafted.path)
