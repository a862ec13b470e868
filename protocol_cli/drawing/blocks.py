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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _Record:
    """A small immutable record: fields named by _order, the last ones defaulting to
    _defaults. (dataclasses and namedtuple each cost more start-up than the plain path's whole
    drawing: see tests/test_startup.py.)"""

    __slots__ = ()
    _order: tuple[str, ...] = ()  # the fields, in positional order
    _defaults: tuple[Any, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._order
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes at most {len(names)} fields")
        values = dict(zip(names, args, strict=False))
        for name in kwargs:
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated field {name!r}")
        values.update(kwargs)
        first_default = len(names) - len(self._defaults)
        for n, name in enumerate(names):
            if name in values:
                value = values[name]
            elif n >= first_default:
                value = self._defaults[n - first_default]
            else:
                raise TypeError(f"{type(self).__name__} needs {name!r}")
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use _replace")

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._order)

    def _replace(self, **changes: Any) -> Any:
        return type(self)(**{**dict(zip(self._order, self._fields(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._fields() == self._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._fields()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._order)
        return f"{type(self).__name__}({shown})"


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


class Span(_Record):
    """A run of text in one style."""

    _order = ("text", "style")  # (positional order)
    __slots__ = _order
    _defaults = ("",)


class Badge(_Record):
    """A verdict word as a badge: rich draws " Yes " on the verdict's colour; plain text writes
    "Yes (allowed)" so the contract word is there to read and to search for."""

    # plain: what plain text writes instead of "word (verdict)", if it differs

    _order = ("word", "verdict", "plain")  # (positional order)
    __slots__ = _order
    _defaults = (None,)


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


class Gap(_Record):
    """A blank line."""

    __slots__ = ()


class Para(_Record):
    """Text wrapped at spaces to the width (a word is never cut), after `indent` cells; lines
    after the first hang `hang` cells further in. A newline in the text starts a new line."""

    _order = ("text", "indent", "hang", "style")  # (positional order)
    __slots__ = _order
    _defaults = (
        0,
        0,
        "",
    )


class Clause(_Record):
    """A clause quoted word for word: its label on the left, its text hanging beside it, notes of
    how it was printed or corrected beneath. `clause` is a clause as --json gives it (label, text, and
    optionally printed_label, corrections)."""

    _order = ("clause", "indent")  # (positional order)
    __slots__ = _order
    _defaults = (0,)


class Bullets(_Record):
    """A titled list (no title line when `title` is empty): bullets, or numbers for an order
    (a route)."""

    _order = ("title", "items", "numbered")  # (positional order)
    __slots__ = _order
    _defaults = (False,)


class Column(_Record):
    """A table column. `wrap`: may wrap at spaces to fit the width (otherwise never cut: ids,
    dates, numbers). `shorten`: one line only, whole words then "…" (a clause's first words).
    `right`: numbers, aligned right. `style`: the style of its cells."""

    _order = ("name", "wrap", "shorten", "right", "style")  # (positional order)
    __slots__ = _order
    _defaults = (
        False,
        False,
        False,
        "",
    )


class Table(_Record):
    """Rows under named columns, with an optional title above and caption below. A cell may be
    inline text (a verdict badge, say); a newline in a cell starts a line within it. `narrow` is
    another Table of the same rows for a width this one does not fit (two columns one above the
    other, say). When even that cannot fit with whole words, each row becomes a block: its first
    cell, then "column: value" lines under it."""

    _order = ("columns", "rows", "title", "caption", "indent", "narrow")  # (positional order)
    __slots__ = _order
    _defaults = (
        "",
        "",
        0,
        None,
    )


class Panel(_Record):
    """Blocks that belong together under a title (a box in rich; a title line in plain text).
    `subtitle` names where it comes from (the council, the protocol)."""

    # heavy: the presenter's and the quiz's story and question panels
    # roomy: a margin inside the box (read from the back of a room)

    _order = ("title", "body", "subtitle", "heavy", "roomy")  # (positional order)
    __slots__ = _order
    _defaults = (
        "",
        False,
        False,
    )


class Indent(_Record):
    """Blocks set in by `by` cells."""

    _order = ("body", "by")  # (positional order)
    __slots__ = _order
    _defaults = (2,)


class Node(_Record):
    """A tree node: its label, then its children."""

    _order = ("label", "children")  # (positional order)
    __slots__ = _order
    _defaults = ((),)


class Tree(_Record):
    """A tree drawn with guide lines ("├── ", "└── ") under its root's label."""

    _order = ("root",)  # (positional order)
    __slots__ = _order


Block = Gap | Para | Clause | Bullets | Table | Panel | Indent | Tree
