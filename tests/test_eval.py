"""The extraction scored against gold files: the seeds, and articles written apart from the seeds."""

from __future__ import annotations

import pytest

from diplograph.evaluate import CATEGORIES, evaluate, overall

from .conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def seed_scores():
    return evaluate(ROOT / "tests" / "gold", ROOT / "articles")


@pytest.mark.parametrize("category", CATEGORIES)
def test_seed_f1_at_least_0_9_in_every_category(seed_scores, category):
    s = seed_scores["*"][category]
    assert s.f1 >= 0.9, (category, s.missed, s.spurious)


def test_each_seed_article_scores_on_its_own(seed_scores):
    assert set(seed_scores) == {"ots_diaspora_en", "ots_diaspora_fr", "*"}
    for name in ("ots_diaspora_en", "ots_diaspora_fr"):
        assert overall(seed_scores[name]).f1 >= 0.9


def test_articles_beyond_the_seeds_in_both_languages():
    scores = evaluate(FIXTURES / "unseen", FIXTURES / "unseen")
    assert overall(scores["*"]).f1 >= 0.9
    for name, s in scores.items():
        assert overall(s).f1 >= 0.85, name


def test_a_wrong_answer_lowers_the_score(tmp_path):
    """The scorer is not a rubber stamp: a gold fact the text does not support is missed."""
    import json
    import shutil

    gold = json.loads((ROOT / "tests" / "gold" / "ots_diaspora_en.json").read_text())
    gold["memberships"].append({"state": "Hungary", "organisation": "Organization of Turkic States",
                                "status": "member"})
    (tmp_path / "g.json").write_text(json.dumps(gold))
    shutil.copy(ROOT / "articles" / "ots_diaspora_en.txt", tmp_path)
    s = evaluate(tmp_path, tmp_path)["*"]["memberships"]
    assert s.matched == 9 and s.gold == 10 and s.recall < 1
