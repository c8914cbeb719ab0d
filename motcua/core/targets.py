"""Where the server may send bytes on an office admin's word: printers and URLs.

The operator bounds it (MOTCUA_PRINTER_NETWORKS, MOTCUA_PRINTER_PORTS,
MOTCUA_PRINTER_ALLOW_LOOPBACK, MOTCUA_PRINTER_LOCAL_KINDS, MOTCUA_OUTBOUND_PRIVATE):
by default a network printer is a LAN address at a printer port, and the server
writes to no local file, serial port or CUPS queue for an office admin.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from motcua.core.errors import Invalid

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[Address]]

PRIVATE_NETWORKS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
PRINTER_PORTS = frozenset({9100, 9101, 9102})
LOCAL_KINDS = ("file", "serial", "cups")


def _networks(specs: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in specs)


@dataclass(frozen=True)
class TargetPolicy:
    """What the operator allows office admins to point the server at."""

    networks: tuple[Network, ...] = field(
        default_factory=lambda: _networks(PRIVATE_NETWORKS)
    )
    ports: frozenset[int] = PRINTER_PORTS
    allow_loopback: bool = False
    local_kinds: frozenset[str] = frozenset()
    outbound_private: bool = False


def parse_ports(spec: str) -> frozenset[int]:
    """'9100-9102,515' as a set of ports."""
    ports: set[int] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        low, _, high = part.partition("-")
        ports.update(range(int(low), int(high or low) + 1))
    return frozenset(p for p in ports if 0 < p < 65536)


def policy_from(config: dict[str, Any]) -> TargetPolicy:
    """The policy from the server's configuration (strings from the environment)."""
    networks = config.get("PRINTER_NETWORKS")
    ports = config.get("PRINTER_PORTS")
    kinds = str(config.get("PRINTER_LOCAL_KINDS") or "")
    return TargetPolicy(
        networks=_networks(networks.split(","))
        if networks
        else _networks(PRIVATE_NETWORKS),
        ports=parse_ports(str(ports)) if ports else PRINTER_PORTS,
        allow_loopback=bool(config.get("PRINTER_ALLOW_LOOPBACK")),
        local_kinds=frozenset(k.strip() for k in kinds.split(",") if k.strip()),
        outbound_private=bool(config.get("OUTBOUND_PRIVATE")),
    )


def ports_words(ports: Iterable[int]) -> str:
    """'9100-9102, 515': the ports, runs of neighbours joined."""
    runs: list[list[int]] = []
    for port in sorted(ports):
        if runs and port == runs[-1][1] + 1:
            runs[-1][1] = port
        else:
            runs.append([port, port])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def network_words(network: Network) -> str:
    """'192.168.x.x' for a network on whole bytes, its CIDR otherwise."""
    whole, rest = divmod(network.prefixlen, 8)
    if network.version != 4 or rest or not 0 < whole < 4:
        return str(network)
    kept = str(network.network_address).split(".")[:whole]
    return ".".join(kept + ["x"] * (4 - whole))


def resolve(host: str, port: int) -> list[Address]:
    """Every address the host name stands for (an IP literal stands for itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _address_allowed(address: Address, policy: TargetPolicy) -> bool:
    if address.is_loopback:
        return policy.allow_loopback
    if address.is_unspecified or address.is_multicast:
        return False
    return any(address in network for network in policy.networks)


def check_printer(
    config: dict[str, Any], policy: TargetPolicy, resolver: Resolver = resolve
) -> None:
    """Invalid("printer_not_allowed") unless the operator allows this printer."""
    kind = config.get("kind")
    if kind in LOCAL_KINDS and kind not in policy.local_kinds:
        raise Invalid("printer_not_allowed", reason="kind")
    if kind != "network":
        return
    port = int(config.get("port", 9100))
    if port not in policy.ports:
        raise Invalid("printer_not_allowed", reason="port")
    addresses = resolver(str(config.get("host", "")), port)
    if not addresses or not all(_address_allowed(a, policy) for a in addresses):
        raise Invalid("printer_not_allowed", reason="host")


def _public(address: Address) -> bool:
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def check_url(url: str, policy: TargetPolicy, resolver: Resolver = resolve) -> None:
    """Invalid("url_not_allowed") for an http(s) URL to a private, loopback or
    link-local host, unless the operator allows private addresses."""
    url_addresses(url, policy, resolver)


def url_refused(url: str, policy: TargetPolicy, resolver: Resolver = resolve) -> bool:
    """Whether an http(s) URL names an address check_url refuses (a private,
    loopback or link-local one): what an admin page checks when a URL is saved. A
    name that resolves to nothing now is not refused here; check_url refuses it
    when the request is sent."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return True
    addresses = resolver(parts.hostname or "", port)
    return not policy.outbound_private and not all(_public(a) for a in addresses)


def url_addresses(
    url: str, policy: TargetPolicy, resolver: Resolver = resolve
) -> list[Address]:
    """The addresses an allowed http(s) URL stands for (connect to these, not to a
    second look-up of the name); Invalid("url_not_allowed") as check_url."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("url_not_allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Invalid("url_not_allowed") from None
    addresses = resolver(parts.hostname, port)
    if not addresses:
        raise Invalid("url_not_allowed")
    if not policy.outbound_private and not all(_public(a) for a in addresses):
        raise Invalid("url_not_allowed")
    return addresses
