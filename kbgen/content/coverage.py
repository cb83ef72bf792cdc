"""Gap check: does an article in content/ already answer each recurring issue?

An article is represented by the embeddings of its title, its public "also asked as" phrasings
and kbgen's proposals; an issue by its centroid and its most central phrasings. An issue kbgen
drafted before is found again by the phrasings the article lists or kbgen has shown for it (exact
overlap, after cleaning, in any language; Traditional and Simplified Chinese alike), so reruns on
a grown export update the same file instead of drafting a duplicate. An article that lists the
issue's own central phrasing (its representative, or one per language) is that issue's article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kbgen.content.curation import match_key
from kbgen.content.entries import Entry
from kbgen.embed import mean_direction
from kbgen.records import Coverage, Issue

MATCH = 0.70  # centroid similarity that means "same issue" for an article with phrasings
MATCH_TITLE_ONLY = 0.55  # an article with only a title is one short text: a looser bar
MARGIN = 0.05  # ... and then it must beat the runner-up clearly
OVERLAP = 0.3  # share of the issue's phrasings already listed in the article
GROWTH = 1.5  # volume up by half since the evidence was written -> "update"
NEW_PHRASINGS = 5  # this many central phrasings the article does not list -> "update"


@dataclass(slots=True)
class IssueView:
    """What the gap check needs of an issue: its centroid and central phrasings."""

    centroid: np.ndarray
    examples: list[str]


def entry_phrasings(entry: Entry) -> list[str]:
    return [entry.title, *entry.also_asked, *entry.proposed]


def _hash(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def _known(entry: Entry) -> set[str]:
    """Keys of every phrasing the article lists, and hashes of those kbgen has shown for it
    (the owner may have deleted them from the page, but they still name this issue)."""
    keys = {match_key(p) for p in entry_phrasings(entry)}
    return keys | {_hash(k) for k in keys} | set(entry.evidence.seen if entry.evidence else [])


def check(
    issues: Sequence[Issue],
    views: Sequence[IssueView],
    entries: Sequence[Entry],
    entry_vectors: Sequence[np.ndarray],
) -> list[Coverage]:
    """One Coverage per issue. `entry_vectors[k]` embeds `entry_phrasings(entries[k])`."""
    if not entries:
        return [Coverage("new") for _ in issues]
    centroids = np.stack([mean_direction(v) for v in entry_vectors])
    known = [_known(e) for e in entries]
    keys: dict[str, tuple[str, str]] = {}

    def listed(text: str, k: int) -> bool:
        if text not in keys:
            key = match_key(text)
            keys[text] = (key, _hash(key))
        key, mark = keys[text]
        return key in known[k] or mark in known[k]

    claims: list[tuple[int, float] | None] = []
    also: list[list[int]] = []  # every article each issue matches, best first
    for issue, view in zip(issues, views):
        sims = centroids @ view.centroid
        anchors = [issue.representative, *issue.by_lang.values()]
        overlap = np.array(
            [
                sum(listed(x, k) for x in view.examples) / max(1, len(view.examples))
                + (OVERLAP if any(listed(a, k) for a in anchors) else 0.0)
                for k in range(len(entries))
            ]
        )
        score = sims + overlap  # exact phrasings dominate; similarity decides the rest
        ranked = np.argsort(-score, kind="stable")
        best_sim = np.sort(sims)[::-1]
        matches = []
        for k in ranked.tolist():
            title_only = len(entry_vectors[k]) == 1
            runner_up = best_sim[1] if sims[k] == best_sim[0] and len(sims) > 1 else best_sim[0]
            if (
                overlap[k] >= OVERLAP
                or (not title_only and sims[k] >= MATCH)
                or (title_only and sims[k] >= MATCH_TITLE_ONLY and sims[k] - runner_up >= MARGIN)
            ):
                matches.append(k)
        also.append(matches)
        claims.append((matches[0], float(score[matches[0]])) if matches else None)
    # An article belongs to the issue that matches it best; the others are reported as splits.
    owner: dict[int, int] = {}
    for i, claim in enumerate(claims):
        if claim is None:
            continue
        k, score = claim
        if k not in owner or score > claims[owner[k]][1]:  # type: ignore[index]
            owner[k] = i
    result: list[Coverage] = []
    for i, (issue, view, claim) in enumerate(zip(issues, views, claims)):
        if claim is None:
            result.append(Coverage("new"))
            continue
        k = claim[0]
        entry = entries[k]
        path = str(entry.path)
        if owner[k] != i:
            bigger = issues[owner[k]].number
            result.append(Coverage("split", path, f"shares this article with issue {bigger}"))
            continue
        merged = [str(entries[m].path) for m in also[i][1:] if m not in owner]
        if merged:
            note = "now also asked as what " + ", ".join(merged) + " answers"
            result.append(Coverage("merged", path, note, entry.category))
            continue
        fresh = [x for x in view.examples if not listed(x, k)]
        before = entry.questions
        if before and issue.size >= GROWTH * before and issue.size - before >= 5:
            note = f"{before} -> {issue.size} questions"
            result.append(Coverage("update", path, note, entry.category))
        elif len(fresh) >= NEW_PHRASINGS:
            result.append(Coverage("update", path, f"{len(fresh)} new phrasings", entry.category))
        else:
            result.append(Coverage("covered", path, "", entry.category))
    return result
