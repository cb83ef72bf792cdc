"""Benchmark: build a help site of N generated entries (mixed en / zh-Hans / zh-Hant / th).

    .venv/bin/python bench/bench_site.py [--entries 1000] [--embedder default|fake|none]

Prints the build time (total, and the related-questions embedding part), the number of pages
and the size of the search index. Targets (issue #4): under 30 s, index under 10 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

CATEGORIES = ["orders", "shipping-delivery", "returns-refunds", "billing-payments", "account"]
TOPICS = {
    "en": ["refund", "parcel", "password", "invoice", "order", "delivery", "voucher", "card"],
    "zh-Hans": ["退款", "包裹", "密码", "发票", "订单", "配送", "优惠券", "银行卡"],
    "zh-Hant": ["退款", "包裹", "密碼", "發票", "訂單", "配送", "優惠券", "信用卡"],
    "th": ["คืนเงิน", "พัสดุ", "รหัสผ่าน", "ใบแจ้งหนี้", "คำสั่งซื้อ", "จัดส่ง", "คูปอง", "บัตร"],
}
QUESTIONS = {
    "en": ["How do I change my {t}?", "Why is my {t} delayed?", "Where can I see my {t}?"],
    "zh-Hans": ["如何修改我的{t}？", "为什么我的{t}延迟了？", "在哪里查看我的{t}？"],
    "zh-Hant": ["如何修改我的{t}？", "為什麼我的{t}延遲了？", "在哪裡查看我的{t}？"],
    "th": ["เปลี่ยน{t}ได้อย่างไร", "ทำไม{t}ล่าช้า", "ดู{t}ได้ที่ไหน"],
}
SENTENCES = {
    "en": "Open your account, choose the {t} and follow the steps; it usually takes {n} days.",
    "zh-Hans": "请登录账户，选择{t}并按照提示操作，通常需要{n}个工作日。",
    "zh-Hant": "請登入帳戶，選擇{t}並依照提示操作，通常需要{n}個工作天。",
    "th": "เข้าสู่ระบบบัญชีของคุณ เลือก{t}แล้วทำตามขั้นตอน โดยปกติใช้เวลา{n}วันทำการ",
}


def generate(content: Path, n: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    langs = list(TOPICS)
    for i in range(n):
        lang = langs[i % len(langs)]
        topic = rng.choice(TOPICS[lang])
        title = rng.choice(QUESTIONS[lang]).format(t=topic) + f" #{i}"
        body = "\n\n".join(
            " ".join(
                SENTENCES[lang].format(t=rng.choice(TOPICS[lang]), n=rng.randint(1, 9))
                for _ in range(3)
            )
            for _ in range(rng.randint(2, 4))
        )
        also = [rng.choice(QUESTIONS[lang]).format(t=rng.choice(TOPICS[lang])) for _ in range(5)]
        meta = {
            "title": title,
            "status": "published",
            "category": rng.choice(CATEGORIES),
            "lang": lang,
            "kbgen": {"issue": f"i-{i:05d}", "questions": rng.randint(1, 500), "also_asked": also},
        }
        path = content / meta["category"] / f"entry-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n",
            encoding="utf-8",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--embedder", choices=["default", "fake", "none"], default="default")
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    args = parser.parse_args()

    from conftest_site import FakeEmbedder, make_project

    from kbgen.site import build_site

    root = Path(tempfile.mkdtemp(prefix="kbgen-bench-site-"))
    # a fresh KBGEN_HOME: the first build is cold (no embedding cache), the second warm
    os.environ["KBGEN_HOME"] = str(root / "kbgen-home")
    try:
        config = make_project(root)
        t0 = time.perf_counter()
        generate(root / "content", args.entries)
        print(
            f"entries:        {args.entries} (en, zh-Hans, zh-Hant, th in turn), "
            f"generated in {time.perf_counter() - t0:.1f} s"
        )
        print(f"embedder:       {args.embedder}")
        embedder = FakeEmbedder() if args.embedder == "fake" else None
        runs = []
        for label in ("cold", "warm"):
            result = build_site(
                root,
                config_file=config,
                strict=True,
                embedder=embedder,
                related=args.embedder != "none",
                quiet=True,
            )
            runs.append(result.seconds)
            print(f"build ({label}):   {result.seconds:.1f} s (strict, in-process)")
        mb = result.search_index_bytes / 1e6
        size = sum(p.stat().st_size for p in result.site_dir.rglob("*") if p.is_file()) / 1e6
        print(f"pages:          {result.pages}")
        indexes = sorted(result.site_dir.glob("**/search/search_index.json"))
        docs = sum(len(json.loads(p.read_text(encoding="utf-8"))["docs"]) for p in indexes)
        print(f"search index:   {mb:.2f} MB in {len(indexes)} languages ({docs} docs)")
        print(f"site size:      {size:.1f} MB")
        ok = max(runs) < 30 and mb < 10
        print("targets:        " + ("met" if ok else "NOT met") + " (< 30 s, index < 10 MB)")
        return 0 if ok else 1
    finally:
        if args.keep:
            print(f"project kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
