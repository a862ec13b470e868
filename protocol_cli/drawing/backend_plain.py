"""Blocks as plain text: for pipes, NO_COLOR, TERM=dumb and --plain. No rich here.

Every line fits the width, measured in terminal cells (cells.py); a word, an id or a file path is
never cut. Clause text is never altered: long lines are wrapped at spaces, nothing else.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from protocol_cli.drawing.blocks import (
    Badge,
    Bullets,
    Clause,
    Gap,
    Indent,
    Node,
    Panel,
    Para,
    Span,
    Table,
    Tree,
    plain_text,
    runs,
)
from protocol_cli.drawing.cells import ljust, shorten, wrap
from protocol_cli.drawing.cells import width as cells

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from protocol_cli.drawing.blocks import Block, Inline
    from protocol_cli.drawing.terminal import Terminal

NARROWEST = 30  # below this, text wraps as if this wide (a line longer than the screen beats a word a line)

BOLD_UNDERLINE = ("\x1b[1;4m", "\x1b[0m")


class PlainScreen:
    """Draws blocks as lines of text on a stream, `width` cells wide. `emphasis` is the (on, off)
    pair that marks found words: bold underline on a terminal that takes it, nothing in a pipe."""

    def __init__(
        self, width: int, emphasis: tuple[str, str] = ("", ""), stream: TextIO | None = None
    ) -> None:
        self.width = width
        self.emphasis = emphasis
        self.stream = stream

    def draw(self, blocks: Sequence[Block]) -> None:
        stream = self.stream or sys.stdout
        for line in lines(blocks, self.width, self.emphasis):
            stream.write(line + "\n")
        stream.flush()

    def write(self, text: str, end: str = "\n") -> None:
        """Text as it is (a prompt to press Enter, say)."""
        stream = self.stream or sys.stdout
        stream.write(text + end)
        stream.flush()


def screen(term: Terminal, stderr: bool = False) -> PlainScreen:
    import os

    fancy = (term.stderr_tty if stderr else term.stdout_tty) and os.environ.get("TERM", "") != "dumb"
    return PlainScreen(term.width, BOLD_UNDERLINE if fancy else ("", ""), sys.stderr if stderr else None)


def lines(blocks: Sequence[Block], width: int | None, emphasis: tuple[str, str] = ("", "")) -> list[str]:
    """The blocks as lines of text at most `width` cells wide (where words allow); with no
    width, lines as long as their text (a file, say)."""
    width = width or sys.maxsize
    out: list[str] = []
    for block in blocks:
        out += _block(block, width, emphasis)
    return out


def text(inline: Inline, emphasis: tuple[str, str] = ("", "")) -> str:
    """Inline text as plain text writes it: found words marked with `emphasis`, badges as words."""
    on, off = emphasis
    if not on:
        return plain_text(inline)
    parts = []
    for run in runs(inline):
        if isinstance(run, Badge):
            parts.append(plain_text(run))
        elif isinstance(run, Span) and run.style == "match":
            parts.append(on + run.text + off)
        else:
            parts.append(run.text)
    return "".join(parts)


def _block(block: Block, width: int, emphasis: tuple[str, str]) -> list[str]:
    if isinstance(block, Gap):
        return [""]
    if isinstance(block, Para):
        return para(text(block.text, emphasis), width, block.indent, block.hang)
    if isinstance(block, Clause):
        return clause(block.clause, width, " " * block.indent)
    if isinstance(block, Bullets):
        return bullets(block, width)
    if isinstance(block, Table):
        pad = " " * block.indent
        body = table(block, width - block.indent)
        head = para(block.title, width, block.indent, 2) if block.title else []
        tail = para(block.caption, width, block.indent) if block.caption else []
        return [*head, *(pad + line if line else line for line in body), *tail]
    if isinstance(block, Panel):
        head = para(plain_text(block.title), width, 0, 2)
        if block.subtitle:  # where it comes from, on a line of its own (a title may wrap)
            head += para(block.subtitle, width, 0, 2)
        return [*head, *lines(block.body, width, emphasis)]
    if isinstance(block, Indent):
        pad = " " * block.by
        return [pad + line if line else line for line in lines(block.body, width - block.by, emphasis)]
    if isinstance(block, Tree):
        return tree(block.root, width)
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover - views make only blocks


def para(words: str, width: int, indent: int = 0, hang: int = 0) -> list[str]:
    """Paragraphs of `words` (split at newlines) wrapped to `width` cells after `indent` spaces,
    lines after a paragraph's first `hang` spaces further in."""
    first, more = " " * indent, " " * (indent + hang)
    room = max(NARROWEST + indent, width)
    out: list[str] = []
    for paragraph in words.split("\n"):
        out += wrap(paragraph, room, more, first=first) or [first.rstrip()]
    return out


