"""What each command shows, as plain data: the --json output, and what both renderers draw.

Keeping the shape here means JSON, plain text and rich output cannot drift apart.
"""

from __future__ import annotations

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.deciding.engine import DecisionNode, Question, Rule, Scenario, Table
    from protocol_cli.deciding.model import Clause, Protocol, Section
    from protocol_cli.deciding.search import Hit, Query
    from protocol_cli.deciding.unsure import Branch, Resolution


def protocol_brief(protocol: Protocol) -> dict[str, Any]:
    return {"id": protocol.id, "council": protocol.council, "title": protocol.title}


def councils(protocols: list[Protocol]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in protocols]


def clause_detail(protocol: Protocol, clause: Clause) -> dict[str, Any]:
    parent = protocol.clause(clause.parent) if clause.parent else None
    return {
        "type": "clause",
        "protocol": protocol_brief(protocol),
        "clause": clause.as_dict(),
        "parent": parent.as_dict() if parent else None,
        "children": [c.as_dict() for c in protocol.children(clause)],
    }


def section_detail(protocol: Protocol, section: Section) -> dict[str, Any]:
    return {
        "type": "section",
        "protocol": protocol_brief(protocol),
        "section": {"label": section.label, "title": section.title, "heading": section.heading},
        "clauses": [c.as_dict() for c in protocol.in_section(section.label)],
    }


def clause_list(protocol: Protocol, clauses: list[Clause], filters: dict[str, str | None]) -> dict[str, Any]:
    return {
        "protocol": protocol_brief(protocol),
        "filters": {k: v for k, v in filters.items() if v},
        "count": len(clauses),
        "clauses": [c.as_dict() for c in clauses],
    }


def search_results(
    query: Query, protocol_ids: list[str], hits: list[Hit], limit: int, partial: bool
) -> dict[str, Any]:
    shown = hits[:limit] if limit > 0 else hits
    return {
        "query": query.text,
        "protocols": protocol_ids,
        "count": len(hits),
        "shown": len(shown),
        "all_words": not partial,
        "results": [
            {**h.clause.as_dict(), "score": round(h.score, 4), "matches": [list(s) for s in h.spans]}
            for h in shown
        ],
    }


# --- ask -------------------------------------------------------------------------------------


def role_names(protocol: Protocol, keys: tuple[str, ...]) -> list[str]:
    return [protocol.roles[k].name if k in protocol.roles else k for k in keys]


def citation(protocol: Protocol, label: str) -> dict[str, Any]:
    clause = protocol.clause(label)
    assert clause is not None  # checked when the table was loaded
    return {"id": clause.id, "label": clause.label, "heading": clause.heading, "text": clause.text}


def answer_data_version(protocol: Protocol, scenario_digest: str) -> str:
    """Which data an answer came from: the protocol's clauses and the scenario's rules, as one id."""
    import hashlib

    return hashlib.sha256(f"{protocol.data_version}:{scenario_digest}".encode()).hexdigest()[:12]


DRAFT_NOTE = "Draft rule, not yet reviewed by your council (review it: protocol data review {protocol})"


