"""Answers given as "I'm not sure": the interview tried with every value the question could take.

Pure: no I/O, no printing. Tables are finite, so this is exact by enumeration. The interview is
walked as usual; where the question it consults was answered `unsure`, the walk goes down every
value of that question. Each leaf is a deciding rule and the values assumed on the way to it,
held as a "cube" (question -> the values that lead there; a question the path never consulted
takes every value). Leaves with the same rule are merged where their cubes join into one, so
values that lead to the same rule form one branch.

resolve() gives:
- one deciding rule for every value (the unknown did not matter): `rule` is it, `branches` empty;
- different rules: `branches`, one per rule (or more, where one rule's cases do not form a cube),
  and `depends_on`, the unsure questions whose value changes the deciding rule;
- a path that reaches a question not answered at all: `missing`, the first such question in the
  scenario's order (the next question to ask).
"""

from __future__ import annotations

from collections.abc import Mapping

from protocol_cli.deciding.engine import (
    UNSURE,
    Question,
    Rule,
    Scenario,
    Table,
    decide,
    next_question,
    rule_status,
)

Cube = dict[str, frozenset[str]]


class Branch:
    """One way an unsure answer can go: the values that lead here, and the rule that decides."""

    __slots__ = ("answers", "rule")

    def __init__(self, answers: dict[str, tuple[str, ...]], rule: Rule) -> None:
        self.answers = answers  # question id -> values, in option order; only questions it turns on
        self.rule = rule

    def __repr__(self) -> str:
        return f"Branch({self.answers!r}, rule {self.rule.number})"


class Resolution:
    __slots__ = ("asked", "branches", "depends_on", "missing", "rule", "unsure")

    def __init__(
        self,
        asked: list[str],
        rule: Rule | None,
        branches: tuple[Branch, ...],
        depends_on: tuple[str, ...],
        unsure: tuple[str, ...],
        missing: Question | None,
    ) -> None:
        self.asked = asked  # questions consulted on any path, in the order first consulted
        self.rule = rule  # the deciding rule when it is the same whatever the unsure answers are
        self.branches = branches  # when it is not: one branch per case, in option order
        self.depends_on = depends_on  # unsure questions whose value changes the rule (scenario order)
        self.unsure = unsure  # unsure questions some path consulted (scenario order)
        self.missing = missing  # the next question some path needs that was not answered at all

    @property
    def complete(self) -> bool:
        return self.missing is None

    @property
    def rules(self) -> list[Rule]:
        """Every deciding rule, each once, in branch order."""
        if self.rule is not None:
            return [self.rule]
        return list({b.rule.number: b.rule for b in self.branches}.values())

    @property
    def verdict(self) -> str | None:
        """The verdict every branch shares, else `conditional` (it turns on what is not known)."""
        verdicts = {r.outcome.verdict for r in self.rules}
        if not verdicts:
            return None
        return verdicts.pop() if len(verdicts) == 1 else "conditional"


def has_unsure(answers: Mapping[str, str]) -> bool:
    return UNSURE in answers.values()


def resolve(scenario: Scenario, table: Table, answers: Mapping[str, str]) -> Resolution:
    """Walk the interview with `answers`, trying every value where one is `unsure`.

    The walk consults questions as the interview asks them (engine.path); where the next one was
    not answered but an answer already given rules its rule out, it consults that answer instead,
    so a fact given up front is never asked for again (interview.Interview.next). Without unsure
    answers, and with every question answered, `asked` and `rule` are engine.path's.
    """
    order = scenario.order
    asked: list[str] = []
    unsure_seen: set[str] = set()
    leaves: list[tuple[dict[str, str], Rule]] = []
    open_needs: set[str] = set()
    stack: list[tuple[dict[str, str], dict[str, str]]] = [({}, {})]  # (consulted, values assumed)
    while stack:
        known, assumed = stack.pop()
        question = next_question(scenario, table, known)
        if question is None:
            rule = decide(table, known)
            assert rule is not None  # a table ends in an unconditional rule
            leaves.append((assumed, rule))
            continue
        qid = question.id
        if qid not in answers:
            settles = _settles(scenario, table, known, answers)
            if settles is None:
                open_needs.add(qid)
                continue
            qid = settles
        if qid not in asked:
            asked.append(qid)
        value = answers[qid]
        if value == UNSURE:
            unsure_seen.add(qid)
            values = scenario.question(qid).values  # type: ignore[union-attr]
            for v in reversed(values):  # (a stack: reversed, so leaves come in option order)
                stack.append(({**known, qid: v}, {**assumed, qid: v}))
        else:
            stack.append(({**known, qid: value}, assumed))
    unsure = tuple(sorted(unsure_seen, key=order.__getitem__))
    if open_needs:
        first = min(open_needs, key=order.__getitem__)
        return Resolution(asked, None, (), (), unsure, scenario.question(first))
    if len({rule.number for _, rule in leaves}) == 1:
        return Resolution(asked, leaves[0][1], (), (), unsure, None)
    values = {qid: frozenset(scenario.question(qid).values) for qid in unsure}  # type: ignore[union-attr]
    cubes = [({q: frozenset([a[q]]) if q in a else values[q] for q in unsure}, rule) for a, rule in leaves]
    depends_on = tuple(q for q in unsure if _matters(q, cubes))
    branches = _branches(scenario, cubes, depends_on, values)
    return Resolution(asked, None, branches, depends_on, unsure, None)


