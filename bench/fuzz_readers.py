"""Property-based fuzzing of the readers and the redactor, bounded in time.

    PYTHONPATH=. .venv/bin/python bench/fuzz_readers.py [--seconds 120] [--out DIR]

Hypothesis draws inputs; every example is checked against all properties and failures are
counted (not shrunk), so one run reports how often each property breaks, not only the first
break. Properties:

readers (``kbgen.read.ingest.iter_records`` on generated CSV / JSONL / JSON / Zendesk /
Freshdesk / e-mail bytes, in several encodings, with mutations and pathological fragments):
  - only ``InputError`` escapes, and its message is one line;
  - every record's text, id and answer are ``str`` that encode as UTF-8 (no lone surrogates)
    and hold no NUL; times are datetimes or None;
  - each example finishes within the per-example budget (``--budget``, 1 s).

html (``kbgen.read.helpdesk.html_to_text`` on tag soup): within the budget, returns ``str``.

redactor (``kbgen.privacy.redact.Redactor`` on text in four languages with generated e-mails,
phones and cards from ``bench/audit/pii.py`` inserted, in all their written forms, after the
readers' ``clean_text`` as in the pipeline):
  - idempotent: ``redact(redact(x)) == redact(x)``;
  - bounded growth: the output is at most ``max(2 * len(x), len(x) + 64)`` characters;
  - the inserted e-mail / phone / card does not survive (raw or normalised, see pii.py);
  - within the per-example budget.

Prints, per target: examples run, failures per property, the slowest example; writes up to
five failing inputs per property under ``--out`` for replay. Exit status 1 if any property
failed.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from random import Random

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "audit"))

import pii  # noqa: E402

# --- what a run found ---------------------------------------------------------------------------


@dataclass
class Tally:
    name: str
    examples: int = 0
    failures: Counter = field(default_factory=Counter)
    samples: dict[str, list[bytes]] = field(default_factory=dict)
    slowest: float = 0.0
    slowest_what: str = ""
    tried: Counter = field(default_factory=Counter)  # inserted values per kind (redactor)
    forms: Counter = field(default_factory=Counter)  # (property, form) of the failures

    def fail(self, prop: str, sample: bytes, note: str = "") -> None:
        self.failures[prop] += 1
        keep = self.samples.setdefault(prop, [])
        if len(keep) < 5:
            keep.append(sample if not note else sample + b"\n#### " + note.encode())

    def timed(self, seconds: float, what: str) -> None:
        if seconds > self.slowest:
            self.slowest, self.slowest_what = seconds, what


# --- strategies: readers ------------------------------------------------------------------------

TEXT_COLUMNS = ["question", "text", "body", "subject", "description", "message", "Subject"]
OTHER_COLUMNS = ["id", "ticket_id", "created_at", "time", "answer", "Ticket ID", "Status",
                 "Priority", "Created time", "Conversation ID", "Initial message",
                 "date"]  # fmt: skip
NASTY = [
    "\x00", "\ufeff", "\u202e", "\u200b", "\ud800", "\udfff", "\r", "\r\n", "\n", '"', "'", ",",
    ";", "\t", "|", "\\", "\\ud83d", "\\u0000", "NaN", "Infinity", "1" + "0" * 400, "-0",
    "<script", "<a ", "<!--", "<p>", "</p>", "&#64;", "&amp;", "=?utf-8?b?", "From ",
    "\u3164", "\ufe0f", "\U0001f600", "請問", "ราคา", "ﬁ", "İ",
]  # fmt: skip
PATHOLOGICAL = ["<script", "<a ", "<div><span>", "1-", "1 ", "๑-", "<", "&#", "[[", '{"a":']
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "gb18030", "big5", "cp874",
             "latin-1", "shift_jis"]  # fmt: skip

cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY + ["refund", "退款", "คืนเงิน", " "]), max_size=8).map("".join),
    st.builds(lambda tok, n: tok * n, st.sampled_from(PATHOLOGICAL), st.integers(1, 3000)),
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        cells,
        st.integers(min_value=10**300, max_value=10**310),
    ),  # fmt: skip
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(TEXT_COLUMNS + OTHER_COLUMNS), inner, max_size=4),
    ),  # fmt: skip
    max_leaves=12,
)
record = st.dictionaries(st.sampled_from(TEXT_COLUMNS + OTHER_COLUMNS), json_values, max_size=6)


def _csv(header: list[str], rows: list[list[str]], delim: str, eol: str, quote_all: bool) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delim, lineterminator=eol,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)  # fmt: skip
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


csv_text = st.builds(
    _csv,
    st.lists(st.sampled_from(TEXT_COLUMNS + OTHER_COLUMNS), max_size=6),
    st.lists(st.lists(cells, max_size=6), max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
jsonl_text = st.lists(record, max_size=8).map(
    lambda rs: "\n".join(json.dumps(r, ensure_ascii=False, allow_nan=True) for r in rs)
)
json_text = st.one_of(
    st.lists(record, max_size=8).map(lambda rs: json.dumps(rs, allow_nan=True)),
    st.lists(record, max_size=6).map(
        lambda rs: json.dumps(
            {
                "tickets": [
                    dict(r, via={"channel": "web"}, subject="s", description=r.get("text", "d"))
                    for r in rs
                ]
            },
            allow_nan=True,
        )
    ),  # fmt: skip
    json_values.map(lambda v: json.dumps(v, allow_nan=True)),
)


def _email(subject: str, body: str, charset: str, html: bool, mbox: bool) -> str:
    kind = "html" if html else "plain"
    head = "From a@example.com Sat Nov  7 00:00:00 2026\n" if mbox else ""
    return (f"{head}From: =?utf-8?b?w6k=?= <x@example.com>\nSubject: {subject}\n"
            f"Message-ID: <{subject[:10]}@example.com>\nDate: {body[:20]}\n"
            f"Content-Type: text/{kind}; charset={charset}\n\n{body}\n")  # fmt: skip


email_text = st.builds(_email, cells, cells, st.sampled_from(["utf-8", "gb2312", "x-bogus", ""]),
                       st.booleans(), st.booleans())  # fmt: skip


@st.composite
def reader_inputs(draw: st.DrawFn) -> tuple[bytes, str, str | None, bool]:
    kind = draw(st.sampled_from(["csv", "jsonl", "json", "email"]))
    text = draw(
        {"csv": csv_text, "jsonl": jsonl_text, "json": json_text, "email": email_text}[kind]
    )
    encoding = draw(st.sampled_from(ENCODINGS)) if kind != "json" else "utf-8"
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")
    if draw(st.booleans()):  # mutate the bytes
        ops = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, max(len(data), 1)),
                                      st.binary(max_size=8)), max_size=4))  # fmt: skip
        for op, pos, blob in ops:
            if op == 0:
                data = data[:pos] + blob + data[pos:]
            elif op == 1:
                data = data[:pos]
            elif op == 2:
                data = data[:pos] + data[pos + len(blob) :]
            else:
                data = codecs.BOM_UTF16_LE + data if pos % 2 else data + b"\xff" * len(blob)
    suffix = draw(st.sampled_from([".csv", ".tsv", ".jsonl", ".json", ".eml", ".mbox", ".txt"]))
    fmt = draw(st.sampled_from([None, None, None, "csv", "tsv", "jsonl", "json", "zendesk",
                                "freshdesk", "intercom", "eml", "mbox"]))  # fmt: skip
    return data, suffix, fmt, draw(st.booleans())


# --- properties ---------------------------------------------------------------------------------


def check_reader(tally: Tally, budget: float, folder: Path, example) -> None:
    from kbgen.errors import InputError
    from kbgen.read.ingest import iter_records

    data, suffix, fmt, skip = example
    path = folder / f"export{suffix}"
    path.write_bytes(data)
    sample = f"# fmt={fmt} skip={skip} suffix={suffix}\n".encode() + data
    start = time.perf_counter()
    try:
        for rec in iter_records(path, fmt=fmt, skip_bad_rows=skip):
            for name in ("text", "id", "answer"):
                value = getattr(rec, name)
                if value is None and name != "text":
                    continue
                if not isinstance(value, str):
                    tally.fail(f"record {name} not str", sample, repr(value)[:200])
                    continue
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    tally.fail(f"record {name} not valid unicode", sample, repr(value)[:200])
                if "\x00" in value:
                    tally.fail(f"record {name} has NUL", sample)
            if rec.time is not None and not isinstance(rec.time, datetime):
                tally.fail("record time not datetime", sample, repr(rec.time)[:200])
    except InputError as exc:
        if "\n" in str(exc) or not str(exc).strip():
            tally.fail("InputError not one line", sample, str(exc)[:300])
    except Exception as exc:  # anything else escaping is the failure we look for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        tally.fail(f"{type(exc).__name__} escaped ({Path(where.filename).name}:{where.lineno})",
                   sample, repr(exc)[:300])  # fmt: skip
    seconds = time.perf_counter() - start
    tally.timed(seconds, f"{len(data)} bytes, fmt={fmt}")
    if seconds > budget:
        tally.fail("over the time budget", sample, f"{seconds:.2f}s")


TAGS = ["<p>", "</p>", "<br>", "<a href='x'>", "</a>", "<script>", "</script>", "<style", "<!--",
        "-->", "&amp;", "&#64;", "<", ">", '"', "text"]  # fmt: skip
# One pathological run per example at most (20,000 repetitions: a few seconds for a quadratic
# parser, milliseconds for a linear one), so a slow build cannot stall the whole run.
blob = st.builds(lambda tok, n: tok * n, st.sampled_from(PATHOLOGICAL), st.integers(1, 20000))
html_soup = st.builds(
    lambda head, run, tail: "".join(head) + run + "".join(tail),
    st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=8),
    st.one_of(st.just(""), blob),
    st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=20)), max_size=4),
)


def check_html(tally: Tally, budget: float, text: str) -> None:
    from kbgen.read.helpdesk import html_to_text

    start = time.perf_counter()
    try:
        out = html_to_text(text)
        if not isinstance(out, str):
            tally.fail("html_to_text not str", text.encode("utf-8", "surrogatepass"))
    except Exception as exc:
        tally.fail(f"{type(exc).__name__} escaped", text.encode("utf-8", "surrogatepass"),
                   repr(exc)[:300])  # fmt: skip
    seconds = time.perf_counter() - start
    tally.timed(seconds, f"{len(text)} chars")
    if seconds > budget:
        tally.fail("over the time budget", text[:5000].encode("utf-8", "surrogatepass"),
                   f"{seconds:.2f}s for {len(text)} chars")  # fmt: skip


INSERTED = {"email": pii.emails, "phone": pii.phones, "card": pii.cards}
context = st.one_of(
    st.sampled_from([b for lang in pii.LANGS for b in pii.BASE[lang]]),
    st.text(max_size=30),
    st.builds(lambda tok, n: tok * n, st.sampled_from(PATHOLOGICAL), st.integers(1, 10000)),
)


@st.composite
def redactor_inputs(draw: st.DrawFn) -> tuple[str, pii.Pii | None]:
    before, after = draw(context), draw(context)
    if draw(st.integers(0, 4)) == 0:
        return f"{before} {after}", None
    kind = draw(st.sampled_from(sorted(INSERTED)))
    lang = draw(st.sampled_from(pii.LANGS))
    items = INSERTED[kind](Random(draw(st.integers(0, 2**32))), lang)
    item = draw(st.sampled_from(items))
    # words on both sides, so a digit run in the context cannot join the inserted value
    return f"{before} ok: {item.surface} thanks. {after}", item


def check_redactor(tally: Tally, budget: float, redactor, example) -> None:
    from kbgen.read.ingest import clean_text

    text, item = example
    text = clean_text(text)  # as every reader does before redaction (zero-width, controls)
    sample = text.encode("utf-8", "surrogatepass")
    note = f"{item.kind} {item.lang} {item.form}" if item else ""
    start = time.perf_counter()
    try:
        once = redactor.redact(text).text
    except Exception as exc:
        tally.fail(f"{type(exc).__name__} escaped", sample, repr(exc)[:300])
        return
    seconds = time.perf_counter() - start
    tally.timed(seconds, f"{len(text)} chars {note}")
    if seconds > budget:
        tally.fail("over the time budget", sample[:5000], f"{seconds:.2f}s for {len(text)} chars")
    if len(once) > max(2 * len(text), len(text) + 64):
        tally.fail("output grew", sample, f"{len(text)} -> {len(once)}")
    if len(text) < 20_000:  # idempotence on the long runs would only re-measure the time
        twice = redactor.redact(once).text
        if twice != once:
            tally.fail("not idempotent", sample, f"{once[:200]!r} -> {twice[:200]!r}")
    if item is not None:
        tally.tried[item.kind] += 1
        if pii.leaked([once], [item]):
            tally.fail(f"{item.kind} survived", sample, f"{note}: {once[:300]!r}")
            tally.forms[f"{item.kind} survived", f"{item.lang} {item.form}"] += 1


# --- driver -------------------------------------------------------------------------------------


def drive(strategy: st.SearchStrategy, check: Callable[[object], None], seconds: float) -> None:
    """Feed examples to `check` until the time is up, 25 at a time (no shrinking: failures are
    counted, not minimised)."""
    stop = time.monotonic() + seconds
    fuzz = settings(max_examples=25, deadline=None, database=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck))(given(strategy)(check))  # fmt: skip
    while time.monotonic() < stop:
        fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="total time (120)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per example (1.0)")
    parser.add_argument("--out", type=Path, help="where failing inputs go (default: temp)")
    args = parser.parse_args(argv)
    from kbgen.privacy.redact import Redactor

    out = args.out or Path(tempfile.mkdtemp(prefix="kbgen-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    redactor = Redactor()
    tallies = [Tally("readers"), Tally("html_to_text"), Tally("redactor")]
    shares = [0.5, 0.1, 0.4]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def reader(example) -> None:
            tallies[0].examples += 1
            check_reader(tallies[0], args.budget, folder, example)

        def html(text) -> None:
            tallies[1].examples += 1
            check_html(tallies[1], args.budget, text)

        def redact(example) -> None:
            tallies[2].examples += 1
            check_redactor(tallies[2], args.budget, redactor, example)

        for (strategy, check), share in zip(
            [(reader_inputs(), reader), (html_soup, html), (redactor_inputs(), redact)], shares
        ):
            drive(strategy, check, args.seconds * share)
    total = 0
    print(f"fuzz: {time.perf_counter() - start:.0f}s, per-example budget {args.budget:.1f}s")
    for t in tallies:
        failed = sum(t.failures.values())
        total += failed
        print(f"\n{t.name}: {t.examples} examples, {failed} failures, "
              f"slowest {t.slowest:.2f}s ({t.slowest_what})")  # fmt: skip
        for prop, n in t.failures.most_common():
            kind = prop.split()[0]
            of = f" of {t.tried[kind]} inserted" if prop.endswith("survived") else ""
            print(f"  {n:>6}  {prop}{of}")
            forms = Counter({f: c for (p, f), c in t.forms.items() if p == prop})
            if forms:
                print("          " + ", ".join(f"{f} {c}" for f, c in forms.most_common(12)))
            for i, sample in enumerate(t.samples.get(prop, [])):
                safe = "".join(c if c.isalnum() else "_" for c in prop)[:60]
                (out / f"{t.name}-{safe}-{i}.txt").write_bytes(sample)
    print(f"\nfailing inputs: {out}" if total else "\nno failures")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
