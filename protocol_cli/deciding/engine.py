"""The decision engine: first-hit rule tables and the interview that asks only what is needed.

Pure: no I/O, no printing. A table is an ordered list of rules; each rule's `when` maps question
ids to the values that satisfy it. The outcome is the first rule whose `when` holds. The next
question is the first unanswered question (in the scenario's question order) of the first rule
not yet ruled out, and the interview stops as soon as that rule holds.
"""

from __future__ import annotations

from collections.abc import Mapping

VERDICTS = ("allowed", "not-allowed", "conditional", "required", "refer", "not-covered")
# "I'm not sure": an answer any question takes (never an option value in data); see unsure.py
UNSURE = "unsure"
UNSURE_LABEL = "I'm not sure"
YES_NO = (("yes", "Yes"), ("no", "No"))

# Plain classes with __slots__ rather than dataclasses: importing dataclasses (and the inspect
# module it brings) would cost a scripted `protocol ask` a third of its start-up.


class Option:
    __slots__ = ("label", "value")

    def __init__(self, value: str, label: str) -> None:
        self.value = value
        self.label = label


class Question:
    __slots__ = ("help", "id", "options", "prompt", "values")

    def __init__(self, id: str, prompt: str, help: str, options: tuple[Option, ...]) -> None:
        self.id = id
        self.prompt = prompt
        self.help = help
        self.options = options
        self.values = tuple(o.value for o in options)

    def label_of(self, value: str) -> str:
        if value == UNSURE:
            return UNSURE_LABEL
        return next((o.label for o in self.options if o.value == value), value)

    def __repr__(self) -> str:
        return f"Question({self.id!r})"


class Outcome:
    __slots__ = ("answer", "cite", "conditions", "contacts", "route", "steps", "verdict", "why_not_covered")

    def __init__(
        self,
        verdict: str,
        answer: str,
        cite: tuple[str, ...],
        conditions: tuple[str, ...] = (),
        route: tuple[str, ...] = (),  # role keys, in order
        steps: tuple[str, ...] = (),
        contacts: tuple[str, ...] = (),  # role keys
        why_not_covered: str = "",  # not-covered only: why none of what clause search finds answers it
    ) -> None:
        self.verdict = verdict
        self.why_not_covered = why_not_covered
        self.answer = answer
        self.cite = cite
        self.conditions = conditions
        self.route = route
        self.steps = steps
        self.contacts = contacts


class Rule:
    __slots__ = ("draft", "number", "outcome", "reviewed", "when")

    def __init__(
        self,
        number: int,
        when: Mapping[str, frozenset[str]],
        outcome: Outcome,
        reviewed: Mapping[str, str] | None = None,
        draft: Mapping[str, object] | None = None,
    ) -> None:
        self.number = number  # 1-based position in its table
        self.when = when
        self.outcome = outcome
        # lint id -> why a reviewer judged that `protocol data check` finding not to apply here
        self.reviewed: Mapping[str, str] = reviewed or {}
        # a rule drafted from another protocol (`protocol data draft`): {"from", "rule", "evidence",
        # "reviewed_by", "reviewed_at"}; None for a rule written by hand
        self.draft = draft

    @property
    def unreviewed_draft(self) -> bool:
        """Drafted from another protocol and not yet accepted by a reviewer of this council."""
        return self.draft is not None and not self.draft.get("reviewed_by")

    def __repr__(self) -> str:
        return f"Rule({self.number}, {dict(self.when)!r}, {self.outcome.verdict!r})"


class Table:
    __slots__ = ("protocol", "rules")

    def __init__(self, protocol: str, rules: tuple[Rule, ...]) -> None:
        self.protocol = protocol
        self.rules = rules


class Scenario:
    __slots__ = ("_by_id", "aliases", "id", "order", "questions", "summary", "tables", "title")

    def __init__(
        self,
        id: str,
        title: str,
        summary: str,
        aliases: tuple[str, ...],
        questions: tuple[Question, ...],
        tables: Mapping[str, Table],
    ) -> None:
        self.id = id
        self.title = title
        self.summary = summary
        self.aliases = aliases
        self.questions = questions
        self.tables = tables
        self._by_id = {q.id: q for q in questions}
        self.order = {q.id: n for n, q in enumerate(questions)}

    def question(self, qid: str) -> Question | None:
        return self._by_id.get(qid)


Answers = Mapping[str, str]


def rule_status(rule: Rule, answers: Answers) -> bool | None:
    """True: the rule holds. False: an answer rules it out. None: not known yet."""
    unknown = False
    for qid, allowed in rule.when.items():
        if qid not in answers:
            unknown = True
        elif answers[qid] not in allowed:
            return False
    return None if unknown else True


def decide(table: Table, answers: Answers) -> Rule | None:
    """The rule that decides, or None while an earlier rule is still open."""
    for rule in table.rules:
        status = rule_status(rule, answers)
        if status is True:
            return rule
        if status is None:
            return None
    return None  # unreachable for a table ending in an unconditional rule


