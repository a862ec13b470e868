"""The ranker's stored data: data/matching/model.json and synonyms.toml, each read once, lazily.

The ranking itself is pure (protocol_cli/deciding/matching.py); this is where its data comes from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from protocol_cli.deciding.matching import StoredModel, compile_synonyms


def model_path() -> Path:
    from protocol_cli.sources.library import bundled_data_root

    return bundled_data_root() / "matching" / "model.json"


@cache
def model() -> StoredModel:
    """The stored model (data/matching/model.json). Raises DataError when it cannot be used."""
    from protocol_cli.base.errors import DataError

    path = model_path()
    try:
        return StoredModel(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        why = f"cannot be used ({exc}); reinstall protocol, or rebuild it: make matching"
        raise DataError(path, why) from exc


def synonyms_path() -> Path:
    from protocol_cli.sources.library import bundled_data_root

    return bundled_data_root() / "matching" / "synonyms.toml"


@cache
def synonym_table() -> dict[str, str]:
    """The synonyms of data/matching/synonyms.toml, compiled (for clause search); {} if unreadable."""
    from protocol_cli.base import tomlcache

    try:
        return compile_synonyms(tomlcache.loads(synonyms_path().read_bytes()), for_search=True)
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def titles() -> dict[str, str]:
    """{scenario id: title} of the scenarios the stored model knows (no scenario file is read)."""
    return dict(model().get("titles") or {})  # type: ignore[call-overload]
