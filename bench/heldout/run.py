"""Score kbgen on a held-out "company B" export (company_b.py) next to the clean questions.

For each set, the clean questions and their company-B twins are written to JSONL under
bench/.cache/heldout and run through ``kbgen.pipeline.suggest`` (recluster), with KBGEN_HOME
bench/.cache/heldout/home and the embedding cache bench/.cache/heldout/embeddings.sqlite.
Issues are scored against gold with NMI / ARI (%), long tail / no-question rows and gold "other"
as singletons; multilingual sets also against each row's language (ARI, lower is better).

    .venv/bin/python bench/heldout/run.py                       # all sets, 1,500-row subsets
    .venv/bin/python bench/heldout/run.py --sets sample parallel --n 1500 --seed 0

Markdown on stdout, progress on stderr. Model files are shared with the main bench
(KBGEN_MODELS=bench/.cache/intent/home/models when that exists and KBGEN_MODELS is unset).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from company_b import CompanyB, Wrapped, detect_lang  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "heldout"
SHARED = ROOT.parent / "shared" / "data"
SETS = ["sample", "parallel", "banking77", "smp2017_zh", "bitext"]
MULTI = ("sample", "parallel")
_MASK = re.compile(r"<[A-Z][A-Z_]*>")


@dataclass
class Labelled:
    name: str
    texts: list[str]
    gold: list[str | None]  # None: gold "other" (scored as a singleton)
    langs: list[str]
    note: str = ""


def stratified(data: Labelled, n: int, seed: int = 0) -> Labelled:
    """n rows, each label in proportion (largest remainders), drawn with a fixed seed
    (the same rule as bench/bench_intent.py, so subsets match)."""
    if n >= len(data.texts):
        return data
    rng = np.random.default_rng(seed)
    by_label: dict[Any, list[int]] = defaultdict(list)
    for i, y in enumerate(data.gold):
        by_label[y].append(i)
    labels = sorted(by_label, key=str)
    share = {y: n * len(by_label[y]) / len(data.texts) for y in labels}
    quota = {y: int(share[y]) for y in labels}
    for y in sorted(labels, key=lambda y: -(share[y] - quota[y]))[: n - sum(quota.values())]:
        quota[y] += 1
    keep = sorted(
        int(i) for y in labels for i in rng.choice(by_label[y], size=quota[y], replace=False)
    )
    return Labelled(
        data.name,
        [data.texts[i] for i in keep],
        [data.gold[i] for i in keep],
        [data.langs[i] for i in keep],
        f"stratified {n} / {len(data.texts)} (seed {seed})",
    )


def load(name: str, n: int) -> Labelled:
    if name == "sample":
        with (ROOT / "examples" / "tickets_multilingual.csv").open(encoding="utf-8") as f:
            tickets = list(csv.DictReader(f))
        with (ROOT / "examples" / "tickets_multilingual.labels.csv").open(encoding="utf-8") as f:
            issue = {r["ticket_id"]: r["issue"] for r in csv.DictReader(f)}
        rows = [(t["question"].strip(), issue[t["ticket_id"]]) for t in tickets]
        rows = [(t, y) for t, y in rows if t]
        texts = [t for t, _ in rows]
        gold = [None if y == "other" else y for _, y in rows]
        return Labelled(name, texts, gold, [detect_lang(t) for t in texts])
    if name == "parallel":
        with (ROOT / "bench" / "data" / "parallel_4lang.jsonl").open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return Labelled(
            name, [r["text"] for r in rows], [r["intent"] for r in rows], [r["lang"] for r in rows]
        )
    if name == "bitext":
        with (ROOT / "examples" / "bitext_customer_support_en.csv").open(encoding="utf-8") as f:
            rows = [(r["instruction"].strip(), r["intent"]) for r in csv.DictReader(f)]
        lang = "en"
    else:
        with (SHARED / f"{name}.jsonl").open(encoding="utf-8") as f:
            rows = [(j["text"].strip(), j["label"]) for j in map(json.loads, f) if j]
        lang = {"banking77": "en", "smp2017_zh": "zh-Hans"}[name]
    rows = [(t, y) for t, y in rows if t]
    data = Labelled(name, [t for t, _ in rows], [y for _, y in rows], [lang] * len(rows))
    return stratified(data, n)


# --- running -------------------------------------------------------------------------------------


class StderrReporter:
    def note(self, message: str) -> None:
        print(f"    kbgen: {message}", file=sys.stderr)

    @contextlib.contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        t0 = time.perf_counter()
        yield lambda n: None
        print(f"    {label.lower()}: {total} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


def write_jsonl(path: Path, texts: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")


def run(path: Path, texts: list[str], cache: Any) -> tuple[np.ndarray, Any, float]:
    from kbgen.pipeline import SuggestOptions, suggest

    write_jsonl(path, texts)
    t0 = time.perf_counter()
    options = SuggestOptions(text_field="text", id_field="id", recluster=True)
    result = suggest(path, options, cache=cache, reporter=StderrReporter())
    secs = time.perf_counter() - t0
    pred = np.full(len(texts), -1, dtype=np.int64)
    rows = [q.row for q in result.questions]
    if sorted(rows) != list(range(len(texts))):
        raise SystemExit(f"{path}: suggest read {len(rows)} rows of {len(texts)}")
    for q, label in zip(result.questions, result.labels):
        pred[q.row] = label
    return pred, result, secs


def codes(values: list[Any]) -> np.ndarray:
    index: dict[Any, int] = {}
    return np.array([-1 if v is None else index.setdefault(v, len(index)) for v in values])


def singletons(labels: np.ndarray) -> np.ndarray:
    out = labels.copy()
    tail = out < 0
    out[tail] = out.max(initial=-1) + 1 + np.arange(int(tail.sum()))
    return out


def score(data: Labelled, pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    y, p = singletons(codes(data.gold)), singletons(pred)
    out = {
        "nmi": 100 * normalized_mutual_info_score(y, p),
        "ari": 100 * adjusted_rand_score(y, p),
        "placed": 100 * float((pred >= 0).mean()),
    }
    if len(set(data.langs)) > 1:
        out["lang_ari"] = 100 * adjusted_rand_score(codes(data.langs), p)
    return out


# --- diagnostics ---------------------------------------------------------------------------------


def wrapper_keywords(issue: Any, rows: list[int], twins: list[Wrapped] | None) -> list[str]:
    """Keywords that are masks, or that come from the wrapper pieces more often than from the
    questions themselves (greetings, particles, names, ids...)."""
    out = []
    for kw in issue.keywords:
        if _MASK.search(kw):
            out.append(kw)
            continue
        if twins is None:
            continue
        k = kw.casefold()
        in_core = sum(k in twins[r].core.casefold() for r in rows)
        in_wrap = sum(any(k in p.casefold() for p in twins[r].pieces) for r in rows)
        if in_wrap > in_core:
            out.append(kw)
    return out


def issue_rows(pred: np.ndarray) -> dict[int, list[int]]:
    rows: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        if p >= 0:
            rows[int(p)].append(i)
    return rows


def majority(data: Labelled, rows: list[int]) -> tuple[str, float]:
    label, count = Counter(data.gold[r] or "other" for r in rows).most_common(1)[0]
    return label, 100 * count / len(rows)


def family_issues(twins: list[Wrapped], pred: np.ndarray, data: Labelled) -> list[str]:
    """Issues where one wrapper family (or one piece) is far more common than in the set and the
    gold labels are mixed: the family, not the question, holds the issue together."""
    base_f = Counter(f for t in twins for f in set(t.families))
    base_p = Counter(p for t in twins for p in set(t.pieces))
    n = len(twins)
    out = []
    for number, rows in sorted(issue_rows(pred).items()):
        if len(rows) < 3:
            continue
        label, purity = majority(data, rows)
        fams = Counter(f for r in rows for f in set(twins[r].families))
        pieces = Counter(p for r in rows for p in set(twins[r].pieces))
        for what, counts, base in (("family", fams, base_f), ("piece", pieces, base_p)):
            for key, c in counts.most_common(3):
                share, rate = c / len(rows), base[key] / n
                if share >= 0.6 and share >= 2.5 * rate and purity < 60:
                    out.append(
                        f"issue #{number} ({len(rows)} rows, gold {label} {purity:.0f}%): "
                        f"{what} `{key}` in {100 * share:.0f}% of its rows vs "
                        f"{100 * rate:.0f}% of the set"
                    )
    return out


def split_wrapped_issues(
    data: Labelled, pred_clean: np.ndarray, pred_b: np.ndarray, twins: list[Wrapped]
) -> list[str]:
    """Gold labels the clean run kept mostly together but company B split by wrapper family."""
    out = []
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(data.gold):
        if g is not None:
            by_gold[g].append(i)
    for g, rows in by_gold.items():
        if len(rows) < 6:
            continue
        top_c = Counter(int(pred_clean[r]) for r in rows if pred_clean[r] >= 0).most_common(1)
        top_b = Counter(int(pred_b[r]) for r in rows if pred_b[r] >= 0).most_common(1)
        if not top_c or not top_b:
            continue
        if top_c[0][1] / len(rows) >= 0.7 and top_b[0][1] / len(rows) < 0.45:
            out.append(
                f"gold `{g}` ({len(rows)} rows): clean kept {100 * top_c[0][1] / len(rows):.0f}% "
                f"in one issue, company B only {100 * top_b[0][1] / len(rows):.0f}%"
            )
    return out


# --- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=SETS)
    parser.add_argument("--n", type=int, default=1500, help="stratified subset of big sets")
    parser.add_argument("--seed", type=int, default=0, help="company-B wrapper seed")
    parser.add_argument("--examples", type=int, default=10)
    args = parser.parse_args(argv)

    os.environ["KBGEN_HOME"] = str(CACHE / "home")
    shared_models = ROOT / "bench" / ".cache" / "intent" / "home" / "models"
    if "KBGEN_MODELS" not in os.environ and shared_models.is_dir():
        os.environ["KBGEN_MODELS"] = str(shared_models)
    from kbgen.embed import EmbeddingCache

    cache = EmbeddingCache(CACHE / "embeddings.sqlite")
    maker = CompanyB(seed=args.seed)
    results = []
    t_all = time.perf_counter()
    for name in args.sets:
        data = load(name, args.n)
        twins = maker.wrap_all(data.texts, data.langs, tag=name)
        assert all(t.core == x and x in t.text for t, x in zip(twins, data.texts))
        tag = f"{name}-n{len(data.texts)}"
        print(f"{name}: {len(data.texts)} rows {dict(Counter(data.langs))}", file=sys.stderr)
        pc, rc, sc = run(CACHE / f"{tag}-clean.jsonl", data.texts, cache)
        pb, rb, sb = run(
            CACHE / f"{tag}-companyb-s{args.seed}.jsonl", [t.text for t in twins], cache
        )
        with (CACHE / f"{tag}-companyb-s{args.seed}.families.jsonl").open("w") as f:
            for t in twins:
                f.write(
                    json.dumps({"families": t.families, "pieces": t.pieces}, ensure_ascii=False)
                    + "\n"
                )
        c, b = score(data, pc), score(data, pb)
        rows_c, rows_b = issue_rows(pc), issue_rows(pb)
        bad_c = {i.number: wrapper_keywords(i, rows_c.get(i.number, []), None) for i in rc.issues}
        bad_b = {i.number: wrapper_keywords(i, rows_b.get(i.number, []), twins) for i in rb.issues}
        results.append(
            dict(
                name=name,
                data=data,
                twins=twins,
                c=c,
                b=b,
                rc=rc,
                rb=rb,
                pc=pc,
                pb=pb,
                secs=(sc, sb),
                bad_c=bad_c,
                bad_b=bad_b,
                fam=family_issues(twins, pb, data),
                split=split_wrapped_issues(data, pc, pb, twins),
            )
        )
        print(
            f"  {name}: clean NMI {c['nmi']:.1f} ARI {c['ari']:.1f} ({sc:.0f}s); "
            f"company B NMI {b['nmi']:.1f} ARI {b['ari']:.1f} ({sb:.0f}s)",
            file=sys.stderr,
        )

    print("# kbgen on a held-out company-B export\n")
    print(
        f"Command: `bench/heldout/run.py {' '.join(sys.argv[1:])}`; wrapper seed {args.seed}; "
        f"model `{results[0]['rb'].model}`; total {time.perf_counter() - t_all:.0f}s\n"
    )
    print(
        "| set | rows | gold K | clean NMI | clean ARI | B NMI | B ARI | B % of clean NMI "
        "| B % of clean ARI | % placed (clean / B) | lang ARI (clean / B) | issues (clean / B) "
        "| issues w/ wrapper or mask kw (clean / B) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c, b, d = r["c"], r["b"], r["data"]
        lang = f"{c['lang_ari']:.1f} / {b['lang_ari']:.1f}" if "lang_ari" in c else "–"
        k = len({g for g in d.gold if g is not None})
        nb_c = sum(1 for v in r["bad_c"].values() if v)
        nb_b = sum(1 for v in r["bad_b"].values() if v)
        print(
            f"| {r['name']} | {len(d.texts)} | {k} | {c['nmi']:.1f} | {c['ari']:.1f} "
            f"| {b['nmi']:.1f} | {b['ari']:.1f} | {100 * b['nmi'] / c['nmi']:.0f} "
            f"| {100 * b['ari'] / c['ari']:.0f} | {c['placed']:.1f} / {b['placed']:.1f} | {lang} "
            f"| {len(r['rc'].issues)} / {len(r['rb'].issues)} | {nb_c} / {nb_b} |"
        )
    print(
        "\nWrapper keyword: a keyword found in the members' company-B wrapper pieces more often "
        "than in their questions (or a `<MASK>`); for clean runs only masks count.\n"
    )
    for r in results:
        d = r["data"]
        fams = Counter(f for t in r["twins"] for f in t.families)
        unchanged = sum(t.text == t.core for t in r["twins"])
        print(
            f"- {r['name']}: {d.note or 'all rows'}; langs {dict(Counter(d.langs))}; "
            f"company-B rows left bare {unchanged}; families used {dict(fams.most_common())}; "
            f"masked clean {dict(r['rc'].redactions)} / B {dict(r['rb'].redactions)}; "
            f"no-question rows clean {r['rc'].no_question} / B {r['rb'].no_question}"
        )
    print()
    for r in results:
        flags = r["fam"] + r["split"]
        bad = [
            f"issue #{n} ({i.size}, gold {majority(r['data'], issue_rows(r['pb'])[n])[0]}): "
            f"{', '.join(r['bad_b'][n])} of [{', '.join(i.keywords)}]"
            for i in r["rb"].issues
            if (n := i.number) in r["bad_b"] and r["bad_b"][n]
        ]
        if flags or bad:
            print(f"## Flags in `{r['name']}` (company B)\n")
            for line in flags + ["wrapper/mask keywords: " + b for b in bad]:
                print(f"- {line}")
            print()

    for r in results:
        if r["name"] != "sample":
            continue
        d = r["data"]
        for key, res, pred, bad in (
            ("clean", r["rc"], r["pc"], r["bad_c"]),
            ("company B", r["rb"], r["pb"], r["bad_b"]),
        ):
            rows = issue_rows(pred)
            print(
                f"## `sample` {key}: {len(res.issues)} issues (gold label of most rows, purity)\n"
            )
            for i in res.issues:
                label, purity = majority(d, rows[i.number])
                mark = f" **wrapper kw: {', '.join(bad[i.number])}**" if bad.get(i.number) else ""
                langs = ",".join(
                    f"{k}:{v}" for k, v in Counter(d.langs[x] for x in rows[i.number]).items()
                )
                words = ", ".join(i.keywords)
                print(f"- #{i.number} ({i.size}; {langs}) {label} {purity:.0f}%: {words}{mark}")
            print()
        # examples: rows in issues with wrapper keywords first, then a seeded pick of the rest
        rows = issue_rows(r["pb"])
        kw = {i.number: i.keywords for i in r["rb"].issues}
        suspect = [x for n, v in r["bad_b"].items() if v for x in rows[n]]
        rng = random.Random(args.seed)
        rest = [x for x in range(len(d.texts)) if x not in set(suspect)]
        pick = rng.sample(suspect, min(len(suspect), args.examples // 2))
        pick += rng.sample(rest, args.examples - len(pick))
        print("## Company-B examples from `sample` and where they went\n")
        for x in pick:
            p = int(r["pb"][x])
            where = (
                f"#{p} [{', '.join(kw[p])}]"
                if p >= 0
                else ("long tail" if p == -1 else "no question")
            )
            pc = int(r["pc"][x])
            clean_where = (
                f"#{pc} [{', '.join(kw_c)}]"
                if pc >= 0 and (kw_c := {i.number: i.keywords for i in r["rc"].issues}[pc])
                else ("long tail" if pc == -1 else "no question")
            )
            print(
                f"- gold `{d.gold[x] or 'other'}` ({d.langs[x]}), families {r['twins'][x].families}"
            )
            print(f"  - text: {json.dumps(r['twins'][x].text, ensure_ascii=False)}")
            print(f"  - company B -> {where}; clean -> {clean_where}")
        print()
    cache.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
