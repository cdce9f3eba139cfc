"""Use cases on top of core and the git layer: saving, history, justering, sync, search, summaries."""
