"""cesam's storage layer, in three layers (docs/architecture.md):

- ``store.core``: the meeting model, TOML codec, validation, numbering, semantic
  diff, merge and the wording of changes. Pure: no files, no git, no processes.
- ``store.gitio``: the git layer (GitPython fenced in ``gitio/git.py``) and the
  repository lock. Builds on core only.
- ``store.services``: the use cases on top: the save path (``Repository``),
  history, justering, sync, search, summaries, restore, the merge driver.

Nothing here imports textual, rich or argparse; import-linter contracts in
pyproject.toml keep it so (``lint-imports`` in .ci/run).
"""

__version__ = "0.1.0"  # the same as pyproject.toml (tests/test_blobcache.py checks it)
