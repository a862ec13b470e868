"""Training cases (data/training/*.toml) and the quiz logic behind `protocol train` and `demo`.

A case is a short story in everyday words, linked to a scenario, a protocol, the answers the
story implies and the verdict that protocol gives. Loading checks the structure (errors name the
file and line); whether each verdict agrees with the rule tables is checked against the engine by
`protocol data check` and the test suite. The quiz functions are pure: no I/O, no printing.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from protocol_cli.base.errors import DataError
from protocol_cli.deciding.engine import VERDICTS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.sources.library import Library

CASE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CASE_KEYS = {"id", "scenario", "protocol", "story", "answers", "verdict"}
DEFAULT_ROUNDS = 10

# What a learner picks from: each verdict in plain words.
VERDICT_CHOICES = (
    ("allowed", "Yes, that's allowed"),
    ("not-allowed", "No, that's not allowed"),
    ("conditional", "Yes, but only if certain conditions are met"),
    ("required", "It's something that must be done"),
    ("refer", "It's for someone else to handle or decide"),
    ("not-covered", "The protocol doesn't say: ask for advice"),
)


class Case:
    __slots__ = ("answers", "id", "line", "path", "protocol", "scenario", "story", "verdict")

    def __init__(
        self,
        id: str,
        scenario: str,
        protocol: str,
        story: str,
        answers: dict[str, str],
        verdict: str,
        path: Path,
        line: int | None,
    ) -> None:
        self.id = id
        self.scenario = scenario
        self.protocol = protocol
        self.story = story
        self.answers = answers
        self.verdict = verdict
        self.path = path
        self.line = line


def training_dir(root: Path) -> Path:
    return root / "training"


def load(library: Library) -> list[Case]:
    """Every training case in the library's data folders, in file order (ids unique)."""
    folders = [training_dir(library.root)]
    if library.overlay is not None:
        folders.append(training_dir(library.overlay))  # a council's own cases, after the bundled ones
    cases: list[Case] = []
    seen: dict[str, Case] = {}
    paths = [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.toml"))]
    for path in paths:
        for case in load_file(path, library):
            if case.id in seen:
                raise DataError(path, f"training case id '{case.id}' is used twice", case.line)
            seen[case.id] = case
            cases.append(case)
    return cases


def load_file(path: Path, library: Library) -> list[Case]:
    from protocol_cli.base import tomlcache

    _, text, data = tomlcache.load_file(path)
    if data.get("schema") != 1:
        raise DataError(path, "'schema = 1' is missing or has another value")
    entries = data.get("case")
    if not isinstance(entries, list) or not entries:
        raise DataError(path, "has no [[case]] entries")
    headers = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[case]]"]
    return [
        _case(entry, path, headers[n] if n < len(headers) else None, library)
        for n, entry in enumerate(entries)
    ]


def _case(entry: Any, path: Path, line: int | None, library: Library) -> Case:
    from protocol_cli.base.errors import NotFound

    name = entry.get("id", "?") if isinstance(entry, dict) else "?"

    def fail(message: str) -> DataError:
        return DataError(path, f"training case {name}: {message}", line)

    if not isinstance(entry, dict):
        raise fail("must be a table")
    for key in entry:
        if key not in CASE_KEYS:
            raise fail(f"unknown key '{key}' (known: {', '.join(sorted(CASE_KEYS))})")
    for key in ("id", "scenario", "protocol", "story", "verdict"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"'{key}' must be a non-empty string")
    if not CASE_ID_RE.match(entry["id"]):
        raise fail("its id must be lower-case-words")
    if entry["verdict"] not in VERDICTS:
        raise fail(f"verdict '{entry['verdict']}' is not one of {', '.join(VERDICTS)}")
    try:
        scenario = library.scenario(entry["scenario"])
        library.protocol(entry["protocol"])
    except NotFound as exc:
        raise fail(str(exc)) from exc
    if entry["protocol"] not in scenario.tables:
        raise fail(f"scenario {scenario.id} has no rules for {entry['protocol']}")
    answers = entry.get("answers", {})
    if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
        raise fail("'answers' must be a table of question = answer")
    for qid, value in answers.items():
        question = scenario.question(qid)
        if question is None:
            raise fail(f"answers name unknown question '{qid}' of {scenario.id}")
        if value not in question.values:
            raise fail(f"answers.{qid} = '{value}' is not one of {', '.join(question.values)}")
    story = " ".join(entry["story"].split())
    return Case(
        entry["id"], scenario.id, entry["protocol"], story, dict(answers), entry["verdict"], path, line
    )


# --- the quiz ---------------------------------------------------------------------------------


def select(
    cases: list[Case],
    council: str | None = None,
    scenario: str | None = None,
    rounds: int = DEFAULT_ROUNDS,
    seed: int | None = None,
) -> list[Case]:
    """Up to `rounds` cases for the council and scenario, in an order `seed` makes repeatable."""
    chosen = [
        c
        for c in cases
        if (council is None or c.protocol == council) and (scenario is None or c.scenario == scenario)
    ]
    random.Random(seed).shuffle(chosen)
    return chosen[:rounds]


def route_options(roles: list[str], correct: str, seed: int | None, case_id: str, size: int = 4) -> list[str]:
    """The correct role key and up to size-1 others from the protocol's roles, shuffled."""
    rng = random.Random(f"{seed}:{case_id}")
    others = [r for r in roles if r != correct]
    rng.shuffle(others)
    options = [correct, *others[: size - 1]]
    rng.shuffle(options)
    return options


def mark(case_verdict: str, chosen: str, route_right: bool | None) -> bool:
    """Right when the verdict is right, and (for a route question) the route too."""
    return chosen == case_verdict and route_right is not False


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Score by scenario, in the order first met, and the clauses to revisit (from wrong answers)."""
    by: dict[str, dict[str, Any]] = {}
    revisit: list[str] = []
    for r in results:
        row = by.setdefault(
            r["scenario"], {"scenario": r["scenario"], "title": r["title"], "asked": 0, "right": 0}
        )
        row["asked"] += 1
        row["right"] += int(r["right"])
        if not r["right"]:
            revisit += [c for c in r["cite"] if c not in revisit]
    right = sum(int(r["right"]) for r in results)
    return {"asked": len(results), "right": right, "by_scenario": list(by.values()), "revisit": revisit}
