"""Hostile and broken ticket files: each becomes one `suggest` case (family ``hostile``)."""

from __future__ import annotations

import codecs
import json
import zlib
from random import Random

import pii
from cases import Case
from corpus import LANG_CODES, QUESTIONS, file_case, questions, rows, to_csv, to_jsonl


def _langs(rng: Random, n: int) -> list[str]:
    """n languages, cycling from a seeded start so every type is seen in several languages."""
    start = rng.randrange(4)
    return [pii.LANGS[(start + i) % 4] for i in range(n)]


def cases(rng: Random) -> list[Case]:
    out: list[Case] = []

    def add(kind: str, lang: str, name: str, data: bytes | str, *extra: str, **kw) -> None:
        cid = f"hostile-{kind}-{LANG_CODES[lang]}"
        n = sum(1 for c in out if c.id.startswith(cid))
        out.append(
            file_case(
                f"{cid}{'-' + str(n) if n else ''}", "hostile", kind, lang, name, data, *extra, **kw
            )
        )

    # empty and near-empty files, binary data
    for lang, (name, data) in zip(
        _langs(rng, 4),
        [
            ("t.csv", b""),
            ("t.jsonl", b"\n\n  \n"),
            ("t.json", b"\xef\xbb\xbf"),
            ("t.csv", b"\r\n"),
        ],
    ):
        add("empty", lang, name, data, expect="error")
    for lang in _langs(rng, 2):
        blob = bytes(rng.randrange(256) for _ in range(4096))
        add("binary", lang, "t.csv", blob, expect="error")
    lang = _langs(rng, 1)[0]
    gz = zlib.compress(to_csv(rows(rng, lang)).encode())
    add("compressed", lang, "t.csv", gz, expect="error")

    # a huge field, huge integers and non-finite numbers where times go
    for lang in _langs(rng, 2):
        big = rows(rng, lang, 8)
        big[0]["question"] = questions(rng, lang, 1)[0] + " " + "x" * 3_000_000
        add("huge-field", lang, "t.csv", to_csv(big))
    for i, lang in enumerate(_langs(rng, 4)):
        recs = rows(rng, lang, 10)
        if i == 0:  # CSV: a 400-digit time
            recs[1]["created_at"] = "1" + "0" * 400
            add("huge-int-time", lang, "t.csv", to_csv(recs))
        elif i == 1:  # JSON number
            text = to_jsonl(recs).replace('"2026-11-02"', "1" + "0" * 400)
            add("huge-int-time", lang, "t.jsonl", text)
        elif i == 2:  # negative and exponent forms
            text = (
                to_jsonl(recs).replace('"2026-11-02"', "-9" * 200).replace('"2026-11-03"', "1e400")
            )
            add("huge-int-time", lang, "t.jsonl", text)
        else:  # Zendesk
            tickets = [
                {
                    "id": j,
                    "subject": r["question"],
                    "description": r["question"],
                    "via": {"channel": "web"},
                    "created_at": 10**30 if j else 10**400,
                }
                for j, r in enumerate(recs)
            ]
            add("huge-int-time", lang, "zendesk.json", json.dumps({"tickets": tickets}))
    for lang in _langs(rng, 2):
        recs = rows(rng, lang, 10)
        text = to_jsonl(recs).replace('"2026-11-02"', "NaN").replace('"2026-11-03"', "Infinity")
        text = text.replace('"2026-11-04"', "-Infinity")
        add("nan-inf", lang, "t.jsonl", text + '{"question": NaN}\n{"question": Infinity}\n')

    # text that is not valid Unicode or not UTF-8
    for lang in _langs(rng, 3):
        recs = rows(rng, lang, 10)
        text = to_jsonl(recs)
        lines = text.splitlines()
        lines[2] = lines[2].replace('"question": "', '"question": "\\ud83d ')
        lines[3] = lines[3].replace('"ticket_id": "', '"ticket_id": "\\udfff')
        lines.append('{"question": "\\udc80 refund?", "answer": "x\\ud800"}')
        add("lone-surrogate", lang, "t.jsonl", "\n".join(lines) + "\n")
    lang = _langs(rng, 1)[0]
    add(
        "lone-surrogate-cesu",
        lang,
        "t.csv",
        to_csv(rows(rng, lang, 10)).encode() + b"10,\xed\xa0\xbd\xed\xb8\x80 refund\n",
    )
    for i, lang in enumerate(_langs(rng, 4)):
        good = to_csv(rows(rng, lang, 12)).encode()
        bad = [
            good[:60] + b"\xff\xfe\xc3" + good[60:],  # invalid bytes early
            good + "12,wrong encoding é\n".encode("latin-1"),  # a cp1252 line late
            good[:-2] + b"\xe4\xb8",  # cut inside a character at the end
            good + b"13,overlong \xc0\xaf slash\n",
        ]
        add("bad-utf8", lang, "t.csv", bad[i])
        add("bad-utf8", lang, "t.csv", bad[i], "--skip-bad-rows")

    # other encodings, with and without a byte order mark
    for lang in _langs(rng, 2):
        text = to_csv(rows(rng, lang, 10))
        for enc, bom in [
            ("utf-16-le", codecs.BOM_UTF16_LE),
            ("utf-16-be", codecs.BOM_UTF16_BE),
            ("utf-32-le", codecs.BOM_UTF32_LE),
            ("utf-32-be", codecs.BOM_UTF32_BE),
        ]:
            add(f"{enc[:6]}-bom", lang, "t.csv", bom + text.encode(enc), expect="ok")
            if lang in ("zh-Hans", "th"):
                add(f"{enc[:6]}-nobom", lang, "t.csv", text.encode(enc))
    for lang in ("zh-Hans", "zh-Hant"):
        text = to_csv(rows(rng, lang, 12))
        add("gb18030", lang, "t.csv", text.encode("gb18030"))
        add("big5", lang, "t.csv", text.encode("big5", "replace"))
        mixed = b"".join(
            line.encode("gb18030" if i % 2 else "big5", "replace") + b"\n"
            for i, line in enumerate(text.splitlines())
        )
        add("gb18030-big5-mixed", lang, "t.csv", mixed)
    lang = "th"
    add("tis620", lang, "t.csv", to_csv(rows(rng, lang, 10)).encode("cp874"))

    # line endings, NUL bytes
    lang_a, lang_b, lang_c = _langs(rng, 3)
    text = to_csv(rows(rng, lang_a, 10))
    add("crlf", lang_a, "t.csv", text.replace("\n", "\r\n"), expect="ok")
    add("cr-only", lang_b, "t.csv", text.replace("\n", "\r"))
    add("mixed-eol", lang_c, "t.jsonl", to_jsonl(rows(rng, lang_c, 10)).replace("\n", "\r\n", 4))
    text = to_csv(rows(rng, lang_b, 10))
    add("nul-bytes", lang_b, "t.csv", text.replace("?", "?\x00").replace(",", ",\x00", 3))
    add("nul-bytes", lang_c, "t.jsonl", to_jsonl(rows(rng, lang_c, 8)) + "\x00" * 2000)

    # JSON shapes
    lang = _langs(rng, 1)[0]
    add("deep-json", lang, "t.json", "[" * 200_000 + "]" * 200_000, expect="error")
    add(
        "deep-json",
        lang,
        "t.jsonl",
        to_jsonl(rows(rng, lang, 6)) + '{"question": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
    )
    add(
        "deep-json",
        lang,
        "t.json",
        json.dumps(
            [{"question": [[[[["where is my parcel"]]]]], "id": {"x": [1, {"y": None}]}}] * 6
        ),
    )
    for lang in _langs(rng, 1):
        odd = [1, 2.5, True, False, None, [], {}, ["a", "b"], {"text": "nested"}, 10**30, "", " "]
        recs = [{"ticket_id": i, "question": v, "created_at": v} for i, v in enumerate(odd)]
        recs += [
            {"ticket_id": r["ticket_id"], "question": r["question"]} for r in rows(rng, lang, 8)
        ]
        add("json-non-text", lang, "t.jsonl", to_jsonl(recs))
        add("json-non-text", lang, "t.json", json.dumps(recs))
    lang = _langs(rng, 1)[0]
    add("json-scalar-doc", lang, "t.json", "42", expect="error")
    add("json-scalar-doc", lang, "t.json", '"just a string"', expect="error")
    add(
        "json-dup-keys",
        lang,
        "t.jsonl",
        '{"question": "a", "question": "where is my parcel", "question": 5}\n' * 6,
    )

    # CSV shapes
    for lang in pii.LANGS:
        person = pii.emails(rng, lang)[0]
        phone = pii.phones(rng, lang)[0]
        first = {
            "ticket_id": "T900",
            "question": f"{person.surface}; {phone.surface}",
            "created_at": "2026-11-01",
        }
        text = to_csv([first, *rows(rng, lang, 10)], header=False)
        add("csv-no-header", lang, "t.csv", text, items=[person, phone])
    for lang, (name, delimiter) in zip(
        _langs(rng, 3), [("t.csv", ";"), ("t.tsv", ","), ("t.csv", "|")]
    ):
        add("wrong-delimiter", lang, name, to_csv(rows(rng, lang, 10), delimiter=delimiter))
    lang_a, lang_b = _langs(rng, 2)
    lines = to_csv(rows(rng, lang_a, 12)).splitlines()
    lines[3] = lines[3].replace(",", ',"', 1)
    add("unterminated-quote", lang_a, "t.csv", "\n".join(lines) + "\n")
    text = to_csv(rows(rng, lang_b, 12))
    add("unterminated-quote", lang_b, "t.csv", text + 'T999,"never closed ' + "y" * 5000)
    lang = _langs(rng, 1)[0]
    add(
        "ragged-rows",
        lang,
        "t.csv",
        "ticket_id,question\n1,a,b,c,d\n2\n3,where is my parcel,extra\n"
        + to_csv(rows(rng, lang, 8), header=False),
    )
    add(
        "duplicate-columns",
        lang,
        "t.csv",
        "question,question,question\n" + "\n".join(f"q{i},where is my parcel,x" for i in range(8)),
    )

    # repetition (a small file that expands a lot), long lines
    lang_a, lang_b, lang_c = _langs(rng, 3)
    add("repetition", lang_a, "t.jsonl", to_jsonl(rows(rng, lang_a, 4) * 5000))
    line = "where is my parcel " * 150_000
    add(
        "long-line",
        lang_b,
        "t.jsonl",
        to_jsonl(rows(rng, lang_b, 6)) + json.dumps({"question": line, "ticket_id": "L1"}) + "\n",
    )
    add(
        "long-line",
        lang_c,
        "t.csv",
        "ticket_id,question,"
        + ",".join(f"c{i}" for i in range(50_000))
        + "\n"
        + to_csv(rows(rng, lang_c, 6), header=False),
    )

    # pathological HTML in helpdesk exports, digit runs in questions
    html_kinds = {
        "script-run": "<script" * 60_000,
        "anchor-run": "<a " * 80_000,
        "open-tag-run": "<div><span>" * 30_000,
        "comment-unclosed": "<!--" + "<a href=x>" * 30_000,
        "attr-unclosed": '<a href="' + "x" * 300_000,
    }
    for (kind, blob), lang in zip(html_kinds.items(), _langs(rng, 5)):
        qs = questions(rng, lang, 8)
        tickets = [
            {
                "id": i,
                "subject": q,
                "description": f"<p>{q}</p>" + (blob if i == 0 else ""),
                "via": {"channel": "email"},
                "created_at": "2026-11-02T10:00:00Z",
            }
            for i, q in enumerate(qs)
        ]
        add(f"html-{kind}", lang, "zendesk.json", json.dumps({"tickets": tickets}))
    lang = _langs(rng, 1)[0]
    fd = [
        {
            "Ticket ID": i,
            "Subject": q,
            "Description": ("<a " * 60_000 if i == 0 else q),
            "Status": "Open",
            "Priority": "Low",
            "Created time": "2026-11-02 10:00:00",
        }
        for i, q in enumerate(questions(rng, lang, 8))
    ]
    add("html-anchor-run-freshdesk", lang, "freshdesk.csv", to_csv(fd))
    runs = {"dash": "1-" * 500_000, "space": "1 " * 500_000, "thai": "๑-" * 300_000}
    for (kind, blob), lang in zip(runs.items(), _langs(rng, 3)):
        recs = rows(rng, lang, 8)
        recs[0]["question"] = QUESTIONS[lang][1][0] + " " + blob
        add(f"digit-run-{kind}", lang, "t.jsonl", to_jsonl(recs))
    return out
