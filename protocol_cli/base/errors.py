"""Errors people read: one sentence saying what was wrong and what to do, and an exit code."""

from __future__ import annotations

# Exit codes (contract, also tabled in README.md).
EXIT_OK = 0
EXIT_FOUND = 1  # a check found what it looks for
EXIT_USAGE = 2  # usage or input error
EXIT_CANCELLED = 130


class ProtocolError(Exception):
    """An error with a message fit to show as it is."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0])


class NotFound(ProtocolError):
    """An id (protocol, clause) that does not exist; the message names the nearest valid ones."""


class DataError(ProtocolError):
    """A data file that cannot be used: names the file and, where known, the line."""

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class Exit(Exception):
    """Finish with this exit code; what needed saying has been said."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code
