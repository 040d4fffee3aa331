"""The `sekkei` command line (Typer + rich)."""
