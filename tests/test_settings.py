"""`protocol config`: settings in a TOML file, environment over file, never silently rewritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from protocol_cli.storage import settings


def test_protocol_home_relocates_every_user_folder(cli, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PROTOCOL_HOME", str(tmp_path / "portable"))
    assert cli("config", "path").out.strip() == str(tmp_path / "portable" / "config" / "config.toml")
    shown = cli("config", "show", "--json").json()
    assert shown["settings"]["audit_dir"] == {
        "value": str(tmp_path / "portable" / "data" / "audit"),
        "source": "default",
    }


def test_defaults_before_anything_is_set(cli) -> None:
    shown = cli("config", "show", "--json").json()["settings"]
    assert shown["council"] == {"value": None, "source": "unset"}
    assert shown["audit"] == {"value": "ask", "source": "default"}
    assert cli("config", "get", "council").code == 1


def test_set_get_unset(cli) -> None:
    assert cli("config", "set", "council", "thanet").code == 0
    assert cli("config", "set", "name", "  Alex   Clerk ").code == 0
    assert cli("config", "get", "council").out == "thanet\n"
    assert cli("config", "get", "name").out == "Alex Clerk\n"
    path = Path(cli("config", "path").out.strip())
    assert 'council = "thanet"' in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left behind
    assert cli("config", "unset", "council").code == 0
    assert cli("config", "get", "council").code == 1
    assert "was not set" in cli("config", "unset", "council").err


def test_the_environment_overrides_the_file(cli, monkeypatch) -> None:
    cli("config", "set", "council", "thanet")
    monkeypatch.setenv("PROTOCOL_COUNCIL", "rutland")
    assert cli("config", "show", "--json").json()["settings"]["council"] == {
        "value": "rutland",
        "source": "env PROTOCOL_COUNCIL",
    }
    assert "council = rutland    (env PROTOCOL_COUNCIL)" in cli("config", "show").out


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("council", "thant", "No protocol 'thant'. Did you mean: thanet"),
        ("audit", "sometimes", "'sometimes' is not one of ask, always, never"),
        ("name", "   ", "a name cannot be empty"),
        ("counsil", "thanet", "No setting 'counsil'. Did you mean: council"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(cli, key, value, message) -> None:
    r = cli("config", "set", key, value)
    assert r.code == 2 and message in r.err and r.err.count("\n") == 1
    assert not settings.config_path().exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('council = "thanet\n', "cannot be read"),
        ('audit = "sometimes"\n', "setting 'audit': 'sometimes' is not one of ask, always, never"),
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ("council = 3\n", "setting 'council' must be text"),
    ],
)
def test_a_broken_file_is_named_and_never_rewritten(cli, content, message) -> None:
    path = settings.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    for args in (("config", "show"), ("ask", "bcc", "-a", "how=blind")):
        r = cli(*args)
        assert r.code == 2, args
        assert str(path) in r.err and message in r.err and r.err.count("\n") == 1, r.err
    assert path.read_text() == content


def test_a_file_that_is_not_toml_is_never_rewritten_by_set(cli) -> None:
    path = settings.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('council = "thanet\n')
    r = cli("config", "set", "name", "Alex")
    assert r.code == 2 and "cannot be read" in r.err and r.err.count("\n") == 1
    assert path.read_text() == 'council = "thanet\n'


@pytest.mark.parametrize(
    "content",
    ['audit_dir = "~nosuchuser/audit"\n', 'audit = "sometimes"\n', 'colour = "blue"\n', "council = 3\n"],
)
def test_a_bad_stored_value_never_stops_the_tool_repairing_its_settings(cli, content) -> None:
    path = settings.config_path()
    path.parent.mkdir(parents=True)
    path.write_text("# kept\n" + content)
    key = content.split(" ", 1)[0]
    assert f"protocol config {'unset' if key == 'colour' else 'set'} {key}" in cli("config", "show").err
    assert cli("config", "set", "name", "Alex").code == 0  # another key: the bad one is left as it is
    r = cli("config", "unset", key)
    assert r.code == 0, r.err
    assert path.read_text() == '# kept\nname = "Alex"\n'
    assert cli("config", "show").code == 0


def test_a_home_folder_that_cannot_be_expanded_is_one_clear_line(cli) -> None:
    r = cli("config", "set", "audit_dir", "~nosuchuser/audit")
    assert r.code == 2 and r.err.count("\n") == 1
    assert "cannot tell which folder '~nosuchuser' means; give the full path" in r.err
    assert not settings.config_path().exists()


def test_set_writes_through_a_symlink_and_keeps_comments_and_layout(cli, tmp_path) -> None:
    dotfile = tmp_path / "dotfiles" / "protocol.toml"
    dotfile.parent.mkdir()
    dotfile.write_text('# my settings\n\ncouncil = "thanet"   # our council\n')
    link = settings.config_path()
    link.parent.mkdir(parents=True)
    link.symlink_to(dotfile)
    assert cli("config", "set", "name", "Alex").code == 0
    assert cli("config", "set", "council", "rutland").code == 0
    assert link.is_symlink()
    assert dotfile.read_text() == '# my settings\n\ncouncil = "rutland"   # our council\nname = "Alex"\n'
    assert cli("config", "unset", "name").code == 0
    assert dotfile.read_text() == '# my settings\n\ncouncil = "rutland"   # our council\n'


def test_a_settings_file_with_a_byte_order_mark_is_read_and_kept(cli) -> None:
    path = settings.config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'\xef\xbb\xbfcouncil = "rutland"\n')
    assert cli("config", "get", "council").out == "rutland\n"
    assert cli("config", "set", "name", "Alex").code == 0
    assert path.read_bytes() == b'\xef\xbb\xbfcouncil = "rutland"\nname = "Alex"\n'


def test_a_bad_environment_value_is_named(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_AUDIT", "sometimes")
    r = cli("config", "show")
    assert r.code == 2 and "PROTOCOL_AUDIT: 'sometimes' is not one of" in r.err


def test_ask_uses_the_council_setting(cli) -> None:
    cli("config", "set", "council", "epsom-ewell")
    view = cli("ask", "-s", "complaint-route", "-a", "direction=officer-about-member", "--json").json()
    assert view["council"] == "epsom-ewell"
    assert (
        cli(
            "ask", "-s", "complaint-route", "-c", "thanet", "-a", "direction=officer-about-member", "--json"
        ).json()["council"]
        == "thanet"
    )


def test_a_write_that_fails_leaves_the_old_file(cli, monkeypatch) -> None:
    cli("config", "set", "council", "thanet")
    path = settings.config_path()
    before = path.read_bytes()

    def no_space(*_a, **_k):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "write", no_space)
        r = cli("config", "set", "council", "rutland")
    assert r.code == 2 and "cannot write the settings file" in r.err and "No space left" in r.err
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]
