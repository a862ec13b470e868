"""Plain-text drawing of the views: for pipes, NO_COLOR, TERM=dumb and --plain. No rich here.

Clause text is never altered: long lines are wrapped at the terminal width, nothing else.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.output import PlainOut


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(h.upper().ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    for row in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return out


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(
            textwrap.wrap(
                paragraph, width=max(20, width - len(indent)), break_long_words=False, break_on_hyphens=False
            )
            or [""]
        )
    return [indent + line for line in lines]


def mark(text: str, spans: Sequence[Sequence[int]], on: str, off: str) -> str:
    if not on:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start] + on + text[start:end] + off)
        last = end
    out.append(text[last:])
    return "".join(out)


def councils(rows: list[dict[str, Any]], out: PlainOut) -> None:
    write = out.write
    body = [[r["id"], r["council"], r["title"], r.get("date") or "-", str(r["clauses"])] for r in rows]
    for line in table(body, ["id", "council", "document", "date", "clauses"]):
        write(line)


def _clause_lines(clause: dict[str, Any], width: int, indent: str = "") -> list[str]:
    """'9.1.12  An Officer should ...' with the text hanging under itself."""
    head = f"{indent}{clause['label']}  "
    hang = " " * min(len(head), 16)
    lines: list[str] = []
    for n, paragraph in enumerate(clause["text"].split("\n")):
        lines += textwrap.wrap(
            paragraph,
            width=max(30, width),
            initial_indent=head if n == 0 else hang,
            subsequent_indent=hang,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [head.rstrip()]
    notes = [f"(printed as {clause['printed_label']})"] if clause.get("printed_label") else []
    notes += [f'(corrected: printed "{c["printed"]}": {c["reason"]})' for c in clause.get("corrections", [])]
    for note in notes:
        lines += textwrap.wrap(note, width=max(30, width), initial_indent=hang, subsequent_indent=hang + " ")
    return lines


def clause_detail(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    p = view["protocol"]
    write(f"{p['council']} — {p['title']}")
    if view["type"] == "section":
        write(view["section"]["heading"])
        write("")
        for clause in view["clauses"]:
            for line in _clause_lines(clause, width):
                write(line)
        return
    clause = view["clause"]
    write(clause["heading"])
    write("")
    if view["parent"]:
        for line in wrap(f"part of {view['parent']['label']}: {view['parent']['text']}", width):
            write(line)
        write("")
    for line in _clause_lines(clause, width):
        write(line)
    for child in view["children"]:
        for line in _clause_lines(child, width, "    "):
            write(line)
    write("")
    write(f"[{clause['id']}]")


def clause_list(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    rows = []
    label_w = max((len(c["label"]) for c in view["clauses"]), default=5)
    text_w = max(20, width - label_w - len("  definition  "))
    for c in view["clauses"]:
        text = c["text"].replace("\n", " ")
        if len(text) > text_w:
            text = text[: text_w - 1].rstrip() + "…"
        rows.append([c["label"], c["kind"], text])
    for line in table(rows, ["label", "kind", "text"]):
        write(line)


def search_results(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    if not view["results"]:
        write(f"No clause matches {view['query']!r} in {', '.join(view['protocols'])}.")
        return
    if not view["all_words"]:
        write("No clause has every word; these have some of them.")
    for n, r in enumerate(view["results"], start=1):
        write(f"{n}. {r['id']}  ({r['heading']})")
        text = mark(r["text"], r["matches"], *out.emphasis)
        for line in wrap(text, width, "   "):  # emphasis codes take no room on screen; close enough
            write(line)
    if view["count"] > view["shown"]:
        write(f"… {view['count'] - view['shown']} more; show them with --limit 0")


# --- ask and scenarios ---------------------------------------------------------------------------


def _bullets(title: str, items: list[str], width: int, numbered: bool = False) -> list[str]:
    if not items:
        return []
    lines = [title]
    for n, item in enumerate(items, start=1):
        mark = f"  {n}. " if numbered else "  - "
        lines += textwrap.wrap(
            item, width=max(30, width), initial_indent=mark, subsequent_indent=" " * len(mark)
        )
    return lines


def answer(view: dict[str, Any], out: PlainOut) -> None:
    from protocol_cli.views import VERDICT_TEXT, when_text

    write, width = out.write, out.width
    word, meaning = VERDICT_TEXT[view["verdict"]]
    p = view["protocol"]
    write(f"{view['_title']} — {p['council']}")
    write(f"Verdict: {word} ({view['verdict']}): {meaning}")
    write("")
    for line in wrap(view["answer"], width):
        write(line)
    sections = [
        _bullets("Conditions (all must hold):", view["conditions"], width),
        _bullets("Route, in order:", [r[:1].upper() + r[1:] for r in view["route"]], width, numbered=True),
        _bullets("What to do:", view["steps"], width),
        _bullets("Who to ask:", [r[:1].upper() + r[1:] for r in view["contacts"]], width),
    ]
    for lines in sections:
        if lines:
            write("")
            for line in lines:
                write(line)
    write("")
    write(f"Because ({p['title']}):")
    heading = None
    for c in view["citations"]:
        if c["heading"] != heading:
            heading = c["heading"]
            write(f"  {heading}")
        for line in _clause_lines(c, width, "  "):
            write(line)
    if "explain" in view:
        write("")
        write("How this was decided:")
        for a in view["_asked"]:
            for line in textwrap.wrap(
                f"{a['prompt']} {a['label']}",
                width=max(30, width),
                initial_indent="  - ",
                subsequent_indent="    ",
            ):
                write(line)
        for r in view["explain"]["ruled_out"]:
            by = r["by"]
            write(
                f"  Rule {r['rule']} ({when_text(r['when'])}) ruled out by your answer "
                f"{by['question']} = {by['answer']}"
            )
        decided = view["explain"]["decided_by"]
        write(f"  Decided by rule {decided['rule']} ({when_text(decided['when'])})")
    write("")
    write(f"[{view['scenario']} · {view['council']} · rule {view['rule']} · data {view['data_version']}]")


def scenario_list(rows: list[dict[str, Any]], out: PlainOut) -> None:
    body = [[r["id"], r["title"], str(r["questions"]), str(len(r["protocols"]))] for r in rows]
    for line in table(body, ["id", "title", "questions", "protocols"]):
        out.write(line)


def scenario_detail(view: dict[str, Any], out: PlainOut) -> None:
    from protocol_cli.views import when_text

    write, width = out.write, out.width
    write(f"{view['id']}: {view['title']}")
    for line in wrap(view["summary"], width):
        write(line)
    for line in textwrap.wrap(f"Words that find it: {', '.join(view['aliases'])}", width=max(30, width)):
        write(line)
    write("")
    write("Questions:")
    for q in view["questions"]:
        write(f"  {q['id']}: {q['prompt']}")
        write(f"      answers: {', '.join(o['value'] for o in q['options'])}")
        for line in wrap(q["help"], width, "        "):
            write(line)
    for t in view["tables"]:
        p = t["protocol"]
        write("")
        write(f"Rules for {p['id']} ({p['council']}), first match decides:")
        for r in t["rules"]:
            cites = ", ".join(c.split(":", 1)[1] for c in r["cite"])
            write(f"  {r['rule']}. {when_text(r['when'])} -> {r['verdict']} ({cites})")


# --- audit ---------------------------------------------------------------------------------------


def audit_list(rows: list[dict[str, Any]], out: PlainOut) -> None:
    if not rows:
        out.write("No audit notes.")
        return
    body = [
        [r["id"], r["created"], r["recorded_by"] or "-", r["council"], r["scenario"], r["verdict"]]
        for r in rows
    ]
    for line in table(body, ["id", "created", "by", "council", "scenario", "verdict"]):
        out.write(line)


def audit_note(note: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    outcome = note.get("outcome", {})
    protocol = note.get("protocol", {})
    write(f"Audit note {note.get('id')} — {note.get('scenario', {}).get('title', '')}")
    write(
        f"Created {note.get('created')} by {note.get('recorded_by') or 'unknown'} "
        f"(protocol {note.get('tool_version')})"
    )
    write(
        f"Protocol: {protocol.get('council')}, {protocol.get('title')} (data {protocol.get('data_version')})"
    )
    if note.get("batch"):
        write(f"Batch: {note['batch']}")
    write("")
    write("Questions and answers:")
    for q in note.get("question", []):
        for line in textwrap.wrap(
            f"{q.get('prompt')} {q.get('label')}",
            width=max(30, width),
            initial_indent="  - ",
            subsequent_indent="    ",
        ):
            write(line)
    write("")
    write(f"Verdict: {outcome.get('verdict')}")
    for line in wrap(outcome.get("answer", ""), width):
        write(line)
    for title, key, numbered in (
        ("Conditions (all must hold):", "conditions", False),
        ("Route, in order:", "route", True),
        ("What to do:", "steps", False),
        ("Who to ask:", "contacts", False),
    ):
        lines = _bullets(title, outcome.get(key, []), width, numbered)
        if lines:
            write("")
            for line in lines:
                write(line)
    if note.get("note"):
        write("")
        for line in wrap(f"Note: {note['note']}", width):
            write(line)
    write("")
    write("Because (the clauses as they stood):")
    for c in note.get("citation", []):
        write(f"  {c.get('heading')}")
        for line in _clause_lines(c, width, "  "):
            write(line)
    write("")
    write(f"hash {note.get('hash')}")
    write(f"prev {note.get('prev_hash') or '(first note)'}")


# --- compare -------------------------------------------------------------------------------------

MARK = {"used": "x", "missing": "?", "not needed": ".", "not yet": " "}


def comparison(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    write(f"{view['title']}: the same facts under each protocol")
    given = ", ".join(f"{k} = {v}" for k, v in view["answers"].items()) or "(none)"
    for line in textwrap.wrap(f"Answers: {given}", width=max(30, width)):
        write(line)
    write("")
    body = []
    for r in view["rows"]:
        cites = ", ".join(c.split(":", 1)[1] for c in r["cite"])
        verdict = r["verdict"] or "needs: " + ", ".join(r["missing"])
        body.append([r["protocol"], verdict, cites or "-", " > ".join(r["route"]) or "-"])
    for line in table(body, ["protocol", "verdict", "cites", "route"]):
        write(line)
    write("")
    for r in view["rows"]:
        text = r["answer"] or f"Needs an answer to: {', '.join(r['missing'])}"
        for line in textwrap.wrap(f"{r['protocol']}: {text}", width=max(30, width), subsequent_indent="  "):
            write(line)
    write("")
    write("Questions: x used, . not needed, ? needed but not given, blank: not reached yet")
    ids = [r["protocol"] for r in view["rows"]]
    short = [pid.split("-")[0][:9] for pid in ids]
    qrows = [
        [qid, *[MARK[r["questions"][qid]] for r in view["rows"]]] for qid in view["rows"][0]["questions"]
    ]
    for line in table(qrows, ["question", *short]):
        write(line)


# --- data check ----------------------------------------------------------------------------------


def data_report(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    counts = view["counts"]
    if counts:
        write(data_summary(view))
    for f in view["findings"]:
        where = f"{f['file']}, line {f['line']}" if f["line"] else f["file"]
        for line in textwrap.wrap(
            f"{f['severity']}: {where}: {f['message']}",
            width=max(30, width),
            subsequent_indent="    ",
            break_on_hyphens=False,  # keep file paths whole
            break_long_words=False,
        ):
            write(line)
    if view["coverage"]:
        write("")
        write("Rule clauses cited by some answer:")
        for line in table(coverage_rows(view), list(COVERAGE_COLUMNS)):
            write("  " + line)
        excused = excused_clauses(view)
        if excused:
            write("")
            write("Rule clauses no answer cites, and why:")
            for pid, label, why in excused:
                for line in textwrap.wrap(
                    f"{pid}:{label}  {why}", width=max(30, width - 2), subsequent_indent="    "
                ):
                    write("  " + line)
    write("")
    write(data_verdict(view))


COVERAGE_COLUMNS = ("protocol", "rule clauses", "cited", "share", "uncited")


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


def excused_clauses(view: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(protocol, clause, reason) for each rule clause no answer cites, with its reason."""
    return [(r["protocol"], label, why) for r in view["coverage"] for label, why in r["excused"].items()]


