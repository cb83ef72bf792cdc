"""The audit corpus: ticket files and CLI cases, generated from a seed (nothing is stored).

``build(seed)`` returns the cases; the runner writes each case's files into its own folder.
Families: ``hostile`` (broken or malicious files), ``paths`` (odd paths, pipes, FIFOs),
``env`` (KBGEN_HOME unusable, current folder gone), ``state`` (caches and saved state damaged
between two runs) and ``pii`` (personal data in realistic tickets, in four languages).
"""

from __future__ import annotations

import csv
import io
import json
from random import Random

import pii
from cases import Case, Step

# Four recurring questions per language, four wordings each, so small files still form issues.
QUESTIONS = {
    "en": [
        [
            "How do I reset my password?",
            "I forgot my password, how can I reset it",
            "password reset link does not work",
            "Can't log in, need to reset my password",
        ],
        [
            "Where is my parcel?",
            "my parcel has not arrived yet",
            "parcel still not delivered",
            "When will my parcel arrive?",
        ],
        [
            "How do I cancel my subscription?",
            "cancel my subscription please",
            "I want to cancel the subscription",
            "how to stop my subscription",
        ],
        [
            "Can I change my delivery address?",
            "need to change the delivery address",
            "wrong delivery address on my order",
            "update delivery address after ordering",
        ],
    ],
    "zh-Hans": [
        ["怎么重置密码？", "忘记密码了怎么重置", "重置密码的链接打不开", "登录不了，需要重置密码"],
        ["我的包裹到哪里了？", "包裹还没有到", "包裹一直没有送到", "包裹什么时候能到？"],
        ["怎么取消订阅？", "请帮我取消订阅", "我想取消订阅服务", "如何停止订阅"],
        [
            "可以修改收货地址吗？",
            "需要修改收货地址",
            "订单的收货地址填错了",
            "下单后怎么改收货地址",
        ],
    ],
    "zh-Hant": [
        ["怎麼重設密碼？", "忘記密碼了怎麼重設", "重設密碼的連結打不開", "登入不了，需要重設密碼"],
        ["我的包裹到哪裡了？", "包裹還沒有到", "包裹一直沒有送到", "包裹什麼時候會到？"],
        ["怎麼取消訂閱？", "請幫我取消訂閱", "我想取消訂閱服務", "如何停止訂閱"],
        [
            "可以修改收件地址嗎？",
            "需要修改收件地址",
            "訂單的收件地址填錯了",
            "下單後怎麼改收件地址",
        ],
    ],
    "th": [
        [
            "รีเซ็ตรหัสผ่านยังไง",
            "ลืมรหัสผ่าน จะรีเซ็ตได้อย่างไร",
            "ลิงก์รีเซ็ตรหัสผ่านใช้ไม่ได้",
            "เข้าสู่ระบบไม่ได้ ต้องรีเซ็ตรหัสผ่าน",
        ],
        ["พัสดุของฉันอยู่ที่ไหน", "พัสดุยังไม่มาส่งเลย", "พัสดุยังไม่ถึงค่ะ", "พัสดุจะมาถึงเมื่อไหร่"],
        [
            "ยกเลิกการสมัครสมาชิกยังไง",
            "ช่วยยกเลิกสมาชิกให้หน่อย",
            "อยากยกเลิกการสมัครสมาชิก",
            "จะหยุดการสมัครสมาชิกได้อย่างไร",
        ],
        ["เปลี่ยนที่อยู่จัดส่งได้ไหม", "ต้องการเปลี่ยนที่อยู่จัดส่ง", "ที่อยู่จัดส่งในคำสั่งซื้อผิด", "สั่งซื้อแล้วแก้ที่อยู่จัดส่งได้ไหม"],
    ],
}
LANG_CODES = {"en": "en", "zh-Hans": "zhs", "zh-Hant": "zht", "th": "th"}


def questions(rng: Random, lang: str, n: int) -> list[str]:
    pool = [q for intent in QUESTIONS[lang] for q in intent]
    return [pool[i % len(pool)] if i < len(pool) else rng.choice(pool) for i in range(n)]


