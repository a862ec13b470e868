"""Answers given up front (--answer Q=V, --answers-file), checked against a scenario's questions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from protocol_cli.engine import UNSURE, Question, Scenario
from protocol_cli.errors import ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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


def read_file(path: Path) -> dict[str, str]:
    """A TOML or JSON file of question = value (optionally under an `answers` table)."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise ProtocolError(f"{path} is a folder; --answers-file needs a TOML or JSON file") from exc
    except OSError as exc:
        raise ProtocolError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"{path} is not UTF-8 text; save it as UTF-8") from exc
    data: Any
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProtocolError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    else:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ProtocolError(f"{path}: not valid TOML ({exc}); use .json for a JSON file") from exc
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]
    if not isinstance(data, dict):
        raise ProtocolError(f'{path} must hold question = value pairs, e.g. who = "officer"')
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if not isinstance(value, str):
            raise ProtocolError(f"{path}: the answer to '{key}' must be text, e.g. {key} = \"yes\"")
        out[str(key)] = value
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
    from protocol_cli.library import unknown

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
