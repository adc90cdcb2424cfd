"""The core's document loader: local files and standard input.

Decoding: UTF-8 (a byte-order mark is dropped); a file that is not valid
UTF-8 is decoded as Windows-1252 with undecodable bytes replaced, and the
document's ``metadata["encoding"]`` says so. A file with NUL bytes is binary
and refused. Markdown or text that starts with a YAML front matter block
(``---`` lines) fills the document's :class:`Source` from it; a plain text
whose first line looks like a headline uses it as the title.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, BinaryIO

from ._models import Document, LoadOptions, Source
from ._plugins import hookimpl
from .errors import DocumentError

STDIN = "-"
#: File suffixes that directory walking picks up.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_FRONT_MATTER_FIELDS = {"title": "title", "publisher": "publisher", "author": "author",
                        "url": "uri", "uri": "uri", "published": "published", "date": "published",
                        "site_name": "publisher", "outlet": "publisher"}

def is_url(location: str) -> bool:
    return location.split(":", 1)[0].lower() in {"http", "https"} and "://" in location


@hookimpl(trylast=True)
def load_document(location: str, options: LoadOptions) -> Document | None:
    """Read a local file or standard input; URLs are left to other plugins."""
    if is_url(location):
        return None
    if location == STDIN:
        raw = _read_limited(sys.stdin.buffer, "standard input", options.max_bytes)
        return decode_document(STDIN, raw, source=Source(uri="stdin"))
    path = Path(location)
    if path.suffix.lower() in _HTML_SUFFIXES:
        return None  # HTML needs an HTML loader plugin (registry_web)
    raw = read_local_file(location, options.max_bytes)
    return decode_document(location, raw, source=Source(uri=path.resolve().as_uri()))


def read_local_file(location: str, max_bytes: int) -> bytes:
    """The bytes of the local file ``location``, or a one-line
    :class:`DocumentError` when it cannot be read or exceeds ``max_bytes``.
    Public as ``registry.read_local_file`` for loader plugins."""
    try:
        with open(location, "rb") as handle:
            return _read_limited(handle, location, max_bytes)
    except FileNotFoundError:
        raise DocumentError(location, "no such file or directory") from None
    except IsADirectoryError:
        raise DocumentError(location, "is a directory") from None
    except PermissionError:
        raise DocumentError(location, "permission denied") from None
    except OSError as exc:
        raise DocumentError(location, exc.strerror or str(exc)) from None


def _read_limited(handle: BinaryIO, location: str, max_bytes: int) -> bytes:
    raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise DocumentError(location, f"larger than the limit of {max_bytes} bytes (--max-bytes)")
    return raw


def decode_text(location: str, raw: bytes) -> tuple[str, str]:
    """Decode document bytes; return the text and the encoding used."""
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(location, "binary file (contains NUL bytes), not a text document")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(location, f"invalid {encoding}: {exc.reason}") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252 (fallback: not valid UTF-8)"


def decode_document(location: str, raw: bytes, source: Source) -> Document:
    """Build a :class:`Document` from raw bytes: decode, read front matter,
    guess the title. Raises :class:`DocumentError` for binary or empty input."""
    text, encoding = decode_text(location, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata: dict[str, Any] = {"encoding": encoding}
    front, body = split_front_matter(location, text)
    if front:
        metadata["front_matter"] = {k: str(v) for k, v in front.items()}
        updates = {}
        for key, value in front.items():
            field_name = _FRONT_MATTER_FIELDS.get(str(key).lower())
            if field_name and value is not None:
                updates[field_name] = _front_matter_value(field_name, value)
        try:
            source = Source.model_validate({**source.model_dump(), **updates})
        except ValueError as exc:
            reason = "; ".join(f"{e['loc'][0]}: {e['msg']}" for e in getattr(exc, "errors", lambda: [])())
            raise DocumentError(location, f"invalid front matter: {reason or exc}") from None
    if not body.strip():
        raise DocumentError(location, "empty document (no text)")
    if source.title is None:
        source = source.model_copy(update={"title": headline(body) or (None if location == STDIN else Path(location).name)})
    return Document(location=location, text=body, source=source, metadata=metadata)


def _front_matter_value(field_name: str, value: Any) -> Any:
    if field_name == "published" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    return value if isinstance(value, dt.datetime) else str(value)


def split_front_matter(location: str, text: str) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from the text; return (fields, body)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end == -1:
        return {}, text
    close = text.find("\n", end + 4)
    body = "" if close == -1 else text[close + 1:]
    import yaml  # only documents with front matter pay for the import

    try:
        # libyaml's C loader when PyYAML was built with it: the same safe
        # subset, several times faster than the pure-Python one
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        fields = yaml.load(text[4:end], Loader=loader) or {}
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise DocumentError(location, f"invalid YAML front matter: {reason}") from None
    if not isinstance(fields, dict):
        raise DocumentError(location, "front matter is not a mapping of keys to values")
    return fields, body.lstrip("\n")


def headline(text: str) -> str | None:
    """The first line of ``text`` if it looks like a headline: short, and
    not ending like a sentence."""
    first = text.lstrip().split("\n", 1)[0].strip().lstrip("#").strip()
    if first and len(first) <= 160 and not first.endswith((".", ",", ";", ":")):
        return first
    return None
