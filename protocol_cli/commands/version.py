"""`protocol --version`: the tool's version and the data it answers from, before any framework loads."""

from __future__ import annotations

import sys

from protocol_cli import __version__
from protocol_cli.base.errors import ProtocolError


def print_version() -> int:
    """The tool's version, then the data it answers from (see library.version_lines)."""
    sys.stdout.write(f"protocol {__version__}\n")
    try:
        from protocol_cli.sources.library import version_lines

        sys.stdout.write("".join(line + "\n" for line in version_lines()))
    except ProtocolError as exc:
        sys.stdout.write(f"data: cannot be read ({exc}); run: protocol data check\n")
    return 0
