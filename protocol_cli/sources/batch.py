"""Checking rows in bulk: each row's council, scenario and answers through the engine.

Pure apart from loading data. Each (scenario, protocol) table is prepared once and walked as a
tree (engine.Walker); a row's decision is shared by every row with the same council, scenario,
expectation and answers, down to its serialised form, so a file of a million rows costs little
more than reading it.
"""

from __future__ import annotations

import json

from protocol_cli.base.errors import ProtocolError
from protocol_cli.deciding import engine
from protocol_cli.deciding.answers import NOT_SURE
from protocol_cli.deciding.model import canonical, unknown
from protocol_cli.sources.batch_input import Row

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.sources.library import Library

STATUSES = ("ok", "mismatch", "incomplete", "error")
MEMO = 4096  # decisions remembered at once


class Decision:
    """What a row's facts come to; shared by all rows with the same facts."""

    __slots__ = (
        "_json",
        "answer",
        "answers",
        "branches",
        "cite",
        "cite_ok",
        "council",
        "depends_on",
        "expect",
        "expect_cite",
        "missing",
        "reason",
        "rule",
        "scenario",
        "status",
        "verdict",
    )

    def __init__(
        self,
        status: str,
        council: str,
        scenario: str,
        *,
        verdict: str | None = None,
        cite: list[str] | None = None,
        answer: str | None = None,
        reason: str | None = None,
        missing: list[str] | None = None,
        answers: dict[str, str] | None = None,
        expect: str = "",
        rule: int | None = None,
        expect_cite: tuple[str, ...] = (),
        cite_ok: bool | None = None,
        depends_on: list[str] | None = None,
        branches: list[dict[str, Any]] | None = None,
    ) -> None:
        self.expect_cite = expect_cite
        self.cite_ok = cite_ok  # whether the answer cites one of expect_cite (None: nothing expected)
        self.depends_on = depends_on or []  # questions answered "unsure" that the answer turns on
        self.branches = branches or []  # each case: answers, verdict, rule, cite, answer
        self.status = status
        self.council = council
        self.scenario = scenario
        self.verdict = verdict
        self.cite = cite or []
        self.answer = answer
        self.reason = reason
        self.missing = missing or []
        self.answers = answers or {}
        self.expect = expect
        self.rule = rule
        self._json: tuple[str, str] | None = None

    def json_parts(self) -> tuple[str, str]:
        """The JSON of everything but the row's id and place, made once."""
        if self._json is None:
            middle = json.dumps(
                {
                    "council": self.council,
                    "scenario": self.scenario,
                    "status": self.status,
                    "verdict": self.verdict,
                    "cite": self.cite,
                    "cite_ok": self.cite_ok,
                    "answer": self.answer,
                    "reason": self.reason,
                },
                ensure_ascii=False,
            )
            tail: dict[str, Any] = {"answers": self.answers}
            tail.update(self.extras())
            self._json = (middle[1:-1], json.dumps(tail, ensure_ascii=False)[1:-1])
        return self._json

    def extras(self) -> dict[str, Any]:
        """What a row's output carries only when there is something to say."""
        out: dict[str, Any] = {}
        if self.expect:
            out["expect"] = self.expect
        if self.expect_cite:
            out["expect_cite"] = list(self.expect_cite)
        if self.missing:
            out["missing"] = self.missing
        if self.branches:
            out["depends_on"] = self.depends_on
            out["branches"] = self.branches
        return out


class Result:
    __slots__ = ("decision", "row")

    def __init__(self, row: Row, decision: Decision) -> None:
        self.row = row
        self.decision = decision

    @property
    def status(self) -> str:
        return self.decision.status

    def as_dict(self) -> dict[str, Any]:
        d = self.decision
        out: dict[str, Any] = {
            "id": self.row.id,
            "council": d.council,
            "scenario": d.scenario,
            "status": d.status,
            "verdict": d.verdict,
            "cite": d.cite,
            "cite_ok": d.cite_ok,
            "answer": d.answer,
            "reason": d.reason,
            "where": self.row.where,
            "answers": d.answers,
        }
        out.update(d.extras())
        return out

    def json(self) -> str:
        middle, tail = self.decision.json_parts()
        row = self.row
        return f'{{"id": {_quote(row.id)}, {middle}, "where": "{row.where}", {tail}}}'


_quote = json.encoder.encode_basestring  # a string as JSON, without json.dumps' overhead per row


class _Prepared:
    __slots__ = ("ids", "scenario", "spellings", "walker")

    def __init__(self, scenario: engine.Scenario, table: engine.Table) -> None:
        self.scenario = scenario
        self.walker = engine.Walker(scenario, table)
        self.spellings = {q.id: _spellings(q) for q in scenario.questions}
        self.ids = [q.id for q in scenario.questions]


