"""What each command shows, as plain data: the --json output, and what both renderers draw.

Keeping the shape here means JSON, plain text and rich output cannot drift apart.
"""

from __future__ import annotations

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.engine import DecisionNode, Question, Rule, Scenario, Table
    from protocol_cli.model import Clause, Protocol, Section
    from protocol_cli.search import Hit, Query


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
        "data_version": data_version,
    }
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


def explanation(scenario: Scenario, table: Table, answers: dict[str, str]) -> dict[str, Any]:
    from protocol_cli.engine import explain

    ruled_out, rule = explain(table, answers)

    def when(r: Rule) -> dict[str, list[str]]:
        return {q: sorted(v) for q, v in r.when.items()}

    return {
        "ruled_out": [
            {"rule": r.rule.number, "when": when(r.rule), "by": {"question": r.question, "answer": r.value}}
            for r in ruled_out
        ],
        "decided_by": {"rule": rule.number, "when": when(rule)} if rule else None,
    }


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
    """The question's help, and what each answer leads to under this protocol."""
    from protocol_cli.engine import decide, next_question

    lines = [question.help, "", f"Under {protocol.council}'s protocol:"]
    for option in question.options:
        after = {**answers, question.id: option.value}
        follow = next_question(scenario, table, after)
        if follow is None:
            rule = decide(table, after)
            assert rule is not None
            lines.append(f"  - {option.label}: {rule.outcome.verdict} ({', '.join(rule.outcome.cite)})")
        else:
            lines.append(f"  - {option.label}: more to ask ({follow.prompt})")
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


def when_text(when: dict[str, list[str]]) -> str:
    if not when:
        return "(any other case)"
    return ", ".join(f"{q} = {' or '.join(v)}" for q, v in when.items())


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
                "rule": view["rule"],
            },
            "citation": view["citations"],
        }
    )
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
    """The same answers under each protocol: one row each, and which questions each one used."""
    from protocol_cli.engine import path

    rows = []
    for table, protocol in entries:
        asked, rule = path(scenario, table, answers)
        missing = [] if rule else asked[-1:]
        used = asked if rule else asked[:-1]
        row: dict[str, Any] = {
            "protocol": protocol.id,
            "council": protocol.council,
            "status": "answered" if rule else "incomplete",
            "verdict": rule.outcome.verdict if rule else None,
            "answer": first_sentence(rule.outcome.answer) if rule else None,
            "route": role_names(protocol, rule.outcome.route) if rule else [],
            "cite": [f"{protocol.id}:{c}" for c in rule.outcome.cite] if rule else [],
            "missing": missing,
            "questions": {
                q.id: "used"
                if q.id in used
                else "missing"
                if q.id in missing
                else "not needed"
                if rule
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
