"""One fetch of one URL for :func:`registry.fetch.fetch`, over httpx.

Redirects are followed here, hop by hop (at most :data:`MAX_REDIRECTS`), and
every hop's host is checked by :mod:`registry._fetch_hosts` before anything is
sent to it; the connection goes to the checked address. No cookies are
stored or sent. The body is read as a stream (decoded by
:mod:`registry._fetch_compression`) and reading stops as soon as it passes
the size limit; no wait is longer than the timeout, and a body still
arriving that long after the start is abandoned.
"""

from __future__ import annotations

import functools
import http.cookiejar
import re
import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from . import __version__, _fetch_compression, _fetch_hosts
from ._models import LoadOptions
from .errors import FetchError
from .fetch import Fetched, is_web_url

MAX_REDIRECTS = 10
USER_AGENT = (
    f"Mozilla/5.0 (compatible; claim-registry/{__version__}; "
    "fact-check claim registry; +https://pypi.org/project/claim-registry/)"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchSession:
    """One fetch of one location: its client, its deadline, the hop it is
    at, and the wording of its errors."""

    def __init__(self, location: str, options: LoadOptions, accept: str) -> None:
        self.location = self.url = location
        self.options = options
        self.accept = accept
        self.deadline = time.monotonic() + options.timeout
        refuse_all = http.cookiejar.DefaultCookiePolicy(allowed_domains=[])
        # trust_env=False: a proxy from the environment would be sent the
        # checked address instead of the host name, and TLS would fail.
        self.client = httpx.Client(
            timeout=options.timeout, follow_redirects=False, trust_env=False, verify=_tls_context(),
            cookies=http.cookiejar.CookieJar(refuse_all),
        )

    def __enter__(self) -> FetchSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.close()

    def fail(self, reason: str) -> FetchError:
        """The error for ``reason`` at the current hop."""
        if self.url != self.location:
            reason = f"redirected to {self.url}: {reason}"
        return FetchError(self.location, reason)

    def run(self) -> Fetched:
        for _hop in range(MAX_REDIRECTS + 1):
            response = self.send()
            try:
                target = response.headers.get("location")
                if response.status_code in _REDIRECTS and target:
                    self.follow(target)
                    continue
                if response.status_code >= 400:
                    raise self.fail(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                header = response.headers.get("content-type")
                return Fetched(
                    url=self.url,
                    content_type=(header or "").split(";", 1)[0].strip().lower(),
                    content_type_header=header,
                    body=self.read_body(response),
                    retrieved=datetime.now(UTC),
                )
            finally:
                response.close()
        raise FetchError(self.location, f"too many redirects (more than {MAX_REDIRECTS})")

    def follow(self, target: str) -> None:
        self.url = urljoin(self.url, target.strip())
        if not is_web_url(self.url):
            raise self.fail("not an http(s) URL; refused")

    def send(self) -> httpx.Response:
        """Send the GET for the current URL to a checked address of its host,
        trying the next address when one cannot be connected to."""
        url = httpx.URL(self.url)
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = _fetch_hosts.checked_addresses(host, port, self.options.allow_private_hosts)
        except _fetch_hosts.HostRefused as exc:
            raise self.fail(str(exc)) from None
        headers = {
            "Host": url.netloc.decode("ascii"),
            "User-Agent": USER_AGENT,
            "Accept": self.accept,
            "Accept-Encoding": _fetch_compression.ACCEPTED,
        }
        unreachable: httpx.ConnectError | None = None
        for address in addresses:
            request = self.client.build_request(
                "GET", url.copy_with(host=address), headers=headers,
                extensions={"sni_hostname": host},  # TLS checks the certificate against the name
            )
            try:
                return self.client.send(request, stream=True)
            except httpx.ConnectError as exc:
                unreachable = exc
            except httpx.HTTPError as exc:
                raise self.transport_failure(exc) from None
        raise self.fail(f"cannot connect to {url.netloc.decode('ascii')} ({_os_reason(unreachable)})")

    def read_body(self, response: httpx.Response) -> bytes:
        too_large = f"larger than the limit of {self.options.max_bytes} bytes (--max-bytes)"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.options.max_bytes and "content-encoding" not in response.headers:
            raise self.fail(too_large)  # refused before reading a byte of it
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in _fetch_compression.decoded(self.raw_chunks(response), response.headers.get("content-encoding")):
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise self.fail(too_large)
                chunks.append(chunk)
        except _fetch_compression.DecodingError as exc:
            raise self.fail(str(exc)) from None
        except httpx.HTTPError as exc:
            raise self.transport_failure(exc) from None
        return b"".join(chunks)

    def raw_chunks(self, response: httpx.Response) -> Iterator[bytes]:
        """The body as it arrives, until the fetch's deadline."""
        for chunk in response.iter_raw():
            if time.monotonic() > self.deadline:
                raise self.timed_out()
            yield chunk

    def timed_out(self) -> FetchError:
        return self.fail(f"timed out after {self.options.timeout:g} s")

    def transport_failure(self, exc: httpx.HTTPError) -> FetchError:
        if isinstance(exc, httpx.TimeoutException):
            return self.timed_out()
        if isinstance(exc, httpx.ConnectError):
            return self.fail(f"cannot connect to {httpx.URL(self.url).netloc.decode('ascii')} ({_os_reason(exc)})")
        return self.fail(f"HTTP failure: {_os_reason(exc)}")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One certificate-verifying TLS context for every fetch: loading the CA
    bundle takes longer than fetching a page from a nearby server."""
    return httpx.create_ssl_context()


def _os_reason(exc: Exception | None) -> str:
    """An exception's message without the ``[Errno N]`` prefix, on one line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)
