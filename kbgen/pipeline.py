"""The suggest pipeline: ingest -> redact -> embed -> cluster -> label -> rank.

Each stage lives in its own module; this one only wires them and keeps the bookkeeping
(duplicates counted once, labels mapped back to input rows in input order).
"""

from __future__ import annotations

import contextlib
import functools
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from kbgen.errors import InputError
from kbgen.read.ingest import Source, iter_records
from kbgen.records import LONG_TAIL, NO_QUESTION, Issue, Question, SuggestResult

if TYPE_CHECKING:
    from kbgen.embed import Embedder, EmbeddingCache
    from kbgen.embed.engine import Engine
    from kbgen.group.state import ClusterState
    from kbgen.intent import View  # noqa: F401
    from kbgen.writes import FileChanges

MAX_EXAMPLES = 10
# Wrappers are learned from at most this many distinct texts (a seeded sample beyond it).
LEARN_SAMPLE = 20_000
# With --english-model auto, the English model reads at most this many distinct English
# questions (~330-580 a second here: about 40 s); a bigger export is grouped by the
# multilingual model alone, so 100k questions stay within the first-run budget.
ENGLISH_MAX = 20_000


class Reporter(Protocol):
    """How the pipeline tells a person what it is doing (the CLI draws progress bars)."""

    def note(self, message: str) -> None: ...

    def progress(
        self, label: str, total: int
    ) -> contextlib.AbstractContextManager[Callable[[int], None]]: ...


class SilentReporter:
    def note(self, message: str) -> None:
        pass

    @contextlib.contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        yield lambda n: None


@dataclass(slots=True)
class SuggestOptions:
    text_field: str | None = None
    id_field: str | None = None
    time_field: str | None = None
    answer_field: str | None = None
    input_format: str | None = None
    skip_bad_rows: bool = False
    min_size: int | None = None
    redact_patterns: dict[str, str] = field(default_factory=dict)
    trend_window: int = 14  # days: the recent window of each issue's trend ...
    trend_baseline: int = 56  # ... against the weekly rate of this many days before it
    sort: str = "volume"  # issue order: "volume", or "growth" (new/rising/spike issues first)
    content_dir: Path | None = None  # check issues against these articles
    write: bool = False  # ... and draft or refresh them
    recluster: bool = False  # ignore the previous run's groups (see kbgen.group.state)
    engine: str | None = None  # where embedding and assignment run: "local" or "ray"
    # the model that also reads English questions: "auto" (all-MiniLM-L6-v2 beside the default
    # model), "none", or a model name; None: $KBGEN_ENGLISH_MODEL, else "auto"
    english_model: str | None = None


