"""What a view is made of: blocks (heading, paragraph, clause, list, table, panel, tree) holding
text in styled runs. A view (views.py) lays its blocks out once; two small backends draw them:
backend_rich.py for a colour terminal, backend_plain.py for pipes, NO_COLOR, TERM=dumb and
--plain. Width, wrapping and fitting 80 columns are the backends' business, made once there.

Plain data only: no rich, no terminal, nothing drawn here.

Styles are names, not colours (see STYLES); each backend decides what a name looks like:
rich gives them colour, plain text keeps only the words (and bold/underline for `match` on a
terminal that takes it).
"""

from __future__ import annotations

from collections import namedtuple  # (dataclasses costs start-up: see tests/test_startup.py)

# The style names a view may use. A verdict badge is drawn from its verdict (see Badge).
STYLES = frozenset(
    {
        "",  # the body text
        "bold",  # a heading, a label the eye looks for
        "id",  # an id to paste back: a clause id, a scenario id, a protocol id
        "dim",  # what is there for reference: the data version, a hint, a rule ruled out
        "italic",  # a verdict's meaning, why we ask
        "match",  # a searched word found in a clause
        "warning",  # something to notice (a draft rule, only some words found)
        "error",  # a problem found
        "ok",  # all checks passed, right in a quiz
        "choice",  # the option chosen, in a presenter's demo
        # a verdict's own colour, for its words (a decision tree's leaves)
        "allowed",
        "not-allowed",
        "conditional",
        "required",
        "refer",
        "not-covered",
    }
)


class Span(namedtuple("Span", "text style", defaults=("",))):
    """A run of text in one style."""

    __slots__ = ()


class Badge(namedtuple("Badge", "word verdict plain", defaults=(None,))):
    """A verdict word as a badge: rich draws " Yes " on the verdict's colour; plain text writes
    "Yes (allowed)" so the contract word is there to read and to search for."""

    # plain: what plain text writes instead of "word (verdict)", if it differs

    __slots__ = ()


Inline = str | Span | Badge | tuple["str | Span | Badge", ...]


def runs(text: Inline) -> tuple[Span | Badge, ...]:
    """Any inline text as a tuple of Span and Badge."""
    if isinstance(text, str):
        return (Span(text),)
    if isinstance(text, Span | Badge):
        return (text,)
    return tuple(Span(t) if isinstance(t, str) else t for t in text)


def plain_text(text: Inline) -> str:
    """The words of inline text, as plain text writes them."""
    out = []
    for r in runs(text):
        if isinstance(r, Badge):
            out.append(r.plain if r.plain is not None else f"{r.word} ({r.verdict})")
        else:
            out.append(r.text)
    return "".join(out)


# --- blocks ----------------------------------------------------------------------------------


class Gap(namedtuple("Gap", "")):
    """A blank line."""

    __slots__ = ()


class Para(namedtuple("Para", "text indent hang style", defaults=(0, 0, ""))):
    """Text wrapped at spaces to the width (a word is never cut), after `indent` cells; lines
    after the first hang `hang` cells further in. A newline in the text starts a new line."""

    __slots__ = ()


class Clause(namedtuple("Clause", "clause indent marks", defaults=(0, ()))):
    """A clause quoted word for word: its label on the left, its text hanging beside it, notes of
    how it was printed or corrected beneath. `marks` are (start, end) spans of `text` to show as
    found words (clause search). `clause` is a clause as --json gives it (label, text, and
    optionally printed_label, corrections)."""

    __slots__ = ()


class Bullets(namedtuple("Bullets", "title items numbered", defaults=(False,))):
    """A titled list (no title line when `title` is empty): bullets, or numbers for an order
    (a route)."""

    __slots__ = ()


class Column(namedtuple("Column", "name wrap shorten right style", defaults=(False, False, False, ""))):
    """A table column. `wrap`: may wrap at spaces to fit the width (otherwise never cut: ids,
    dates, numbers). `shorten`: one line only, whole words then "…" (a clause's first words).
    `right`: numbers, aligned right. `style`: the style of its cells."""

    __slots__ = ()


class Table(namedtuple("Table", "columns rows title caption indent narrow", defaults=("", "", 0, None))):
    """Rows under named columns, with an optional title above and caption below. A cell may be
    inline text (a verdict badge, say); a newline in a cell starts a line within it. `narrow` is
    another Table of the same rows for a width this one does not fit (two columns one above the
    other, say). When even that cannot fit with whole words, each row becomes a block: its first
    cell, then "column: value" lines under it."""

    __slots__ = ()


class Panel(namedtuple("Panel", "title body subtitle heavy roomy", defaults=("", False, False))):
    """Blocks that belong together under a title (a box in rich; a title line in plain text).
    `subtitle` names where it comes from (the council, the protocol)."""

    # heavy: the presenter's and the quiz's story and question panels
    # roomy: a margin inside the box (read from the back of a room)

    __slots__ = ()


class Indent(namedtuple("Indent", "body by", defaults=(2,))):
    """Blocks set in by `by` cells."""

    __slots__ = ()


class Node(namedtuple("Node", "label children", defaults=((),))):
    """A tree node: its label, then its children."""

    __slots__ = ()


class Tree(namedtuple("Tree", "root")):
    """A tree drawn with guide lines ("├── ", "└── ") under its root's label."""

    __slots__ = ()


Block = Gap | Para | Clause | Bullets | Table | Panel | Indent | Tree
