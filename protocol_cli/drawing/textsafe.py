"""Writing to a terminal that cannot show every character (a Latin-1 or ASCII locale).

The protocols' own words carry dashes, curly quotes and bullets, and paths may hold bytes that
are not UTF-8 (kept by Python as surrogates). Where the terminal's encoding cannot show a
character, it is written as its nearest plain lookalike ("—" as "-", "’" as "'") or "?", so the
answer is always shown and nothing crashes half-way through an answer.
"""

from __future__ import annotations

import codecs
import contextlib
import sys

ERRORS = "protocol-lookalike"

# The typographic characters the protocol texts use, as the plain characters people type.
LOOKALIKES = {
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2012": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2026": "...",
    "\u2022": "*",  # bullet
    "\u00a0": " ",  # no-break space
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00b7": ".",
}


def _lookalike(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(LOOKALIKES.get(ch, "?") for ch in bad), error.end


def tolerant_streams() -> None:
    """Make stdout and stderr write lookalikes instead of failing on characters they cannot encode.

    UTF-8 streams are left as they are (they encode everything but lone surrogates, which are
    replaced too). Streams without `reconfigure` (a test's capture) are left alone.
    """
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _lookalike)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be changed
                reconfigure(errors=ERRORS)


def can_encode_all(stream: object) -> bool:
    """Whether the stream's encoding can write any character (UTF-8 and its kin)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding.startswith("utf")
