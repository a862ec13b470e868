"""What each command shows, laid out once: each function takes a view (the --json data of
deciding/reports.py) and returns its blocks (blocks.py). backend_rich.py and backend_plain.py
draw the same blocks, so the rich and plain output of a command cannot drift apart.

No rich, no terminal, no width here: how wide things are is the backends' business.
"""

from __future__ import annotations

from protocol_cli.drawing.blocks import (
    Badge,
    Bullets,
    Clause,
    Column,
    Gap,
    Indent,
    Node,
    Panel,
    Para,
    Span,
    Table,
    Tree,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.drawing.blocks import Block, Inline

    Blocks = list[Block]


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def _badge(verdict: str) -> Badge:
    from protocol_cli.deciding.reports import VERDICT_TEXT

    return Badge(VERDICT_TEXT[verdict][0], verdict)


def _cell(verdict: str) -> Badge:
    """A verdict in a table: its contract word (not-allowed), coloured in rich; short enough for
    a column, and what a script or a search looks for."""
    return Badge(verdict, verdict, verdict)


def when_text(when: dict[str, list[str]]) -> str:
    """A rule's conditions as --answer writes them: "who=officer, recipient=member|officer"."""
    if not when:
        return "any other case"
    return ", ".join(f"{q}={'|'.join(v)}" for q, v in when.items())


def _lists(outcome: dict[str, Any], conditions: str = "Conditions (all must hold)") -> Blocks:
    """An outcome's conditions, route, steps and contacts, each titled, a blank line before each."""
    out: Blocks = []
    for title, items, numbered in (
        (conditions, outcome["conditions"], False),
        ("Route, in order", [_cap(r) for r in outcome["route"]], True),
        ("What to do", outcome["steps"], False),
        ("Who to ask", [_cap(r) for r in outcome["contacts"]], False),
    ):
        if items:
            out += [Gap(), Bullets(title, tuple(items), numbered)]
    return out


# --- councils and clauses ----------------------------------------------------------------------


def councils(rows: list[dict[str, Any]]) -> Blocks:
    columns = (
        Column("id", style="id"),
        Column("council", wrap=True),
        Column("document", wrap=True),
        Column("date"),
        Column("clauses", right=True),
    )
    body = tuple((r["id"], r["council"], r["title"], r.get("date") or "-", str(r["clauses"])) for r in rows)
    return [Table(columns, body, title="Protocols")]


def clause_detail(view: dict[str, Any]) -> Blocks:
    p = view["protocol"]
    source = f"{p['council']} — {p['title']}"
    if view["type"] == "section":
        section = view["section"]
        body = tuple(Clause(c) for c in view["clauses"])
        return [Panel(section["heading"], body, subtitle=source)]
    clause = view["clause"]
    parts: Blocks = [Para(clause["heading"], style="bold")]
    if view["parent"]:
        parent = view["parent"]
        parts.append(Para(f"part of {parent['label']}: {parent['text']}", style="dim"))
    parts += [Gap(), Clause(clause)]
    parts += [Clause(child, indent=4) for child in view["children"]]
    return [Panel(Span(clause["id"], "id"), tuple(parts), subtitle=source)]


def clause_list(view: dict[str, Any]) -> Blocks:
    p = view["protocol"]
    columns = (Column("label", style="id"), Column("kind"), Column("text", shorten=True))
    rows = tuple((c["label"], c["kind"], c["text"]) for c in view["clauses"])
    return [
        Table(columns, rows, title=f"{p['council']} — {p['title']}"),
        Para(f"{view['count']} clauses", style="dim"),
    ]


def search_results(view: dict[str, Any]) -> Blocks:
    if not view["results"]:
        return [Para(f"No clause matches {view['query']!r} in {', '.join(view['protocols'])}.")]
    out: Blocks = []
    if not view["all_words"]:
        out.append(Para("No clause has every word; these have some of them.", style="warning"))
    for n, r in enumerate(view["results"], start=1):
        out.append(Para((Span(f"{n}. ", "dim"), Span(r["id"], "id"), Span(f"  ({r['heading']})", "bold"))))
        out.append(Para(_marked(r["text"], r["matches"]), indent=3))
        if n < len(view["results"]):
            out.append(Gap())
    if view["count"] > view["shown"]:
        out.append(Para(f"… {view['count'] - view['shown']} more; show them with --limit 0", style="dim"))
    return out


def _marked(text: str, spans: list[list[int]]) -> Inline:
    parts: list[str | Span] = []
    last = 0
    for start, end in spans:
        parts += [text[last:start], Span(text[start:end], "match")]
        last = end
    parts.append(text[last:])
    return tuple(parts)


# --- ask -----------------------------------------------------------------------------------------


def answer(view: dict[str, Any]) -> Blocks:
    """The cited answer: verdict, what to do, who to ask, the cases it turns on, the clauses."""
    from protocol_cli.deciding.reports import VERDICT_TEXT

    p = view["protocol"]
    meaning = VERDICT_TEXT[view["verdict"]][1]
    body: Blocks = [
        Para((Span("Verdict: ", "bold"), _badge(view["verdict"]), Span(" — " + meaning, "italic")), hang=2)
    ]
    if view.get("draft"):
        body.append(Para(view["draft_note"], style="warning"))
    body += [Gap(), Para(view["answer"])]
    body += _lists({**view, "route": shared_route(view)})
    body += _branches(view)
    out: Blocks = [Panel(view["_title"], tuple(body), subtitle=p["council"]), Gap()]
    out += [because(view["citations"], f"{p['council']} — {p['title']}"), Gap()]
    if "explain" in view:
        out += [explained(view), Gap()]
    out.append(
        Para(
            f"[{view['scenario']} · {view['council']} · {rules_text(view)} · data {view['data_version']}]",
            style="dim",
        )
    )
    return out


def because(citations: list[dict[str, Any]], source: str, title: str = "Because") -> Panel:
    """The deciding clauses, word for word, under their headings."""
    cites: Blocks = []
    heading = None
    for c in citations:
        if c.get("heading") != heading:
            if cites:
                cites.append(Gap())
            heading = c.get("heading")
            cites.append(Para(heading or "", style="bold"))
        cites.append(Clause(c))
    return Panel(title, tuple(cites), subtitle=source)


def explained(view: dict[str, Any]) -> Panel:
    """--explain: what was asked, which rules were ruled out by which answer, which rule decided."""
    asked = tuple((a["prompt"] + " ", Span(a["label"], "bold")) for a in view["_asked"])
    lines: Blocks = []  # (set in under the answers, as the bullets are)
    for r in view["explain"]["ruled_out"]:
        by = r["by"]
        text = f"Rule {r['rule']} ({when_text(r['when'])}) ruled out by your answer "
        text += f"{by['question']}={by['answer']}"
        lines.append(Para(text, hang=2, style="dim"))
    decided = view["explain"]["decided_by"]
    if decided:
        lines.append(
            Para(f"Decided by rule {decided['rule']} ({when_text(decided['when'])})", hang=2, style="bold")
        )
    else:
        lines.append(
            Para("Not decided by one rule: it depends on what you were not sure of (above)", style="bold")
        )
    if view["explain"].get("not_used"):
        lines.append(Para(not_used_text(view), hang=2, style="dim"))
    return Panel("How this was decided", (Bullets("", asked), Indent(tuple(lines))))


NEVER_ASKED = "this protocol's rules never ask it"


def not_used_text(view: dict[str, Any]) -> str:
    """ "Not used: subject = ward (this protocol's rules never ask it)": answers given up front
    that this answer did not turn on."""
    parts = [
        f"{u['question']} = {u['answer']}" + ("" if u["asked_by_table"] else f" ({NEVER_ASKED})")
        for u in view["explain"]["not_used"]
    ]
    return "Not used: " + "; ".join(parts)


def shared_route(view: dict[str, Any]) -> list[str]:
    """The route to show above the cases: none when the cases an answer turns on differ in it."""
    branches = view.get("branches")
    if branches and len({tuple(b["route"]) for b in branches}) > 1:
        return []
    return view["route"]


def rules_text(view: dict[str, Any]) -> str:
    """ "rule 3", or "rules 1, 4" for an answer that turns on what was not known."""
    if "rule" in view:
        return f"rule {view['rule']}"
    return "rules " + ", ".join(str(b["rule"]) for b in view["branches"])


def _branches(view: dict[str, Any]) -> Blocks:
    """Each case an answer turns on ("I'm not sure"): its verdict, answer and cited clauses."""
    if not view.get("branches"):
        return []
    out: Blocks = [Gap(), Para('What it turns on (you answered "I\'m not sure")', style="bold")]
    for b in view["branches"]:
        body: Blocks = [Para(b["answer"])]
        body += _lists(b, conditions="Conditions")
        body.append(Para("Cites: " + ", ".join(c["label"] for c in b["citations"]), style="dim"))
        out += [
            Gap(),
            Indent(
                (Para((Span(f"If {b['case']}: ", "bold"), _badge(b["verdict"])), hang=2), Indent(tuple(body)))
            ),
        ]
    return out


# --- scenarios -----------------------------------------------------------------------------------


def scenario_list(rows: list[dict[str, Any]]) -> Blocks:
    columns = (
        Column("id", style="id"),
        Column("title", wrap=True),
        Column("questions", right=True),
        Column("protocols", right=True),
    )
    body = tuple((r["id"], r["title"], str(r["questions"]), str(len(r["protocols"]))) for r in rows)
    return [Table(columns, body, title="Scenarios")]


def scenario_detail(view: dict[str, Any]) -> Blocks:
    out: Blocks = [
        Para((Span(view["id"], "id"), ": ", Span(view["title"], "bold"))),
        Para(view["summary"]),
        Para(f"Words that find it: {', '.join(view['aliases'])}", hang=2, style="dim"),
        Gap(),
    ]
    questions = tuple(
        (
            q["id"],
            (Span(q["prompt"], "bold"), "\n", Span(q["help"], "dim")),
            "\n".join(o["value"] for o in q["options"]),
        )
        for q in view["questions"]
    )
    out.append(
        Table(
            (Column("id", style="id"), Column("question and why we ask", wrap=True), Column("answers")),
            questions,
            title="Questions",
        )
    )
    for t in view["tables"]:
        p = t["protocol"]
        rules = tuple(
            (
                str(r["rule"]),
                when_text(r["when"]),
                _cell(r["verdict"]),
                ", ".join(c.split(":", 1)[1] for c in r["cite"]),
            )
            for r in t["rules"]
        )
        out += [
            Gap(),
            Table(
                (
                    Column("#", right=True),
                    Column("when", wrap=True),
                    Column("verdict"),
                    Column("cites", wrap=True),
                ),
                rules,
                title=f"Rules for {p['id']} ({p['council']}), first match decides",
            ),
        ]
    return out


# --- audit ---------------------------------------------------------------------------------------


def audit_list(rows: list[dict[str, Any]]) -> Blocks:
    if not rows:
        return [Para("No audit notes.")]

    def columns(together: bool) -> tuple[Column, ...]:
        place = (Column("council / scenario"),) if together else (Column("council"), Column("scenario"))
        return (
            Column("id", style="id"),
            Column("created"),
            Column("by", wrap=True),
            *place,
            Column("verdict"),
        )

    def body(together: bool) -> tuple[tuple[Inline, ...], ...]:
        return tuple(
            (
                r["id"],
                r["created"],
                r["recorded_by"] or "-",
                *((f"{r['council']}\n{r['scenario']}",) if together else (r["council"], r["scenario"])),
                _cell(r["verdict"]) if r["verdict"] else "",
            )
            for r in rows
        )

    # council and scenario side by side where they fit, else one above the other (ids never cut)
    narrow = Table(columns(True), body(True))
    return [Table(columns(False), body(False), title="Audit notes", narrow=narrow)]


def audit_note(note: dict[str, Any]) -> Blocks:
    outcome = note.get("outcome", {})
    protocol = note.get("protocol", {})
    body: Blocks = [
        Para(
            f"Created {note.get('created')} by {note.get('recorded_by') or 'unknown'} "
            f"(protocol {note.get('tool_version')})",
            hang=2,
            style="bold",
        ),
        Para(
            f"Protocol: {protocol.get('council')}, {protocol.get('title')} "
            f"(data {protocol.get('data_version')})",
            hang=2,
        ),
    ]
    if note.get("batch"):
        body.append(Para(f"Batch: {note['batch']}", hang=2))
    body += [
        Gap(),
        Bullets(
            "Questions and answers",
            tuple(
                (q.get("prompt", "") + " ", Span(q.get("label", ""), "bold"))
                for q in note.get("question", [])
            ),
        ),
    ]
    verdict = outcome.get("verdict") or ""
    body += [
        Gap(),
        Para((Span("Verdict: ", "bold"), _badge(verdict) if verdict else "")),
        Para(outcome.get("answer", "")),
    ]
    body += _lists({key: outcome.get(key, []) for key in ("conditions", "route", "steps", "contacts")})
    for b in note.get("branches", []):
        body += [
            Gap(),
            Para(
                (
                    Span(f"If {b.get('case')}: ", "bold"),
                    _badge(b["verdict"]) if b.get("verdict") else "",
                    f" (rule {b.get('rule')})",
                )
            ),
            Indent(
                (Para(b.get("answer", "")), Para("Cites: " + " ".join(b.get("citations", [])), style="dim")),
                by=4,
            ),
        ]
    if note.get("note"):
        body += [Gap(), Para((Span("Note: ", "bold"), note["note"]))]
    title = f"Audit note {note.get('id')}"
    return [
        Panel(title, tuple(body), subtitle=note.get("scenario", {}).get("title", "")),
        Gap(),
        because(note.get("citation", []), "", title="Because (the clauses as they stood)"),
        Gap(),
        Para(f"hash {note.get('hash')}", style="dim"),
        Para(f"prev {note.get('prev_hash') or '(first note)'}", style="dim"),
    ]


# --- compare -------------------------------------------------------------------------------------

MARK = {"used": "x", "not sure": "~", "missing": "?", "not needed": ".", "not yet": " "}


def comparison(view: dict[str, Any]) -> Blocks:
    given = ", ".join(f"{k}={v}" for k, v in view["answers"].items()) or "(none)"
    rows = []
    for r in view["rows"]:
        answer = r["answer"] or "Needs an answer to: " + ", ".join(r["missing"])
        if r["route"]:
            answer += "\nRoute: " + " > ".join(_cap(x) for x in r["route"])
        cites = ", ".join(c.split(":", 1)[1] for c in r["cite"]) or "-"
        rows.append((r["protocol"], _cell(r["verdict"]) if r["verdict"] else "needs answers", answer, cites))
    table = Table(
        (
            Column("protocol", style="id"),
            Column("verdict"),
            Column("answer", wrap=True),
            Column("cites", wrap=True),
        ),
        tuple(rows),
    )
    ids = [r["protocol"] for r in view["rows"]]
    grid = tuple(
        (qid, *[MARK[r["questions"][qid]] for r in view["rows"]]) for qid in view["rows"][0]["questions"]
    )
    # (narrower: each protocol by its first three letters, the legend under the table says which)
    narrow = Table((Column("question", style="bold"), *(Column(pid[:3]) for pid in ids)), grid)
    marks = Table(
        (Column("question", style="bold"), *(Column(pid.split("-")[0][:9]) for pid in ids)),
        grid,
        title="The questions each protocol used",
        narrow=narrow,
    )
    legend = "x used, ~ not sure (every answer tried), . not needed,\n"
    legend += "? needed but not given, blank: not reached yet"
    return [
        Para(f"{view['title']}: the same facts under each protocol", hang=2, style="bold"),
        Para(f"Answers: {given}", hang=2),
        Gap(),
        table,
        Gap(),
        marks,
        Para(legend, style="dim"),
    ]


# --- data check and data import ------------------------------------------------------------------

NOT_COVERED_TITLE = (
    "Not-covered answers, and what clause search finds in that protocol for the scenario's words"
)
REVIEWED_TITLE = 'Findings a reviewer judged not to apply (reviewed = { check = "why" } in the rule)'
COVERAGE_COLUMNS = ("protocol", "rule clauses", "cited", "share", "uncited")


def data_report(view: dict[str, Any]) -> Blocks:
    out: Blocks = []
    if view["counts"]:
        out.append(Para(data_summary(view), style="bold"))
    for f in view["findings"]:
        if f["severity"] != "reviewed":
            style = "error" if f["severity"] == "error" else "warning"
            out.append(
                Para(
                    (Span(f"{f['severity']}: ", style), Span(where_of(f) + ": ", "dim"), f["message"]), hang=4
                )
            )
    if view["coverage"]:
        columns = tuple(
            Column(name, right=name not in ("protocol", "uncited"), wrap=name == "uncited")
            for name in COVERAGE_COLUMNS
        )
        out += [
            Gap(),
            Table(columns, tuple(map(tuple, coverage_rows(view))), title="Rule clauses cited by some answer"),
        ]
        excused = [
            (pid, label, why)
            for r in view["coverage"]
            for label, why in r["excused"].items()
            for pid in [r["protocol"]]
        ]
        if excused:
            out += [
                Gap(),
                Para("Rule clauses no answer cites, and why:", style="bold"),
                Indent(
                    tuple(
                        Para((Span(f"{pid}:{label}", "id"), f"  {why}"), hang=2)
                        for pid, label, why in excused
                    )
                ),
            ]
    if view.get("not_covered"):
        out += [Gap(), Para(NOT_COVERED_TITLE + ":", style="bold")]
        for row in view["not_covered"]:
            where = f"{row['file']}, line {row['line']}" if row["line"] else row["file"]
            found = [f"{h['label']} (cited)" if h["cited"] else h["label"] for h in row["found"]]
            why = row["why_not_covered"]
            out.append(
                Indent(
                    (
                        Para(
                            f"{row['scenario']}, {row['protocol']} rule {row['rule']} ({where})",
                            hang=2,
                            style="id",
                        ),
                        Indent(
                            (
                                Para("words: " + " ".join(row["words"]), hang=2, style="dim"),
                                Para("finds: " + (", ".join(found) or "nothing"), hang=2),
                                Para(
                                    "why not covered: " + (why or "(not given: add why_not_covered)"),
                                    hang=2,
                                    style="" if why else "error",
                                ),
                            )
                        ),
                    )
                )
            )
    reviewed = [f for f in view["findings"] if f["severity"] == "reviewed"]
    if reviewed:
        out += [Gap(), Para(REVIEWED_TITLE + ":", style="bold")]
        for f in reviewed:
            out.append(
                Indent(
                    (
                        Para((Span(where_of(f) + ": ", "dim"), f["message"]), hang=4),
                        Indent((Para("reviewed: " + (f["reviewed"] or ""), hang=2, style="ok"),)),
                    )
                )
            )
    if view.get("lints"):
        out += [Gap(), Para(lint_summary(view), hang=4)]
    out += [Gap(), Para(data_verdict(view), style="ok" if view["ok"] else "error")]
    return out


def where_of(finding: dict[str, Any]) -> str:
    return f"{finding['file']}, line {finding['line']}" if finding["line"] else finding["file"]


def lint_summary(view: dict[str, Any]) -> str:
    """Each verdict check with the problems it found (and how many a reviewer acknowledged)."""
    parts = []
    for lint, n in view["lints"].items():
        reviewed = f" (+{n['reviewed']} reviewed)" if n["reviewed"] else ""
        parts.append(f"{lint} {n['open']}{reviewed}")
    return "Verdict checks: " + ", ".join(parts)


def coverage_rows(view: dict[str, Any]) -> list[list[str]]:
    return [
        [
            r["protocol"],
            str(r["rule_clauses"]),
            str(r["cited"]),
            f"{r['share']:.1%}",
            f"{len(r['excused'])} with a reason" + (f", {len(r['uncited'])} without" if r["uncited"] else ""),
        ]
        for r in view["coverage"]
    ]


def data_summary(view: dict[str, Any]) -> str:
    counts = view["counts"]
    name = "the bundled data" if view.get("bundled") else str(view["root"])
    if view.get("data_dir"):
        name += f" with {view['data_dir']} over it"
    return (
        f"Checked {name}: {counts['protocols']} protocols, {counts['scenarios']} scenarios, "
        f"{counts['tables']} rule tables, {counts['rules']} rules, "
        f"{counts.get('training_cases', 0)} training cases"
    ) + "".join(
        f"\nDraft rules for {d['protocol']}: {d['drafted']} drafted, {d['reviewed']} reviewed, "
        f"{d['to_review']} to review (protocol data review {d['protocol']})"
        for d in view.get("drafts", [])
    )


def data_verdict(view: dict[str, Any]) -> str:
    if view["ok"]:
        return "All checks passed."
    errors = sum(1 for f in view["findings"] if f["severity"] == "error")
    return f"{errors} problem found." if errors == 1 else f"{errors} problems found."


def import_report(view: dict[str, Any]) -> Blocks:
    out: Blocks = [
        Para(
            f"Imported {view['clauses']} clauses in {view['sections']} sections from {view['source']}",
            hang=4,
            style="ok",
        ),
        Para(f"Wrote {view['written']} (protocol id {view['id']}, council: {view['council']})", hang=4),
        Para(
            "Title: " + (" / ".join(view["title_lines"]) if view["title_lines"] else "(none found)"), hang=4
        ),
        Para(
            "Roles found: "
            + (", ".join(view["roles"]) or "none")
            + "; seek advice: "
            + (", ".join(view["seek_advice"]) or "none found"),
            hang=4,
        ),
    ]
    if view["left_out"]:
        out.append(Para("Left out (could not be placed as clauses):", style="bold"))
        out += [
            Para(f"line {x['line']}: {x['text']}  ({x['why']})", indent=2, hang=4) for x in view["left_out"]
        ]
    if view.get("checks"):
        n = len(view["checks"])
        where = "this place" if n == 1 else f"these {n} places"
        out.append(Para(f"Check {where} against the protocol:", style="bold"))
        out += [Para(f"line {x['line']}: {x['message']}", indent=2, hang=4) for x in view["checks"]]
    if view["notes"]:
        out.append(Bullets("To review", tuple(view["notes"])))
    out.append(
        Para(
            f"Next: protocol clauses list {view['id']}, then protocol data draft {view['id']} "
            "(draft rule tables from a similar protocol), then protocol data check",
            hang=4,
        )
    )
    return out


def _excerpt(text: str, cells: int = 150) -> str:
    """A clause's first words, about two lines of them, then "…" (the whole is in clauses show)."""
    from protocol_cli.drawing.cells import shorten

    return shorten(" ".join(text.split()), cells)


def _folder_of(path: str) -> str:
    """The folder part of a path as written, with its separator (a Windows path too)."""
    cut = max(path.rfind("/"), path.rfind("\\"))
    return path[: cut + 1] if cut >= 0 else ""


def _name_in(path: str, folder: str) -> str:
    return path[len(folder) :] if folder and path.startswith(folder) else path


def draft_report(view: dict[str, Any]) -> Blocks:
    """`data draft`: what was drafted from which protocol, and the citations to look at first
    (all of them with `_show_all`, else those whose match scored below 0.5)."""
    target, source = view["protocol"], view["drafted_from"]
    score = next((s["score"] for s in view["similarity"] if s["id"] == source), None)
    scenarios = view["scenarios"]
    total = sum(s["rules"] for s in scenarios)
    uncovered = sum(s["not_covered_candidates"] for s in scenarios)
    written = sum(1 for s in scenarios if s["written"])
    out: Blocks = [
        Para(
            f"Drafted rule tables for {target} from {source}"
            + (f" (text similarity {score})" if score is not None else ""),
            hang=4,
            style="bold",
        ),
        Para(
            f"{total} draft rules in {written} scenarios; {uncovered} became not-covered candidates "
            "(their cited text has no counterpart here).",
            hang=4,
        ),
    ]
    files = [s["written"] for s in scenarios if s["written"]]
    folder = _folder_of(files[0]) if files else ""
    if folder:
        out.append(Para(f"Written to {folder}", hang=4))
    out.append(
        Table(
            (Column("scenario", style="id"), Column("rules", right=True), Column("file", wrap=True)),
            tuple(
                (s["id"], str(s["rules"]), _name_in(s["written"], folder) or f"not drafted: {s['skipped']}")
                for s in scenarios
            ),
        )
    )
    if view["roles_added"]:
        roles = ", ".join(f"{k} ({v['name']}, {v['cite']})" for k, v in view["roles_added"].items())
        out.append(Para("Roles added to the clause file: " + roles, hang=4))
    show_all = view.get("_show_all", False)
    shown = [(r, e) for r in view["rules"] for e in r["evidence"] if show_all or e["score"] < 0.5]
    if shown:
        out += [
            Gap(),
            Para(
                f"Citations to look at ({'all' if show_all else 'match score below 0.5'}), "
                f"as {source} clause -> {target} clause (score):",
                hang=4,
                style="bold",
            ),
        ]
    for r, e in shown:
        out.append(
            Indent(
                (
                    Para(
                        f"{r['scenario']} rule {r['rule']}: {source}:{e['source']} -> "
                        f"{target}:{e['clause'] or '-'} ({e['score']})",
                        hang=4,
                    ),
                    Indent(
                        (
                            Para(f"{source}: {_excerpt(e['source_text'])}", hang=2, style="dim"),
                            Para(
                                f"{target}: {_excerpt(e['clause_text']) or '(no counterpart)'}",
                                hang=2,
                                style="dim",
                            ),
                        ),
                        by=4,
                    ),
                )
            )
        )
    out += [
        Gap(),
        Para(
            f"Next: protocol data review {target} (accept, change verdict, change citation, skip); "
            "protocol ask marks each draft rule until it is reviewed.",
            hang=4,
        ),
    ]
    return out


def review_rule(card: dict[str, Any]) -> Blocks:
    """`data review`: one draft rule to accept or change — when it applies, its verdict and answer,
    the clauses it cites, and the clauses of the protocol it was drafted from."""
    when = card["when"] or ["every other case (the table's last rule)"]
    return [
        Gap(),
        Para(card["heading"], hang=4, style="bold"),
        Indent(
            (
                *(Para(f"When: {w}", hang=4) for w in when),
                Para(("Verdict: ", _cell(card["verdict"]))),
                Para(f"Answer: {card['answer']}", hang=4),
                *(Para((Span(f"Cites {cid}: ", "id"), text), hang=4) for cid, text in card["cites"]),
                *(
                    Para((Span(f"Drafted from {cid} (match {score}): ", "dim"), text), hang=4)
                    for cid, score, text in card["drafted_from"]
                ),
            )
        ),
    ]


# --- settings ------------------------------------------------------------------------------------


def settings(view: dict[str, Any]) -> Blocks:
    """`config show`: each setting as it would be written in the file, and where its value comes from."""
    out: Blocks = [Para(f"# {view['path']}", hang=2, style="dim")]
    for key, s in view["settings"].items():
        value = "" if s["value"] is None else s["value"]
        line = f"{key} = {value}".rstrip()
        out.append(Para((line, Span(f"    ({s['source']})", "dim")), hang=4))
    return out


# --- tree ----------------------------------------------------------------------------------------


def tree(view: dict[str, Any]) -> Blocks:
    """The decision tree: each question, its answers, and where each leads."""
    from protocol_cli.drawing.diagram import leaf_text

    def question(node: dict[str, Any]) -> tuple[Span, Span]:
        return (Span("? ", "id"), Span(node["question"]["prompt"], "bold"))

    def grow(node: dict[str, Any]) -> tuple[Node, ...]:
        children = []
        for branch in node["branches"]:
            label = " / ".join(branch["labels"])
            child = branch["node"]
            if "question" in child:
                children.append(Node((label, "\n", *question(child)), grow(child)))
            else:
                children.append(Node((f"{label} → ", Span(leaf_text(child), child["verdict"]))))
        return tuple(children)

    title = Para(
        f"{view['title']}: {view['protocol']['id']} ({view['protocol']['council']})", hang=2, style="bold"
    )
    root = view["root"]
    if "question" not in root:
        return [title, Para(f"(no questions) → {leaf_text(root)}", hang=2)]
    return [title, Tree(Node(question(root), grow(root)))]


# --- a question no scenario covers --------------------------------------------------------------


def no_scenario(view: dict[str, Any]) -> Blocks:
    """The honest answer to a question no scenario covers (gifts, allowances): what clause search
    finds, whom the protocol says to ask, and the nearest scenarios."""
    out: Blocks = [
        Para("No scenario covers this", style="bold"),
        Para(view["protocol"]["council"], hang=2),
        Gap(),
    ]
    out.append(Para(view["answer"]))
    for title, items in (
        ("What clause search finds:", view["found"]),
        ("Whom to ask (the protocol's own words):", view["citations"]),
    ):
        if items:
            out += [Gap(), Para(title, style="bold")]
            for c in items:
                out.append(
                    Indent(
                        (
                            Para((Span(c["label"], "id"), f" ({c['heading']})"), hang=2),
                            Indent((Para(c["text"]),)),
                        )
                    )
                )
    if view["candidates"]:
        near = "; ".join(c["title"] for c in view["candidates"][:3])
        out += [Gap(), Para(f"The nearest scenarios, if one is what you meant: {near}.")]
    return out


# --- train and demo: drawing for the room --------------------------------------------------------


def story(heading: str, subtitle: str, text: str) -> Blocks:
    """A training case's story (or a scenario's summary), read from the back of the room."""
    return [Gap(), Panel(heading, (Para(text),), subtitle=subtitle, heavy=True, roomy=True), Gap()]


def demo_question(number: int, question: dict[str, Any], chosen: str) -> Blocks:
    """One interview question with every choice listed and the chosen one marked."""
    from protocol_cli.deciding.engine import UNSURE, UNSURE_LABEL

    lines: Blocks = [Para(question["prompt"], style="bold"), Gap()]
    for option in [*question["options"], {"value": UNSURE, "label": UNSURE_LABEL}]:
        if option["value"] == chosen:
            lines.append(Para((Span("▶ ", "ok"), Span(option["label"], "choice")), indent=2, hang=2))
        else:
            lines.append(Para(option["label"], indent=4, hang=2, style="dim"))
    lines += [Gap(), Para("Why we ask: " + question["help"], style="italic")]
    return [Panel(Span(f"Question {number}", "id"), tuple(lines), heavy=True, roomy=True), Gap()]


def reveal(result: dict[str, Any], clauses: list[dict[str, Any]]) -> Blocks:
    """The protocol's answer after the learner committed: right or not, why, and the clauses."""
    from protocol_cli.deciding.reports import VERDICT_TEXT

    mark = (
        Badge("RIGHT", "right", "RIGHT") if result["right"] else Badge("NOT QUITE", "not-quite", "NOT QUITE")
    )
    meaning = VERDICT_TEXT[result["verdict"]][1]
    body: Blocks = [
        Para(
            (mark, "  The protocol's answer: ", _badge(result["verdict"]), Span(f" — {meaning}", "italic")),
            hang=2,
        )
    ]
    if not result["right"]:
        body.append(Para(f"You said: {result['chosen_label']}", style="dim"))
    body += [Gap(), Para(result["why"])]
    if result["route"]:
        body.append(Para("Who handles it: " + " > ".join(result["route"]), hang=2, style="bold"))
        if result.get("route_chosen"):
            body.append(Para(f"You chose: {result['route_chosen']}", style="dim"))
    body += [Gap(), *(Clause(c) for c in clauses)]
    more = len(result["cite"]) - len(clauses)
    if more > 0:
        body.append(Para(f"and {more} more: {', '.join(result['cite'][len(clauses) :])}", style="dim"))
    return [Gap(), Panel("Answer", tuple(body)), Gap()]


def score(summary: dict[str, Any], seed: int) -> Blocks:
    rows = [(row["title"], str(row["right"]), str(row["asked"])) for row in summary["by_scenario"]]
    rows.append(
        (Span("Total", "bold"), Span(str(summary["right"]), "bold"), Span(str(summary["asked"]), "bold"))
    )
    out: Blocks = [  # (the reveal before it ends with a blank line)
        Table(
            (Column("scenario", wrap=True), Column("right", right=True), Column("asked", right=True)),
            tuple(rows),
            title="Score by scenario",
        ),
    ]
    if summary["revisit"]:
        out.append(Gap())
        out.append(Para((Span("Clauses to revisit: ", "bold"), ", ".join(summary["revisit"])), hang=2))
        out.append(Para("Read one with: protocol clauses show " + summary["revisit"][0], style="dim"))
    else:
        out.append(Para("Nothing to revisit: every answer was right.", style="ok"))
    out.append(Para(f"Same cases in the same order: --seed {seed}", style="dim"))
    return out
