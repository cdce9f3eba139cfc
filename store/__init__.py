"""cesam's storage layer: the meeting model, its TOML codec, and git.

Nothing here imports textual or rich (tests/test_layering.py proves it), so
the CLI, the TUI, sync and the exports share one tested core.
"""
