"""Fonts embedded in the PDF report (see the LICENSE-*.txt files beside them)."""
