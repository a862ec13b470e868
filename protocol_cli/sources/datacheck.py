"""`protocol data check`: proof that the data is complete, consistent and fully cited.

Everything is checkable by enumeration, because rule tables are finite: every combination of
answers a table's questions allow is run through it. Problems are collected, not raised, so one
run reports all of them, each naming the file and, where it can, the line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from protocol_cli.base.errors import DataError
from protocol_cli.deciding import engine
from protocol_cli.sources import verdictlint

TARGET = 0.90  # share of each protocol's rule clauses that some answer must cite
MAX_CASES = 250_000  # answer combinations enumerated per table before giving up on it

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.deciding.model import Protocol
    from protocol_cli.sources.scenarios import ScenarioFile


class Finding:
    __slots__ = ("line", "lint", "message", "path", "reviewed", "severity")

    def __init__(
        self,
        severity: str,
        path: str,
        message: str,
        line: int | None = None,
        lint: str | None = None,
        reviewed: str | None = None,
    ) -> None:
        self.severity = severity  # "error", "warning", or "reviewed" (acknowledged in the rule's data)
        self.path = path
        self.line = line
        self.message = message
        self.lint = lint  # the verdict lint's id (verdictlint.LINTS), for `reviewed = { id = "..." }`
        self.reviewed = reviewed  # why a reviewer judged it not to apply

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "file": self.path,
            "line": self.line,
            "message": self.message,
            "lint": self.lint,
            "reviewed": self.reviewed,
        }


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


def check_verdicts(
    file: ScenarioFile, protocol: Protocol, weight: verdictlint.Weights
) -> tuple[list[Finding], list[dict[str, Any]]]:
    """The verdict lints on one table, and what clause search finds for each not-covered rule.

    A problem the rule acknowledges (`reviewed = { lint-id = "why" }`) is a reviewed finding, not
    an error. A `reviewed` entry naming no lint is an error; one whose lint finds nothing there
    is a warning (the rule changed since: remove it).
    """
    scenario = file.scenario
    table = scenario.tables[protocol.id]
    path = str(file.source(protocol.id)[0])
    findings: list[Finding] = []
    fired: set[tuple[int, str]] = set()
    for rule, lint, message in verdictlint.lint_table(scenario, table, protocol, weight):
        fired.add((rule.number, lint))
        reason = rule.reviewed.get(lint)
        # an unreviewed draft rule (protocol data draft) is for `protocol data review` to settle
        draft = rule.unreviewed_draft
        findings.append(
            Finding(
                "reviewed" if reason else "warning" if draft else "error",
                path,
                f"rules.{protocol.id} rule {rule.number} [{lint}]: "
                f"{'draft rule, not yet reviewed: ' if draft else ''}{message}",
                file.line_of_rule(protocol.id, rule.number),
                lint=lint,
                reviewed=reason,
            )
        )
    for rule in table.rules:
        for lint in rule.reviewed:
            where = f"rules.{protocol.id} rule {rule.number}"
            if lint not in verdictlint.LINTS:
                severity = "error"
                known = ", ".join(verdictlint.LINTS)
                message = f"{where}: reviewed names '{lint}', which is no check (known: {known})"
            elif (rule.number, lint) not in fired:
                severity = "warning"
                message = f"{where}: reviewed names '{lint}', but that check finds nothing here; remove it"
            else:
                continue
            findings.append(Finding(severity, path, message, file.line_of_rule(protocol.id, rule.number)))
    searched = []
    for rule in table.rules:
        if rule.outcome.verdict != "not-covered":
            continue
        words, hits = verdictlint.not_covered_search(scenario, rule, protocol)
        searched.append(
            {
                "scenario": scenario.id,
                "protocol": protocol.id,
                "rule": rule.number,
                "file": path,
                "line": file.line_of_rule(protocol.id, rule.number),
                "words": words,
                "found": [
                    {
                        "label": h.clause.label,
                        "heading": h.clause.heading,
                        "cited": h.clause.label in rule.outcome.cite,
                        "text": h.clause.text,
                    }
                    for h in hits
                ],
                "why_not_covered": rule.outcome.why_not_covered or None,
            }
        )
    return findings, searched


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
    from protocol_cli.sources import training

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


def _bundled_alone(catalogue: Any, root: Path, sid: str, error: DataError) -> ScenarioFile | None:
    """The bundled scenario without the local file that broke it (None: the bundled one broke)."""
    from protocol_cli.sources.scenarios import load_scenario

    bundled = root / "scenarios" / f"{sid}.toml"
    if not bundled.is_file() or Path(str(error.path)) == bundled:
        return None
    try:
        base = load_scenario(bundled, catalogue.protocol_ids)
    except DataError:
        return None
    catalogue._files[sid] = base  # (training cases then use it too)
    return base


def drafts(files: list[ScenarioFile]) -> list[dict[str, Any]]:
    """Per protocol with drafted rules (`protocol data draft`): how many rules are drafts, how
    many of those a reviewer has accepted (reviewed_by), and how many wait for review."""
    counts: dict[str, dict[str, int]] = {}
    for file in files:
        for pid, table in file.scenario.tables.items():
            for rule in table.rules:
                draft = getattr(rule, "draft", None)
                if draft is None:
                    continue
                row = counts.setdefault(pid, {"draft": 0, "reviewed": 0})
                row["draft"] += 1
                row["reviewed"] += bool(draft.get("reviewed_by"))
    return [
        {
            "protocol": pid,
            "drafted": c["draft"],
            "reviewed": c["reviewed"],
            "to_review": c["draft"] - c["reviewed"],
        }
        for pid, c in sorted(counts.items())
    ]


def check(root: Path, overlay: Path | None = None) -> dict[str, Any]:
    """The whole report for the data folder at root (with clauses/ and scenarios/)."""
    from protocol_cli.sources.library import Library
    from protocol_cli.sources.scenarios import check_against

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
            "lints": {},
            "not_covered": [],
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
            base = _bundled_alone(catalogue, root, sid, exc)
            if base is not None:  # a broken local file: its fault is reported, the bundled data checked
                files.append(base)
    cited: dict[str, set[str]] = {pid: set() for pid in protocols}
    weight = verdictlint.rarity(protocols.values())
    searched: list[dict[str, Any]] = []
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
            found, rows_searched = check_verdicts(file, protocol, weight)
            findings += found
            searched += rows_searched
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
    lints = {lint: {"open": 0, "reviewed": 0} for lint in verdictlint.LINTS}
    for f in findings:
        if f.lint:
            lints[f.lint]["reviewed" if f.severity == "reviewed" else "open"] += 1
    return {
        "root": str(root),
        "ok": not any(f.severity == "error" for f in findings),
        "counts": {
            "protocols": len(protocols),
            "scenarios": len(files),
            "tables": tables,
            "rules": rules,
            "training_cases": trained,
            "reviewed": sum(1 for f in findings if f.severity == "reviewed"),
        },
        "lints": lints,
        "drafts": drafts(files),
        "coverage": rows,
        "not_covered": searched,
        "findings": [f.as_dict() for f in findings],
    }
