"""The git layer: the one place that runs git (through GitPython) and takes the repository lock."""
