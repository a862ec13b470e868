"""Rich drawing of the views, for a colour terminal. The only module that imports rich."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from protocol_cli import plaintext
from protocol_cli.terminal import Terminal

KIND_STYLE = {"rule": "bold", "guidance": "", "definition": "italic", "context": "dim"}


def _fit(out: Console, panel: Panel) -> Panel:
    """A panel whose title or footer would be cut at this width carries it inside instead."""
    from rich.cells import cell_len

    room = out.width - 6  # (the corners, a space either side, and a little border)
    parts: list[Any] = [panel.renderable]
    for place in ("title", "subtitle"):
        text = getattr(panel, place)
        if text and cell_len(text.plain if isinstance(text, Text) else str(text)) > room:
            setattr(panel, place, None)
            line = text if isinstance(text, Text) else Text(str(text), style="dim")
            parts = [line, *parts] if place == "title" else [*parts, line]
    if len(parts) > 1:
        panel.renderable = Group(*parts)
    return panel


def console(term: Terminal, stderr: bool = False) -> Console:
    return Console(
        width=term.width,
        height=25,  # (with TERM=dumb rich ignores a width given without a height)
        stderr=stderr,
        force_terminal=term.rich,
        no_color=not term.color,
        highlight=False,
        soft_wrap=False,
    )


def councils(rows: list[dict[str, Any]], out: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, title="Protocols", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("council")
    table.add_column("document")
    table.add_column("date", no_wrap=True)
    table.add_column("clauses", justify="right")
    for r in rows:
        table.add_row(r["id"], r["council"], r["title"], r.get("date") or "—", str(r["clauses"]))
    out.print(table)


def _clause_text(clause: dict[str, Any], spans: list[list[int]] | None = None) -> Text:
    text = Text(clause["text"])
    for start, end in spans or []:
        text.stylize("bold underline yellow", start, end)
    return text


def clause_block(clause: dict[str, Any], indent: int = 0) -> Padding:
    """Label on the left, the clause's words on the right, notes of corrections beneath."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    body: list[Any] = [_clause_text(clause)]
    if clause.get("printed_label"):
        body.append(Text(f"printed as {clause['printed_label']}", style="dim"))
    for c in clause.get("corrections", []):
        body.append(Text(f"corrected: printed “{c['printed']}”: {c['reason']}", style="dim"))
    grid.add_row(clause["label"], Group(*body))
    return Padding(grid, (0, 0, 0, indent))


def clause_detail(view: dict[str, Any], out: Console) -> None:
    p = view["protocol"]
    subtitle = f"{p['council']} — {p['title']}"
    if view["type"] == "section":
        body = Group(*[clause_block(c) for c in view["clauses"]])
        out.print(
            _fit(
                out,
                Panel(
                    body,
                    title=Text(view["section"]["heading"], style="bold"),
                    subtitle=subtitle,
                    title_align="left",
                    subtitle_align="left",
                    box=box.ROUNDED,
                ),
            )
        )
        return
    clause = view["clause"]
    parts: list[Any] = [Text(clause["heading"], style="bold")]
    if view["parent"]:
        parts.append(
            Text.assemble(
                ("part of " + view["parent"]["label"] + ": ", "dim"), (view["parent"]["text"], "dim")
            )
        )
    parts.append(Text(""))
    parts.append(clause_block(clause))
    parts.extend(clause_block(child, indent=4) for child in view["children"])
    out.print(
        _fit(
            out,
            Panel(
                Group(*parts),
                title=Text(clause["id"], style="bold cyan"),
                subtitle=subtitle,
                title_align="left",
                subtitle_align="left",
                box=box.ROUNDED,
            ),
        )
    )


def clause_list(view: dict[str, Any], out: Console) -> None:
    p = view["protocol"]
    table = Table(box=box.SIMPLE_HEAD, title=f"{p['council']} — {p['title']}", title_justify="left")
    label_width = max((len(c["label"]) for c in view["clauses"]), default=5)
    table.add_column("label", style="bold cyan", no_wrap=True, min_width=label_width)
    table.add_column("kind", no_wrap=True, min_width=10)
    table.add_column("text", overflow="ellipsis", no_wrap=True, ratio=1)
    room = out.width - label_width - 20  # (the label and kind columns, their padding and the edges)
    for c in view["clauses"]:
        text = plaintext._first_words(c["text"].replace("\n", " "), max(10, room))  # whole words, then …
        table.add_row(c["label"], Text(c["kind"], style=KIND_STYLE.get(c["kind"], "")), text)
    out.print(table)
    out.print(Text(f"{view['count']} clauses", style="dim"))


