"""Where a picture of the board may be written, and writing it safely.

Pure file handling shared by `via board` and File > Export board as PNG / SVG...: the picture is
drawn by the UI (Qt), but which names, widths and targets are acceptable, and how the bytes reach the
disk, are decided here, without Qt, so the command line and the window refuse the same things with
the same words. Writing is atomic like a `.via` save (a temporary file in the same folder, synced,
then renamed): a failed export never leaves half a PNG where a slide deck links to the old one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from workshop.storage import SUFFIX, mode_for

FORMATS = ("png", "svg")
MIN_WIDTH, MAX_WIDTH = 256, 16384
"""Picture widths in pixels: below 256 no card can be told from another; 16,384 is Qt's safe image
side and already a poster at 300 dpi."""
DEFAULT_WIDTH = 1920
"""A full-HD slide: sharp on a projector and in a chat preview."""
MAX_PIXELS = 160_000_000
"""Width x height of a PNG at most (~640 MB while it is drawn): a very tall board at 16,384 px wide
would otherwise ask the machine for gigabytes."""
_TEMP_PREFIX = ".via-picture-"


class PictureFileError(Exception):
    """A picture cannot be written as asked; the message is one sentence for the user."""


def picture_format(path: str | os.PathLike[str]) -> str:
    """'png' or 'svg', from the file name; anything else is refused with the names that work."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if "." + suffix == SUFFIX:
        raise PictureFileError(f"refusing to write a picture over a workshop file ({path}); choose a .png or .svg name")
    if suffix not in FORMATS:
        raise PictureFileError(f"{Path(path).name} is not a picture name Via can write: end it in .png or .svg")
    return suffix


def check_width(width: int) -> int:
    """The width if it is in range; otherwise a sentence naming the range."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise PictureFileError(
            f"a picture width of {width} pixels is out of range: choose {MIN_WIDTH} to {MAX_WIDTH:,} pixels"
        )
    return width


def check_pixels(width: int, height: int) -> None:
    """Refuse a PNG too big to draw in memory, saying which width would do."""
    if width * height > MAX_PIXELS:
        fits = max(MIN_WIDTH, int(width * (MAX_PIXELS / (width * height)) ** 0.5))
        raise PictureFileError(
            f"a {width} x {height} pixel picture is too large to draw; choose a width of at most {fits} pixels, "
            "or SVG, which has no size limit"
        )


def writable_target(path: str | os.PathLike[str], *, replace: bool) -> Path:
    """The file the picture really goes to (through a symlink to its target, as a save does).

    Refused, each with its own sentence: a workshop file, a folder, something that is not a regular
    file, a folder that does not exist, and an existing file unless `replace` (the window asked the
    user; the command line needs --force).
    """
    given = Path(path)
    target = Path(os.path.realpath(given))
    if given.suffix.lower() == SUFFIX or target.suffix.lower() == SUFFIX:
        raise PictureFileError(
            f"refusing to write a picture over a workshop file ({given}); choose a .png or .svg name"
        )
    folder = target.parent
    if not folder.is_dir():
        missing = "is not a folder" if folder.exists() else "does not exist"
        raise PictureFileError(f"cannot write {given}: {folder} {missing}")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise PictureFileError(f"cannot write {given}: {error.strerror or error}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise PictureFileError(f"cannot write {given}: it is a folder; give a file name ending in .png or .svg")
        if not stat.S_ISREG(info.st_mode):
            raise PictureFileError(f"cannot write {given}: it is not a regular file")
        if not replace:
            raise PictureFileError(f"{given} already exists; add --force to replace it")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PictureFileError(f"cannot write {given}: Via is not allowed to write in {folder}")
    return target


def write_picture(path: str | os.PathLike[str], data: bytes, *, replace: bool) -> Path:
    """Write the picture's bytes atomically; returns the file written. Raises PictureFileError."""
    target = writable_target(path, replace=replace)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    except OSError as error:
        raise PictureFileError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode_for(target))
        os.replace(temp_name, target)
    except OSError as error:
        _remove(temp_name)
        raise PictureFileError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _remove(temp_name)
        raise
    return target


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass
