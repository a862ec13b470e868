"""Blocks drawn with rich, for a colour terminal: boxes, colour, verdict badges. The only module
that imports rich for output (prompts use questionary's own prompt_toolkit).

Rich wraps at the console's width itself; what is done here is what rich does not do for us:
a panel's title too long for its top edge goes inside, and a `shorten` column keeps whole words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel as RichPanel
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree as RichTree

from protocol_cli.drawing.blocks import (
    Badge,
    Bullets,
    Clause,
    Gap,
    Indent,
    Node,
    Panel,
    Para,
    Table,
    Tree,
    plain_text,
    runs,
)
from protocol_cli.drawing.cells import shorten

TYPE_CHECKING = False
if TYPE_CHECKING:
    from protocol_cli.drawing.blocks import Block, Inline
    from protocol_cli.drawing.terminal import Terminal

# What each style name of blocks.STYLES looks like in colour.
STYLE = {
    "": "",
    "bold": "bold",
    "id": "bold cyan",
    "dim": "dim",
    "italic": "italic",
    "match": "bold underline yellow",
    "warning": "bold yellow",
    "error": "bold red",
    "ok": "bold green",
    "choice": "bold reverse",
    "allowed": "bold green",
    "not-allowed": "bold red",
    "conditional": "bold yellow",
    "required": "bold blue",
    "refer": "bold magenta",
    "not-covered": "bold",
}

VERDICT_STYLE = {
    "allowed": "bold white on green",
    "not-allowed": "bold white on red",
    "conditional": "bold black on yellow",
    "required": "bold white on blue",
    "refer": "bold white on magenta",
    "not-covered": "bold black on white",
    "right": "bold white on green",  # a quiz's mark
    "not-quite": "bold white on red",
}


class RichScreen:
    """Draws blocks on a rich Console."""

    def __init__(self, console: Console) -> None:
        self.console = console

    @property
    def width(self) -> int:
        return self.console.width

    def draw(self, blocks: Sequence[Block]) -> None:
        for item in renderables(blocks, self.console.width):
            self.console.print(item)

    def write(self, text: str, end: str = "\n") -> None:
        """Text as it is (a prompt to press Enter, say), in the dim style of a hint."""
        self.console.print(Text(text, style="dim"), end=end)


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


def screen(term: Terminal, stderr: bool = False) -> RichScreen:
    return RichScreen(console(term, stderr))


def text(inline: Inline, style: str = "") -> Text:
    out = Text(style=STYLE[style])
    for run in runs(inline):
        if isinstance(run, Badge):
            out.append(f" {run.word} ", VERDICT_STYLE.get(run.verdict, "bold reverse"))
        else:
            out.append(run.text, STYLE[run.style])
    return out


def renderables(blocks: Sequence[Block], width: int) -> list[Any]:
    """Each block drawn; a blank line next to a drawn table is left out where the table has one of
    its own: below it, and above it unless a title comes first."""
    drawn = [(block, renderable(block, width)) for block in blocks]

    def table(item: Any) -> Any:
        inner = item.renderable if isinstance(item, Padding) else item
        return inner if isinstance(inner, RichTable) and inner.box is not None else None

    out: list[Any] = []
    for n, (block, item) in enumerate(drawn):
        if isinstance(block, Gap):
            before = table(drawn[n - 1][1]) if n > 0 else None
            after = table(drawn[n + 1][1]) if n + 1 < len(drawn) else None
            if before is not None or (after is not None and not after.title):  # (a title comes first)
                continue
        out.append(item)
    return out


def renderable(block: Block, width: int) -> Any:
    if isinstance(block, Gap):
        return Text("")
    if isinstance(block, Para):
        body: Any = text(block.text, block.style)
        if block.hang:
            body = Hanging(body, block.hang)
        return Padding(body, (0, 0, 0, block.indent)) if block.indent else body
    if isinstance(block, Clause):
        return clause(block.clause, block.indent)
    if isinstance(block, Bullets):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        for n, item in enumerate(block.items, start=1):
            grid.add_row(f"{n}." if block.numbered else "•", text(item))
        items = Padding(grid, (0, 0, 0, 2))
        return Group(Text(block.title, style="bold"), items) if block.title else items
    if isinstance(block, Table):
        return table(block, width)
    if isinstance(block, Panel):
        return panel(block, width)
    if isinstance(block, Indent):
        return Padding(Group(*renderables(block.body, width - block.by)), (0, 0, 0, block.by))
    if isinstance(block, Tree):
        top = RichTree(text(block.root.label), guide_style="dim")
        _grow(top, block.root)
        return top
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover - views make only blocks


def clause(c: dict, indent: int = 0) -> Padding:
    """Label on the left, the clause's words on the right, notes of corrections beneath."""
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    body: list[Any] = [Text(c["text"])]
    if c.get("printed_label"):
        body.append(Text(f"printed as {c['printed_label']}", style="dim"))
    for x in c.get("corrections", []):
        body.append(Text(f"corrected: printed “{x['printed']}”: {x['reason']}", style="dim"))
    grid.add_row(c["label"], Group(*body))
    return Padding(grid, (0, 0, 0, indent))


