"""The message on disk: written in full before anything is sent, kept when it is not delivered.

Like a mail delivery agent, the sendmail wrapper first writes the message it reads to a file
(`<stamp>-<random>.eml.part`, renamed to `.eml` once complete and synced), and the real sendmail
then reads that file. Whatever happens to scriptlint afterwards (SIGTERM, SIGHUP, SIGKILL), the
real sendmail reads a complete copy or nothing. The file is deleted only after sendmail says it
delivered; a blocked or failed send leaves it where it is, as the held copy.

Folders are tried in order (the one asked for, the configured one, the user state folder, then a
private folder in the temporary directory); a folder that cannot take the file (read-only, under a
regular file, full) is skipped, its partial file removed, and what was written so far moves on to
the next. Names are created exclusively, so concurrent identical messages never collide.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterable

from scriptlint.text.decode import MAX_BYTES

LINT_CAP = MAX_BYTES
"""Messages up to this size are linted; a larger one is passed on unchanged, with a warning."""
SPOOL_LIMIT = 1 << 30
"""Above this the wrapper refuses to send (no mail system accepts 1 GB; `< /dev/zero` never ends)."""
CHUNK = 1 << 20
NAME_TRIES = 20


def default_hold_dir() -> Path:
    import platformdirs  # lazy: only a send or a blocked message needs the hold folder

    return Path(platformdirs.user_state_dir("scriptlint")) / "held"


def temp_hold_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"scriptlint-held-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def hold_folders(*preferred: Path | str | None) -> list[Path]:
    """Where a copy may go, best first: the folders asked for, the state folder, a temporary one."""
    out: list[Path] = []
    for folder in (*preferred, default_hold_dir(), temp_hold_dir()):
        if folder and Path(folder) not in out:
            out.append(Path(folder))
    return out


class SpoolFull(Exception):
    """More than SPOOL_LIMIT bytes: the message is refused, nothing is kept."""


@dataclass
class Spool:
    """One message being written to the first folder that takes it."""

    folders: list[Path]
    size: int = 0
    path: Path | None = None  # the complete `.eml`, once `finish` has run
    failures: list[str] = field(default_factory=list)  # "folder (reason)" for every folder skipped
    _fd: int | None = None
    _part: Path | None = None
    _next: int = 0

    def write(self, chunk: bytes) -> None:
        if self._fd is None:
            self._move_on(None)
        view = memoryview(chunk)
        while view:
            try:
                n = os.write(self._fd, view)
            except OSError as exc:
                self._move_on(exc)
                continue
            view = view[n:]
            self.size += n

    def finish(self) -> Path | None:
        """Sync and give the file its final name; None when only the in-memory fallback took it."""
        while True:
            if self._fd is None:
                self._move_on(None)
            try:
                os.fsync(self._fd)
                if self._part is None:
                    return None
                self.path = _publish(self._part)
                self._part = None
                return self.path
            except OSError as exc:
                self._move_on(exc)

    def reader(self) -> int:
        """A new file descriptor that reads the whole message from its first byte."""
        if self.path is not None:
            return os.open(self.path, os.O_RDONLY)
        os.lseek(self._fd, 0, os.SEEK_SET)
        return os.dup(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def discard(self) -> None:
        """Remove the file (delivered, or refused before it was complete)."""
        self.close()
        for path in (self._part, self.path):
            if path is not None:
                _unlink(path)
        self._part = self.path = None

    def _move_on(self, exc: OSError | None) -> None:
        """Open the next usable folder and copy what was written so far into it."""
        old_fd, old_part = self._fd, self._part
        if exc is not None and old_part is not None:
            self.failures.append(f"{old_part.parent} ({exc.strerror or exc})")
        while True:
            fd, part = self._open_next()
            try:
                if old_fd is not None and self.size:
                    _copy(old_fd, fd, self.size)
                break
            except OSError as copy_exc:
                self.failures.append(f"{part.parent if part else 'memory'} ({copy_exc.strerror or copy_exc})")
                os.close(fd)
                if part is not None:
                    _unlink(part)
        if old_fd is not None:
            os.close(old_fd)
        if old_part is not None:
            _unlink(old_part)
        self._fd, self._part = fd, part

    def _open_next(self) -> tuple[int, Path | None]:
        while self._next < len(self.folders):
            folder = self.folders[self._next]
            self._next += 1
            try:
                _prepare(folder)
                return _create(folder, ".eml.part")
            except OSError as exc:
                self.failures.append(f"{folder} ({exc.strerror or exc})")
        if hasattr(os, "memfd_create") and self._next == len(self.folders):
            self._next += 1  # last resort: a complete copy in memory, so sendmail still reads it all
            return os.memfd_create("scriptlint-message"), None
        raise OSError(errno.ENOSPC, "no folder could take a copy: " + "; ".join(self.failures))


def receive(stream: BinaryIO, folders: Iterable[Path]) -> tuple[Spool, bytes | None]:
    """Read the whole stream into a spool file; also the bytes to lint (None above LINT_CAP)."""
    spool = Spool(list(folders))
    head = bytearray()
    keep = True
    try:
        while chunk := stream.read(CHUNK):
            spool.write(chunk)
            if keep:
                head += chunk
                if len(head) > LINT_CAP:
                    keep, head = False, bytearray()
            if spool.size > SPOOL_LIMIT:
                raise SpoolFull(f"the message is over {SPOOL_LIMIT // 2**20} MB")
        spool.finish()
    except BaseException:
        spool.discard()
        raise
    return spool, bytes(head) if keep else None


def hold(data: bytes, folders: Iterable[Path] | Path) -> tuple[Path | None, list[str]]:
    """Write the exact bytes to a new file in the first usable folder: (its path, folders skipped)."""
    spool = Spool([folders] if isinstance(folders, Path) else list(folders))
    try:
        spool.write(data)
        path = spool.finish()
    except OSError:
        spool.discard()
        return None, spool.failures
    spool.close()
    if path is None:  # only memory took it: no copy on disk
        return None, spool.failures
    return path, spool.failures


def _prepare(folder: Path) -> None:
    """Create the folder (private); a shared temporary folder must be ours and not a link."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder == temp_hold_dir() and hasattr(os, "getuid"):
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise OSError(errno.EPERM, "not a private folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OSError(errno.EACCES, "Permission denied")


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")


def _create(folder: Path, suffix: str) -> tuple[int, Path]:
    """A new private file with a name nobody else has (exclusive create, retried)."""
    for _ in range(NAME_TRIES):
        path = folder / f"{_stamp()}-{secrets.token_hex(5)}{suffix}"
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "could not find a free file name")


def _publish(part: Path) -> Path:
    """`x.eml.part` -> `x.eml`, never over an existing file."""
    target = part.with_suffix("")
    for n in range(NAME_TRIES):
        candidate = target if n == 0 else target.with_name(f"{target.stem}-{n}.eml")
        try:
            os.link(part, candidate)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if candidate.exists():
                continue
            os.replace(part, candidate)
            return candidate
        _unlink(part)
        return candidate
    raise OSError(errno.EEXIST, "could not find a free file name")


def _copy(src: int, dst: int, size: int) -> None:
    done = 0
    while done < size:
        block = os.pread(src, min(CHUNK, size - done), done)
        if not block:
            raise OSError(errno.EIO, "short read while moving the copy")
        view = memoryview(block)
        while view:
            view = view[os.write(dst, view) :]
        done += len(block)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
