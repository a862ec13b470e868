"""How wide text is on a terminal, in cells: for plain-text tables and wrapping (no rich here).

A CJK character or an emoji takes two cells, a combining accent or a zero-width joiner none.
Measured with the standard library's Unicode tables (unicodedata): wcwidth would be a little
more exact about emoji sequences but takes 70 ms to import, longer than the commands it serves.
"""

from __future__ import annotations

import unicodedata

_ZERO = frozenset(("Mn", "Me", "Cf"))  # combining marks and format characters (ZWJ, soft hyphen…)


def width(text: str) -> int:
    """Terminal cells `text` takes (ASCII: its length)."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if ch.isascii():
            total += 1
        elif unicodedata.category(ch) in _ZERO:
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            total += 2
        else:
            total += 1
    return total


def ljust(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` wide (never cut: wider text is left as it is)."""
    return text + " " * (cells - width(text))


def wrap(text: str, cells: int, indent: str = "", first: str | None = None) -> list[str]:
    """Words of `text` in lines at most `cells` wide, `indent` before each line (`first` before
    the first instead). A word is never broken: one longer than a line has a line to itself.
    Spaces between words are kept as they are, except where a line breaks."""
    import re

    lead = indent if first is None else first
    lines: list[str] = []
    line, used = lead, width(lead)
    blank = True  # nothing on this line yet but its indent
    space = ""
    for token in re.findall(r"\S+|\s+", text):
        if token.isspace():
            space = " " * len(token.replace("\r\n", " "))
            continue
        w = width(token)
        if not blank and used + len(space) + w > cells:
            lines.append(line)
            line, used, blank = indent, width(indent), True
        if blank:
            line += token
            used += w
            blank = False
        else:
            line += space + token
            used += len(space) + w
        space = ""
    if not blank:
        lines.append(line)
    return lines


def shorten(text: str, cells: int) -> str:
    """The words of `text` that fit in `cells`, then "…" if any were left out (a word is never cut)."""
    if width(text) <= cells:
        return text
    return (wrap(text, cells - 1) or [""])[0].rstrip(",;:") + "…"
