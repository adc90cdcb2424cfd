"""Reading a saved page or feed from disk within the run's size limit."""

from __future__ import annotations

from registry import DocumentError


def read_limited(location: str, max_bytes: int) -> bytes:
    """The bytes of the file at ``location``; a :class:`DocumentError` when
    it cannot be read or is larger than ``max_bytes``."""
    try:
        with open(location, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError(location, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(location, "is a directory") from None
    except OSError as exc:
        raise DocumentError(location, exc.strerror or str(exc)) from None
    if len(raw) > max_bytes:
        raise DocumentError(location, f"larger than the limit of {max_bytes} bytes (--max-bytes)")
    return raw
