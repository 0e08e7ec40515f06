"""Files handed to others (exports, workbooks, calendars): private (0600), whole or not at all,
and never over an existing file without `--force`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from salesvisit_cli.domain.errors import SalesvisitError, ValidationError, os_reason
from salesvisit_cli.i18n import _
from salesvisit_cli.paths import require_folder
from salesvisit_cli.store.engine import PRIVATE, link_new


@contextmanager
def private_file(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary handle on a new 0600 file that appears at `path` only once fully written; an
    existing file is replaced only with `force`, a missing folder is one error (nothing made)."""
    if path.is_dir():
        raise ValidationError(_("{path} is a directory; give a file name").format(path=path))
    if path.exists() and not force:
        raise ValidationError(
            _("{path} already exists; use --force to overwrite it").format(path=path)
        )
    require_folder(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _move(temporary, path, force=force)
    except OSError as error:  # the message names the file asked for, never the temporary one
        raise SalesvisitError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=os_reason(error))
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


def _move(temporary: Path, path: Path, *, force: bool) -> None:
    if force:
        os.replace(temporary, path)
        return
    try:
        link_new(temporary, path)  # never clobbers a file that appeared meanwhile
    except FileExistsError:
        raise ValidationError(
            _("{path} already exists; use --force to overwrite it").format(path=path)
        ) from None


def write_private(
    path: Path, content: str | bytes, *, force: bool = False, encoding: str = "utf-8"
) -> None:
    """Write a new 0600 file atomically; an existing file is replaced only with `force`."""
    data = content.encode(encoding) if isinstance(content, str) else content
    with private_file(path, force=force) as handle:
        handle.write(data)
