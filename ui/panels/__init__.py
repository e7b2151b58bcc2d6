"""The docked panels around the board: palette, functions, outline, findings, properties."""