def data_summary(view: dict[str, Any]) -> str:
    counts = view["counts"]
    name = "the bundled data" if view.get("bundled") else str(view["root"])
    if view.get("data_dir"):
        name += f" with {view['data_dir']} over it"
    return (
        f"Checked {name}: {counts['protocols']} protocols, {counts['scenarios']} scenarios, "
        f"{counts['tables']} rule tables, {counts['rules']} rules, "
        f"{counts.get('training_cases', 0)} training cases"
    )


def data_verdict(view: dict[str, Any]) -> str:
    if view["ok"]:
        return "All checks passed."
    errors = sum(1 for f in view["findings"] if f["severity"] == "error")
    return f"{errors} problem found." if errors == 1 else f"{errors} problems found."


# --- tree -------------------------------------------------------------------------------------


def tree_lines(view: dict[str, Any]) -> list[str]:
    """The decision tree as indented text lines (also what `tree --format text -o FILE` writes)."""
    from protocol_cli.diagram import leaf_text

    lines = [f"{view['title']}: {view['protocol']['id']} ({view['protocol']['council']})"]

    def node_lines(node: dict[str, Any], prefix: str) -> None:
        lines.append(f"{prefix}? {node['question']['prompt']}")
        branches = node["branches"]
        for n, branch in enumerate(branches):
            last = n == len(branches) - 1
            label = " / ".join(branch["labels"])
            child = branch["node"]
            if "question" in child:
                lines.append(f"{prefix}{'└── ' if last else '├── '}{label}")
                node_lines(child, prefix + ("    " if last else "│   "))
            else:
                lines.append(f"{prefix}{'└── ' if last else '├── '}{label} → {leaf_text(child)}")

    root = view["root"]
    if "question" in root:
        node_lines(root, "")
    else:
        lines.append(f"(no questions) → {leaf_text(root)}")
    return lines