def clause(c: dict, width: int, indent: str = "") -> list[str]:
    """'9.1.12  An Officer should ...' with the text hanging under itself, then any notes."""
    head = f"{indent}{c['label']}  "
    hang = " " * min(cells(head), 16)
    room = max(NARROWEST, width)
    out: list[str] = []
    for n, paragraph in enumerate(c["text"].split("\n")):
        out += wrap(paragraph, room, hang, first=head if n == 0 else hang) or [head.rstrip()]
    notes = [f"(printed as {c['printed_label']})"] if c.get("printed_label") else []
    notes += [f'(corrected: printed "{x["printed"]}": {x["reason"]})' for x in c.get("corrections", [])]
    for note in notes:
        out += wrap(note, room, hang + " ", first=hang)
    return out


def bullets(block: Bullets, width: int) -> list[str]:
    out = para(block.title + ":", width, 0, 2) if block.title else []
    for n, item in enumerate(block.items, start=1):
        mark = f"  {n}. " if block.numbered else "  - "
        out += wrap(plain_text(item), max(NARROWEST, width), " " * len(mark), first=mark)
    return out


def table(block: Table, width: int) -> list[str]:
    """Rows as columns, measured in terminal cells. The `wrap` columns wrap at spaces so every
    line fits; the others (ids, dates, numbers) are never cut. A `shorten` column keeps the words
    that fit on one line. If even the narrowest wrapping columns cannot fit, each row becomes a
    block: its first cell, then each other column as "column: value", wrapped under it."""
    if block.narrow is not None and natural_width(block) > width:
        return table(block.narrow._replace(title="", caption="", indent=0), width)
    columns = block.columns
    heads = [c.name.upper() for c in columns]
    grid = [[plain_text(cell) for cell in row] for row in block.rows]
    gaps = 2 * (len(columns) - 1)
    for i, col in enumerate(columns):
        if col.shorten:
            others = sum(max(cells(r[j]) for r in [heads, *grid]) for j in range(len(columns)) if j != i)
            room = max(20, width - others - gaps)
            for r in grid:
                r[i] = shorten(r[i].replace("\n", " "), room)
    natural = [
        max(cells(line) for r in [heads, *grid] for line in r[i].split("\n")) for i in range(len(columns))
    ]

    def row_lines(r: Sequence[str], widths: Sequence[int], flex: Sequence[int] = ()) -> list[str]:
        parts = [
            [piece for line in c.split("\n") for piece in (wrap(line, widths[i]) or [""])]
            if i in flex
            else c.split("\n")
            for i, c in enumerate(r)
        ]
        return [
            "  ".join(
                (" " * (w - cells(p)) + p) if col.right else ljust(p, w)
                for p, w, col in zip(
                    (p[n] if n < len(p) else "" for p in parts), widths, columns, strict=True
                )
            ).rstrip()
            for n in range(max(map(len, parts)))
        ]

    if sum(natural) + gaps <= width:
        return [line for r in [heads, *grid] for line in row_lines(r, natural)]
    flex = [i for i, c in enumerate(columns) if c.wrap] or [len(columns) - 1]
    longest_word = {i: max([cells(w) for r in [heads, *grid] for w in r[i].split()] or [1]) for i in flex}
    room = width - gaps - sum(w for i, w in enumerate(natural) if i not in flex)
    if sum(longest_word.values()) > room:
        return _row_blocks(grid, heads, width)
    widths = list(natural)
    for i in flex:
        widths[i] = longest_word[i]
    spare = room - sum(widths[i] for i in flex)
    wanted = {i: natural[i] - widths[i] for i in flex}
    total = sum(wanted.values()) or 1
    for i in flex:  # what is left, shared in proportion to what each column still wants
        widths[i] += min(wanted[i], spare * wanted[i] // total)
    return [line for r in [heads, *grid] for line in row_lines(r, widths, flex)]


def natural_width(block: Table) -> int:
    """How wide a table is with every cell on its own lines (its natural width), gaps included."""
    heads = [c.name for c in block.columns]
    grid = [[plain_text(cell) for cell in row] for row in block.rows]
    return sum(
        max(cells(line) for r in [heads, *grid] for line in r[i].split("\n")) for i in range(len(heads))
    ) + 2 * (len(heads) - 1)


def _row_blocks(rows: list[list[str]], heads: Sequence[str], width: int) -> list[str]:
    out = []
    for r in rows:
        out.append(r[0])
        for name, value in zip(heads[1:], r[1:], strict=True):
            out += wrap(f"{name.lower()}: {value}".replace("\n", " "), width, "      ", first="    ")
    return out


def tree(root: Node, width: int | None = None) -> list[str]:
    """A tree as indented lines with guides; with a `width`, long labels wrap under themselves."""
    out: list[str] = []

    def add(first: str, words: str, more: str) -> None:
        out.extend(wrap(words, width, more, first=first) if width else [first + words])

    def grow(node: Node, below: str) -> None:
        for n, child in enumerate(node.children):
            last = n == len(node.children) - 1
            inner = below + ("    " if last else "│   ")
            label = plain_text(child.label).split("\n")
            add(f"{below}{'└── ' if last else '├── '}", label[0], inner + ("" if child.children else "  "))
            for more in label[1:]:
                add(inner, more, inner + "  ")
            grow(child, inner)

    label = plain_text(root.label).split("\n")
    add("", label[0], "  ")
    for more in label[1:]:
        add("", more, "  ")
    grow(root, "")
    return out