def dedupe_key(text: str) -> str:
    """Texts that differ only in width, case or spacing are the same question."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def read_questions(
    path: str | Path, options: SuggestOptions, reporter: Reporter | None = None
) -> tuple[list[Question], Source, dict[str, int]]:
    """Read and redact every question; raw text never leaves this function."""
    from kbgen.intent.lang import detect
    from kbgen.privacy.redact import Redactor
    from kbgen.privacy.ticket_ids import redact_id
    from kbgen.read.helpdesk import strip_reply

    reporter = reporter or SilentReporter()
    redactor = Redactor(extra_patterns=options.redact_patterns or None)
    sources: list[Source] = []
    questions: list[Question] = []
    masked: Counter[str] = Counter()
    empty = 0
    records = iter_records(
        path,
        fmt=options.input_format,
        text_field=options.text_field,
        id_field=options.id_field,
        time_field=options.time_field,
        answer_field=options.answer_field,
        skip_bad_rows=options.skip_bad_rows,
        source_out=sources,
        on_wait=reporter.note,
    )
    for record in records:
        if not record.text.strip():
            empty += 1
            continue
        # Quoted history and signatures carry names and addresses (issue 13).
        clean = redactor.redact(strip_reply(record.text) or record.text)
        masked.update(clean.counts)
        answer = None
        if record.answer:
            answer = redactor.redact(strip_reply(record.answer) or record.answer).text
        questions.append(
            Question(
                row=record.row,
                text=clean.text,
                id=redact_id(redactor, record.id),
                time=record.time,
                answer=answer,
                lang=detect(clean.text),
            )
        )
    source = sources[0]
    if not questions:
        detail = f" ({empty} rows, all with an empty question)" if empty else ""
        raise InputError(f"{path}: no questions found{detail}")
    if empty:
        reporter.note(f"skipped {empty} rows with an empty question")
    if source.bad_rows:
        reporter.note(f"skipped {source.bad_rows} unreadable rows (--skip-bad-rows)")
    if source.bad_times:
        reporter.note(f"{source.bad_times} rows have a time that could not be read; ignored")
    for message in source.notes():
        reporter.note(message)
    return questions, source, dict(masked)


@dataclass(slots=True)
class _Grouping:
    # labels (raw, -1 long tail) and centroids (row c = label c) of the distinct texts; saved
    # once the keywords are known
    state: ClusterState
    where: Path
    words: dict[str, list[str]]  # texts segmented on the way (empty when groups were reused)
    keywords: list[list[str]] | None  # per label, from the run whose groups were reused


def _cluster(
    engine: Engine,
    path: Path,
    texts: list[str],
    views: list[str],
    vectors: np.ndarray,
    weights: np.ndarray,
    min_size: int,
    model_name: str,
    options: SuggestOptions,
    reporter: Reporter,
    cache: EmbeddingCache | None,
    languages: Callable[[], list[str]] = list,
    english: Callable[[], tuple[np.ndarray, np.ndarray] | None] = lambda: None,
    view_words: dict[str, list[str]] | None = None,
) -> _Grouping:
    """Group the distinct texts, reusing the previous run's groups when little changed.

    ``languages()`` gives each text's language and ``english()`` the English model's vectors
    and the rows they belong to; both are only called (and the model only run) when the texts
    are clustered afresh."""
    from kbgen.group import cluster as clustering
    from kbgen.group import state

    keys = state.text_keys(texts)
    where = state.state_path(model_name, path, min_size)
    previous = None if options.recluster else state.load(where, reporter.note)
    kept = state.assign_incrementally(previous, keys, vectors, engine.assign) if previous else None
    words: dict[str, list[str]] = {}
    keywords = None
    added = np.zeros(len(texts), dtype=bool)
    if kept is not None and previous is not None:
        labels, added = kept
        reporter.note("reused the previous run's groups (few new questions; --recluster to redo)")
        if len(previous.keywords) == len(previous.centroids):
            keywords = previous.keywords
    else:
        second = english()
        words = view_words  # the lexical view: the views' own words
        with reporter.progress("Clustering", len(texts)) as advance:
            shown = 0

            def step(done: int, total: int) -> None:  # the stage's own steps, in questions
                nonlocal shown
                now = len(texts) * done // max(total, 1)
                advance(now - shown)
                shown = now

            labels = clustering.cluster(
                vectors,
                weights,
                min_size=min_size,
                texts=views,
                words=words,
                langs=languages(),
                progress=step,
                second=second[0] if second else None,
                second_rows=second[1] if second else None,
            )
            advance(len(texts) - shown)
    centroids = clustering.centroids_of(vectors, labels, weights)
    found = state.ClusterState(keys, labels, centroids, added=added)
    return _Grouping(found, where, words, keywords)


def _intent_views(
    texts: list[str],
    weights: np.ndarray,
    path: Path,
    cache: EmbeddingCache | None,
    reporter: Reporter,
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> list[View]:
    """Each distinct text's intent view.

    The wrappers an export teaches are learned from all of it, which means segmenting every
    text. A rerun on nearly the same export (at most ``state.MAX_NEW`` of its texts unseen)
    keeps the model it learned last time, takes the views it cached then and only reads the
    new texts; a bigger change learns again.
    """
    from kbgen.group import state
    from kbgen.intent import IntentModel, View

    where = state.intent_path(path)
    saved_model = state.load_text(where, reporter.note)
    model = IntentModel.from_json(saved_model) if saved_model is not None else None
    if saved_model is not None and model is None:
        reporter.note(f"the saved intent model at {where} cannot be used; learning it again")
    known: dict[str, list[str]] = {}
    if model is not None and cache is not None:
        known = cache.get_words(model.fingerprint(), texts)
        if len(texts) - len(known) > state.MAX_NEW * len(texts):
            model, known = None, {}
    if model is None:
        # Wrappers recur: a seeded sample of a large export finds the same ones as all of it,
        # at a fraction of the segmenting (100k questions: 31 s -> ~7 s).
        sample = np.arange(len(texts))
        if len(texts) > LEARN_SAMPLE:
            sample = np.sort(np.random.default_rng(0).choice(len(texts), LEARN_SAMPLE, False))
        some = [texts[i] for i in sample.tolist()]
        with reporter.progress("Learning wrappers", len(some)) as advance:
            model = IntentModel.learn(some, weights[sample].tolist())
            if embed is not None:
                model = model.recognise(some, embed)
            advance(len(some))
        state.save_text(where, model.to_json())
    out: list[View] = []
    fresh: dict[str, list[str]] = {}
    with reporter.progress("Reading intent", len(texts)) as advance:
        for start in range(0, len(texts), 2000):
            for text in texts[start : start + 2000]:
                saved = known.get(text)
                if saved is not None:  # [view text, *its words]; [] for "asks nothing"
                    out.append(View(saved[0] if saved else "", words=tuple(saved[1:])))
                    continue
                view = model.view(text)
                out.append(view)
                fresh[text] = [view.text, *view.words]
            advance(len(texts[start : start + 2000]))
    if cache is not None and fresh:
        cache.put_words(model.fingerprint(), fresh)
    return out


def _english_model(options: SuggestOptions, is_default: bool) -> Embedder | None:
    """The model that reads the English questions beside the main one: with the default
    multilingual model, all-MiniLM-L6-v2 (it separates English intents better: banking77
    NMI/ARI 77.6 / 49.1 -> see bench/RESULTS.md); otherwise only when asked for."""
    from kbgen.embed import ENGLISH_MODEL, load_embedder

    choice = _english_choice(options)
    if choice == "none":
        return None
    if choice == "auto":
        return load_embedder(ENGLISH_MODEL) if is_default else None
    return load_embedder(choice)


def _english_choice(options: SuggestOptions) -> str:
    return options.english_model or os.environ.get("KBGEN_ENGLISH_MODEL") or "auto"


def _embed_views(
    engine: Engine,
    model: Embedder,
    views: list[str],
    cache: EmbeddingCache | None,
    advance: Callable[[int], None],
) -> np.ndarray:
    """One vector per view; a view shared by several texts is embedded once."""
    unique = list(dict.fromkeys(views))
    vectors = engine.embed(model, unique, cache=cache, progress=advance)
    row = {view: i for i, view in enumerate(unique)}
    return vectors[[row[v] for v in views]]


def suggest(
    path: str | Path,
    options: SuggestOptions | None = None,
    *,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    reporter: Reporter | None = None,
    changes: FileChanges | None = None,
) -> SuggestResult:
    """Find the recurring issues in a ticket export, ranked by volume.

    With `options.write`, drafts and evidence refreshes are staged into `changes` (the caller
    commits them with its own files; the content lock is held until then), else committed
    at the end of the drafting step.
    """
    from kbgen.embed import check_model, load_embedder
    from kbgen.embed.engine import get_engine
    from kbgen.group import cluster as clustering
    from kbgen.group.keywords import issue_keywords, keyword_texts, words_for
    from kbgen.group.state import save as save_state
    from kbgen.group.trend import MIN_HISTORY_DAYS, frame_for, trend_for

    options = options or SuggestOptions()
    reporter = reporter or SilentReporter()
    if cache is not None:
        cache.attach(reporter.note)  # a damaged or unusable cache is a warning, never a failure
    engine = get_engine(options.engine)  # a typo fails before any work
    model = embedder or load_embedder(None)
    check_model(model)  # fail on a bad model before reading a large file

    questions, source, masked = read_questions(path, options, reporter)

    # Exact duplicates are embedded once and counted as weight.
    index_of: dict[str, int] = {}
    distinct: list[int] = []  # position in `questions` of each distinct text's first occurrence
    owner = np.empty(len(questions), dtype=np.int64)
    for i, q in enumerate(questions):
        key = dedupe_key(q.text)
        j = index_of.get(key)
        if j is None:
            j = index_of[key] = len(distinct)
            distinct.append(i)
        owner[i] = j
    all_weights = np.bincount(owner, minlength=len(distinct)).astype(np.int64)
    all_texts = [questions[i].text for i in distinct]

    # The intent view: what each question asks, without greetings, sign-offs, particles,
    # masks and ids (kbgen.intent). Everything that groups reads it; people see the texts.
    def embed_plain(items: list[str]) -> np.ndarray:
        return model.embed(items, cache=cache)

    # Wrappers are recognised by meaning with the default model only: the similarity threshold
    # (kbgen.intent.learn.SEMANTIC_MIN_SIMILARITY) was measured on its cosines.
    from kbgen.embed import DEFAULT_MODEL

    is_default = model.name == load_embedder(DEFAULT_MODEL).name
    recognise = embed_plain if is_default else None
    found_views = _intent_views(all_texts, all_weights, Path(path), cache, reporter, recognise)
    asks = [view.is_question for view in found_views]
    views_all = [view.text for view in found_views]
    view_words = {view.text: list(view.words) for view in found_views if view.is_question}
    kept = np.flatnonzero(np.asarray(asks, dtype=bool))  # distinct texts that ask something
    position = np.full(len(all_texts), -1, dtype=np.int64)
    position[kept] = np.arange(len(kept))
    texts = [all_texts[j] for j in kept.tolist()]
    views = [views_all[j] for j in kept.tolist()]
    weights = all_weights[kept]
    distinct = [distinct[j] for j in kept.tolist()]
    owner = position[owner]  # -1: the question's text asks nothing

    if not texts:
        vectors = np.zeros((0, 1), dtype=np.float32)
    else:
        with reporter.progress("Embedding", len(set(views))) as advance:
            vectors = _embed_views(engine, model, views, cache, advance)

    from kbgen.intent.lang import detect

    @functools.cache
    def languages() -> list[str]:  # only needed when the questions are clustered afresh
        return [detect(view) for view in views]

    english_model = _english_model(options, is_default)

    def english() -> tuple[np.ndarray, np.ndarray] | None:
        rows = np.flatnonzero(np.asarray(languages()) == "en")
        if english_model is None or len(rows) < 2:
            return None
        en_views = [views[j] for j in rows.tolist()]
        distinct_en = len(set(en_views))
        if _english_choice(options) == "auto" and distinct_en > ENGLISH_MAX:
            reporter.note(
                f"{distinct_en:,} distinct English questions: more than the English "
                f"model reads quickly ({ENGLISH_MAX:,}), so the multilingual model groups them "
                f"alone (--english-model {english_model.name.split('@')[0]} to use it anyway)"
            )
            return None
        with reporter.progress("Embedding English", distinct_en) as advance:
            return _embed_views(engine, english_model, en_views, cache, advance), rows

    min_size = options.min_size or clustering.DEFAULT_MIN_SIZE
    grouping = _cluster(
        engine,
        Path(path),
        texts,
        views,
        vectors,
        weights,
        min_size,
        model.name + (f"+{english_model.name}" if english_model else ""),
        options,
        reporter,
        cache,
        languages,
        english,
        view_words,
    )
    raw_labels, label_centroids = grouping.state.labels, grouping.state.centroids

    # Rank: biggest first; ties broken by the earliest question, so output is stable.
    groups: dict[int, list[int]] = {}
    for j, label in enumerate(raw_labels.tolist()):
        if label >= 0:
            groups.setdefault(label, []).append(j)
    order = sorted(groups, key=lambda g: (-int(weights[groups[g]].sum()), groups[g][0]))

    member_rows: dict[int, list[int]] = {g: [] for g in order}
    for i, j in enumerate(owner.tolist()):
        label = int(raw_labels[j]) if j >= 0 else -1
        if label >= 0:
            member_rows[label].append(i)

    central: list[list[int]] = []
    centroids: list[np.ndarray] = []
    for g in order:
        members = np.asarray(groups[g])
        centroid = label_centroids[g]
        centroids.append(centroid)
        sims = vectors[members] @ centroid
        central.append(members[np.argsort(-sims, kind="stable")].tolist())
    if grouping.keywords is not None:  # the groups were kept, and so are their keywords
        keywords = [grouping.keywords[g] for g in order]
    else:
        with reporter.progress("Keywords", len(order)) as advance:
            docs = [[(views[j], int(weights[j])) for j in members] for members in central]
            tail = [(views[j], int(weights[j])) for j in np.flatnonzero(raw_labels < 0).tolist()]
            words = grouping.words
            words.update(words_for([t for t in keyword_texts(docs, tail) if t not in words], cache))
            keywords = issue_keywords(docs, tail, words=words)
            advance(len(order))
    grouping.state.keywords = [[] for _ in range(len(label_centroids))]
    for g, issue_words in zip(order, keywords):
        grouping.state.keywords[g] = issue_words
    save_state(grouping.where, grouping.state)

    total = len(questions)
    times = [q.time for q in questions if q.time is not None]
    frame = frame_for(times, options.trend_window, options.trend_baseline)
    if frame is not None and frame.covered_days < MIN_HISTORY_DAYS:
        reporter.note(
            f"the questions span {(frame.end - frame.first).days} days: trends need a week "
            f"before the {frame.window_days}-day window (--trend-window), so none are shown"
        )
        frame = None
    issues: list[Issue] = []
    labels = [LONG_TAIL if j >= 0 else NO_QUESTION for j in owner.tolist()]
    for number, (g, members, issue_words) in enumerate(zip(order, central, keywords), start=1):
        rows = member_rows[g]
        for i in rows:
            labels[i] = number
        size = len(rows)
        issue_times = [questions[i].time for i in rows if questions[i].time is not None]
        by_lang: dict[str, str] = {}
        for j in members:  # most central first; prefer phrasings without masks
            lang = questions[distinct[j]].lang or "und"
            if lang not in by_lang or ("<" in by_lang[lang] and "<" not in texts[j]):
                by_lang[lang] = texts[j]
        issues.append(
            Issue(
                number=number,
                size=size,
                share=size / total,
                representative=texts[members[0]],
                keywords=issue_words,
                members=rows,
                examples=[texts[j] for j in members[:MAX_EXAMPLES]],
                langs=dict(Counter(questions[i].lang or "und" for i in rows).most_common()),
                by_lang=by_lang,
                trend=trend_for(issue_times, frame) if frame else None,
            )
        )
    if options.sort == "growth" and frame is not None:
        issues, labels = _growth_first(issues, labels)
        centroids = [centroids[i.number - 1] for i in issues]
        for number, issue in enumerate(issues, start=1):
            issue.number = number
    if options.content_dir is not None:
        from kbgen.content.coverage import IssueView
        from kbgen.content.draft import sync
        from kbgen.content.taxonomy import load_taxonomy
        from kbgen.content.titles import views_by_text

        content_dir = Path(options.content_dir)
        categories = load_taxonomy(content_dir.resolve().parent)

        def embed_texts(items: list[str]) -> np.ndarray:
            return model.embed(items, cache=cache)

        views = [IssueView(c, i.examples) for c, i in zip(centroids, issues)]
        with reporter.progress("Drafting", len(issues)) as advance:
            sync(
                issues,
                views,
                questions,
                content_dir,
                embed_texts,
                categories,
                write=options.write,
                note=reporter.note,
                changes=changes,
                progress=advance,
                view_of=views_by_text(all_texts, found_views),
                min_size=min_size,
            )
    return SuggestResult(
        issues=issues,
        total=total,
        distinct=len(all_texts),
        long_tail=sum(1 for label in labels if label == LONG_TAIL),
        no_question=sum(1 for label in labels if label == NO_QUESTION),
        labels=labels,
        questions=questions,
        model=model.name,
        skipped_rows=source.bad_rows,
        redactions=masked,
        trend_frame=frame,
        vectors=vectors,
        vector_rows=owner.tolist(),
    )


def _growth_first(issues: list[Issue], labels: list[int]) -> tuple[list[Issue], list[int]]:
    """Issues reordered growing first (kbgen.group.trend.growth_key); `labels` renumbered to
    match. Issue.number still holds the old number until the caller renumbers."""
    from kbgen.group.trend import growth_key

    ranked = sorted(issues, key=lambda i: (growth_key(i.trend, i.size), i.number))
    new_number = {issue.number: n for n, issue in enumerate(ranked, start=1)}
    return ranked, [new_number.get(label, label) if label > 0 else label for label in labels]
