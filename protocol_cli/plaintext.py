"""Plain-text drawing of the views: for pipes, NO_COLOR, TERM=dumb and --plain. No rich here.

Clause text is never altered: long lines are wrapped at the terminal width, nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.output import PlainOut


def table(
    rows: Sequence[Sequence[str]],
    header: Sequence[str],
    width: int | None = None,
    flex: Sequence[int] = (),
) -> list[str]:
    """Rows as columns, measured in terminal cells (a CJK id takes two a character).

    With a `width`, the columns in `flex` (indexes; the last column if none are named) wrap at
    spaces so every line fits; the other columns (ids, dates, numbers) are never cut. If even
    the narrowest flex columns cannot fit, each row becomes a block: its first cell, then each
    other column as "header: value", wrapped under it.
    """
    from protocol_cli.cells import ljust, wrap
    from protocol_cli.cells import width as cells

    grid = [[str(c) for c in row] for row in rows]
    heads = [h.upper() for h in header]
    natural = [max(cells(r[i]) for r in [heads, *grid]) for i in range(len(header))]
    gaps = 2 * (len(header) - 1)
    if width is None or sum(natural) + gaps <= width:
        return [
            "  ".join(ljust(c, w) for c, w in zip(r, natural, strict=True)).rstrip() for r in [heads, *grid]
        ]
    flex = list(flex) or [len(header) - 1]
    longest_word = {i: max([cells(w) for r in [heads, *grid] for w in r[i].split()] or [1]) for i in flex}
    room = width - gaps - sum(w for i, w in enumerate(natural) if i not in flex)
    if sum(longest_word.values()) > room:
        return _blocks(grid, header, width)
    widths = list(natural)
    for i in flex:
        widths[i] = longest_word[i]
    spare = room - sum(widths[i] for i in flex)
    wanted = {i: natural[i] - widths[i] for i in flex}
    total = sum(wanted.values()) or 1
    for i in flex:  # what is left, shared in proportion to what each column still wants
        widths[i] += min(wanted[i], spare * wanted[i] // total)
    out = []
    for r in [heads, *grid]:
        parts = [wrap(c, widths[i]) or [""] if i in flex else [c] for i, c in enumerate(r)]
        for n in range(max(map(len, parts))):
            cells_n = [p[n] if n < len(p) else "" for p in parts]
            out.append("  ".join(ljust(c, w) for c, w in zip(cells_n, widths, strict=True)).rstrip())
    return out


def _blocks(rows: list[list[str]], header: Sequence[str], width: int) -> list[str]:
    from protocol_cli.cells import wrap

    out = []
    for r in rows:
        out.append(r[0])
        for name, value in zip(header[1:], r[1:], strict=True):
            out += wrap(f"{name}: {value}", width, "      ", first="    ")
    return out


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Paragraphs of `text` wrapped at spaces to `width` cells, each line after `indent`."""
    from protocol_cli.cells import wrap as cell_wrap

    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(cell_wrap(paragraph, max(20 + len(indent), width), indent) or [indent])
    return lines


def _wrap(
    text: str,
    width: int = 70,
    initial_indent: str = "",
    subsequent_indent: str = "",
    **_: object,  # (break_long_words, break_on_hyphens: words are never broken)
) -> list[str]:
    """textwrap.wrap's shape, measured in terminal cells, never breaking a word or a file path."""
    from protocol_cli.cells import wrap as cell_wrap

    return cell_wrap(text, width, subsequent_indent, first=initial_indent)


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
    for line in table(body, ["id", "council", "document", "date", "clauses"], out.width, flex=(1, 2)):
        write(line)


