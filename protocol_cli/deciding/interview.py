"""One run through a table, question by question: what the `ask` prompts and tests drive.

Apart from the engine (engine.py) because, with an "I'm not sure" answer, the next question is
the one a still-open branch needs (unsure.py), and unsure.py is built on the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from protocol_cli.deciding.engine import (
    UNSURE,
    Answers,
    Question,
    Rule,
    Scenario,
    Table,
    decide,
    next_question,
)
from protocol_cli.deciding.unsure import next_needed


class Interview:
    """One run through a table. `answers` only ever holds what was asked, in order."""

    __slots__ = ("answers", "asked", "given", "scenario", "table")

    def __init__(self, scenario: Scenario, table: Table, given: dict[str, str] | None = None) -> None:
        self.scenario = scenario
        self.table = table
        self.given: dict[str, str] = dict(given or {})  # answers supplied up front
        self.answers: dict[str, str] = {}
        self.asked: list[str] = []

    def current(self) -> dict[str, str]:
        return {**self.given, **self.answers}

    def next(self) -> Question | None:
        current = self.current()
        if UNSURE in current.values():  # the first question a still-open branch needs
            return next_needed(self.scenario, self.table, current)
        return next_question(self.scenario, self.table, current)

    def answer(self, question: Question, value: str) -> None:
        if value not in question.values and value != UNSURE:
            raise ValueError(f"{value!r} is not an option of {question.id}")
        self.answers[question.id] = value
        self.asked.append(question.id)

    def back(self) -> Question | None:
        """Forget the last answer given in this interview; return that question to ask again."""
        if not self.asked:
            return None
        qid = self.asked.pop()
        self.answers.pop(qid, None)
        self.given.pop(qid, None)
        return self.scenario.question(qid)

    def outcome(self) -> Rule | None:
        return decide(self.table, self.current())


def run(
    scenario: Scenario,
    table: Table,
    ask: Callable[[Question, Sequence[str]], str],
    given: Answers | None = None,
) -> tuple[list[str], Rule]:
    """Interview to the end, calling `ask(question, asked_so_far)` for each answer needed."""
    interview = Interview(scenario, table, dict(given or {}))
    while (question := interview.next()) is not None:
        if question.id in interview.given:  # pragma: no cover - next() never returns an answered one
            raise AssertionError(question.id)
        interview.answer(question, ask(question, list(interview.asked)))
    rule = interview.outcome()
    assert rule is not None
    return interview.asked, rule
