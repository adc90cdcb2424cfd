"""Undoing HTTP content encoding (gzip, brotli) in bounded pieces.

httpx's own decoders turn each network chunk into all of its output at
once; a few kilobytes of brotli can expand to gigabytes, so a compressed
response could exhaust memory before the size limit is ever checked. Here no
step produces more than :data:`PIECE` bytes, so the caller's size limit
stops a compression bomb as early as an honest oversized page.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

#: What the fetcher advertises in Accept-Encoding; nothing else is decoded.
ACCEPTED = "gzip, br"
PIECE = 256 * 1024


class DecodingError(Exception):
    """The body is not valid for its Content-Encoding, or the encoding is unknown."""


def decoded(chunks: Iterable[bytes], content_encoding: str | None) -> Iterator[bytes]:
    """Yield the decoded body of ``chunks`` for a ``Content-Encoding`` header
    value (None or ``identity`` for none)."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        yield from chunks
    elif codings in (["gzip"], ["x-gzip"]):
        yield from _inflated(chunks)
    elif codings == ["br"]:
        yield from _unbrotlied(chunks)
    else:
        raise DecodingError(f"unsupported content encoding {', '.join(codings)}")


def _inflated(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        for chunk in chunks:
            pending = chunk
            while pending and not inflater.eof:
                yield inflater.decompress(pending, PIECE)
                pending = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise DecodingError(f"invalid gzip data: {exc}") from None


def _unbrotlied(chunks: Iterable[bytes]) -> Iterator[bytes]:
    import brotli

    decompressor = brotli.Decompressor()
    try:
        for chunk in chunks:
            piece = decompressor.process(chunk, output_buffer_limit=PIECE)
            # output beyond the limit stays buffered: drain it piece by piece
            while piece:
                yield piece
                piece = decompressor.process(b"", output_buffer_limit=PIECE)
    except brotli.error as exc:
        raise DecodingError(f"invalid brotli data: {exc}") from None
