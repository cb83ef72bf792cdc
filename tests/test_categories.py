"""Placing drafted issues in categories (kbgen.content.categories)."""

from __future__ import annotations

import numpy as np
import pytest

from kbgen.content.categories import PROTOTYPES, Categorizer, category_texts
from kbgen.content.taxonomy import DEFAULT_CATEGORIES, LANGS, Category, load_taxonomy
from kbgen.errors import ContentError

TOPICS = ("parcel", "refund", "voucher", "gift", "card")


def bag(texts: list[str]) -> np.ndarray:
    """A keyword embedder: one axis per topic word, one shared axis so nothing is orthogonal."""
    out = np.zeros((len(texts), len(TOPICS) + 1), dtype=np.float32)
    for i, text in enumerate(texts):
        low = text.lower()
        out[i, :-1] = [low.count(w) for w in TOPICS]
        out[i, -1] = 0.3
        out[i] /= np.linalg.norm(out[i])
    return out


def centroid(text: str) -> np.ndarray:
    return bag([text])[0]


def test_every_default_category_has_prototypes_in_every_language() -> None:
    for cat in DEFAULT_CATEGORIES:
        if cat.slug == "other":
            assert cat.slug not in PROTOTYPES
            continue
        assert set(PROTOTYPES[cat.slug]) == set(LANGS), cat.slug
        assert all(len(qs) >= 3 for qs in PROTOTYPES[cat.slug].values())
        assert set(PROTOTYPES[cat.slug]["en"]) <= set(category_texts(cat))


def test_custom_taxonomy_is_used(tmp_path) -> None:
    (tmp_path / "kbgen.toml").write_text(
        '[[categories]]\nslug = "gift-cards"\nname = "Gift cards"\n'
        'description = "Gift card balance."\n'
        'examples = ["My gift card does not work"]\n'
        '[[categories]]\nslug = "orders"\nname = "Your orders"\ndescription = "Voucher orders."\n',
        encoding="utf-8",
    )
    cats = load_taxonomy(tmp_path)
    by_slug = {c.slug: c for c in cats}
    assert by_slug["gift-cards"].examples == {"en": ("My gift card does not work",)}
    # A redefined default loses the default prototypes: its meaning is the team's now.
    assert category_texts(by_slug["orders"]) == ["Your orders", "Voucher orders."]
    placer = Categorizer(cats, bag)
    assert placer.place(centroid("gift card balance")) == "gift-cards"
    assert placer.place(centroid("voucher")) == "orders"


def test_examples_must_be_questions(tmp_path) -> None:
    (tmp_path / "kbgen.toml").write_text(
        '[[categories]]\nslug = "x"\nname = "X"\nexamples = [1, 2]\n', encoding="utf-8"
    )
    with pytest.raises(ContentError, match="examples"):
        load_taxonomy(tmp_path)


def test_other_only_when_nothing_fits() -> None:
    cats = [
        Category("shipping", "Parcel shipping", {"en": "parcel parcel"}),
        Category("refunds", "Refund desk", {"en": "refund refund"}),
        Category("other", "Other", {"en": "anything else"}),
    ]
    placer = Categorizer(cats, bag)
    assert placer.place(centroid("my parcel is late")) == "shipping"
    assert placer.place(centroid("refund please")) == "refunds"
    assert placer.place(centroid("do you sell shoes")) == "other"
    # Without an "other" category the best fit is taken anyway.
    assert Categorizer(cats[:2], bag).place(centroid("do you sell shoes")) in {
        "shipping",
        "refunds",
    }


def test_one_close_prototype_is_not_diluted() -> None:
    # "refunds" has many unrelated texts; one close prototype must still win (top-k, not mean).
    cats = [
        Category("refunds", "Money back", {"en": "x"}, {"en": ("refund", *["gift"] * 9)}),
        Category("shipping", "Shipping", {"en": "parcel parcel refund"}),
    ]
    assert Categorizer(cats, bag).place(centroid("refund refund refund")) == "refunds"


@pytest.mark.model
def test_delivery_questions_are_not_filed_under_returns() -> None:
    """The real model: delivery in three languages, refunds, contact, and a product question."""
    from kbgen.embed import load_embedder
    from kbgen.embed.models import mean_direction

    embedder = load_embedder()
    placer = Categorizer(DEFAULT_CATEGORIES, embedder.embed)
    cases = {
        ("when will my goods arrive", "my package still hasn't come"): "shipping-delivery",
        ("我的快递到哪了", "包裹几天能到"): "shipping-delivery",
        ("ของจะมาส่งเมื่อไหร่คะ", "พัสดุยังไม่มาเลย"): "shipping-delivery",
        ("I want my money back", "how long does a refund take"): "returns-refunds",
        ("I need to speak with someone from your team", "is there a number I can call"): "contact",
        ("is this jacket waterproof", "do you sell running shoes in wide sizes"): "other",
    }
    for questions, slug in cases.items():
        got = placer.place(mean_direction(embedder.embed(list(questions))))
        assert got == slug, (questions, got)
