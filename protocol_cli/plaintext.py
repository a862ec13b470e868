"""Plain-text drawing of the views: for pipes, NO_COLOR, TERM=dumb and --plain. No rich here.

Clause text is never altered: long lines are wrapped at the terminal width, nothing else.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