def _spellings(question: engine.Question) -> dict[str, str]:
    out: dict[str, str] = {}
    for option in question.options:
        out[option.value] = option.value
        out[option.label.lower()] = option.value
    if set(question.values) == {"yes", "no"}:
        out.update({k: "yes" for k in ("y", "true", "1")})
        out.update({k: "no" for k in ("n", "false", "0")})
    out.update(dict.fromkeys(NOT_SURE, engine.UNSURE))
    return out


class Checker:
    def __init__(
        self, lib: Library, council: str | None = None, scenario: str | None = None, strict: bool = False
    ) -> None:
        self.lib = lib
        self.default_council = council or ""
        self.default_scenario = scenario or ""
        self.strict = strict  # an answer no scenario asks about is an error (else ignored, and named)
        self.ignored: dict[str, None] = {}  # such answers (a clerk's "Notes" column), in order seen
        self._all_questions: set[str] | None = None
        self.protocol_ids = set(lib.protocol_ids())
        self.scenario_ids = set(lib.catalogue.ids())
        self._prepared: dict[tuple[str, str], _Prepared | str] = {}
        self._decided: dict[tuple[Any, ...], Decision] = {}

    def is_question(self, name: str) -> bool:
        """Whether some scenario asks a question with this id (the scenarios are read only now)."""
        if self._all_questions is None:
            ids = set()
            for scenario_id in self.lib.catalogue.ids():
                try:
                    ids.update(q.id for q in self.lib.scenario(scenario_id).questions)
                except ProtocolError:  # (a broken scenario of the person's own is reported elsewhere)
                    continue
            self._all_questions = ids
        return name in self._all_questions

    def _prepare(self, scenario_id: str, protocol_id: str) -> _Prepared | str:
        key = (scenario_id, protocol_id)
        if key not in self._prepared:
            try:
                scenario, table, _ = self.lib.table(scenario_id, protocol_id)
            except ProtocolError as exc:
                self._prepared[key] = exc.message
            else:
                self._prepared[key] = _Prepared(scenario, table)
        return self._prepared[key]

    def check(self, row: Row) -> Result:
        if row.error:
            return Result(
                row, Decision("error", row.council, row.scenario, reason=row.error, answers=row.answers)
            )
        council = row.council or self.default_council
        scenario_id = row.scenario or self.default_scenario
        key = (council, scenario_id, row.expect, row.expect_cite, tuple(row.answers.items()))
        decision = self._decided.get(key)
        if decision is None:
            decision = self._decide(council, scenario_id, row.expect, row.answers, row.expect_cite)
            if decision.reason is None or decision.status != "error":
                if len(self._decided) >= MEMO:  # keep memory flat however varied the rows are
                    self._decided.clear()
                self._decided[key] = decision
            else:  # errors name the row, so they are not shared
                decision.reason = f"{row.where}: {decision.reason}"
        return Result(row, decision)

    def _decide(
        self,
        council: str,
        scenario_id: str,
        expect: str,
        given: dict[str, str],
        expect_cite: tuple[str, ...] = (),
    ) -> Decision:
        def error(reason: str, answers: dict[str, str] | None = None) -> Decision:
            return Decision("error", council, scenario_id, reason=reason, answers=answers or given)

        if not council:
            return error("no council (add a council column, or --council)")
        if not scenario_id:
            return error("no scenario (add a scenario column, or --scenario)")
        council = canonical(council, sorted(self.protocol_ids))  # Thanet, Epsom Ewell
        scenario_id = canonical(scenario_id, sorted(self.scenario_ids))
        if council not in self.protocol_ids:
            return error(unknown("protocol", council, sorted(self.protocol_ids)))
        if scenario_id not in self.scenario_ids:
            return error(unknown("scenario", scenario_id, sorted(self.scenario_ids)))
        prepared = self._prepare(scenario_id, council)
        if isinstance(prepared, str):
            return error(prepared)
        answers: dict[str, str] = {}
        for qid, typed in given.items():
            spellings = prepared.spellings.get(qid)
            if spellings is None:
                if self.strict or self.is_question(qid):  # (another scenario's question: a mistake)
                    return error(unknown("question", qid, prepared.ids, where=scenario_id))
                self.ignored[qid] = None
                continue
            value = spellings.get(typed)
            if value is None:
                value = spellings.get(typed.lower())
            if value is None:
                options = ", ".join(prepared.scenario.question(qid).values)  # type: ignore[union-attr]
                return error(f"'{typed}' is not an answer to '{qid}'; choose one of: {options}")
            answers[qid] = value
        wanted = canonical(expect, engine.VERDICTS) if expect else ""  # Not allowed, not_allowed
        if wanted and wanted not in engine.VERDICTS:
            return error(f"expect '{expect}' is not a verdict ({', '.join(engine.VERDICTS)})", answers)
        wanted_cites = self._expected_clauses(council, expect_cite)
        if isinstance(wanted_cites, str):
            return error(wanted_cites, answers)
        rule = None if engine.UNSURE in answers.values() else prepared.walker.walk(answers)[1]
        if rule is None:  # answers "unsure", or some missing: as `ask` resolves them
            return self._decide_resolved(council, prepared, answers, wanted, expect_cite, wanted_cites)
        return _answered(
            council,
            scenario_id,
            answers,
            wanted,
            expect_cite,
            wanted_cites,
            verdict=rule.outcome.verdict,
            cite=list(rule.outcome.cite),
            answer=rule.outcome.answer,
            rule=rule.number,
        )

    def _decide_resolved(
        self,
        council: str,
        prepared: _Prepared,
        answers: dict[str, str],
        wanted: str,
        expect_cite: tuple[str, ...],
        wanted_cites: set[str],
    ) -> Decision:
        """A row the walk did not settle, resolved as `ask` resolves it (unsure.resolve): answers
        "unsure" tried with every value, and an answer given that rules a rule out used."""
        from protocol_cli.deciding import reports
        from protocol_cli.deciding.unsure import resolve

        scenario = prepared.scenario
        found = resolve(scenario, prepared.walker.table, answers)
        if found.missing is not None:
            question = found.missing
            return Decision(
                "incomplete",
                council,
                scenario.id,
                answers=answers,
                expect=wanted,
                missing=[question.id],
                reason=f"needs '{question.id}' next ({question.prompt}): {'|'.join(question.values)}",
                expect_cite=expect_cite,
            )
        view = reports.resolved(scenario, self.lib.protocol(council), found, answers, "")
        return _answered(
            council,
            scenario.id,
            answers,
            wanted,
            expect_cite,
            wanted_cites,
            verdict=view["verdict"],
            cite=[c["label"] for c in view["citations"]],
            answer=view["answer"],
            rule=view.get("rule"),
            depends_on=view["depends_on"],
            branches=[
                {
                    "answers": b["answers"],
                    "verdict": b["verdict"],
                    "rule": b["rule"],
                    "cite": [c["id"] for c in b["citations"]],
                    "answer": b["answer"],
                }
                for b in view["branches"]
            ],
        )

    def _expected_clauses(self, council: str, labels: tuple[str, ...]) -> set[str] | str:
        """The clause labels expect_cite names (as stored), or why one cannot be found.

        A label may carry its protocol (thanet:9.1.12) and be spelt as `clauses show` takes it.
        """
        if not labels:
            return set()
        protocol = self.lib.protocol(council)
        out = set()
        for typed in labels:
            where, sep, label = typed.rpartition(":")
            if sep and where.strip().lower() != council:
                return f"expect_cite '{typed}' names another protocol than this row's council ({council})"
            clause = protocol.clause(label)
            if clause is None:
                return f"expect_cite: no clause '{label}' in {council} (see: protocol clauses list {council})"
            out.add(clause.label)
        return out


def _answered(
    council: str,
    scenario_id: str,
    answers: dict[str, str],
    wanted: str,
    expect_cite: tuple[str, ...],
    wanted_cites: set[str],
    *,
    verdict: str,
    cite: list[str],
    answer: str,
    rule: int | None,
    depends_on: list[str] | None = None,
    branches: list[dict[str, Any]] | None = None,
) -> Decision:
    """An answered row: ok, or a mismatch when the verdict or the clauses cited are not as expected."""
    reasons = []
    if wanted and wanted != verdict:
        reasons.append(f"expected {wanted}, the protocol says {verdict}")
    cite_ok = None
    if wanted_cites:
        cite_ok = not wanted_cites.isdisjoint(cite)
        if not cite_ok:
            reasons.append(f"expected a citation of {' or '.join(expect_cite)}; it cites {' '.join(cite)}")
    return Decision(
        "mismatch" if reasons else "ok",
        council,
        scenario_id,
        verdict=verdict,
        cite=[f"{council}:{c}" for c in cite],
        answer=answer,
        reason="; ".join(reasons) or None,
        answers=answers,
        expect=wanted,
        rule=rule,
        expect_cite=expect_cite,
        cite_ok=cite_ok,
        depends_on=depends_on,
        branches=branches,
    )
