"""One entry per language: an issue asked in several languages gets a variant in each.

A language gets its own variant when it holds enough of the issue's questions: at least
``min_size`` (the grouping's ``--min-size``), or a clear share (``SHARE`` of the issue and at
least ``MIN_QUESTIONS``). The issue's dominant language always has one, the *primary*, which
also speaks for the questions in languages without a variant of their own; every other
variant is titled, answered, tagged and counted from its own language's questions and replies.

All variants of an issue share the issue id (``kbgen.issue``) and differ by ``lang``, so the
site can link them: the id names the issue, ``lang`` the variant. Entries that share an issue id
form a *family*; the gap check matches an issue against whole families (the phrasings of every
variant), so a rerun finds the family again in any of its languages, refreshes each variant
that exists and adds a variant for a language that has newly reached the threshold.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from kbgen.content.entries import Entry, Evidence
from kbgen.content.taxonomy import LANGS
from kbgen.records import Issue, Question

SHARE = 0.2  # a language with this share of an issue's questions ...
MIN_QUESTIONS = 3  # ... and at least this many gets a variant even under min_size


def variant_langs(issue: Issue, primary: str, min_size: int) -> list[str]:
    """The languages that get a variant, the primary (dominant) first."""
    out = [primary]
    for lang, count in issue.langs.items():  # most asked first
        if lang == primary or lang not in LANGS:
            continue
        share = count / issue.size if issue.size else 0.0
        if count >= min_size or (count >= MIN_QUESTIONS and share >= SHARE):
            out.append(lang)
    return out


def subset(issue: Issue, questions: Sequence[Question], langs: set[str], lang: str) -> Issue:
    """The part of `issue` asked in `langs`, as an issue of its own (`lang` its language)."""
    members = [i for i in issue.members if (questions[i].lang or "und") in langs]
    text_lang = {questions[i].text: questions[i].lang or "und" for i in issue.members}
    examples = [x for x in issue.examples if text_lang.get(x) in langs]
    by_lang = {k: v for k, v in issue.by_lang.items() if k in langs}
    size = len(members)
    return dataclasses.replace(
        issue,
        size=size,
        share=issue.share * size / issue.size if issue.size else 0.0,
        representative=by_lang.get(lang) or (examples[0] if examples else issue.representative),
        members=members,
        examples=examples,
        langs=dict(Counter(questions[i].lang or "und" for i in members).most_common()),
        by_lang=by_lang,
        coverage=None,
    )


def parts(issue: Issue, questions: Sequence[Question], langs: Sequence[str]) -> dict[str, Issue]:
    """lang -> the sub-issue its variant is drafted from. One variant: the whole issue."""
    if len(langs) <= 1:
        return {langs[0]: issue} if langs else {}
    others = set(langs[1:])
    rest = {lang for lang in issue.langs if lang not in others} | {langs[0]}
    out = {langs[0]: subset(issue, questions, rest, langs[0])}
    for lang in langs[1:]:
        out[lang] = subset(issue, questions, {lang}, lang)
    return out


# --- families: the entries of one issue -----------------------------------------------------------


def family_key(entry: Entry) -> str:
    return entry.evidence.issue if entry.evidence is not None else f"path:{entry.path}"


def families(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Entries grouped by issue id (hand-written ones alone), the most asked first in each."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(family_key(entry), []).append(entry)
    return [sorted(g, key=lambda e: (-e.questions, str(e.path))) for g in groups.values()]


def as_one(family: Sequence[Entry]) -> Entry:
    """A family as one entry for the gap check: the head's path, title and category, every
    variant's phrasings and the summed question count."""
    head = family[0]
    if len(family) == 1:
        return head
    public = [p for e in family for p in e.also_asked]
    proposed = [p for e in family for p in e.proposed]
    seen = sorted({s for e in family if e.evidence for s in e.evidence.seen})
    evidence = head.evidence or Evidence(issue=family_key(head), questions=0)
    evidence = dataclasses.replace(
        evidence,
        questions=sum(e.questions for e in family),
        also_asked=[],
        proposed=proposed,
        seen=seen,
    )
    return dataclasses.replace(head, public=public, evidence=evidence)


def family_vectors(family: Sequence[Entry], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """The embedded phrasings of every variant, in the order `as_one` lists them (title first)."""
    if len(family) == 1:
        return vectors[str(family[0].path)]
    rows = [vectors[str(family[0].path)][:1]]  # the head's title
    for part in ("public", "proposed"):
        for e in family:
            n_public = len(e.also_asked)
            v = vectors[str(e.path)]
            rows.append(v[1 : 1 + n_public] if part == "public" else v[1 + n_public :])
    return np.concatenate(rows)


# --- the plan per variant -------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class Variant:
    """What `--write` does for one language of an issue: the table shows it."""

    lang: str
    action: str
    path: str | None = None  # the variant's article, when one exists (or once written)
    ident: str | None = None  # the issue id all variants share, when a family exists


def plan(
    cov: Any,
    langs: Sequence[str],
    family: Sequence[Entry],
    targets: set[str],
    create: str,
    refresh: str,
) -> list[Variant]:
    """The variants of one issue whose primary action (`cov.action`) is already planned.

    A new issue gets a new variant per language. An issue with an article refreshes each
    variant that exists (recognised by issue id and language) and creates the missing ones
    next to it. A variant whose language fell under the threshold is left as it is, and an
    article refreshed by another issue is left to it.
    """
    if cov.action == create:
        return [Variant(lang, create) for lang in langs]
    if cov.action != refresh:
        return [Variant(langs[0], cov.action, cov.path)] if langs else []
    ident = family[0].evidence.issue if family and family[0].evidence else None
    by_lang: dict[str, Entry] = {}
    for entry in family:
        by_lang.setdefault(entry.lang, entry)
    out: list[Variant] = []
    for lang in langs:
        entry = by_lang.get(lang)
        if entry is None:
            out.append(Variant(lang, create, None, ident))
        elif entry.assumed:
            out.append(Variant(lang, "none (front matter incomplete)", str(entry.path), ident))
        elif str(entry.path) in targets and str(entry.path) != cov.path:
            taken = "none (another issue refreshes this article)"
            out.append(Variant(lang, taken, str(entry.path)))
        else:
            targets.add(str(entry.path))
            out.append(Variant(lang, refresh, str(entry.path), ident))
    return out


def summary(variants: Sequence[Variant]) -> str:
    """`en: refresh evidence, th: create draft` for the table (only with several variants)."""
    if len(variants) <= 1:
        return ""
    return ", ".join(f"{v.lang}: {v.action}" for v in variants)


def entry_lookup(entries: Sequence[Entry]) -> Callable[[str | None], list[Entry]]:
    """path -> the family that entry belongs to ([] for an unknown path)."""
    by_path: dict[str, list[Entry]] = {}
    for fam in families(entries):
        for entry in fam:
            by_path[str(entry.path)] = fam
    return lambda path: by_path.get(str(path), []) if path else []