def _clause_lines(clause: dict[str, Any], width: int, indent: str = "") -> list[str]:
    """'9.1.12  An Officer should ...' with the text hanging under itself."""
    head = f"{indent}{clause['label']}  "
    hang = " " * min(len(head), 16)
    lines: list[str] = []
    for n, paragraph in enumerate(clause["text"].split("\n")):
        lines += _wrap(
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
        lines += _wrap(note, width=max(30, width), initial_indent=hang, subsequent_indent=hang + " ")
    return lines


def clause_detail(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    p = view["protocol"]
    for line in wrap(f"{p['council']} — {p['title']}", width):
        write(line)
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
        rows.append([c["label"], c["kind"], _first_words(c["text"].replace("\n", " "), text_w)])
    for line in table(rows, ["label", "kind", "text"], width):
        write(line)


def _first_words(text: str, cells: int) -> str:
    """The words of `text` that fit in `cells`, then "…" if any were left out (a word is never cut)."""
    from protocol_cli.cells import width as cell_width
    from protocol_cli.cells import wrap as cell_wrap

    if cell_width(text) <= cells:
        return text
    return (cell_wrap(text, cells - 1) or [""])[0].rstrip(",;:") + "…"


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
        lines += _wrap(item, width=max(30, width), initial_indent=mark, subsequent_indent=" " * len(mark))
    return lines


def answer(view: dict[str, Any], out: PlainOut) -> None:
    from protocol_cli.views import VERDICT_TEXT, when_text

    write, width = out.write, out.width
    word, meaning = VERDICT_TEXT[view["verdict"]]
    p = view["protocol"]
    for line in wrap(f"{view['_title']} — {p['council']}", width):
        write(line)
    for line in _wrap(f"Verdict: {word} ({view['verdict']}): {meaning}", width, "", "  "):
        write(line)
    if view.get("draft"):
        for line in wrap(view["draft_note"], width):
            write(line)
    write("")
    for line in wrap(view["answer"], width):
        write(line)
    sections = [
        _bullets("Conditions (all must hold):", view["conditions"], width),
        _bullets(
            "Route, in order:", [r[:1].upper() + r[1:] for r in shared_route(view)], width, numbered=True
        ),
        _bullets("What to do:", view["steps"], width),
        _bullets("Who to ask:", [r[:1].upper() + r[1:] for r in view["contacts"]], width),
    ]
    for lines in sections:
        if lines:
            write("")
            for line in lines:
                write(line)
    for line in branch_lines(view, width):
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
            for line in _wrap(
                f"{a['prompt']} {a['label']}",
                width=max(30, width),
                initial_indent="  - ",
                subsequent_indent="    ",
            ):
                write(line)
        for r in view["explain"]["ruled_out"]:
            by = r["by"]
            text = (
                f"Rule {r['rule']} ({when_text(r['when'])}) ruled out by your answer "
                f"{by['question']} = {by['answer']}"
            )
            for line in _wrap(text, width, "  ", "    "):
                write(line)
        decided = view["explain"]["decided_by"]
        if decided:
            text = f"Decided by rule {decided['rule']} ({when_text(decided['when'])})"
            for line in _wrap(text, width, "  ", "    "):
                write(line)
        else:
            write("  Not decided by one rule: it depends on what you were not sure of (above)")
        if view["explain"].get("not_used"):
            for line in _wrap(not_used_text(view), width, "  ", "    "):
                write(line)
    write("")
    write(f"[{view['scenario']} · {view['council']} · {rules_text(view)} · data {view['data_version']}]")


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


def branch_lines(view: dict[str, Any], width: int) -> list[str]:
    """Each case an answer turns on ("I'm not sure"): its verdict, answer and cited clauses."""
    from protocol_cli.views import VERDICT_TEXT

    if not view.get("branches"):
        return []
    lines = ["", 'What it turns on (you answered "I\'m not sure"):']
    for b in view["branches"]:
        lines.append("")
        lines.append(f"  If {b['case']}: {VERDICT_TEXT[b['verdict']][0]} ({b['verdict']})")
        lines += wrap(b["answer"], width, "    ")
        for title, items, numbered in (
            ("Conditions:", b["conditions"], False),
            ("Route, in order:", b["route"], True),
            ("What to do:", b["steps"], False),
            ("Who to ask:", b["contacts"], False),
        ):
            lines += ["    " + line for line in _bullets(title, items, width - 4, numbered)]
        lines += wrap("Cites: " + ", ".join(c["label"] for c in b["citations"]), width, "    ")
    return lines


def scenario_list(rows: list[dict[str, Any]], out: PlainOut) -> None:
    body = [[r["id"], r["title"], str(r["questions"]), str(len(r["protocols"]))] for r in rows]
    for line in table(body, ["id", "title", "questions", "protocols"], out.width, flex=(1,)):
        out.write(line)


def scenario_detail(view: dict[str, Any], out: PlainOut) -> None:
    from protocol_cli.views import when_text

    write, width = out.write, out.width
    for line in wrap(f"{view['id']}: {view['title']}", width):
        write(line)
    for line in wrap(view["summary"], width):
        write(line)
    for line in _wrap(f"Words that find it: {', '.join(view['aliases'])}", width=max(30, width)):
        write(line)
    write("")
    write("Questions:")
    for q in view["questions"]:
        for line in _wrap(f"{q['id']}: {q['prompt']}", width, "  ", "      "):
            write(line)
        values = ", ".join(o["value"] for o in q["options"])
        for line in _wrap(f"answers: {values}", width, "      ", " " * 15):
            write(line)
        for line in wrap(q["help"], width, "        "):
            write(line)
    for t in view["tables"]:
        p = t["protocol"]
        write("")
        for line in wrap(f"Rules for {p['id']} ({p['council']}), first match decides:", width):
            write(line)
        for r in t["rules"]:
            cites = ", ".join(c.split(":", 1)[1] for c in r["cite"])
            number = f"  {r['rule']}. "
            text = f"{when_text(r['when'])} -> {r['verdict']} ({cites})"
            for line in _wrap(text, width, number, " " * (len(number) + 2)):
                write(line)


# --- audit ---------------------------------------------------------------------------------------


def audit_list(rows: list[dict[str, Any]], out: PlainOut) -> None:
    if not rows:
        out.write("No audit notes.")
        return
    from protocol_cli.cells import width

    body = [
        [r["id"], r["created"], r["recorded_by"] or "-", r["council"], r["scenario"], r["verdict"]]
        for r in rows
    ]
    lines = table(body, ["id", "created", "by", "council", "scenario", "verdict"])
    if max(map(width, lines)) > out.width:  # council and scenario one above the other, ids whole
        body = [
            [i, created, by, f"{council} {scenario}", verdict]
            for i, created, by, council, scenario, verdict in body
        ]
        lines = table(body, ["id", "created", "by", "council scenario", "verdict"], out.width, flex=(2, 3))
    for line in lines:
        out.write(line)


def audit_note(note: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    outcome = note.get("outcome", {})
    protocol = note.get("protocol", {})
    head = [
        f"Audit note {note.get('id')} — {note.get('scenario', {}).get('title', '')}",
        f"Created {note.get('created')} by {note.get('recorded_by') or 'unknown'} "
        f"(protocol {note.get('tool_version')})",
        f"Protocol: {protocol.get('council')}, {protocol.get('title')} (data {protocol.get('data_version')})",
    ]
    if note.get("batch"):
        head.append(f"Batch: {note['batch']}")
    for text in head:
        for line in _wrap(text, width, "", "  "):
            write(line)
    write("")
    write("Questions and answers:")
    for q in note.get("question", []):
        for line in _wrap(
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
    for line in note_branch_lines(note, width):
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


def note_branch_lines(note: dict[str, Any], width: int) -> list[str]:
    """The cases an audit note's answer turned on ("I'm not sure"), each with its rule and clauses."""
    lines: list[str] = []
    for b in note.get("branches", []):
        lines += ["", f"If {b.get('case')}: {b.get('verdict')} (rule {b.get('rule')})"]
        lines += wrap(b.get("answer", ""), width, "    ")
        lines += wrap("Cites: " + " ".join(b.get("citations", [])), width, "    ")
    return lines


# --- compare -------------------------------------------------------------------------------------

MARK = {"used": "x", "not sure": "~", "missing": "?", "not needed": ".", "not yet": " "}


def comparison(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    for line in wrap(f"{view['title']}: the same facts under each protocol", width):
        write(line)
    given = ", ".join(f"{k} = {v}" for k, v in view["answers"].items()) or "(none)"
    for line in _wrap(f"Answers: {given}", width=max(30, width)):
        write(line)
    write("")
    body = []
    for r in view["rows"]:
        cites = ", ".join(c.split(":", 1)[1] for c in r["cite"])
        verdict = r["verdict"] or "needs: " + ", ".join(r["missing"])
        body.append([r["protocol"], verdict, cites or "-", " > ".join(r["route"]) or "-"])
    for line in table(body, ["protocol", "verdict", "cites", "route"], width, flex=(1, 2, 3)):
        write(line)
    write("")
    for r in view["rows"]:
        text = r["answer"] or f"Needs an answer to: {', '.join(r['missing'])}"
        for line in _wrap(f"{r['protocol']}: {text}", width=max(30, width), subsequent_indent="  "):
            write(line)
    write("")
    write("Questions: x used, ~ not sure (every answer tried), . not needed,")
    write("? needed but not given, blank: not reached yet")
    ids = [r["protocol"] for r in view["rows"]]
    short = [pid.split("-")[0][:9] for pid in ids]
    qrows = [
        [qid, *[MARK[r["questions"][qid]] for r in view["rows"]]] for qid in view["rows"][0]["questions"]
    ]
    for line in table(qrows, ["question", *short], width):
        write(line)


# --- data check ----------------------------------------------------------------------------------


def data_report(view: dict[str, Any], out: PlainOut) -> None:
    write, width = out.write, out.width
    counts = view["counts"]
    if counts:
        for line in wrap(data_summary(view), width):
            write(line)

    def wrapped(text: str, indent: str = "", more: str = "    ") -> None:
        for line in _wrap(
            text,
            width=max(30, width),
            initial_indent=indent,
            subsequent_indent=more,
            break_on_hyphens=False,  # keep file paths whole
            break_long_words=False,
        ):
            write(line)

    for f in view["findings"]:
        if f["severity"] != "reviewed":
            wrapped(f"{f['severity']}: {where_of(f)}: {f['message']}")
    if view["coverage"]:
        write("")
        write("Rule clauses cited by some answer:")
        for line in table(coverage_rows(view), list(COVERAGE_COLUMNS), width - 2):
            write("  " + line)
        excused = excused_clauses(view)
        if excused:
            write("")
            write("Rule clauses no answer cites, and why:")
            for pid, label, why in excused:
                for line in _wrap(
                    f"{pid}:{label}  {why}", width=max(30, width - 2), subsequent_indent="    "
                ):
                    write("  " + line)
    if view.get("not_covered"):
        write("")
        wrapped(NOT_COVERED_TITLE + ":", "", "")
        for row in view["not_covered"]:
            head, words, finds, why = not_covered_lines(row)
            wrapped(head, "  ")
            wrapped(words, "    ", "      ")
            wrapped(finds, "    ", "      ")
            wrapped(why, "    ", "      ")
    reviewed = [f for f in view["findings"] if f["severity"] == "reviewed"]
    if reviewed:
        write("")
        wrapped(REVIEWED_TITLE + ":", "", "")
        for f in reviewed:
            wrapped(f"{where_of(f)}: {f['message']}", "  ", "      ")
            wrapped(f"reviewed: {f['reviewed']}", "    ", "      ")
    if view.get("lints"):
        write("")
        wrapped(lint_summary(view))
    write("")
    write(data_verdict(view))


NOT_COVERED_TITLE = (
    "Not-covered answers, and what clause search finds in that protocol for the scenario's words"
)
REVIEWED_TITLE = 'Findings a reviewer judged not to apply (reviewed = { check = "why" } in the rule)'


def where_of(finding: dict[str, Any]) -> str:
    return f"{finding['file']}, line {finding['line']}" if finding["line"] else finding["file"]


def not_covered_lines(row: dict[str, Any]) -> tuple[str, str, str, str]:
    """A not-covered rule: where it is, the words searched, the clauses found, why none answers."""
    where = f"{row['file']}, line {row['line']}" if row["line"] else row["file"]
    found = [f"{h['label']} (cited)" if h["cited"] else h["label"] for h in row["found"]]
    return (
        f"{row['scenario']}, {row['protocol']} rule {row['rule']} ({where})",
        "words: " + " ".join(row["words"]),
        "finds: " + (", ".join(found) or "nothing"),
        "why not covered: " + (row["why_not_covered"] or "(not given: add why_not_covered)"),
    )


def lint_summary(view: dict[str, Any]) -> str:
    """Each verdict check with the problems it found (and how many a reviewer acknowledged)."""
    parts = []
    for lint, n in view["lints"].items():
        reviewed = f" (+{n['reviewed']} reviewed)" if n["reviewed"] else ""
        parts.append(f"{lint} {n['open']}{reviewed}")
    return "Verdict checks: " + ", ".join(parts)


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


# --- tree -------------------------------------------------------------------------------------


def tree_lines(view: dict[str, Any], width: int | None = None) -> list[str]:
    """The decision tree as indented text lines (also what `tree --format text -o FILE` writes);
    with a `width`, long lines wrap under themselves, inside the tree's lines."""
    from protocol_cli.diagram import leaf_text

    lines: list[str] = []

    def add(first: str, text: str, more: str) -> None:
        lines.extend(_wrap(text, width, first, more) if width else [first + text])

    add("", f"{view['title']}: {view['protocol']['id']} ({view['protocol']['council']})", "  ")

    def node_lines(node: dict[str, Any], prefix: str, below: str) -> None:
        add(f"{prefix}? ", node["question"]["prompt"], f"{below}  ")
        branches = node["branches"]
        for n, branch in enumerate(branches):
            last = n == len(branches) - 1
            label = " / ".join(branch["labels"])
            child = branch["node"]
            inner = below + ("    " if last else "│   ")
            if "question" in child:
                add(f"{below}{'└── ' if last else '├── '}", label, inner)
                node_lines(child, inner, inner)
            else:
                add(f"{below}{'└── ' if last else '├── '}", f"{label} → {leaf_text(child)}", inner + "  ")

    root = view["root"]
    if "question" in root:
        node_lines(root, "", "")
    else:
        add("", f"(no questions) → {leaf_text(root)}", "  ")
    return lines


def tree(view: dict[str, Any], out: PlainOut) -> None:
    for line in tree_lines(view, out.width):
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
    if view.get("checks"):
        lines.append(f"Check these {len(view['checks'])} places against the protocol:")
        lines += [f"  line {x['line']}: {x['message']}" for x in view["checks"]]
    if view["notes"]:
        lines.append("To review:")
        lines += [f"  - {note}" for note in view["notes"]]
    lines.append(
        f"Next: protocol clauses list {view['id']}, then protocol data draft {view['id']} "
        "(draft rule tables from a similar protocol), then protocol data check"
    )
    return lines


def import_report(view: dict[str, Any], out: PlainOut) -> None:
    for line in import_lines(view):
        for part in _wrap(line, width=max(30, out.width), subsequent_indent="    ") or [""]:
            out.write(part)
