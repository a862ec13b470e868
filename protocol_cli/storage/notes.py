"""Turning an answer into an audit note, for `ask` and for `check --audit`."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.base.errors import ProtocolError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Recorder:
    """Saves notes to the audit folder the settings name, as the user the settings name."""

    def __init__(self) -> None:
        import getpass

        from protocol_cli.storage import settings

        values = settings.effective()
        self.recorded_by = values["name"].value or getpass.getuser()
        self.folder = Path(values["audit_dir"].value or "")

    def save(self, view: dict[str, Any], note: str = "", batch: str | None = None) -> dict[str, Any]:
        """Write the note; the result says where, or why it could not be written."""
        from protocol_cli.deciding import reports
        from protocol_cli.storage import audit

        try:
            ref = audit.append(self.folder, reports.note_fields(view, self.recorded_by, note, batch))
        except ProtocolError as exc:
            return {"saved": False, "error": exc.message}
        return {"saved": True, "id": ref.id, "path": str(ref.path), "hash": ref.hash}


def save(view: dict[str, Any], note: str = "", batch: str | None = None) -> dict[str, Any]:
    try:
        recorder = Recorder()
    except ProtocolError as exc:
        return {"saved": False, "error": exc.message}
    return recorder.save(view, note, batch)


def batch_id() -> str:
    import secrets

    from protocol_cli.storage.audit import now_utc

    return "batch-" + now_utc().replace("-", "").replace(":", "") + "-" + secrets.token_hex(3)
