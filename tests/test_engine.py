"""The engine's promises, as properties over every real table and over random tables.

For any complete set of answers, the interview's outcome is the first matching rule; it never
asks a question that no remaining rule needs; it never asks the same question twice; it ends.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol_cli.deciding import engine
from protocol_cli.deciding import interview as interviews
from protocol_cli.deciding.engine import Option, Outcome, Question, Rule, Scenario, Table
from protocol_cli.sources.library import Library, bundled_data_root

LIB = Library(bundled_data_root())
TABLES = [(sid, pid) for sid in LIB.catalogue.ids() for pid in LIB.protocol_ids()]


def first_match(table: Table, answers: dict[str, str]) -> Rule:
    """The definition, by brute force: the first rule all of whose conditions hold."""
    return next(r for r in table.rules if all(answers[q] in v for q, v in r.when.items()))


def complete_answers(scenario: Scenario) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({q.id: st.sampled_from(q.values) for q in scenario.questions})


def check_interview(scenario: Scenario, table: Table, answers: dict[str, str]) -> None:
    asked: list[str] = []

    def ask(question: Question, so_far) -> str:
        # a question is asked only if the first rule not yet ruled out needs it
        known = {q: answers[q] for q in asked}
        open_rule = next(r for r in table.rules if engine.rule_status(r, known) is not False)
        assert engine.rule_status(open_rule, known) is None
        assert question.id in open_rule.when and question.id not in known
        assert question.id not in asked, "asked twice"
        asked.append(question.id)
        assert len(asked) <= len(scenario.questions), "did not terminate"
        return answers[question.id]

    consulted, rule = interviews.run(scenario, table, ask)
    assert rule is first_match(table, answers)
    assert consulted == asked
    # the same path without prompting
    assert engine.path(scenario, table, answers) == (asked, rule)


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_real_tables(sid: str, pid: str, data) -> None:
    scenario, table, _ = LIB.table(sid, pid)
    check_interview(scenario, table, data.draw(complete_answers(scenario)))


@pytest.mark.parametrize(("sid", "pid"), TABLES, ids=[f"{s}/{p}" for s, p in TABLES])
def test_every_table_ends_in_an_unconditional_rule(sid: str, pid: str) -> None:
    _, table, _ = LIB.table(sid, pid)
    assert table.rules[-1].when == {}


# --- random tables --------------------------------------------------------------------------


@st.composite
def random_scenario(draw) -> tuple[Scenario, Table]:
    n_questions = draw(st.integers(1, 5))
    questions = []
    for n in range(n_questions):
        k = draw(st.integers(2, 4))
        questions.append(
            Question(f"q{n}", f"Question {n}?", "why", tuple(Option(f"v{i}", f"V{i}") for i in range(k)))
        )
    rules = []
    for number in range(1, draw(st.integers(0, 6)) + 1):
        chosen = draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id, max_size=n_questions))
        when = {
            q.id: frozenset(draw(st.lists(st.sampled_from(q.values), min_size=1, unique=True)))
            for q in chosen
        }
        rules.append(Rule(number, when, Outcome("allowed", f"rule {number}", ("1",))))
    rules.append(Rule(len(rules) + 1, {}, Outcome("not-covered", "otherwise", ("1",), contacts=("x",))))
    table = Table("p", tuple(rules))
    scenario = Scenario("s", "S", "s", (), tuple(questions), {"p": table})
    return scenario, table


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_tables(data) -> None:
    scenario, table = data.draw(random_scenario())
    check_interview(scenario, table, data.draw(complete_answers(scenario)))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_explain_names_the_answer_that_ruled_each_rule_out(data) -> None:
    scenario, table = data.draw(random_scenario())
    answers = data.draw(complete_answers(scenario))
    ruled_out, rule = engine.explain(table, answers)
    assert rule is first_match(table, answers)
    assert [r.rule.number for r in ruled_out] == list(range(1, rule.number))
    for r in ruled_out:
        assert answers[r.question] == r.value and r.value not in r.rule.when[r.question]


def test_going_back_forgets_the_last_answer() -> None:
    scenario, table, _ = LIB.table("copy-correspondence", "thanet")
    interview = interviews.Interview(scenario, table)
    first = interview.next()
    interview.answer(first, "open")
    second = interview.next()
    assert second is not None and second.id != first.id
    assert interview.back() == first
    assert interview.current() == {} and interview.next() == first
    assert interview.back() is None  # nothing more to undo


def test_answers_given_up_front_are_not_asked() -> None:
    scenario, table, _ = LIB.table("copy-correspondence", "thanet")
    interview = interviews.Interview(scenario, table, {"how": "open", "who": "officer"})
    assert interview.next().id == "recipient"


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_walker_agrees_with_path(data) -> None:
    """Batch checks walk a tree grown from the table: the same as path, answers complete or not."""
    scenario, table = data.draw(random_scenario())
    walker = engine.Walker(scenario, table)
    for _ in range(5):
        answers = data.draw(complete_answers(scenario))
        partial = {q: v for q, v in answers.items() if data.draw(st.booleans())}
        assert walker.walk(partial) == engine.path(scenario, table, partial)
