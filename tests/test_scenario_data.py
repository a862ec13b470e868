"""The scenario data: complete for all five protocols, every citation real, nothing unreachable."""

from __future__ import annotations

import itertools

import pytest
from conftest import PROTOCOL_IDS

from protocol_cli.deciding import engine
from protocol_cli.deciding.matching import match
from protocol_cli.sources import ranker
from protocol_cli.sources.library import Library, bundled_data_root

LIB = Library(bundled_data_root())
SCENARIOS = LIB.catalogue.ids()
TABLES = [(sid, pid) for sid in SCENARIOS for pid in PROTOCOL_IDS]


def test_the_three_headline_scenarios_exist() -> None:
    assert {"copy-correspondence", "complaint-route", "group-meeting"} <= set(SCENARIOS)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_scenario_has_a_table_for_every_protocol(sid: str) -> None:
    assert set(LIB.scenario(sid).tables) == set(PROTOCOL_IDS)


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
def test_every_rule_is_reachable_and_cites_real_clauses(sid: str, pid: str) -> None:
    scenario, table, _ = LIB.table(sid, pid)  # checks cites and role keys against the protocol
    questions = [q for q in scenario.questions if q.id in engine.needed_questions(scenario, table)]
    reached = {
        engine.path(scenario, table, dict(zip([q.id for q in questions], combo, strict=True)))[1].number
        for combo in itertools.product(*[q.values for q in questions])
    }
    assert reached == {r.number for r in table.rules}, "some rules are shadowed by earlier ones"


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
def test_not_covered_cites_the_protocols_seek_advice_clause(sid: str, pid: str) -> None:
    _, table, protocol = LIB.table(sid, pid)
    assert protocol.seek_advice
    for rule in table.rules:
        if rule.outcome.verdict == "not-covered":
            assert set(rule.outcome.cite) & set(protocol.seek_advice), rule.number
            assert rule.outcome.contacts


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
def test_roles_named_in_answers_are_in_the_protocol_text(sid: str, pid: str) -> None:
    _, table, protocol = LIB.table(sid, pid)
    text = " ".join(c.text for c in protocol.clauses).lower()
    for rule in table.rules:
        for key in (*rule.outcome.route, *rule.outcome.contacts):
            assert protocol.roles[key].name.lower() in text


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_question_is_needed_by_some_protocol(sid: str) -> None:
    scenario = LIB.scenario(sid)
    needed = set().union(*(engine.needed_questions(scenario, t) for t in scenario.tables.values()))
    assert needed == {q.id for q in scenario.questions}


@pytest.mark.parametrize("sid", SCENARIOS)
def test_each_alias_typed_alone_offers_its_scenario(sid: str) -> None:
    # an alias may belong to two scenarios ("rude": complaint-route and respect-and-conduct), so
    # typed alone it must be offered among the first three, not always first
    titles = {s.id: s.title for s in LIB.catalogue.all()}
    for alias in LIB.scenario(sid).aliases:
        assert sid in [c.id for c in match(alias, titles, ranker.model()).candidates[:3]], alias