def _settles(
    scenario: Scenario, table: Table, known: dict[str, str], answers: Mapping[str, str]
) -> str | None:
    """The question to consult when the next one was not answered: one already answered that rules
    out the open rule, else one answered unsure that might (its branches will tell); else None."""
    rule = next(r for r in table.rules if rule_status(r, known) is None)
    waiting = sorted(
        (q for q in rule.when if q not in known and q in answers), key=scenario.order.__getitem__
    )
    for qid in waiting:
        if answers[qid] != UNSURE and answers[qid] not in rule.when[qid]:
            return qid
    return next((q for q in waiting if answers[q] == UNSURE), None)


def next_needed(scenario: Scenario, table: Table, answers: Mapping[str, str]) -> Question | None:
    """The next question to ask: engine.next_question, or with unsure answers the first question
    (in scenario order) that any still-open branch needs."""
    if not has_unsure(answers):
        return next_question(scenario, table, answers)
    return resolve(scenario, table, answers).missing


def _matters(qid: str, cubes: list[tuple[Cube, Rule]]) -> bool:
    """Whether some two cases that differ only in this question's value have different rules.

    Leaf cubes are disjoint; two with different rules that overlap in every other question must
    differ in this one, so changing only its value changes the rule.
    """
    for i, (a, rule_a) in enumerate(cubes):
        for b, rule_b in cubes[i + 1 :]:
            if rule_a is not rule_b and a[qid].isdisjoint(b[qid]) and all(a[q] & b[q] for q in a if q != qid):
                return True
    return False


MAX_POINTS = 4096  # fillings of the questions that matter enumerated one by one, at most


def _branches(
    scenario: Scenario,
    cubes: list[tuple[Cube, Rule]],
    depends_on: tuple[str, ...],
    values: dict[str, frozenset[str]],
) -> tuple[Branch, ...]:
    """Cases with the same rule, merged: questions that do not matter dropped, then any two cubes
    of one rule that differ in one question joined, until none can be."""
    # Cubes projected onto the questions that matter can overlap (a question dropped from one
    # but not the other); starting from single points keeps the branches disjoint, so each
    # filling of the unknowns falls in exactly one. (Bounded: beyond that many points, merge the
    # cubes themselves.)
    space = 1
    for q in depends_on:
        space *= len(values[q])
    if space <= MAX_POINTS:
        import itertools

        points: list[tuple[Cube, Rule]] = []
        in_order = [
            [v for v in scenario.question(q).values if v in values[q]]  # type: ignore[union-attr]
            for q in depends_on
        ]
        for combo in itertools.product(*in_order):
            point = dict(zip(depends_on, combo, strict=True))
            rule = next(r for cube, r in cubes if all(point[q] in cube[q] for q in depends_on))
            points.append(({q: frozenset([point[q]]) for q in depends_on}, rule))
        cubes = points
    groups: dict[int, tuple[Rule, list[Cube]]] = {}
    for cube, rule in cubes:
        projected = {q: cube[q] for q in depends_on}
        kept = groups.setdefault(rule.number, (rule, []))[1]
        if projected not in kept:
            kept.append(projected)
    out: list[Branch] = []
    for rule, kept in groups.values():
        merged = True
        while merged:
            merged = False
            for i in range(len(kept)):
                for j in range(i + 1, len(kept)):
                    joined = _join(kept[i], kept[j])
                    if joined is not None:
                        kept[i] = joined
                        del kept[j]
                        merged = True
                        break
                if merged:
                    break
        for cube in kept:
            answers = {
                q: tuple(v for v in scenario.question(q).values if v in cube[q])  # type: ignore[union-attr]
                for q in depends_on
                if cube[q] != values[q]
            }
            out.append(Branch(answers, rule))
    return tuple(out)


def _join(a: Cube, b: Cube) -> Cube | None:
    """a and b as one cube, when one holds the other or they differ in one question only."""
    if all(a[q] >= b[q] for q in a):
        return a
    if all(b[q] >= a[q] for q in a):
        return b
    differ = [q for q in a if a[q] != b[q]]
    if len(differ) == 1:
        return {**a, differ[0]: a[differ[0]] | b[differ[0]]}
    return None
