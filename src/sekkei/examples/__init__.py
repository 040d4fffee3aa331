"""Example schemas that ship with Sekkei (used by `sekkei demo` and the docs)."""
