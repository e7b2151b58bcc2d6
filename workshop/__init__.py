"""Via's pure domain: the workshop model, its operations, analysis, storage and report.

Nothing in this package imports Qt, so every headless path (CLI, CI, report export) runs on a
machine without a display. The boundary is enforced by import-linter (see pyproject.toml).
"""

__version__ = "0.1.0"
