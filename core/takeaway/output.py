"""Writing a finished file: all or nothing, with an error a person can act on."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError


class ExportError(Exception):
    """A takeaway, record or calendar could not be written; the message names the path."""


class RefusedTarget(ExportError):
    """The path names something that must not be replaced (a device, a pipe): bad input, not a failed write."""


def writable_target(out_path: Path | str) -> Path:
    """The target path, once its folder is known to exist; checked before any work is done.

    An existing target must be a regular file: a device such as /dev/null or a pipe is refused, and
    neither opened nor replaced.
    """
    path = Path(out_path).expanduser()
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"Cannot save to {path}: that is a folder. Choose a file name, e.g. {path / 'plan.pdf'}.")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # not there yet (or a dangling link): the file is created
    if mode is not None and not stat.S_ISREG(mode):
        raise RefusedTarget(f"Cannot save to {path}: it is a device or a pipe, not a file. Choose a file name.")
    if not folder.exists():
        raise ExportError(f"Cannot save {path}: the folder {folder} does not exist. Create it or choose another.")
    if not folder.is_dir():
        raise ExportError(f"Cannot save {path}: {folder} is a file, not a folder.")
    return path


def write_atomic(build: Callable[[], bytes], out_path: Path | str) -> Path:
    """Temp file in the same folder, then os.replace: a reader never sees half a file."""
    path = writable_target(out_path)
    folder = path.parent
    try:
        data = build()
    except LayoutError as error:
        raise ExportError(f"Cannot save {path}: the page layout failed ({error}).") from error
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)  # about a patient: readable by the owner only
        os.replace(temp, path)
        temp = None
    except PermissionError:
        raise ExportError(f"Cannot save {path}: no permission to write in {folder}.") from None
    except OSError as error:
        raise ExportError(f"Cannot save {path}: {error.strerror or error}.") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return path
