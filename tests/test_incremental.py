"""Reruns on a slightly grown export reuse the previous groups instead of clustering again."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import PASSWORD, REFUND, FakeEmbedder

REUSED = "reused the previous run's groups"


def write(path: Path, questions: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question"])
        writer.writerows([f"q{i}", q] for i, q in enumerate(questions))
    return path


def base_questions() -> list[str]:
    tails = ["", " today", " thanks", " asap"]
    return [q + t for q in REFUND + PASSWORD for t in tails]  # 52 distinct questions


def run(path: Path, *extra: str) -> tuple[dict, str]:
    result = CliRunner().invoke(
        cli, ["suggest", str(path), "-f", "json", "--min-size", "3", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def test_same_input_reuses_groups_and_output(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", base_questions())
    first, err1 = run(path)
    second, err2 = run(path)
    assert REUSED not in err1 and REUSED in err2
    assert first == second


def test_a_few_new_questions_join_existing_issues(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    first, _ = run(write(path, base_questions()))
    refund_before = next(
        i["size"]
        for i in first["issues"]
        if i["representative"]
        in [q + t for q in REFUND for t in ("", " today", " thanks", " asap")]
    )
    grown = [*base_questions(), "How do I get a refund for my order this week"]  # +1.9%
    second, err = run(write(path, grown), "--assignments", str(tmp_path / "a.jsonl"))
    assert REUSED in err
    assert second["total"] == first["total"] + 1
    rows = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert rows[-1]["cluster"] == rows[0]["cluster"] != -1  # joined the refund issue
    assert max(i["size"] for i in second["issues"]) == refund_before + 1


def test_kept_groups_keep_their_keywords(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbgen.group import keywords

    calls: list[int] = []
    real = keywords.issue_keywords

    def counting(*args: Any, **kwargs: Any) -> list[list[str]]:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(keywords, "issue_keywords", counting)
    path = tmp_path / "t.csv"
    first, _ = run(write(path, base_questions()))
    assert calls == [1]
    grown = [*base_questions(), "How do I get a refund for my order this week"]
    second, err = run(write(path, grown))
    assert REUSED in err and calls == [1]  # no words segmented, no keywords recomputed
    by_rep = {i["representative"]: i["keywords"] for i in first["issues"]}
    assert by_rep and all(by_rep[i["representative"]] == i["keywords"] for i in second["issues"])
    run(path, "--recluster")
    assert calls == [1, 1]


def test_small_additions_add_up_to_a_full_clustering(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    """+1 question a day is under MAX_NEW each time, but not forever: what was only assigned
    since the last full clustering counts, so the groups are redone once it passes 5%."""
    path = tmp_path / "t.csv"
    questions = base_questions()  # 52 distinct
    run(write(path, questions))
    extra = [
        "How do I get a refund for my order this week",
        "Refund for the order I cancelled yesterday please",
        "I reset my password but the link expired again",
        "When does the refund for my returned order arrive",
    ]
    reused = []
    for question in extra:
        questions = [*questions, question]
        _, err = run(write(path, questions))
        reused.append(REUSED in err)
    # 1/53 and 2/54 assigned: kept; 3/55 > 5%: clustered again; then 1/56: kept again.
    assert reused == [True, True, False, True]


def test_bigger_change_or_flag_clusters_again(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    run(write(path, base_questions()))
    grown = [*base_questions(), *(f"Where is my parcel number {i} now" for i in range(6))]
    _, err = run(write(path, grown))
    assert REUSED not in err  # 10% new: a full clustering
    _, err = run(path)
    assert REUSED in err
    _, err = run(path, "--recluster")
    assert REUSED not in err


def test_centroids_are_weighted_unit_means() -> None:
    import numpy as np

    from kbgen.group.cluster import centroids_of

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    labels = rng.integers(-1, 4, size=50)
    weights = rng.integers(1, 5, size=50)
    got = centroids_of(vectors, labels, weights)
    assert got.shape == (4, 8)
    for c in range(4):
        members = labels == c
        expected = (vectors[members] * weights[members, None]).sum(axis=0)
        np.testing.assert_allclose(got[c], expected / np.linalg.norm(expected), atol=1e-5)
    assert centroids_of(vectors, np.full(50, -1), weights).shape == (0, 8)


def test_state_round_trip_and_unreadable_state(tmp_path: Path) -> None:
    import numpy as np

    from kbgen.group import state

    saved = state.ClusterState(
        state.text_keys(["a", "b"]),
        np.array([0, -1]),
        np.eye(1, 4, dtype=np.float32),
        [["退款", "refund"]],
    )
    path = tmp_path / "s.npz"
    state.save(path, saved)
    loaded = state.load(path)
    assert loaded is not None and loaded.keywords == [["退款", "refund"]]
    assert np.array_equal(loaded.keys, saved.keys) and loaded.labels.tolist() == [0, -1]
    np.savez(path, keys=saved.keys, labels=saved.labels, centroids=saved.centroids, keywords="{")
    assert state.load(path) is None  # unreadable: cluster from scratch, never crash
    np.savez(path, keys=saved.keys, labels=saved.labels, centroids=saved.centroids, keywords="{}")
    assert state.load(path) is None  # readable, but not a list of keyword lists
    path.write_bytes(b"not a zip")
    assert state.load(path) is None