def rows(rng: Random, lang: str, n: int = 16) -> list[dict[str, str]]:
    return [
        {"ticket_id": f"T{i:03d}", "question": q, "created_at": f"2026-11-{1 + i % 28:02d}"}
        for i, q in enumerate(questions(rng, lang, n))
    ]


def to_csv(records: list[dict[str, object]], *, delimiter: str = ",", header: bool = True) -> str:
    out = io.StringIO()
    columns = list(dict.fromkeys(k for r in records for k in r))
    writer = csv.DictWriter(out, columns, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def suggest(path: str, *extra: str, write: bool = True) -> list[str]:
    """The suggest command every file case runs: JSON out, assignments, drafts."""
    args = ["suggest", path, "-q", "-f", "json", "--assignments", "out/assignments.jsonl"]
    args += ["--min-size", "3", "--content", "content"]
    return args + (["--write"] if write else []) + list(extra)


def file_case(
    cid: str,
    family: str,
    kind: str,
    lang: str,
    name: str,
    data: bytes | str,
    *extra: str,
    expect: str = "any",
    items: list[pii.Pii] | None = None,
    site: bool = False,
) -> Case:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Case(
        id=cid,
        family=family,
        type=kind,
        lang=lang,
        steps=[Step(suggest(name, *extra))],
        files={name: body},
        pii=items or [],
        expect=expect,
        site=site,
    )


def build(seed: int = 13) -> list[Case]:
    import damage
    import hostile

    rng = Random(seed)
    cases: list[Case] = []
    cases += hostile.cases(rng)
    cases += damage.path_cases(rng)
    cases += damage.env_cases(rng)
    cases += damage.state_cases(rng)
    cases += pii_cases(rng)
    seen: set[str] = set()
    for case in cases:
        assert case.id not in seen, case.id
        seen.add(case.id)
    return cases


# --- personal data ------------------------------------------------------------------------------


def _spread(items: list[pii.Pii], rng: Random, lang: str, fmt: str) -> tuple[str, bytes]:
    """A ticket file in FORMAT: one row per item, plus a few plain questions."""
    records: list[dict[str, object]] = []
    for i, item in enumerate(items):
        records.append(
            {
                "ticket_id": f"P{i:03d}",
                "question": item.surface,
                "created_at": f"2026-11-{1 + i % 28:02d}",
            }
        )
    for i, q in enumerate(questions(rng, lang, 4)):
        records.append({"ticket_id": f"Q{i:03d}", "question": q, "created_at": "2026-11-20"})
    if fmt == "csv":
        return "tickets.csv", to_csv(records).encode()
    if fmt == "jsonl":
        return "tickets.jsonl", to_jsonl(records).encode()
    tickets = [
        {
            "id": r["ticket_id"],
            "subject": "",
            "description": r["question"],
            "via": {"channel": "web"},
            "created_at": f"{r['created_at']}T10:00:00Z",
            "status": "open",
        }
        for r in records
    ]
    return "zendesk.json", json.dumps({"tickets": tickets}, ensure_ascii=False).encode()


def _placed(rng: Random, lang: str) -> tuple[list[pii.Pii], bytes]:
    """Personal data outside the question text: ticket ids, agent answers (HTML entities)."""
    items: list[pii.Pii] = []
    records = []
    base = pii.BASE[lang]
    for i in range(8):
        local = f"{pii.token(rng, 2)}.{pii.token(rng, 2)}"
        mail = f"{local}@{rng.choice(['mail.example', 'inbox.example'])}"
        needles = tuple(pii.alnum_view(p) for p in local.split("."))
        nsn = "81" + "".join(str(rng.randint(0, 9)) for _ in range(7))
        card = pii.luhn_complete("4", 16, rng)
        if i % 4 == 0:  # the ticket id is an e-mail address
            tid = mail
            items.append(pii.Pii("email", lang, "as-ticket-id", mail, needles, where="id"))
        elif i % 4 == 1:  # the ticket id is a phone number
            tid = f"+66{nsn}"
            items.append(pii.Pii("phone", lang, "as-ticket-id", tid, (), (nsn,), where="id"))
        else:
            tid = f"Z{i:03d}"
        if i % 2 == 0:  # the answer carries entity-encoded data
            encoded_mail = mail.replace("@", "&#64;").replace(".", "&#46;")
            encoded_card = "&#32;".join(card[j : j + 4] for j in range(0, 16, 4))
            answer = f"We wrote to {encoded_mail} and refunded card {encoded_card}."
            items.append(
                pii.Pii("email", lang, "answer-entities", encoded_mail, needles, where="answer")
            )
            items.append(
                pii.Pii("card", lang, "answer-entities", encoded_card, (), (card,), where="answer")
            )
        else:
            answer = "We have refunded you; it takes 5 to 10 working days."
        records.append(
            {
                "id": tid,
                "question": rng.choice(base),
                "created_at": f"2026-11-{1 + i:02d}",
                "answer": answer,
            }
        )
    return items, to_jsonl(records).encode()


def _mbox(rng: Random, lang: str) -> tuple[list[pii.Pii], bytes]:
    """An mbox whose headers (From, Message-ID, Subject) and bodies carry personal data."""
    items: list[pii.Pii] = []
    messages = []
    for i in range(6):
        name, name_needles = pii.person(rng, lang)
        local = f"{pii.token(rng, 2)}.{pii.token(rng, 2)}"
        needles = tuple(pii.alnum_view(p) for p in local.split("."))
        items.append(
            pii.Pii("email", lang, "mbox-from-and-message-id", local, needles, where="header")
        )
        signoff = pii.signoff(rng, lang, i)
        items.append(
            pii.Pii(
                "name", lang, f"mbox-{signoff.form}", signoff.surface, signoff.alnum, where="text"
            )
        )
        subject_item = pii.intro(rng, lang, i)
        items.append(
            pii.Pii(
                "name",
                lang,
                "mbox-subject-intro",
                subject_item.surface,
                subject_item.alnum,
                where="subject",
            )
        )
        from email.header import Header

        subject = Header(subject_item.surface.replace("\n", " "), "utf-8").encode()
        from_name = Header(name, "utf-8").encode()
        body = signoff.surface.replace("\n", "\r\n")
        messages.append(
            f"From {local}@mail.example Mon Nov  2 10:0{i}:00 2026\n"
            f"From: {from_name} <{local}@mail.example>\n"
            f"Message-ID: <{local}.{i}@mail.example>\n"
            f"Date: Mon, 2 Nov 2026 10:0{i}:00 +0000\n"
            f"Subject: {subject}\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n"
            f"{body}\n\n"
        )
        items.append(pii.Pii("name", lang, "mbox-from-name", name, name_needles, where="header"))
    return items, "".join(messages).encode()


def pii_cases(rng: Random) -> list[Case]:
    cases: list[Case] = []
    formats = ["jsonl", "csv", "zendesk"]
    for lang in pii.LANGS:
        code = LANG_CODES[lang]
        for n, (kind, make) in enumerate(pii.GENERATORS.items()):
            items = make(rng, lang)
            fmt = "jsonl" if kind == "name" else formats[(n + len(cases)) % len(formats)]
            name, data = _spread(items, rng, lang, fmt)
            cases.append(
                file_case(
                    f"pii-{kind}-{code}",
                    "pii",
                    kind,
                    lang,
                    name,
                    data,
                    expect="ok",
                    items=items,
                    site=True,
                )
            )
        items, data = _placed(rng, lang)
        cases.append(
            file_case(
                f"pii-placed-{code}",
                "pii",
                "ids-answers",
                lang,
                "tickets.jsonl",
                data,
                expect="ok",
                items=items,
                site=True,
            )
        )
        items, data = _mbox(rng, lang)
        cases.append(
            file_case(
                f"pii-mbox-{code}",
                "pii",
                "mbox-headers",
                lang,
                "mail.mbox",
                data,
                expect="ok",
                items=items,
                site=True,
            )
        )
    return cases
