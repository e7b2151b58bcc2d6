"""Which address of this laptop the phones can reach: a real LAN IPv4 address, never loopback.

Loopback and link-local addresses are dropped (a phone cannot reach them); adapters that belong to
containers, virtual machines and VPNs rank below real Wi-Fi and Ethernet adapters, because the
room's phones are on the room's Wi-Fi, not inside a VM. When several remain, the facilitator picks;
with none, the laptop is on no network the phones could join.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

PREFERRED_PORT = 8765
"""The port the room asks for first (the server takes another if it is taken). Here, not in the server
module, so that the window can open the room without importing the server (uvicorn, Starlette,
asyncio: ~110 ms on the first opening, with the window frozen)."""

NO_NETWORK = (
    "This laptop is on no network the phones could join. Join the room's Wi-Fi, or open a hotspot "
    "on the laptop or a phone and connect the laptop to it, then open the room again."
)

_VIRTUAL = re.compile(
    r"docker|^br-|veth|vbox|virtualbox|vmnet|vmware|virbr|hyper-v|vethernet|^tun|^tap|^wg|utun|"
    r"zerotier|^zt|tailscale|^ppp|vpn|^lxc|^lxd|podman|cni|flannel|^ham|anyconnect|wireguard",
    re.IGNORECASE,
)
_WIRELESS = re.compile(r"^wl|wi-?fi|wireless|wlan|airport|^en0$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """An address phones might reach, with the adapter it belongs to (as the facilitator knows it)."""

    ip: str
    adapter: str
    rank: int
    """0 Wi-Fi, 1 other real adapters, 2 virtual (containers, VMs, VPNs): lower is likelier."""

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.adapter})"


def rank_of(adapter: str) -> int:
    if _VIRTUAL.search(adapter):
        return 2
    if _WIRELESS.search(adapter):
        return 0
    return 1


def usable(ip: str) -> bool:
    """An IPv4 address a phone on the same network could connect to."""
    try:
        address = ipaddress.IPv4Address(ip)
    except ValueError:
        return False
    return not (address.is_loopback or address.is_link_local or address.is_unspecified or address.is_multicast)


def rank(found: Iterable[tuple[str, str]]) -> list[Candidate]:
    """(adapter name, ip) pairs as candidates, likeliest first, unusable ones dropped."""
    out: dict[str, Candidate] = {}
    for adapter, ip in found:
        if usable(ip) and ip not in out:
            out[ip] = Candidate(ip=ip, adapter=adapter, rank=rank_of(adapter))
    private_first = sorted(out.values(), key=lambda c: (c.rank, not ipaddress.IPv4Address(c.ip).is_private, c.ip))
    return private_first


def candidates() -> list[Candidate]:
    """This laptop's addresses phones might reach (ifaddr is imported here: only when a room opens)."""
    import ifaddr

    found: list[tuple[str, str]] = []
    for adapter in ifaddr.get_adapters():
        name = adapter.nice_name or adapter.name
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4; IPv6 comes as a tuple
                found.append((str(name), ip.ip))
    return rank(found)
