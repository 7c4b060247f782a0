"""The system calls behind an atomic publication: swapping two directories, and a lock file.

``exchange(a, b)`` is Linux's ``renameat2(…, RENAME_EXCHANGE)`` (kernel 3.15, glibc 2.28):
both names stay, their directories trade places in one step. It returns False where the system
or the file system cannot do it (the caller then renames in two steps). ``lock_file(path)``
holds an exclusive lock on a file until the returned object is closed (``flock`` on POSIX,
``msvcrt.locking`` on Windows).
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV}


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing directories atomically; False when not supported here."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(
        AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


class _Lock:
    def __init__(self, path: Path) -> None:
        self._file = open(path, "a+b")  # noqa: SIM115 (held until close)
        if sys.platform == "win32":
            import msvcrt

            self._file.seek(0)
            msvcrt.locking(self._file.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s
        else:
            import fcntl

            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)

    def close(self) -> None:
        if self._file.closed:
            return
        if sys.platform == "win32":
            import msvcrt

            self._file.seek(0)
            msvcrt.locking(self._file.fileno(), msvcrt.LK_UNLCK, 1)
        self._file.close()  # closing releases a flock


def lock_file(path: Path) -> _Lock:
    """Wait for, then hold, an exclusive lock on ``path`` (created when missing)."""
    return _Lock(path)