def next_question(scenario: Scenario, table: Table, answers: Answers) -> Question | None:
    """The next question the table needs, or None when the outcome is certain."""
    order = scenario.order
    for rule in table.rules:
        status = rule_status(rule, answers)
        if status is True:
            return None
        if status is None:
            open_ids = sorted(
                (q for q in rule.when if q not in answers), key=lambda q: order.get(q, len(order))
            )
            return scenario.question(open_ids[0])
    return None


def needed_questions(scenario: Scenario, table: Table) -> set[str]:
    return {qid for rule in table.rules for qid in rule.when}


def path(scenario: Scenario, table: Table, answers: Answers) -> tuple[list[str], Rule | None]:
    """The questions an interview consults for these answers, and the deciding rule.

    Stops at the first question the answers do not cover (the rule is then None).
    """
    known: dict[str, str] = {}
    consulted: list[str] = []
    for _ in range(len(scenario.questions) + 1):
        question = next_question(scenario, table, known)
        if question is None:
            return consulted, decide(table, known)
        consulted.append(question.id)
        if question.id not in answers:
            return consulted, None
        known[question.id] = answers[question.id]
    raise AssertionError("interview did not terminate")  # pragma: no cover - tables are finite


class RuledOut:
    __slots__ = ("question", "rule", "value")

    def __init__(self, rule: Rule, question: str, value: str) -> None:
        self.rule = rule
        self.question = question
        self.value = value


def explain(table: Table, answers: Answers) -> tuple[list[RuledOut], Rule | None]:
    """Which earlier rules were ruled out, by which answer, and which rule decided."""
    ruled_out = []
    for rule in table.rules:
        status = rule_status(rule, answers)
        if status is True:
            return ruled_out, rule
        if status is None:
            return ruled_out, None
        qid = next(q for q, allowed in rule.when.items() if q in answers and answers[q] not in allowed)
        ruled_out.append(RuledOut(rule, qid, answers[qid]))
    return ruled_out, None


class _Node:
    __slots__ = ("children", "known", "question", "rule")

    def __init__(self, question: str | None, rule: Rule | None, known: dict[str, str]) -> None:
        self.question = question
        self.rule = rule
        self.known = known
        self.children: dict[str, _Node] = {}


class Walker:
    """The interview as a tree, grown as answers arrive, so each path costs a few dict lookups.

    Gives what `path` gives (the questions consulted, the deciding rule or None) for any
    answers; used where many rows go through one table.
    """

    __slots__ = ("_root", "scenario", "table")

    def __init__(self, scenario: Scenario, table: Table) -> None:
        self.scenario = scenario
        self.table = table
        self._root = self._node({})

    def _node(self, known: dict[str, str]) -> _Node:
        question = next_question(self.scenario, self.table, known)
        if question is None:
            return _Node(None, decide(self.table, known), known)
        return _Node(question.id, None, known)

    def walk(self, answers: Mapping[str, str]) -> tuple[list[str], Rule | None]:
        node = self._root
        asked: list[str] = []
        while (qid := node.question) is not None:
            asked.append(qid)
            value = answers.get(qid)
            if value is None:
                return asked, None
            child = node.children.get(value)
            if child is None:
                child = node.children[value] = self._node({**node.known, qid: value})
            node = child
        return asked, node.rule


class Branch:
    __slots__ = ("node", "values")

    def __init__(self, values: tuple[str, ...], node: DecisionNode) -> None:
        self.values = values  # the answers that lead here (several when their subtrees are the same)
        self.node = node


class DecisionNode:
    """A question with a branch per answer, or (at a leaf) the rule that decides."""

    __slots__ = ("branches", "question", "rule")

    def __init__(self, question: Question | None, rule: Rule | None, branches: tuple[Branch, ...]) -> None:
        self.question = question
        self.rule = rule
        self.branches = branches


def decision_tree(scenario: Scenario, table: Table) -> DecisionNode:
    """The whole interview as a tree: the questions asked in turn, down to each deciding rule.

    Answers whose subtrees are identical share one branch, so the tree is as small as the
    table's logic (and reads like it).
    """

    def grow(known: dict[str, str]) -> tuple[DecisionNode, tuple[object, ...]]:
        question = next_question(scenario, table, known)
        if question is None:
            rule = decide(table, known)
            return DecisionNode(None, rule, ()), ("rule", rule.number if rule else None)
        grouped: dict[tuple[object, ...], tuple[list[str], DecisionNode]] = {}
        for value in question.values:
            child, shape = grow({**known, question.id: value})
            grouped.setdefault(shape, ([], child))[0].append(value)
        branches = tuple(Branch(tuple(values), child) for values, child in grouped.values())
        return DecisionNode(question, None, branches), ("ask", question.id, tuple(grouped))

    return grow({})[0]
