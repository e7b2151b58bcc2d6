"""The board as a picture (PNG or SVG) for slides and chat: File > Export board as PNG / SVG... and
`via board`. Drawn by the board's own scene items, never by a second drawing code."""