def answered(
    scenario: Scenario,
    protocol: Protocol,
    rule: Rule,
    answers: dict[str, str],
    asked: list[str],
    data_version: str,
    explanation: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `answered` JSON of DESIGN.md (a contract), also what both renderers draw."""
    outcome = rule.outcome
    view: dict[str, Any] = {
        "status": "answered",
        "scenario": scenario.id,
        "council": protocol.id,
        "protocol": {**protocol_brief(protocol), "date": protocol.date},
        "answers": {q.id: answers[q.id] for q in scenario.questions if q.id in answers},
        "asked": asked,
        "verdict": outcome.verdict,
        "answer": outcome.answer,
        "conditions": list(outcome.conditions),
        "route": role_names(protocol, outcome.route),
        "citations": [citation(protocol, label) for label in outcome.cite],
        "steps": list(outcome.steps),
        "contacts": role_names(protocol, outcome.contacts),
        "rule": rule.number,
        "depends_on": [],
        "branches": [],
        "data_version": data_version,
    }
    if rule.unreviewed_draft:  # drafted from another protocol (protocol data draft), not yet reviewed
        view["draft"] = True
        view["draft_note"] = DRAFT_NOTE.format(protocol=protocol.id)
    if explanation is not None:
        view["explain"] = explanation
    # for the renderers only: prompts and labels of what was asked (not part of the JSON)
    view["_title"] = scenario.title
    view["_asked"] = [
        {"id": qid, "prompt": q.prompt, "answer": answers[qid], "label": q.label_of(answers[qid])}
        for qid in asked
        if (q := scenario.question(qid)) is not None and qid in answers
    ]
    return view


def explanation(
    scenario: Scenario, table: Table, answers: dict[str, str], decided: Rule | None = None
) -> dict[str, Any]:
    """Which rules the answers ruled out, and which decided. Unsure answers rule nothing out;
    `decided` names the rule when they did not matter (None: it depends on them)."""
    from protocol_cli.deciding.engine import UNSURE, explain

    ruled_out, rule = explain(table, {q: v for q, v in answers.items() if v != UNSURE})
    rule = rule or decided

    def when(r: Rule) -> dict[str, list[str]]:
        return {q: sorted(v) for q, v in r.when.items()}

    return {
        "ruled_out": [
            {"rule": r.rule.number, "when": when(r.rule), "by": {"question": r.question, "answer": r.value}}
            for r in ruled_out
        ],
        "decided_by": {"rule": rule.number, "when": when(rule)} if rule else None,
    }


def not_used(
    scenario: Scenario, table: Table, answers: dict[str, str], asked: list[str]
) -> list[dict[str, Any]]:
    """Answers given that this protocol's answer did not turn on, in the scenario's order: each
    {"question", "answer", "asked_by_table"} (False: no rule of this protocol's table asks it)."""
    in_table = {q for rule in table.rules for q in rule.when}
    return [
        {"question": q.id, "answer": answers[q.id], "asked_by_table": q.id in in_table}
        for q in scenario.questions
        if q.id in answers and q.id not in asked
    ]


def not_used_line(protocol: Protocol, unused: list[dict[str, Any]]) -> str:
    """One line for stderr: "Note: not used under Thanet District Council's protocol: subject=ward
    (its rules never ask it)"."""
    parts = [
        f"{u['question']}={u['answer']}" + ("" if u["asked_by_table"] else " (its rules never ask it)")
        for u in unused
    ]
    return f"Note: not used under {protocol.council}'s protocol for this answer: {', '.join(parts)}"


# --- "I'm not sure" -----------------------------------------------------------------------------

# What a verdict means, said after "if …," in an answer that turns on an unsure answer
VERDICT_PHRASE = {
    "allowed": "allowed",
    "not-allowed": "not allowed",
    "conditional": "allowed only on conditions",
    "required": "a duty on you",
    "refer": "for someone else to decide or handle",
    "not-covered": "not covered by the protocol",
}


def resolved(
    scenario: Scenario,
    protocol: Protocol,
    resolution: Resolution,
    answers: dict[str, str],
    data_version: str,
    explanation: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `answered` view for answers that may include `unsure` (see unsure.resolve).

    One deciding rule: that answer, saying that what was not known did not change it. Several:
    the answer says what it turns on, `depends_on` names those questions and `branches` holds
    each case (`answers` question -> values, `verdict`, `answer`, `citations`, …); the verdict is
    the one all branches share, else `conditional`, with a condition per fact to find out.
    """
    if resolution.rule is not None:
        view = answered(
            scenario, protocol, resolution.rule, answers, resolution.asked, data_version, explanation
        )
        if resolution.unsure:
            view["answer"] += " " + _did_not_matter(scenario, resolution.unsure)
        return view
    branches = resolution.branches
    first = branches[0].rule
    view = answered(scenario, protocol, first, answers, resolution.asked, data_version, explanation)
    del view["rule"]  # several rules decide: each branch names its own
    view.pop("draft", None)
    view.pop("draft_note", None)
    if any(b.rule.unreviewed_draft for b in branches):
        view["draft"] = True
        view["draft_note"] = DRAFT_NOTE.format(protocol=protocol.id)
    verdict = resolution.verdict
    outcomes = [b.rule.outcome for b in branches]
    routes = {o.route for o in outcomes}
    route = list(routes.pop()) if len(routes) == 1 else []
    place = {c.label: n for n, c in enumerate(protocol.clauses)}  # (all branches' clauses, in protocol order)
    cite = sorted(dict.fromkeys(label for o in outcomes for label in o.cite), key=lambda c: place.get(c, 0))
    steps = [
        s for s in dict.fromkeys(s for o in outcomes for s in o.steps) if all(s in o.steps for o in outcomes)
    ]
    contacts = list(dict.fromkeys(c for o in outcomes for c in o.contacts))
    if verdict == "conditional" and len({o.verdict for o in outcomes}) > 1:
        conditions = [f"Find out: {scenario.question(q).prompt}" for q in resolution.depends_on]  # type: ignore[union-attr]
    else:
        conditions = list(dict.fromkeys(c for o in outcomes for c in o.conditions))
    if verdict == "refer" and not route:
        route = list(dict.fromkeys(r for o in outcomes for r in o.route))
    view.update(
        {
            "verdict": verdict,
            "answer": _turns_on(scenario, protocol, resolution, verdict),
            "conditions": conditions,
            "route": role_names(protocol, tuple(route)),
            "citations": [citation(protocol, label) for label in cite],
            "steps": steps,
            "contacts": role_names(protocol, tuple(contacts)),
            "depends_on": list(resolution.depends_on),
            "branches": [
                branch_view(scenario, protocol, b, len(resolution.depends_on) > 1) for b in branches
            ],
        }
    )
    if explanation is not None:
        view["explain"] = explanation
    return view


def branch_view(scenario: Scenario, protocol: Protocol, branch: Branch, named: bool) -> dict[str, Any]:
    outcome = branch.rule.outcome
    return {
        "answers": {q: list(v) for q, v in branch.answers.items()},
        "case": case_text(scenario, branch, named),
        "verdict": outcome.verdict,
        "answer": outcome.answer,
        "citations": [citation(protocol, label) for label in outcome.cite],
        "conditions": list(outcome.conditions),
        "route": role_names(protocol, outcome.route),
        "steps": list(outcome.steps),
        "contacts": role_names(protocol, outcome.contacts),
        "rule": branch.rule.number,
        **({"draft": True} if branch.rule.unreviewed_draft else {}),
    }


def _label(question: Question, value: str) -> str:
    label = question.label_of(value)
    return label.lower() if label in ("Yes", "No") else label


def case_text(scenario: Scenario, branch: Branch, named: bool) -> str:
    """The case a branch stands for, in the options' words: "yes" when the answer turns on one
    question, "consent = no and on_list = yes" (`named`) when on several."""
    parts = []
    for qid, values in branch.answers.items():
        question = scenario.question(qid)
        assert question is not None
        said = " or ".join(_label(question, v) for v in values)
        parts.append(f"{qid} = {said}" if named else said)
    return " and ".join(parts) or "in any other case"


def _quoted_prompts(scenario: Scenario, qids: tuple[str, ...]) -> str:
    """ "Has the author agreed?" for one question; several are named by id too: consent ("…")."""
    if len(qids) == 1:
        return f'"{scenario.question(qids[0]).prompt}"'  # type: ignore[union-attr]
    prompts = [f'{qid} ("{q.prompt}")' for qid in qids if (q := scenario.question(qid)) is not None]
    return ", ".join(prompts[:-1]) + " and " + prompts[-1]


def _did_not_matter(scenario: Scenario, qids: tuple[str, ...]) -> str:
    what = "the answer to" if len(qids) == 1 else "the answers to"
    return f"Not knowing {what} {_quoted_prompts(scenario, qids)} does not change this."


def _turns_on(scenario: Scenario, protocol: Protocol, resolution: Resolution, verdict: str | None) -> str:
    """ "It depends on the answer to "…": if yes, allowed (9.1.12); if no, not allowed (10.2.1)." """
    qids = resolution.depends_on
    what = "the answer to" if len(qids) == 1 else "the answers to"
    named = len(qids) > 1
    cases = "; ".join(
        f"if {case_text(scenario, b, named)}, {_phrase(protocol, b)} ({', '.join(b.rule.outcome.cite)})"
        for b in resolution.branches
    )
    verdicts = {b.rule.outcome.verdict for b in resolution.branches}
    if len(verdicts) > 1:
        return f"It depends on {what} {_quoted_prompts(scenario, qids)}: {cases}."
    lead = {
        "allowed": "Yes",
        "not-allowed": "No",
        "conditional": "Only if the conditions below hold",
        "required": "Yes, the protocol puts a duty on you",
        "not-covered": "The protocol does not say",
    }.get(verdict or "")
    if lead is None:  # refer: the answer begins with who decides or handles it
        routes = {b.rule.outcome.route[:1] for b in resolution.branches}
        first = routes.pop() if len(routes) == 1 else ()
        lead = _the(role_names(protocol, first)[0], "The") if first else "Someone else"
        lead += " decides or handles this"
    return f"{lead}, whatever {what} {_quoted_prompts(scenario, qids)}; what applies differs: {cases}."


def _phrase(protocol: Protocol, branch: Branch) -> str:
    outcome = branch.rule.outcome
    if outcome.verdict == "refer" and outcome.route:
        return (
            "for "
            + " then ".join(_the(r) for r in role_names(protocol, outcome.route))
            + " to decide or handle"
        )
    return VERDICT_PHRASE[outcome.verdict]


def _the(role: str, article: str = "the") -> str:
    """ "the Chief Executive": a role named in a sentence."""
    return role if role.lower().startswith("the ") else f"{article} {role}"


def question_view(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "prompt": question.prompt,
        "help": question.help,
        "options": [{"value": o.value, "label": o.label} for o in question.options],
    }


def incomplete(
    scenario: Scenario, protocol: Protocol, missing: list[Question], answers: dict[str, str], asked: list[str]
) -> dict[str, Any]:
    """The `incomplete` JSON of DESIGN.md (a contract): the next question(s) the engine needs."""
    return {
        "status": "incomplete",
        "scenario": scenario.id,
        "council": protocol.id,
        "missing": [question_view(q) for q in missing],
        "answers": {q.id: answers[q.id] for q in scenario.questions if q.id in answers},
        "asked": asked,
    }


def why_we_ask(
    scenario: Scenario, table: Table, protocol: Protocol, question: Question, answers: dict[str, str]
) -> str:
    """The question's help, and what each answer (and "I'm not sure") leads to under this protocol."""
    from protocol_cli.deciding.engine import UNSURE
    from protocol_cli.deciding.unsure import resolve

    lines = [question.help, "", f"Under {protocol.council}'s protocol:"]
    for value in (*question.values, UNSURE):
        found = resolve(scenario, table, {**answers, question.id: value})
        if found.missing is not None:
            leads_to = f"more to ask ({found.missing.prompt})"
        elif found.rule is not None:
            leads_to = f"{found.rule.outcome.verdict} ({', '.join(found.rule.outcome.cite)})"
        else:
            leads_to = "it depends: " + "; ".join(
                f"{case_text(scenario, b, len(found.depends_on) > 1)}: {b.rule.outcome.verdict} "
                f"({', '.join(b.rule.outcome.cite)})"
                for b in found.branches
            )
        lines.append(f"  - {question.label_of(value)}: {leads_to}")
    return "\n".join(lines)


# --- scenarios -------------------------------------------------------------------------------


def scenario_list(scenarios: list[Scenario]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "summary": s.summary,
            "aliases": list(s.aliases),
            "questions": len(s.questions),
            "protocols": sorted(s.tables),
        }
        for s in scenarios
    ]


def table_view(table: Table, protocol: Protocol) -> dict[str, Any]:
    return {
        "protocol": protocol_brief(protocol),
        "rules": [
            {
                "rule": r.number,
                "when": {q: sorted(v) for q, v in r.when.items()},
                "verdict": r.outcome.verdict,
                "answer": r.outcome.answer,
                "cite": [f"{protocol.id}:{label}" for label in r.outcome.cite],
                "conditions": list(r.outcome.conditions),
                "route": role_names(protocol, r.outcome.route),
                "steps": list(r.outcome.steps),
                "contacts": role_names(protocol, r.outcome.contacts),
            }
            for r in table.rules
        ],
    }


def scenario_detail(scenario: Scenario, tables: list[tuple[Table, Protocol]]) -> dict[str, Any]:
    return {
        "id": scenario.id,
        "title": scenario.title,
        "summary": scenario.summary,
        "aliases": list(scenario.aliases),
        "questions": [question_view(q) for q in scenario.questions],
        "tables": [table_view(t, p) for t, p in tables],
    }


VERDICT_TEXT = {
    "allowed": ("ALLOWED", "you may do this"),
    "not-allowed": ("NOT ALLOWED", "you may not do this"),
    "conditional": ("CONDITIONAL", "allowed only if the conditions below hold"),
    "required": ("REQUIRED", "you must do this"),
    "refer": ("REFER", "someone else handles or decides this; the route is below"),
    "not-covered": ("NOT COVERED", "this protocol does not address it; ask the person named below"),
}


# --- audit ---------------------------------------------------------------------------------


def note_fields(
    view: dict[str, Any], recorded_by: str, note: str, batch: str | None = None
) -> dict[str, Any]:
    """What an audit note records of an answer: everything shown, clause texts as they stood."""
    from protocol_cli import __version__

    fields: dict[str, Any] = {
        "recorded_by": recorded_by,
        "tool_version": __version__,
        "note": note,
    }
    if batch:
        fields["batch"] = batch
    fields.update(
        {
            "protocol": {
                "id": view["protocol"]["id"],
                "council": view["protocol"]["council"],
                "title": view["protocol"]["title"],
                "data_version": view["data_version"],
            },
            "scenario": {"id": view["scenario"], "title": view["_title"]},
            "question": [
                {"id": a["id"], "prompt": a["prompt"], "answer": a["answer"], "label": a["label"]}
                for a in view["_asked"]
            ],
            "outcome": {
                "verdict": view["verdict"],
                "answer": view["answer"],
                "conditions": view["conditions"],
                "route": view["route"],
                "steps": view["steps"],
                "contacts": view["contacts"],
                **({"rule": view["rule"]} if "rule" in view else {}),
            },
            "citation": view["citations"],
        }
    )
    if view.get("branches"):  # what the answer turned on: each case with its rule and clauses
        fields["outcome"]["depends_on"] = view["depends_on"]
        fields["branches"] = [
            {
                "answers": b["answers"],
                "case": b["case"],
                "verdict": b["verdict"],
                "answer": b["answer"],
                "rule": b["rule"],
                "citations": [c["id"] for c in b["citations"]],
                **{k: b[k] for k in ("conditions", "route", "steps", "contacts") if b[k]},
            }
            for b in view["branches"]
        ]
    return fields


def settings_view(settings: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "path": path,
        "settings": {k: {"value": s.value, "source": s.source} for k, s in settings.items()},
    }


# --- compare ---------------------------------------------------------------------------------


def first_sentence(text: str) -> str:
    """The gist of an answer: its first sentence, or two when the first is only "No." or "Yes."."""
    sentences = text.split(". ")
    short = sentences[0]
    if len(short) < 25 and len(sentences) > 1:
        short += ". " + sentences[1]
    return short if short.endswith(".") or short == text else short + "."


def comparison(
    scenario: Scenario, entries: list[tuple[Table, Protocol]], answers: dict[str, str]
) -> dict[str, Any]:
    """The same answers under each protocol: one row each, and which questions each one used.

    An answer "unsure" is tried with every value (unsure.resolve): the row gives what it turns on.
    """
    from protocol_cli.deciding.engine import UNSURE
    from protocol_cli.deciding.unsure import resolve

    rows = []
    for table, protocol in entries:
        found = resolve(scenario, table, answers)
        missing = [found.missing.id] if found.missing else []
        used = [q for q in found.asked if q in answers]
        view = None if missing else resolved(scenario, protocol, found, answers, "")
        row: dict[str, Any] = {
            "protocol": protocol.id,
            "council": protocol.council,
            "status": "incomplete" if view is None else "answered",
            "verdict": view["verdict"] if view else None,
            "answer": (view["answer"] if view["branches"] else first_sentence(view["answer"]))
            if view
            else None,
            "route": view["route"] if view else [],
            "cite": [c["id"] for c in view["citations"]] if view else [],
            "missing": missing,
            "depends_on": view["depends_on"] if view else [],
            "branches": [
                {"answers": b["answers"], "verdict": b["verdict"], "cite": [c["id"] for c in b["citations"]]}
                for b in (view["branches"] if view else [])
            ],
            "questions": {
                q.id: ("not sure" if answers[q.id] == UNSURE else "used")
                if q.id in used
                else "missing"
                if q.id in missing
                else "not needed"
                if view
                else "not yet"
                for q in scenario.questions
            },
        }
        rows.append(row)
    return {
        "scenario": scenario.id,
        "title": scenario.title,
        "answers": {q.id: answers[q.id] for q in scenario.questions if q.id in answers},
        "rows": rows,
    }


# --- tree -------------------------------------------------------------------------------------


def tree_view(scenario: Scenario, protocol: Protocol, root: DecisionNode) -> dict[str, Any]:
    """A protocol's decision logic for one scenario: questions, their answers, and each outcome."""

    def node_view(node: DecisionNode) -> dict[str, Any]:
        if node.question is None:
            rule = node.rule
            assert rule is not None  # a loaded table always ends in a rule
            return {
                "rule": rule.number,
                "verdict": rule.outcome.verdict,
                "cite": list(rule.outcome.cite),
                "answer": first_sentence(rule.outcome.answer),
            }
        question = node.question
        return {
            "question": {"id": question.id, "prompt": question.prompt},
            "branches": [
                {
                    "answers": list(b.values),
                    "labels": [question.label_of(v) for v in b.values],
                    "node": node_view(b.node),
                }
                for b in node.branches
            ],
        }

    return {
        "scenario": scenario.id,
        "title": scenario.title,
        "protocol": protocol_brief(protocol),
        "root": node_view(root),
    }
