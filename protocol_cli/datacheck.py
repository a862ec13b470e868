"""`protocol data check`: proof that the data is complete, consistent and fully cited.

Everything is checkable by enumeration, because rule tables are finite: every combination of
answers a table's questions allow is run through it. Problems are collected, not raised, so one
run reports all of them, each naming the file and, where it can, the line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from protocol_cli import engine
from protocol_cli.errors import DataError

TARGET = 0.90  # share of each protocol's rule clauses that some answer must cite
MAX_CASES = 250_000  # answer combinations enumerated per table before giving up on it

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.model import Protocol
    from protocol_cli.scenarios import ScenarioFile


class Finding:
    __slots__ = ("line", "message", "path", "severity")

    def __init__(self, severity: str, path: str, message: str, line: int | None = None) -> None:
        self.severity = severity  # "error" or "warning"
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "file": self.path, "line": self.line, "message": self.message}


def _from(exc: DataError, severity: str = "error") -> Finding:
    message = exc.message
    prefix = f"{exc.path}, line {exc.line}: " if exc.line else f"{exc.path}: "
    return Finding(severity, str(exc.path), message.removeprefix(prefix), exc.line)


def answer_space(
    scenario: engine.Scenario, table: engine.Table
) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """The questions a table uses and every combination of their answers (None if too many)."""
    ids = [q.id for q in scenario.questions if q.id in engine.needed_questions(scenario, table)]
    values = [scenario.question(q).values for q in ids]  # type: ignore[union-attr]
    size = 1
    for v in values:
        size *= len(v)
    if size > MAX_CASES:
        return None
    return ids, list(itertools.product(*values))


def check_table(file: ScenarioFile, protocol: Protocol) -> list[Finding]:
    """Completeness, shadowed rules, and not-covered outcomes citing the seek-advice clause."""
    scenario = file.scenario
    table = scenario.tables[protocol.id]
    path = str(file.source(protocol.id)[0])
    findings: list[Finding] = []
    space = answer_space(scenario, table)
    if space is None:
        findings.append(
            Finding("warning", path, f"rules.{protocol.id}: too many answer combinations to enumerate")
        )
        return findings
    ids, combos = space
    deciding: dict[int, list[dict[str, str]]] = {}
    for combo in combos:
        answers = dict(zip(ids, combo, strict=True))
        rule = engine.decide(table, answers)
        if rule is None:
            shown = ", ".join(f"{k}={v}" for k, v in answers.items())
            findings.append(Finding("error", path, f"rules.{protocol.id}: no rule decides {shown}"))
            break
        deciding.setdefault(rule.number, []).append(answers)
    for rule in table.rules:
        if rule.number in deciding:
            continue
        covered = [a for a in (dict(zip(ids, c, strict=True)) for c in combos) if engine.rule_status(rule, a)]
        earlier = sorted({engine.decide(table, a).number for a in covered})  # type: ignore[union-attr]
        by = ", ".join(str(n) for n in earlier) or "none (its conditions cannot all hold)"
        findings.append(
            Finding(
                "error",
                path,
                f"rules.{protocol.id} rule {rule.number} is never reached: earlier rules decide every "
                f"case it covers (rule {by})",
                file.line_of_rule(protocol.id, rule.number),
            )
        )
    for rule in table.rules:
        if rule.outcome.verdict == "not-covered" and not set(rule.outcome.cite) & set(protocol.seek_advice):
            findings.append(
                Finding(
                    "error",
                    path,
                    f"rules.{protocol.id} rule {rule.number}: a not-covered answer cites the protocol's "
                    f"'seek advice' clause ({', '.join(protocol.seek_advice) or 'none recorded'})",
                    file.line_of_rule(protocol.id, rule.number),
                )
            )
    return findings


def coverage(protocol: Protocol, cited: set[str]) -> tuple[dict[str, Any], list[Finding]]:
    """How many of the protocol's rule clauses some answer cites; the rest need a reason."""
    rules = [c for c in protocol.clauses if c.kind == "rule"]
    done = [c.label for c in rules if c.label in cited]
    excused = {c.label: c.uncited for c in rules if c.label not in cited and c.uncited}
    missing = [c.label for c in rules if c.label not in cited and not c.uncited]
    path = str(protocol.path)
    lines = _clause_lines(Path(protocol.path))
    findings: list[Finding] = []
    for c in protocol.clauses:
        if c.uncited and c.label in cited:
            findings.append(
                Finding(
                    "error",
                    path,
                    f"clause {c.label} gives a reason no answer cites it (uncited), but an answer does",
                    lines.get(c.label),
                )
            )
        if c.uncited and c.kind != "rule":
            findings.append(
                Finding(
                    "error",
                    path,
                    f"clause {c.label} gives a reason it is uncited but is not a rule",
                    lines.get(c.label),
                )
            )
    for label in missing:
        findings.append(
            Finding(
                "error",
                path,
                f"rule clause {label} is cited by no answer: cite it, or say why it answers no "
                'scenario question (uncited = "...")',
                lines.get(label),
            )
        )
    share = len(done) / len(rules) if rules else 1.0
    if share < TARGET:
        findings.append(
            Finding(
                "error",
                path,
                f"answers cite {share:.1%} of its rule clauses; the target is {TARGET:.0%}",
            )
        )
    row = {
        "protocol": protocol.id,
        "rule_clauses": len(rules),
        "cited": len(done),
        "share": round(share, 4),
        "uncited": missing,
        "excused": excused,
    }
    return row, findings


