"""`protocol check`'s progress bar over a large input: drawn with rich, on stderr, at a terminal."""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
LARGE = 2_000_000  # bytes of input before a progress bar is worth drawing


class BatchProgress:
    """A progress bar on stderr, only at a terminal, for a large input, and not with --quiet."""

    def __init__(self, sources: Sequence[Any], quiet: bool, tty: bool) -> None:
        """`sources`: the inputs being read, each with .size (bytes, or None when unknown) and
        .read (bytes read so far), as sources/batch_input.py's Source has them."""
        sizes = [s.size for s in sources]
        self.sources = sources
        self.total = None if None in sizes else sum(s for s in sizes if s is not None)
        self.show = tty and not quiet and (self.total is None or self.total >= LARGE)
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.show:
            return lambda: None
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("checking"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.bar.start()
        self.task = self.bar.add_task("check", total=self.total)
        return lambda: self.bar.update(self.task, completed=sum(s.read for s in self.sources))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
