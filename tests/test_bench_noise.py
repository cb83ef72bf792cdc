"""The benchmark's noisy-twin generator (bench/noise.py): deterministic, keeps the question,
varied, and in each row's own language."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

CORES = {
    "en": "How do I change the delivery address on my order?",
    "zh-Hans": "我的快递三天没有更新了，到底到哪了",
    "zh-Hant": "請問退款什麼時候會退到信用卡？",
    "th": "อยากเปลี่ยนที่อยู่จัดส่งค่ะ",
}
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def noise() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("noise")
    finally:
        sys.path.remove(str(BENCH))


def rows(n: int) -> tuple[list[str], list[str]]:
    langs = [lang for _ in range(n) for lang in CORES]
    return [CORES[lang] for lang in langs], langs


def test_same_seed_same_twins_other_seed_other_twins(noise: ModuleType) -> None:
    texts, langs = rows(50)
    first = noise.NoiseMaker(seed=0).twins(texts, langs)
    again = noise.NoiseMaker(seed=0).twins(texts, langs)
    other = noise.NoiseMaker(seed=1).twins(texts, langs)
    assert [t.text for t in first] == [t.text for t in again]
    assert sum(a.text != b.text for a, b in zip(first, other)) > len(texts) // 2


def test_a_row_does_not_depend_on_the_others(noise: ModuleType) -> None:
    texts, langs = rows(10)
    maker = noise.NoiseMaker(seed=3)
    together = maker.twins(texts, langs)
    alone = [maker.twin(texts[i], langs[i], index=i) for i in (0, 7, 21, 39)]
    assert [t.text for t in alone] == [together[i].text for i in (0, 7, 21, 39)]


def test_keeps_the_question_and_its_language(noise: ModuleType) -> None:
    texts, langs = rows(150)
    twins = noise.NoiseMaker(seed=0).twins(texts, langs)
    assert [t.lang for t in twins] == langs
    untouched = [t for t in twins if t.typos == 0]
    assert len(untouched) > 500  # typos are English only and light
    for t in untouched:
        assert t.core in t.text, t.text
    changed = [t for t in twins if t.text != t.core]
    assert 0.8 * len(twins) < len(changed) < len(twins)  # sometimes nothing is added
    for t in twins:
        wrapper = t.text.replace(t.core, "")
        if t.lang == "en":
            assert not _THAI.search(wrapper) and not _HAN.search(wrapper), t.text
        elif t.lang == "th":
            assert not _HAN.search(wrapper), t.text
        else:
            assert not _THAI.search(wrapper), t.text


def test_english_typos_are_light_and_can_be_switched_off(noise: ModuleType) -> None:
    texts = [CORES["en"]] * 400
    twins = noise.NoiseMaker(seed=0).twins(texts, ["en"] * 400)
    with_typos = sum(t.typos > 0 for t in twins)
    assert 0.2 * 400 < with_typos < 0.7 * 400  # ~5% of ~12-20 words per row
    assert sum(t.core not in t.text for t in twins) > 0.1 * 400  # the question's words too
    clean = noise.NoiseMaker(seed=0, typo_rate=0).twins(texts, ["en"] * 400)
    assert all(t.core in t.text and t.typos == 0 for t in clean)


@pytest.mark.parametrize("lang", list(CORES))
def test_many_distinct_wrappers_per_language(noise: ModuleType, lang: str) -> None:
    maker = noise.NoiseMaker(seed=0, typo_rate=0)
    twins = [maker.twin(CORES[lang], lang, index=i) for i in range(400)]
    wrappers = {t.text.replace(t.core, "\x00") for t in twins}
    assert len(wrappers) >= 250
    kinds = {k for t in twins for k in t.kinds}
    assert kinds == set(noise.KINDS) - {"typo"}
    injected = {k for t in twins for k in t.pii}
    assert injected == {"name", "email", "phone", "order"}


def test_personal_data_in_local_formats(noise: ModuleType) -> None:
    maker = noise.NoiseMaker(seed=0, kinds=["pii"])
    found = {}
    for lang, core in CORES.items():
        found[lang] = "\n".join(maker.twin(core, lang, index=i).text for i in range(300))
    assert re.search(r"@example\.(com|org|net)", found["en"])
    assert re.search(r"\(555\) 01\d-\d{4}", found["en"])
    assert re.search(r"(\+86 )?1[3-9]\d \d{4} \d{4}", found["zh-Hans"])
    assert re.search(r"订单", found["zh-Hans"]) and re.search(r"訂單", found["zh-Hant"])
    assert re.search(r"09\d\d-\d{3}-\d{3}|\+852 \d{4} \d{4}", found["zh-Hant"])
    assert re.search(r"\+66 \d\d \d{3} \d{4}|0[689]\d-\d{3}-\d{4}", found["th"])
    assert "ออเดอร์" in found["th"]


def test_one_kind_only(noise: ModuleType) -> None:
    texts, langs = rows(30)
    twins = noise.NoiseMaker(seed=0, kinds=["signoff"]).twins(texts, langs)
    assert all(t.text != t.core and set(t.kinds) == {"signoff"} for t in twins)
    assert all(t.text.startswith(t.core) for t in twins)  # sign-offs go after the question
    with pytest.raises(ValueError, match="unknown noise kinds"):
        noise.NoiseMaker(kinds=["greetings"])


def test_detects_each_language(noise: ModuleType) -> None:
    assert [noise.detect_lang(CORES[lang]) for lang in CORES] == list(CORES)
    assert noise.normalise_lang("zh", "退款什麼時候會到帳") == "zh-Hant"
    assert noise.normalise_lang("zh", "退款什么时候到账") == "zh-Hans"
