"""Draft rules in a council's data folder (written by `protocol data draft`): which still wait for
review, and saving a reviewed one so the file still loads (tomlkit keeps its comments).
"""

from __future__ import annotations

from pathlib import Path

from protocol_cli.base.errors import DataError


def pending(folder: Path, protocol_id: str) -> list[tuple[Path, int]]:
    """(scenario file, index in its rules.ID list) of each draft rule not yet reviewed."""
    import tomllib

    out = []
    for path in sorted((folder / "scenarios").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # (data check reports it)
        for n, rule in enumerate(data.get("rules", {}).get(protocol_id, [])):
            if isinstance(rule, dict) and "draft" in rule and not rule.get("reviewed_by"):
                out.append((path, n))
    return out


def save(path: Path, old: str, new: str, protocol_id: str) -> None:
    """Replace the file with `new` (atomically), load it back, and put `old` back if it no longer
    loads. Raises DataError (the reason it was not saved)."""
    from protocol_cli.base.files import replace_atomic
    from protocol_cli.sources.library import Library, bundled_data_root
    from protocol_cli.sources.scenarios import check_against

    mode = path.stat().st_mode & 0o777
    replace_atomic(path, new.encode("utf-8"), mode)
    try:
        lib = Library(bundled_data_root(), path.parent.parent, strict=True)
        check_against(lib.scenario_file(path.stem), lib.protocol(protocol_id))
    except DataError:
        replace_atomic(path, old.encode("utf-8"), mode)
        raise
