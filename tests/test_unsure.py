""" "I'm not sure" in the engine: every value tried, exactly, over random tables and the real ones.

Each branch must be what the engine gives with that value given; an unsure answer on a question
that does not matter must change nothing; the next question is the first (in scenario order)
that some still-open branch needs.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine import LIB, TABLES, complete_answers, random_scenario

from protocol_cli.deciding import engine
from protocol_cli.deciding import interview as interviews
from protocol_cli.deciding.engine import UNSURE, Outcome, Rule, Scenario, Table
from protocol_cli.deciding.unsure import resolve

VERDICTS = st.sampled_from(engine.VERDICTS)


@st.composite
def varied_scenario(draw) -> tuple[Scenario, Table]:
    """A random table (test_engine's) whose rules give random verdicts, so branches can differ."""
    scenario, table = draw(random_scenario())
    rules = tuple(
        Rule(r.number, r.when, Outcome(draw(VERDICTS), r.outcome.answer, (str(r.number),)))
        for r in table.rules
    )
    table = Table(table.protocol, rules)
    return Scenario(scenario.id, scenario.title, "s", (), scenario.questions, {"p": table}), table


def fillings(scenario: Scenario, answers: dict[str, str]):
    """Every way to replace the unsure answers by values: (the values chosen, the full answers)."""
    unsure = [q for q in scenario.questions if answers.get(q.id) == UNSURE]
    for values in itertools.product(*(q.values for q in unsure)):
        chosen = {q.id: v for q, v in zip(unsure, values, strict=True)}
        yield chosen, {**answers, **chosen}


def matches(branch, chosen: dict[str, str]) -> bool:
    return all(chosen[q] in values for q, values in branch.answers.items())


def check_resolution(scenario: Scenario, table: Table, answers: dict[str, str]) -> None:
    found = resolve(scenario, table, answers)
    # what the engine says for each filling: the deciding rule, or the question it needs next
    outcomes = {
        tuple(sorted(c.items())): (engine.next_question(scenario, table, full), engine.decide(table, full))
        for c, full in fillings(scenario, answers)
    }
    if any(rule is None for _, rule in outcomes.values()):
        # some filling leaves a question unanswered: the next question is the first one any needs
        needs = {question.id for question, rule in outcomes.values() if rule is None}
        assert found.missing is not None
        assert found.missing.id == min(needs, key=scenario.order.__getitem__)
        assert not found.branches and found.rule is None
        return
    assert found.missing is None
    rules = {rule.number for _, rule in outcomes.values()}
    if len(rules) == 1:  # the unknowns did not matter: that one rule, no branches
        assert found.rule is next(iter(outcomes.values()))[1]
        assert found.branches == () and found.depends_on == ()
        assert found.verdict == found.rule.outcome.verdict
        return
    assert found.rule is None
    for chosen, (_, rule) in outcomes.items():
        # each filling falls in exactly one branch, and that branch is the engine's answer for it
        hits = [b for b in found.branches if matches(b, dict(chosen))]
        assert len(hits) == 1, (chosen, found.branches)
        assert hits[0].rule is rule
    # depends_on: exactly the unsure questions whose value alone can change the rule
    for q in scenario.questions:
        if answers.get(q.id) != UNSURE:
            assert q.id not in found.depends_on
            continue
        changes = any(
            engine.decide(table, {**full, q.id: other}) is not rule
            for chosen, (_, rule) in outcomes.items()
            for full in [{**answers, **dict(chosen)}]
            for other in q.values
        )
        assert (q.id in found.depends_on) == changes
    assert set().union(*(b.answers for b in found.branches)) == set(found.depends_on)
    verdicts = {b.rule.outcome.verdict for b in found.branches}
    assert found.verdict == (verdicts.pop() if len(verdicts) == 1 else "conditional")
    # values that lead to the same rule share a branch when the answer turns on one question
    if len(found.depends_on) == 1:
        assert len({b.rule.number for b in found.branches}) == len(found.branches)


def with_unsure(
    data, scenario: Scenario, answers: dict[str, str], drop: bool = False, most: int | None = None
) -> dict[str, str]:
    """The answers with some made `unsure` (at most `most` of them) and, with `drop`, some left out."""
    out = {}
    unsure = 0
    for qid, value in answers.items():
        choices = ["keep", "unsure", "drop"] if drop else ["keep", "unsure"]
        if most is not None and unsure >= most:
            choices.remove("unsure")
        choice = data.draw(st.sampled_from(choices))
        unsure += choice == "unsure"
        if choice != "drop":
            out[qid] = UNSURE if choice == "unsure" else value
    return out


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_each_branch_is_the_engines_answer_for_that_value(data) -> None:
    scenario, table = data.draw(varied_scenario())
    answers = with_unsure(data, scenario, data.draw(complete_answers(scenario)))
    check_resolution(scenario, table, answers)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_with_answers_missing_the_next_question_is_the_first_an_open_branch_needs(data) -> None:
    scenario, table = data.draw(varied_scenario())
    answers = with_unsure(data, scenario, data.draw(complete_answers(scenario)), drop=True)
    check_resolution(scenario, table, answers)
    interview = interviews.Interview(scenario, table, answers)
    found = resolve(scenario, table, answers)
    assert interview.next() is found.missing


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_unsure_answer_that_does_not_matter_changes_nothing(data) -> None:
    scenario, table = data.draw(varied_scenario())
    answers = data.draw(complete_answers(scenario))
    _, rule = engine.path(scenario, table, answers)
    qid = data.draw(st.sampled_from([q.id for q in scenario.questions]))
    found = resolve(scenario, table, {**answers, qid: UNSURE})
    if qid not in found.depends_on:
        assert found.rule is rule and found.branches == ()
    else:  # it matters: the branch for the value actually given is the answer without "unsure"
        hit = [b for b in found.branches if answers[qid] in b.answers[qid]]
        assert [b.rule for b in hit] == [rule]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_without_unsure_answers_resolve_is_the_interview(data) -> None:
    """With every answer given it is engine.path; with some missing, the interview's next question
    (an answer given up front that rules a rule out is used, not asked for)."""
    scenario, table = data.draw(varied_scenario())
    answers = data.draw(complete_answers(scenario))
    found = resolve(scenario, table, answers)
    assert (found.asked, found.rule) == engine.path(scenario, table, answers)
    partial = {q: v for q, v in answers.items() if data.draw(st.booleans())}
    found = resolve(scenario, table, partial)
    assert found.rule is engine.decide(table, partial) and found.branches == ()
    assert found.missing is engine.next_question(scenario, table, partial)


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_real_tables(sid: str, pid: str, data) -> None:
    scenario, table, _ = LIB.table(sid, pid)
    # (at most four unknowns: the check enumerates every filling of them, and the real tables ask
    # up to twenty questions; random tables above cover more unknowns on smaller tables)
    answers = with_unsure(data, scenario, data.draw(complete_answers(scenario)), most=4)
    check_resolution(scenario, table, answers)


def test_unsure_is_never_an_option_value_in_the_data() -> None:
    for sid in LIB.catalogue.ids():
        for question in LIB.scenario(sid).questions:
            assert UNSURE not in question.values, f"{sid}: {question.id}"
