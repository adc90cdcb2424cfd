"""Which hosts a fetch may contact (protection against server-side request
forgery).

A host name is resolved once, every address it resolves to is checked, and
the connection is then made to one of those checked addresses, so a DNS
answer that changes between the check and the connection (DNS rebinding)
cannot slip a private address in. Unless private hosts are allowed, a host
with any private, loopback, link-local, shared, multicast, reserved or
unspecified address is refused.
"""

from __future__ import annotations

import ipaddress
import socket


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order (IP
    literals resolve to themselves). Raises :class:`socket.gaierror`."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(answer[4][0]) for answer in answers))


def is_public_address(address: str) -> bool:
    """True for an address on the public internet; False for private,
    loopback, link-local, shared (CGNAT), multicast, reserved and
    unspecified addresses, including IPv4 ones wrapped in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id is not part of the address
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            ip = embedded
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local or ip.is_unspecified
    )


class HostRefused(Exception):
    """A host that may not be contacted; the message is the reason."""


def checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of ``host`` that may be contacted, in the resolver's
    order. Raises :class:`HostRefused` when the host does not resolve, or
    resolves to any address that is not public while private hosts are not
    allowed (one bad address is enough: the connection could land on it)."""
    try:
        addresses = resolve(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise HostRefused(f"host {host} not found (DNS: {reason})") from None
    if not addresses:
        raise HostRefused(f"host {host} has no address")
    if not allow_private:
        refused = [address for address in addresses if not is_public_address(address)]
        if refused:
            what = (f"{host} is a private or local address" if refused == [host]
                    else f"host {host} resolves to a private or local address ({refused[0]})")
            raise HostRefused(f"{what}; refused (--allow-private-hosts allows it)")
    return addresses
