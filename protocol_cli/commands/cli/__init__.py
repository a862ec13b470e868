"""The typer declarations of every command: one module per command group, read by cli/app.py.

Each declaration forwards to its action (protocol_cli/commands/actions/); see ARCHITECTURE.md."""
