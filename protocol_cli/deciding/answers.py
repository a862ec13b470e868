"""Answers given up front (--answer Q=V, --answers-file), checked against a scenario's questions.

The file itself is read by protocol_cli/sources/answer_file.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from protocol_cli.base.errors import ProtocolError
from protocol_cli.deciding.engine import UNSURE, Question, Scenario

YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}
# "I'm not sure", as people type it: any question takes it (the engine tries every value)
NOT_SURE = {UNSURE, "not sure", "i'm not sure", "im not sure", "don't know", "dont know"}


def parse_pairs(pairs: Iterable[str]) -> dict[str, str]:
    """--answer who=officer --answer consent=yes -> {"who": "officer", "consent": "yes"}."""
    out: dict[str, str] = {}
    for pair in pairs:
        qid, sep, value = pair.partition("=")
        if not sep or not qid.strip() or not value.strip():
            raise ProtocolError(f"--answer needs QUESTION=VALUE, e.g. --answer who=officer (got {pair!r})")
        out[qid.strip()] = value.strip()
    return out


def normalise(value: str, question: Question) -> str | None:
    """The option value meant by what was typed: any case; y/n/true/false for yes/no questions."""
    low = value.strip().lower()
    if low in question.values:
        return low
    if low in NOT_SURE or low == question.label_of(UNSURE).lower():
        return UNSURE
    if set(question.values) == {"yes", "no"}:
        if low in YES:
            return "yes"
        if low in NO:
            return "no"
    for option in question.options:  # the label typed out in full also works
        if low == option.label.lower():
            return option.value
    return None


def check(scenario: Scenario, answers: Mapping[str, str]) -> dict[str, str]:
    """Answers with each question id and value checked; unknown ones name the valid choices."""
    from protocol_cli.deciding.model import unknown

    out: dict[str, str] = {}
    for qid, value in answers.items():
        question = scenario.question(qid)
        if question is None:
            raise ProtocolError(
                unknown("question", qid, [q.id for q in scenario.questions], where=scenario.id)
            )
        meant = normalise(value, question)
        if meant is None:
            raise ProtocolError(
                f"'{value}' is not an answer to '{qid}'; choose one of: {', '.join(question.values)}"
                f" (or {UNSURE})"
            )
        out[qid] = meant
    return out
