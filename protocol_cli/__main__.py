"""`python -m protocol_cli` runs the same program as the `protocol` command."""

from protocol_cli.commands.main import main

if __name__ == "__main__":
    raise SystemExit(main())
