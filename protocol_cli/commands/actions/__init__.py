"""What each command does, without the command-line framework.

The functions here take the parsed options as keyword arguments and do the work. `cli/` declares
the commands for typer and forwards to them; the fast path (`fastpath`) calls them directly for
well-formed command lines, so a scripted `protocol ask … --json` does not pay for typer's import.
Imports stay inside functions: each command loads only what it uses.
"""
