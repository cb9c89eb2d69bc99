"""Every trigger rule fires on its own examples, in every language it is written for."""

from __future__ import annotations

import pytest

from diplograph.extract import facts as F
from diplograph.extract.triggers import TriggerDataError, load_triggers, parse_triggers
from diplograph.ids import fold
from diplograph.lexicon import WORD

from .conftest import read

LANGS = ("en", "fr")


def _keys(lex, name: str) -> set[str]:
    """The keys of the entities a name stands for in the lexicon, or the folded name itself (persons)."""
    words = tuple(fold(m.group(0)) for m in WORD.finditer(name))
    return {f.entry.key for f in lex.forms.get(words, [])} | {fold(name)}


def _has(lex, refs, name: str) -> bool:
    """A ref for the name: by lexicon key, or a person's name holding all its words."""
    want = _keys(lex, name)
    words = set(fold(name).split())
    return any(r.key in want or fold(r.name) in want or (r.kind == "person" and words <= set(fold(r.name).split()))
               for r in refs)


def _examples(section: str):
    for lang in LANGS:
        for rule in getattr(load_triggers(lang), section):
            for i, ex in enumerate(rule.examples):
                yield pytest.param(lang, rule, ex, id=f"{lang}-{rule.id}-{i}")


@pytest.mark.parametrize(("lang", "rule", "example"), list(_examples("events")))
def test_event_rule_example(lex, lang, rule, example):
    facts = read(example["text"], lang)
    want = example["expect"]
    events = [e for e in facts if isinstance(e, F.Event) and e.type == want["type"]]
    assert events, (example["text"], [(e.type, e.label) for e in facts if isinstance(e, F.Event)])
    for name in want["participants"]:
        assert any(_has(lex, e.participants, name) for e in events), (name, [e.participants for e in events])
    if "places" in want:  # one event for each place, in any order
        places = [e.place for e in events if e.place is not None]
        for name in want["places"]:
            assert any(_has(lex, [p], name) for p in places), (name, places)


@pytest.mark.parametrize(("lang", "rule", "example"), list(_examples("memberships")))
def test_membership_rule_example(lex, lang, rule, example):
    facts = read(example["text"], lang)
    want = example["expect"]
    got = [m for m in facts if isinstance(m, F.Membership) and m.status == want["status"]
           and _has(lex, [m.organisation], want["organisation"])]
    for name in want["states"]:
        assert any(_has(lex, [m.state], name) for m in got), (name, [(m.state.name, m.organisation.name, m.status)
                                                                     for m in facts if isinstance(m, F.Membership)])


def test_negation_gives_no_membership():
    facts = read("Neither Norway nor Switzerland is a member of the European Union.", "en")
    assert not [m for m in facts if isinstance(m, F.Membership) and m.status == "member"]


def test_future_membership_is_a_candidacy():
    facts = read("Timor-Leste will become the 11th member of the Association of Southeast Asian Nations.", "en")
    statuses = {m.status for m in facts if isinstance(m, F.Membership)}
    assert statuses == {"candidate"}


def test_a_rule_that_does_not_fire_on_its_example_is_refused():
    data = {"language": "xx", "future": "will", "negation": "not", "irrealis": "hope", "negated_membership": "neither",
            "clause_breaks": ";", "org_anaphora": "bloc", "memberships": [],
            "events": [{"id": "e", "type": "meeting", "pattern": "met",
                        "examples": [{"text": "They talked.", "expect": {}}]}]}
    with pytest.raises(TriggerDataError, match="does not fire on its example"):
        parse_triggers(data, "triggers_xx.json")
    data["events"][0]["type"] = "party"
    with pytest.raises(TriggerDataError, match="type 'party' not one of"):
        parse_triggers(data, "triggers_xx.json")


def test_a_rule_that_fires_on_its_counter_example_is_refused():
    data = {"language": "xx", "future": "will", "negation": "not", "irrealis": "hope", "negated_membership": "neither",
            "clause_breaks": ";", "org_anaphora": "the bloc", "memberships": [],
            "events": [{"id": "launch", "type": "launch", "pattern": r"\bopened\b",
                        "examples": [{"text": "They opened a centre.", "expect": {}}],
                        "not": ["He opened the meeting."]}]}
    with pytest.raises(TriggerDataError, match="counter-example"):
        parse_triggers(data, "triggers_xx.json")