def table(block: Table, width: int) -> Any:
    """A rich table, never cutting an id or a word: a table too wide for that takes its `narrow`
    arrangement, and one still too wide becomes a block a row (as plain text does)."""
    room = width - block.indent
    if block.narrow is not None and _natural(block) > room:
        narrow = block.narrow._replace(title=block.title, caption=block.caption, indent=block.indent)
        return table(narrow, width)
    cells = [[plain_text(cell) for cell in row] for row in block.rows]
    for i, col in enumerate(block.columns):
        if col.shorten:  # whole words then "…", in the room the other columns leave
            others = sum(_column_width(block, cells, j) for j in range(len(block.columns)) if j != i)
            space = max(10, room - others - _overhead(len(block.columns)))
            for r in cells:
                r[i] = shorten(r[i].replace("\n", " "), space)
    if _least(block, cells) > room:
        return _blocks(block, cells)
    out = RichTable(
        box=box.SIMPLE_HEAD,
        title=block.title or None,
        caption=block.caption or None,
        title_justify="left",
        caption_justify="left",
    )
    for i, col in enumerate(block.columns):
        out.add_column(
            col.name,
            style=STYLE[col.style],
            justify="right" if col.right else "left",
            no_wrap=not col.wrap,
            min_width=None if col.wrap else _column_width(block, cells, i),
            ratio=1 if (col.shorten or col.wrap) else None,
        )
    for row, plain in zip(block.rows, cells, strict=True):
        out.add_row(*(text(cell) if not isinstance(cell, str) else plain[i] for i, cell in enumerate(row)))
    return Padding(out, (0, 0, 0, block.indent)) if block.indent else out


def _overhead(columns: int) -> int:
    """Cells a rich table takes besides its text: a space of padding either side of each cell,
    the (blank) line between columns and the two edges (box.SIMPLE_HEAD)."""
    return 3 * columns + 1


def _column_width(block: Table, cells: list[list[str]], i: int) -> int:
    """A column's natural width: its longest line, or its name."""
    return max([len(block.columns[i].name), *(cell_len(line) for r in cells for line in r[i].split("\n"))])


def _natural(block: Table) -> int:
    cells = [[plain_text(cell) for cell in row] for row in block.rows]
    widths = [_column_width(block, cells, i) for i in range(len(block.columns))]
    return sum(widths) + _overhead(len(widths))


def _least(block: Table, cells: list[list[str]]) -> int:
    """The narrowest the table can be without cutting a word: wrapping columns as wide as their
    longest word, the others whole."""
    total = _overhead(len(block.columns))
    for i, col in enumerate(block.columns):
        if col.wrap:
            total += max(
                [cell_len(w) for r in cells for w in r[i].split()] + [len(w) for w in col.name.split()] or [1]
            )
        else:
            total += _column_width(block, cells, i)
    return total


def _blocks(block: Table, cells: list[list[str]]) -> Any:
    """Each row as a block: its first cell, then "column: value" under it."""
    parts: list[Any] = [Text(block.title, style="bold")] if block.title else []
    for row, plain in zip(block.rows, cells, strict=True):
        first = row[0]
        parts.append(
            text(first, block.columns[0].style)
            if not isinstance(first, str)
            else Text(plain[0], STYLE[block.columns[0].style])
        )
        for i, col in enumerate(block.columns[1:], start=1):
            cell = row[i]
            value = text(cell) if not isinstance(cell, str) else Text(plain[i].replace("\n", " "))
            parts.append(Padding(Hanging(Text.assemble((f"{col.name}: ", "dim"), value), 2), (0, 0, 0, 4)))
    if block.caption:
        parts.append(Text(block.caption))
    return Padding(Group(*parts), (0, 0, 0, block.indent))


class Hanging:
    """Text whose lines after the first hang `hang` cells further in (rich wraps text flush)."""

    def __init__(self, body: Text, hang: int) -> None:
        self.body = body
        self.hang = hang

    def __rich_console__(self, console: Console, options: Any) -> Any:
        width = options.max_width
        for paragraph in self.body.split("\n", allow_blank=True):  # (each starts flush, as in plain)
            paragraph.expand_tabs()  # (so the first line's length is its length in the paragraph)
            lines = paragraph.wrap(console, width)
            if not lines:
                yield Text("")
                continue
            yield lines[0]
            if len(lines) > 1:
                rest = paragraph[len(lines[0].plain) :]
                rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
                yield Padding(rest, (0, 0, 0, self.hang))

    def __rich_measure__(self, console: Console, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.body)


def panel(block: Panel, width: int) -> RichPanel:
    """A box; a title or subtitle too long for its edge at this width goes inside instead."""
    from rich.cells import cell_len

    title = text(block.title, "bold")
    subtitle: Text | None = Text(block.subtitle) if block.subtitle else None
    inside = 4 + (4 if block.roomy else 0)
    parts: list[Any] = [renderable(b, width - inside) for b in block.body]
    room = width - 6  # (the corners, a space either side, and a little border)
    if cell_len(title.plain) > room:
        parts.insert(0, title)
        title = None
    if subtitle is not None and cell_len(subtitle.plain) > room:
        parts.append(Text(subtitle.plain, style="dim"))
        subtitle = None
    return RichPanel(
        Group(*parts),
        title=title,
        subtitle=subtitle,
        title_align="left",
        subtitle_align="right",
        box=box.HEAVY if block.heavy else box.ROUNDED,
        padding=(1, 2) if block.roomy else (0, 1),
    )


def _grow(parent: RichTree, node: Node) -> None:
    for child in node.children:
        _grow(parent.add(text(child.label)), child)