def check_training(library: Any) -> tuple[int, list[Finding]]:
    """Each training case loads, and its verdict is the one the rule tables give for its answers."""
    from protocol_cli import training

    try:
        cases = training.load(library)
    except DataError as exc:
        return 0, [_from(exc)]
    findings = []
    for case in cases:
        try:
            scenario, table, _ = library.table(case.scenario, case.protocol)
        except DataError:
            continue  # the scenario or protocol itself is broken: reported with its own file
        _, rule = engine.path(scenario, table, case.answers)
        if rule is None:
            message = f"training case {case.id}: its answers do not reach an answer under {case.protocol}"
        elif rule.outcome.verdict != case.verdict:
            message = (
                f"training case {case.id}: expects {case.verdict}, but {case.protocol}'s rules give "
                f"{rule.outcome.verdict} (rule {rule.number})"
            )
        else:
            continue
        findings.append(Finding("error", str(case.path), message, case.line))
    return len(cases), findings


def _clause_lines(path: Path) -> dict[str, int]:
    """The line of each clause's label in its clause file, for pointing at it."""
    import re

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = re.finditer(r'^label = "([^"]+)"', text, re.M)
    return {m.group(1): text.count("\n", 0, m.start()) + 1 for m in found}


def check(root: Path, overlay: Path | None = None) -> dict[str, Any]:
    """The whole report for the data folder at root (with clauses/ and scenarios/)."""
    from protocol_cli.library import Library
    from protocol_cli.scenarios import check_against

    findings: list[Finding] = []
    library = Library(root, overlay, strict=True)
    protocols: dict[str, Protocol] = {}
    try:
        ids = library.protocol_ids()
    except DataError as exc:
        return {
            "root": str(root),
            "ok": False,
            "findings": [_from(exc).as_dict()],
            "coverage": [],
            "counts": {},
        }
    for pid in ids:
        try:
            protocols[pid] = library.protocol(pid)
        except DataError as exc:
            findings.append(_from(exc))
    catalogue = library.catalogue
    files: list[ScenarioFile] = []
    for sid in catalogue.ids():
        try:
            files.append(catalogue.file(sid))
        except DataError as exc:
            findings.append(_from(exc))
    cited: dict[str, set[str]] = {pid: set() for pid in protocols}
    tables = rules = 0
    for file in files:
        for pid in ids:
            if pid not in file.scenario.tables:
                findings.append(Finding("warning", str(file.path), f"no rule table for {pid}"))
        for pid, table in file.scenario.tables.items():
            protocol = protocols.get(pid)
            if protocol is None:
                continue
            try:
                check_against(file, protocol)
            except DataError as exc:
                findings.append(_from(exc))
                continue
            tables += 1
            rules += len(table.rules)
            findings += check_table(file, protocol)
            for rule in table.rules:
                cited[pid].update(rule.outcome.cite)
    rows = []
    for pid, protocol in protocols.items():
        row, found = coverage(protocol, cited[pid])
        rows.append(row)
        findings += found
    trained, found = check_training(library)
    findings += found
    findings += [_from(problem) for problem in library.problems]
    unique: dict[tuple[str, int | None, str], Finding] = {}
    for f in findings:  # (a broken file can be met twice: by the scenarios and by the training)
        unique.setdefault((f.path, f.line, f.message), f)
    findings = list(unique.values())
    return {
        "root": str(root),
        "ok": not any(f.severity == "error" for f in findings),
        "counts": {
            "protocols": len(protocols),
            "scenarios": len(files),
            "tables": tables,
            "rules": rules,
            "training_cases": trained,
        },
        "coverage": rows,
        "findings": [f.as_dict() for f in findings],
    }
