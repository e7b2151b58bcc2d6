"""Rate limits and idempotency keys for the room: pure, with the clock passed in.

A phone on a flaky Wi-Fi retries; a bored participant taps fifty times; a script floods. Token
buckets per participant and per address turn the last two into 429s without slowing a real room,
and an idempotency key per post makes a retry return the first answer instead of posting twice.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rate:
    """`burst` posts at once, then `per_second` on average."""

    burst: float
    per_second: float


PER_PARTICIPANT = Rate(burst=20, per_second=1.0)
PER_ADDRESS = Rate(burst=60, per_second=5.0)
"""A phone per address on a room's Wi-Fi; a NAT sharing one address gets the room's worth."""


class RateLimiter:
    """Token buckets keyed by anything hashable; the oldest keys are forgotten past `max_keys`."""

    def __init__(self, rate: Rate, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self._buckets: OrderedDict[Any, tuple[float, float]] = OrderedDict()

    def allow(self, key: Any, now: float) -> bool:
        tokens, then = self._buckets.pop(key, (self.rate.burst, now))
        tokens = min(self.rate.burst, tokens + max(0.0, now - then) * self.rate.per_second)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed


class IdempotencyCache:
    """The answer given to each (participant, key), kept for `ttl` seconds and `max_items` posts."""

    def __init__(self, ttl: float = 600.0, max_items: int = 20_000) -> None:
        self.ttl = ttl
        self.max_items = max_items
        self._items: OrderedDict[tuple[str, str], tuple[float, Any]] = OrderedDict()

    def get(self, participant: str, key: str, now: float) -> Any | None:
        found = self._items.get((participant, key))
        if found is None:
            return None
        stored_at, value = found
        if now - stored_at > self.ttl:
            del self._items[(participant, key)]
            return None
        return value

    def put(self, participant: str, key: str, value: Any, now: float) -> None:
        self._items[(participant, key)] = (now, value)
        self._items.move_to_end((participant, key))
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)
        while self._items:
            oldest_key, (stored_at, _) = next(iter(self._items.items()))
            if now - stored_at <= self.ttl:
                break
            del self._items[oldest_key]

    def forget(self, participant: str, key: str) -> None:
        self._items.pop((participant, key), None)

    def __len__(self) -> int:
        return len(self._items)