def search_results(view: dict[str, Any], out: Console) -> None:
    if not view["results"]:
        out.print(f"No clause matches [bold]{view['query']}[/] in {', '.join(view['protocols'])}.")
        return
    if not view["all_words"]:
        out.print(Text("No clause has every word; these have some of them.", style="yellow"))
    for n, r in enumerate(view["results"], start=1):
        head = Text.assemble((f"{n}. ", "dim"), (r["id"], "bold cyan"), ("  " + r["heading"], "bold"))
        out.print(head)
        out.print(Padding(_clause_text(r, r["matches"]), (0, 0, 1, 3)))
    if view["count"] > view["shown"]:
        out.print(Text(f"… {view['count'] - view['shown']} more; show them with --limit 0", style="dim"))


# --- ask and scenarios ---------------------------------------------------------------------------

VERDICT_STYLE = {
    "allowed": "bold white on green",
    "not-allowed": "bold white on red",
    "conditional": "bold black on yellow",
    "required": "bold white on blue",
    "refer": "bold white on magenta",
    "not-covered": "bold black on white",
}


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def _list(title: str, items: list[str], numbered: bool = False) -> list[Any]:
    if not items:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for n, item in enumerate(items, start=1):
        grid.add_row(f"{n}." if numbered else "•", item)
    return [Text(""), Text(title, style="bold"), Padding(grid, (0, 0, 0, 2))]


def answer(view: dict[str, Any], out: Console) -> None:
    from protocol_cli.views import VERDICT_TEXT, when_text

    word, meaning = VERDICT_TEXT[view["verdict"]]
    p = view["protocol"]
    badge = Text.assemble((f" {word} ", VERDICT_STYLE[view["verdict"]]), ("  " + meaning, "italic"))
    body: list[Any] = [badge, Text(""), Text(view["answer"])]
    if view.get("draft"):
        body[1:1] = [Text(view["draft_note"], style="bold yellow")]
    body += _list("Conditions (all must hold)", view["conditions"])
    body += _list("Route, in order", [_cap(r) for r in plaintext.shared_route(view)], numbered=True)
    body += _list("What to do", view["steps"])
    body += _list("Who to ask", [_cap(r) for r in view["contacts"]])
    body += _branches(view)
    out.print(
        _fit(
            out,
            Panel(
                Group(*body),
                title=Text(view["_title"], style="bold"),
                subtitle=p["council"],
                title_align="left",
                subtitle_align="right",
                box=box.ROUNDED,
            ),
        )
    )
    cites: list[Any] = []
    heading = None
    for c in view["citations"]:
        if c["heading"] != heading:
            if cites:
                cites.append(Text(""))
            heading = c["heading"]
            cites.append(Text(heading, style="bold"))
        cites.append(clause_block(c))
    out.print(
        _fit(
            out,
            Panel(
                Group(*cites),
                title=Text("Because", style="bold"),
                subtitle=f"{p['council']} — {p['title']}",
                title_align="left",
                subtitle_align="right",
                box=box.ROUNDED,
            ),
        )
    )
    if "explain" in view:
        lines: list[Any] = []
        for a in view["_asked"]:
            lines.append(Text.assemble(("• ", "bold"), a["prompt"] + " ", (a["label"], "bold")))
        for r in view["explain"]["ruled_out"]:
            by = r["by"]
            lines.append(
                Text(
                    f"Rule {r['rule']} ({when_text(r['when'])}) ruled out by "
                    f"{by['question']} = {by['answer']}",
                    style="dim",
                )
            )
        decided = view["explain"]["decided_by"]
        if decided:
            lines.append(
                Text(f"Decided by rule {decided['rule']} ({when_text(decided['when'])})", style="bold")
            )
        else:
            lines.append(
                Text("Not decided by one rule: it depends on what you were not sure of", style="bold")
            )
        if view["explain"].get("not_used"):
            lines.append(Text(plaintext.not_used_text(view), style="dim"))
        out.print(
            _fit(out, Panel(Group(*lines), title="How this was decided", title_align="left", box=box.ROUNDED))
        )
    out.print(
        Text(
            f"{view['scenario']} · {view['council']} · {plaintext.rules_text(view)} · "
            f"data {view['data_version']}",
            style="dim",
        )
    )


