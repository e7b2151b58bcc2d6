"""Which address the room offers: one a phone on the room's Wi-Fi can reach, real adapters first."""

from workshop.room.addresses import rank


def test_loopback_link_local_and_ipv6_are_never_offered() -> None:
    assert rank([("lo", "127.0.0.1"), ("eth0", "169.254.10.2"), ("eth0", "fe80::1"), ("eth0", "0.0.0.0")]) == []


def test_wifi_comes_before_ethernet_before_docker_vbox_and_vpn() -> None:
    found = [
        ("docker0", "172.17.0.1"),
        ("vboxnet0", "192.168.56.1"),
        ("tun0", "10.8.0.2"),
        ("enp3s0", "10.0.0.12"),
        ("wlp2s0", "192.168.1.23"),
        ("Wi-Fi", "192.168.1.23"),  # the same address twice is offered once
    ]
    assert [c.ip for c in rank(found)] == ["192.168.1.23", "10.0.0.12", "10.8.0.2", "172.17.0.1", "192.168.56.1"]
    assert rank(found)[0].label == "192.168.1.23 (wlp2s0)"
