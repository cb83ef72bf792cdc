"""The intent view of a question, and the model that makes it: curated and learned wrappers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kbgen.intent.clauses import _ABBREVIATION, _filler, _idlike, clause_spans, tokens
from kbgen.intent.curated import (
    _ASKING,
    WRAPPERS_VERSION,
    _edge_names,
    _lists_digest,
    _names_someone,
    lexicon,
)
from kbgen.intent.learn import learn_mask_labels, learn_wrappers, recognise_wrappers
from kbgen.intent.strip import _cut_signature, _drop_inner, _opens_with, _strip

_FINAL = frozenset("?？!！。.")  # sentence ends a view may keep


@dataclass(frozen=True, slots=True)
class View:
    text: str  # the request in the customer's words; "" when the message asks nothing
    removed: tuple[str, ...] = ()  # what was taken away (for explanations and tests)
    words: tuple[str, ...] = ()  # its content words, segmented (the lexical view, keywords)

    @property
    def is_question(self) -> bool:
        return bool(self.text)


@dataclass(slots=True)
class IntentModel:
    """Curated wrappers plus the ones learned from an export; ``view`` applies both."""

    edge_words: frozenset[str] = frozenset()
    wrapper_clauses: frozenset[tuple[str, ...]] = frozenset()
    # clauses found to mean what a wrapper means (see ``recognise``), verbatim
    semantic_clauses: frozenset[str] = frozenset()
    # this export's labels for masked values ("交易序號", "my account email"), see learn.py
    mask_labels: frozenset[tuple[str, ...]] = frozenset()
    _cache: dict[str, View] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def learn(cls, texts: Iterable[str], weights: Sequence[int] | None = None) -> IntentModel:
        """Learn this export's own wrappers from its (masked) question texts."""
        texts = list(texts)
        edge_words, wrapper_clauses = learn_wrappers(texts, weights)
        labels = learn_mask_labels(texts)
        return cls(edge_words=edge_words, wrapper_clauses=wrapper_clauses, mask_labels=labels)

    def recognise(
        self, texts: Sequence[str], embed: Callable[[list[str]], np.ndarray]
    ) -> IntentModel:
        """The same model, also knowing which short clauses of these texts *mean* a wrapper
        (see :func:`kbgen.intent.learn.recognise_wrappers`)."""
        found = recognise_wrappers(texts, embed, self.edge_words)
        if found is None:
            return self
        return IntentModel(self.edge_words, self.wrapper_clauses, found, self.mask_labels)

    def fingerprint(self) -> str:
        """Names what made the views: the lists, the rules, the segmenters, what was learned.
        Views cached under one fingerprint are reused only by the same model."""
        import hashlib

        from kbgen.group.keywords import segmenter_id

        payload = json.dumps(
            [WRAPPERS_VERSION, _lists_digest(), segmenter_id(), sorted(self.edge_words),
             sorted(self.wrapper_clauses), sorted(self.semantic_clauses),
             sorted(self.mask_labels)],
            ensure_ascii=False,
        )  # fmt: skip
        return "intent-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> str:
        return json.dumps(
            {"edge_words": sorted(self.edge_words),
             "wrapper_clauses": sorted(list(c) for c in self.wrapper_clauses),
             "semantic_clauses": sorted(self.semantic_clauses),
             "mask_labels": sorted(list(c) for c in self.mask_labels)},
            ensure_ascii=False,
        )  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> IntentModel | None:
        """The saved model, or None when it cannot be read (then it is learned again)."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        edge, clauses, semantic = (
            data.get("edge_words"),
            data.get("wrapper_clauses"),
            data.get("semantic_clauses", []),
        )
        if not (_strings(edge) and _strings(semantic) and isinstance(clauses, list)):
            return None
        labels = data.get("mask_labels", [])
        if not isinstance(labels, list) or not all(_strings(c) for c in [*clauses, *labels]):
            return None
        return cls(
            edge_words=frozenset(edge),
            wrapper_clauses=frozenset(tuple(c) for c in clauses),
            semantic_clauses=frozenset(semantic),
            mask_labels=frozenset(tuple(c) for c in labels),
        )

    def view(self, text: str) -> View:
        """The intent view of one (masked) question."""
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._view(text)
        return found

    def _view(self, text: str) -> View:
        lex = lexicon()
        body, tail = _cut_signature(text)
        body = _ABBREVIATION.sub(r"\1 ", body)
        spans = clause_spans(body)
        # text, asks, removable, words, what followed it (its punctuation)
        kept: list[tuple[str, bool, bool, tuple[str, ...], str]] = []
        removed: list[str] = list(tail)
        content = False
        named = _edge_names([body[a:b] for a, b in spans])
        for n, (start, end) in enumerate(spans):
            clause = body[start:end]
            after = body[end : spans[n + 1][0] if n + 1 < len(spans) else len(body)]
            toks = tokens(clause)
            core = _strip(toks, lex, self.edge_words, self.wrapper_clauses, self.mask_labels)
            keys = tuple(t.key for t in core)
            words = [t for t in core if t.kind == "word"]
            has_mask = any(_idlike(t) for t in toks)
            asking = any(t.key in _ASKING for t in words)
            details = [t for t in words if t.key not in lex.contact and not _filler(t.key)]
            if not words or keys in lex.whole or (has_mask and not asking and not details):
                removed.append(clause)
                continue
            piece = clause[core[0].start : core[-1].end]
            piece = _drop_inner(piece, core, core[0].start, lex, self.mask_labels)
            surfaces = tuple(clause[t.start : t.end] for t in words if t.key not in lex.anywhere)
            asks = any(not _filler(t.key) for t in words)
            # Removable when something else with content stays: what the export taught (its
            # own wrappers), a clause opened by a wrapper ("sorry for the long message", "sent
            # via Messenger", "祝生活愉快"), a name ("my name is ...", "郭丽"), or a bare label
            # ("订单号", "my email").
            removable = (
                clause in self.semantic_clauses
                or keys in self.wrapper_clauses
                or all(k in self.edge_words or _filler(k) for k in keys)
                or _opens_with(toks, lex.lead)
                or _names_someone(clause)
                or n in named
                or (  # a short detail beside a mask: "注册邮箱是<EMAIL>", "call back on <PHONE>"
                    any(t.kind == "mask" for t in toks)
                    and not asking
                    and len(details) <= 1
                    and len(words) <= 3
                )
                or (  # a bare label: "订单号", "my email"
                    not asking
                    and not details
                    and any(t.key in lex.contact and not _filler(t.key) for t in words)
                )
                or (  # a label this export writes before values: "my account email", "交易序號"
                    not asking and _only_label(keys, self.mask_labels)
                )
            )
            kept.append((piece, asks, removable, surfaces, after))
            content = content or asks
        if not content:
            return View("", tuple(removed))
        # ... and only then: these rules can trim a message, never silence it.
        if any(asks and not removable for _, asks, removable, _, _ in kept):
            removed.extend(piece for piece, _, removable, _, _ in kept if removable)
            kept = [item for item in kept if not item[2]]
        from kbgen.group.keywords import useful

        words = tuple(w for item in kept for w in item[3] if useful(w))
        # The kept clauses with the punctuation that followed each: a message with nothing to
        # take away keeps its exact wording ("退款什么时候到？" stays a question).
        out = []
        for i, (piece, *_, after) in enumerate(kept):
            if i == len(kept) - 1:
                after = after.strip()[:1] if after.strip()[:1] in _FINAL else ""
            elif not after.strip():
                after = " "
            out.append(piece + after)
        return View(" ".join("".join(out).split()), tuple(removed), words)


def _only_label(keys: tuple[str, ...], labels: frozenset[tuple[str, ...]]) -> bool:
    """Whether a clause's words are one learned label, filler words aside."""
    words = tuple(k for k in keys if not _filler(k))
    return bool(words) and any(
        tuple(k for k in label if not _filler(k)) == words for label in labels
    )


def _strings(value: object) -> bool:
    """A saved list of strings (anything else in a saved model means it is damaged)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