def _branches(view: dict[str, Any]) -> list[Any]:
    """Each case an answer turns on ("I'm not sure"): its verdict, answer and cited clauses."""
    from protocol_cli.views import VERDICT_TEXT

    if not view.get("branches"):
        return []
    parts: list[Any] = [Text(""), Text('What it turns on (you answered "I\'m not sure")', style="bold")]
    for b in view["branches"]:
        body: list[Any] = [Text(b["answer"])]
        body += _list("Conditions", b["conditions"])
        body += _list("Route, in order", [_cap(r) for r in b["route"]], numbered=True)
        body += _list("What to do", b["steps"])
        body += _list("Who to ask", [_cap(r) for r in b["contacts"]])
        body.append(Text("Cites: " + ", ".join(c["label"] for c in b["citations"]), style="dim"))
        parts += [
            Text(""),
            Text.assemble(
                ("If " + b["case"] + ": ", "bold"),
                (f" {VERDICT_TEXT[b['verdict']][0]} ", VERDICT_STYLE[b["verdict"]]),
            ),
            Padding(Group(*body), (0, 0, 0, 2)),
        ]
    return parts


def scenario_list(rows: list[dict[str, Any]], out: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, title="Scenarios", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("questions", justify="right")
    table.add_column("protocols", justify="right")
    for r in rows:
        table.add_row(r["id"], r["title"], str(r["questions"]), str(len(r["protocols"])))
    out.print(table)


def scenario_detail(view: dict[str, Any], out: Console) -> None:
    from protocol_cli.views import when_text

    out.print(Text.assemble((view["id"], "bold cyan"), ": ", (view["title"], "bold")))
    out.print(view["summary"])
    out.print(Text("Words that find it: " + ", ".join(view["aliases"]), style="dim"))
    questions = Table(box=box.SIMPLE_HEAD, title="Questions", title_justify="left")
    questions.add_column("id", style="bold cyan", no_wrap=True)
    questions.add_column("question and why we ask")
    questions.add_column("answers", no_wrap=True)
    for q in view["questions"]:
        questions.add_row(
            q["id"],
            Text.assemble((q["prompt"], "bold"), "\n", (q["help"], "dim")),
            "\n".join(o["value"] for o in q["options"]),
        )
    out.print(questions)
    for t in view["tables"]:
        p = t["protocol"]
        rules = Table(
            box=box.SIMPLE_HEAD,
            title=f"Rules for {p['id']} ({p['council']}): first match decides",
            title_justify="left",
        )
        rules.add_column("#", justify="right")
        rules.add_column("when")
        rules.add_column("verdict", no_wrap=True)
        rules.add_column("cites")
        for r in t["rules"]:
            rules.add_row(
                str(r["rule"]),
                when_text(r["when"]),
                Text(f" {r['verdict']} ", VERDICT_STYLE[r["verdict"]]),
                ", ".join(c.split(":", 1)[1] for c in r["cite"]),
            )
        out.print(rules)


# --- audit ---------------------------------------------------------------------------------------


def audit_list(rows: list[dict[str, Any]], out: Console) -> None:
    if not rows:
        out.print("No audit notes.")
        return
    table = Table(box=box.SIMPLE_HEAD, title="Audit notes", title_justify="left")
    for name in ("id", "created", "by"):
        table.add_column(
            name, no_wrap=name != "by", overflow="fold", style="bold cyan" if name == "id" else ""
        )
    table.add_column("council / scenario", no_wrap=True)  # (ids one above the other: never cut)
    table.add_column("verdict", no_wrap=True)
    for r in rows:
        verdict = r["verdict"] or ""
        table.add_row(
            r["id"],
            r["created"],
            r["recorded_by"] or "—",
            f"{r['council']}\n{r['scenario']}",
            Text(f" {verdict} ", VERDICT_STYLE.get(verdict, "")),
        )
    out.print(table)


def audit_note(note: dict[str, Any], out: Console) -> None:
    outcome = note.get("outcome", {})
    protocol = note.get("protocol", {})
    view = {
        "verdict": outcome.get("verdict"),
        "answer": outcome.get("answer", ""),
        "conditions": outcome.get("conditions", []),
        "route": outcome.get("route", []),
        "steps": outcome.get("steps", []),
        "contacts": outcome.get("contacts", []),
    }
    head = [
        Text(f"Created {note.get('created')} by {note.get('recorded_by') or 'unknown'}", style="bold"),
        Text(f"{protocol.get('council')}: {protocol.get('title')} (data {protocol.get('data_version')})"),
    ]
    if note.get("batch"):
        head.append(Text(f"Batch {note['batch']}"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(style="bold")
    for q in note.get("question", []):
        grid.add_row(q.get("prompt", ""), q.get("label", ""))
    body: list[Any] = [*head, Text(""), grid, Text("")]
    verdict = view["verdict"] or ""
    body.append(Text(f" {verdict} ", VERDICT_STYLE.get(verdict, "")))
    body.append(Text(view["answer"]))
    body += _list("Conditions (all must hold)", view["conditions"])
    body += _list("Route, in order", [_cap(r) for r in view["route"]], numbered=True)
    body += _list("What to do", view["steps"])
    body += _list("Who to ask", [_cap(r) for r in view["contacts"]])
    body += [Text(line) for line in plaintext.note_branch_lines(note, out.width - 4)]
    if note.get("note"):
        body += [Text(""), Text.assemble(("Note: ", "bold"), note["note"])]
    out.print(
        _fit(
            out,
            Panel(
                Group(*body),
                title=Text(f"Audit note {note.get('id')}", style="bold"),
                subtitle=note.get("scenario", {}).get("title", ""),
                title_align="left",
                subtitle_align="right",
                box=box.ROUNDED,
            ),
        )
    )
    cites: list[Any] = []
    for c in note.get("citation", []):
        cites += [Text(c.get("heading", ""), style="bold"), clause_block(c)]
    out.print(
        _fit(
            out,
            Panel(
                Group(*cites),
                title="Because (the clauses as they stood)",
                title_align="left",
                box=box.ROUNDED,
            ),
        )
    )
    out.print(Text(f"hash {note.get('hash')}\nprev {note.get('prev_hash') or '(first note)'}", style="dim"))


# --- compare -------------------------------------------------------------------------------------


def comparison(view: dict[str, Any], out: Console) -> None:
    from protocol_cli.plaintext import MARK

    given = ", ".join(f"{k} = {v}" for k, v in view["answers"].items()) or "(none)"
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"{view['title']}: the same facts under each protocol",
        caption=f"Answers: {given}",
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("protocol", style="bold cyan", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("answer", ratio=1)
    table.add_column("cites")
    for r in view["rows"]:
        verdict = (
            Text(f" {r['verdict']} ", VERDICT_STYLE[r["verdict"]]) if r["verdict"] else Text("needs answers")
        )
        answer = r["answer"] or "Needs an answer to: " + ", ".join(r["missing"])
        if r["route"]:
            answer += "\nRoute: " + " > ".join(_cap(x) for x in r["route"])
        table.add_row(r["protocol"], verdict, answer, ", ".join(c.split(":", 1)[1] for c in r["cite"]) or "—")
    out.print(table)
    grid = Table(
        box=box.SIMPLE_HEAD,
        title="Questions: x used, ~ not sure, . not needed, ? needed, blank: not reached yet",
        title_justify="left",
    )
    grid.add_column("question", style="bold")
    for r in view["rows"]:
        grid.add_column(r["protocol"].split("-")[0][:9], justify="center")
    for qid in view["rows"][0]["questions"]:
        grid.add_row(qid, *[MARK[r["questions"][qid]] for r in view["rows"]])
    out.print(grid)


# --- data check ----------------------------------------------------------------------------------


def data_report(view: dict[str, Any], out: Console) -> None:
    counts = view["counts"]
    if counts:
        out.print(Text(plaintext.data_summary(view), style="bold"))
    for f in view["findings"]:
        if f["severity"] == "reviewed":
            continue
        style = "red" if f["severity"] == "error" else "yellow"
        out.print(
            Text.assemble(
                (f"{f['severity']}: ", f"bold {style}"), (plaintext.where_of(f) + ": ", "dim"), f["message"]
            )
        )
    if view["coverage"]:
        table = Table(box=box.SIMPLE_HEAD, title="Rule clauses cited by some answer", title_justify="left")
        for name in plaintext.COVERAGE_COLUMNS:
            table.add_column(name, justify="left" if name in ("protocol", "uncited") else "right")
        for row in plaintext.coverage_rows(view):
            table.add_row(*row)
        out.print(table)
        excused = plaintext.excused_clauses(view)
        if excused:
            reasons = Table.grid(padding=(0, 2))
            reasons.add_column(style="cyan", no_wrap=True)
            reasons.add_column()
            for pid, label, why in excused:
                reasons.add_row(f"{pid}:{label}", why)
            out.print(Text("Rule clauses no answer cites, and why:", style="bold"))
            out.print(Padding(reasons, (0, 0, 0, 2)))
        out.print()
    if view.get("not_covered"):
        out.print(Text(plaintext.NOT_COVERED_TITLE + ":", style="bold"))
        for row in view["not_covered"]:
            head, words, finds, why = plaintext.not_covered_lines(row)
            out.print(Padding(Text(head, style="cyan"), (0, 0, 0, 2)))
            missing = not row["why_not_covered"]
            for line, style in ((words, "dim"), (finds, ""), (why, "red" if missing else "")):
                out.print(Padding(Text(line, style=style), (0, 0, 0, 4)))
        out.print()
    reviewed = [f for f in view["findings"] if f["severity"] == "reviewed"]
    if reviewed:
        out.print(Text(plaintext.REVIEWED_TITLE + ":", style="bold"))
        for f in reviewed:
            out.print(
                Padding(Text.assemble((plaintext.where_of(f) + ": ", "dim"), f["message"]), (0, 0, 0, 2))
            )
            out.print(Padding(Text("reviewed: " + (f["reviewed"] or ""), style="green"), (0, 0, 0, 4)))
        out.print()
    if view.get("lints"):
        out.print(Text(plaintext.lint_summary(view)))
    out.print(Text(plaintext.data_verdict(view), style="bold green" if view["ok"] else "bold red"))


def tree(view: dict[str, Any], out: Console) -> None:
    from rich.tree import Tree

    from protocol_cli.diagram import leaf_text

    styles = {
        "allowed": "bold green",
        "not-allowed": "bold red",
        "conditional": "bold yellow",
        "required": "bold blue",
        "refer": "bold magenta",
        "not-covered": "bold",
    }

    def question_text(node: dict[str, Any]) -> Text:
        return Text.assemble(("? ", "cyan bold"), (node["question"]["prompt"], "bold"))

    def grow(parent: Tree, node: dict[str, Any]) -> None:
        for branch in node["branches"]:
            label = " / ".join(branch["labels"])
            child = branch["node"]
            if "question" in child:
                grow(parent.add(Text.assemble(label, "\n", question_text(child))), child)
            else:
                parent.add(Text.assemble(label, " → ", (leaf_text(child), styles[child["verdict"]])))

    title = Text(f"{view['title']}: {view['protocol']['id']} ({view['protocol']['council']})", style="bold")
    out.print(title)
    root = view["root"]
    if "question" not in root:
        out.print(Text(f"(no questions) → {leaf_text(root)}"))
        return
    top = Tree(question_text(root), guide_style="dim")
    grow(top, root)
    out.print(top)


def import_report(view: dict[str, Any], out: Console) -> None:
    lines = plaintext.import_lines(view)
    out.print(Text(lines[0], style="bold green"))
    for line in lines[1:]:
        style = "bold" if line.endswith(":") else ""
        out.print(Text(line, style=style))
