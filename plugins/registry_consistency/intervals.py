"""What range of values a stated figure allows, from its qualifier.

"over 125,000" allows (125000, ∞); "about 130,000" allows [117000, 143000];
two figures conflict when their ranges do not overlap, so "over 125,000"
and "about 130,000" agree while "fewer than 90" and "142" conflict.

The rules (docs/checkers.md, "consistency"):

- over, more than, above, upwards of, well over → (X, ∞); at least, no
  fewer/less than → [X, ∞); just over → (X, X·(1+t)]
- fewer/less than, under, below, well under → (−∞, X); at most, no more
  than, up to, as many/much as → (−∞, X]; nearly, almost, just under →
  [X·(1−t), X]
- about, around, approximately, roughly, some, close to, an estimated, as
  few as → [X·(1−t), X·(1+t)], with the tolerance t = 0.1 by default
- between X and Y (two quantities marked "between") → [X, Y]
- exactly → [X, X]; no qualifier (or "only") → X give or take half of its
  last written digit's place: "125,000" → [124500, 125500], "142" →
  [141.5, 142.5], since news rounds figures without saying so
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_TOLERANCE = 0.1

_ABOVE_OPEN = frozenset({"over", "more than", "above", "upwards of", "well over"})
_ABOVE_CLOSED = frozenset({"at least", "no fewer than", "no less than"})
_BELOW_OPEN = frozenset({"fewer than", "less than", "under", "below", "well under"})
_BELOW_CLOSED = frozenset({"at most", "no more than", "up to", "as many as", "as much as"})
_APPROXIMATE = frozenset({
    "about", "around", "approximately", "roughly", "some", "close to", "an estimated", "as few as",
})
_JUST_BELOW = frozenset({"nearly", "almost", "just under"})
_JUST_ABOVE = frozenset({"just over"})


@dataclass(frozen=True)
class Interval:
    """Values from ``low`` to ``high``; each end open (excluded) or closed."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        return _below(self.low, self.low_open, other.high, other.high_open) and _below(
            other.low, other.low_open, self.high, self.high_open
        )

    def describe(self) -> str:
        """The interval in mathematical notation, e.g. ``(125000, ∞)``."""
        left = "(" if self.low_open or self.low == -math.inf else "["
        right = ")" if self.high_open or self.high == math.inf else "]"
        return f"{left}{_number(self.low)}, {_number(self.high)}{right}"


def _below(low: float, low_open: bool, high: float, high_open: bool) -> bool:
    """Whether an interval starting at ``low`` and one ending at ``high`` can share a value."""
    if low < high:
        return True
    return low == high and not (low_open or high_open)


def _number(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def rounding_half_width(text_value: float) -> float:
    """Half the place of the last non-zero digit of an integer figure
    ("125,000" → 500, "142" → 0.5); 0 for a figure with decimals."""
    if text_value != int(text_value) or text_value == 0:
        return 0.0
    place = 1
    whole = abs(int(text_value))
    while whole % (place * 10) == 0:
        place *= 10
    return place / 2


def interval_for(value: float, qualifier: str | None, tolerance: float = DEFAULT_TOLERANCE) -> Interval:
    """The values a figure ``value`` with ``qualifier`` allows (see the module docstring)."""
    q = (qualifier or "").strip().lower()
    spread = abs(value) * tolerance
    if q in _ABOVE_OPEN:
        return Interval(value, math.inf, low_open=True, high_open=True)
    if q in _ABOVE_CLOSED:
        return Interval(value, math.inf, high_open=True)
    if q in _BELOW_OPEN:
        return Interval(-math.inf, value, low_open=True, high_open=True)
    if q in _BELOW_CLOSED:
        return Interval(-math.inf, value, low_open=True)
    if q in _APPROXIMATE:
        return Interval(value - spread, value + spread)
    if q in _JUST_BELOW:
        return Interval(value - spread, value)
    if q in _JUST_ABOVE:
        return Interval(value, value + spread, low_open=True)
    if q == "exactly":
        return Interval(value, value)
    half = rounding_half_width(value)
    return Interval(value - half, value + half)


def range_interval(low: float, high: float) -> Interval:
    """A stated range, "between ``low`` and ``high``"."""
    return Interval(min(low, high), max(low, high))