def tree(view: dict[str, Any], out: PlainOut) -> None:
    for line in tree_lines(view):
        out.write(line)


# --- data import ------------------------------------------------------------------------------


def import_lines(view: dict[str, Any]) -> list[str]:
    lines = [
        f"Imported {view['clauses']} clauses in {view['sections']} sections from {view['source']}",
        f"Wrote {view['written']} (protocol id {view['id']}, council: {view['council']})",
        "Title: " + " / ".join(view["title_lines"]) if view["title_lines"] else "Title: (none found)",
        "Roles found: "
        + (", ".join(view["roles"]) or "none")
        + "; seek advice: "
        + (", ".join(view["seek_advice"]) or "none found"),
    ]
    if view["left_out"]:
        lines.append("Left out (could not be placed as clauses):")
        lines += [f"  line {x['line']}: {x['text']}  ({x['why']})" for x in view["left_out"]]
    if view["notes"]:
        lines.append("To review:")
        lines += [f"  - {note}" for note in view["notes"]]
    lines.append(f"Next: protocol clauses list {view['id']}, then protocol data check")
    return lines


def import_report(view: dict[str, Any], out: PlainOut) -> None:
    for line in import_lines(view):
        for part in textwrap.wrap(line, width=max(30, out.width), subsequent_indent="    ") or [""]:
            out.write(part)
