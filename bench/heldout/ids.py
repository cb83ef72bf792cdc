"""Planted ids in company B's personal-data pieces that survive redaction, per field.

Every piece of company_b.py's ``pii`` family that plants one id (a LINE / WeChat / QQ / 旺旺 id,
a parcel code, an account or order number) is filled ``--draws`` times with a fixed seed and
redacted; a value counts as leaked when it is still in the output, and its mask is shown.

    PYTHONPATH=. .venv/bin/python bench/heldout/ids.py [--draws 200] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from company_b import INVENTORY, _fill  # noqa: E402

from kbgen.privacy.redact import Redactor  # noqa: E402

FIELDS = {
    "line",
    "line_plain",
    "qq",
    "wxid",
    "kerry",
    "flash",
    "sf",
    "jt",
    "auspost",
    "d12",
    "order",
    "acct_th",
}
_FIELD = re.compile(r"\{(\w+)\}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    redactor = Redactor()
    rng = random.Random(args.seed)
    leaked: dict[tuple[str, str], int] = Counter()
    total: dict[tuple[str, str], int] = Counter()
    masks: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    examples: list[str] = []
    for lang, families in INVENTORY.items():
        for template in families.get("pii", ("", []))[1]:
            fields = _FIELD.findall(template)
            if len(fields) != 1 or fields[0] not in FIELDS:
                continue
            head, tail = template.split("{" + fields[0] + "}")
            key = (lang, template)
            for _ in range(args.draws):
                text = _fill(template, rng, lang)
                value = text[len(head) : len(text) - len(tail)]
                out = redactor.redact(text)
                total[key] += 1
                masks[key].update(out.counts)
                if value in out.text:
                    leaked[key] += 1
                    if len(examples) < 12:
                        examples.append(f"{text!r} -> {out.text!r}")
    print(f"planted ids in company-B pieces, {args.draws} draws each, seed {args.seed}\n")
    print("| lang | piece | leaked | masks |")
    print("|---|---|---:|---|")
    for key in total:
        kinds = ", ".join(f"{k} {v}" for k, v in masks[key].most_common())
        print(f"| {key[0]} | `{key[1]}` | {leaked[key]}/{total[key]} | {kinds} |")
    print(f"\nall: {sum(leaked.values())}/{sum(total.values())} leaked")
    for line in examples:
        print("leak:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
