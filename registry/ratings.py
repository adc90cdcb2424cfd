"""Mapping a fact-check's free-text rating to a :class:`registry.Status`.

The table is a TOML file a user can read and replace: ``ratings.toml``
beside this module documents the format and the matching steps. A user's
own file (the checkers' ``ratings_file`` setting, or
``REGISTRY_RATINGS_FILE``) is merged over the default unless it says
``replace_default = true``. A rating the table does not cover maps to
``not_enough_evidence``; the caller keeps the rating's text.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ._models import AttributionStatus, Status
from .errors import ConfigError

__all__ = [
    "RATINGS_FILE_VARIABLE",
    "RatingMatch",
    "RatingTable",
    "load_rating_table",
    "normalise_rating",
    "status_for_rating",
]

RATINGS_FILE_VARIABLE = "REGISTRY_RATINGS_FILE"

_INNER_JOINER = re.compile(r"(?<=\w)[-_](?=\w)")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[] .!?;:,"
# What may follow a rating word at the start of a sentence rating: "False. ...", "False: ...", "False - ..."
_LEADING_SEPARATOR = re.compile(r"\s*(?:[.:!—–]|\s-\s)")


def normalise_rating(text: str) -> str:
    """The form ratings are compared in: 'Half-True!' → 'half true'."""
    folded = _INNER_JOINER.sub(" ", text.casefold())
    return " ".join(folded.split()).strip(_EDGE_PUNCTUATION)


@dataclass(frozen=True)
class RatingMatch:
    """How a rating was read: its status and which step of the table decided."""

    rating: str
    status: Status
    how: Literal["exact", "leading", "rule", "unmapped"]
    key: str | None = None
    """The [ratings] key or [[rules]] pattern that matched."""

    @property
    def mapped(self) -> bool:
        return self.how != "unmapped"


@dataclass
class RatingTable:
    """A loaded rating table. Build one with :func:`load_rating_table`."""

    ratings: dict[str, Status] = field(default_factory=dict)
    rules: list[tuple[re.Pattern[str], Status]] = field(default_factory=list)
    attribution: dict[str, AttributionStatus] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self._longest_first = sorted(self.ratings, key=len, reverse=True)

    def lookup(self, rating: str | None) -> RatingMatch:
        """Read ``rating`` through the table (see ratings.toml for the steps)."""
        raw = rating or ""
        text = normalise_rating(raw)
        if not text:
            return RatingMatch(raw, Status.NOT_ENOUGH_EVIDENCE, "unmapped")
        if text in self.ratings:
            return RatingMatch(raw, self.ratings[text], "exact", text)
        for key in self._longest_first:
            if text.startswith(key) and _LEADING_SEPARATOR.match(text, len(key)):
                return RatingMatch(raw, self.ratings[key], "leading", key)
        for pattern, status in self.rules:
            if pattern.search(text):
                return RatingMatch(raw, status, "rule", pattern.pattern)
        return RatingMatch(raw, Status.NOT_ENOUGH_EVIDENCE, "unmapped")

    def status_for(self, rating: str | None) -> Status:
        """The status ``rating`` maps to; ``not_enough_evidence`` when unmapped."""
        return self.lookup(rating).status

    def attribution_for(self, rating: str | None) -> AttributionStatus | None:
        """The attribution status a rating states ("Misattributed"), if any."""
        text = normalise_rating(rating or "")
        if text in self.attribution:
            return self.attribution[text]
        for key, status in self.attribution.items():
            if text.startswith(key) and _LEADING_SEPARATOR.match(text, len(key)):
                return status
        return None


def status_for_rating(text: str | None, table: RatingTable | None = None) -> Status:
    """The status a fact-check's textual rating maps to (the default table
    or ``REGISTRY_RATINGS_FILE`` unless ``table`` is given)."""
    return (table or load_rating_table()).status_for(text)


def load_rating_table(path: str | Path | None = None) -> RatingTable:
    """The default table, with ``path`` (else ``$REGISTRY_RATINGS_FILE``)
    merged over it. A bad file is a :class:`registry.ConfigError` naming it."""
    chosen = path or os.environ.get(RATINGS_FILE_VARIABLE) or None
    if chosen is None:
        return _default_table()
    user = Path(chosen).expanduser()
    try:
        stamp = user.stat().st_mtime_ns
    except OSError:
        raise ConfigError(f"ratings file {user}: not found") from None
    return _user_table(str(user.resolve()), stamp)


@lru_cache(maxsize=1)
def _default_table() -> RatingTable:
    text = resources.files("registry").joinpath("ratings.toml").read_text(encoding="utf-8")
    return _build([_parse(text, "the default ratings table")], ("default",))


@lru_cache(maxsize=16)
def _user_table(path: str, _stamp: int) -> RatingTable:
    # _stamp (the file's modification time) is part of the cache key so an edited file is re-read
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"ratings file {path}: cannot read: {exc}") from None
    user = _parse(text, f"ratings file {path}")
    if user.pop("replace_default", False) is True:
        return _build([user], (path,))
    default = _parse(resources.files("registry").joinpath("ratings.toml").read_text(encoding="utf-8"), "default")
    return _build([user, default], (path, "default"))


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: invalid TOML: {exc}") from None
    unknown = set(data) - {"ratings", "rules", "attribution", "replace_default"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                          "expected [ratings], [[rules]], [attribution], replace_default")
    if "replace_default" in data and not isinstance(data["replace_default"], bool):
        raise ConfigError(f"{where}: replace_default must be true or false")
    data["_where"] = where
    return data


def _build(layers: list[dict[str, Any]], sources: tuple[str, ...]) -> RatingTable:
    """Merge parsed files, the first layer winning on the same rating."""
    ratings: dict[str, Status] = {}
    rules: list[tuple[re.Pattern[str], Status]] = []
    attribution: dict[str, AttributionStatus] = {}
    for layer in layers:
        where = layer["_where"]
        for key, value in _table(layer, "ratings", where).items():
            ratings.setdefault(normalise_rating(key), _enum(Status, value, where, f"rating {key!r}"))
        for key, value in _table(layer, "attribution", where).items():
            attribution.setdefault(
                normalise_rating(key), _enum(AttributionStatus, value, where, f"attribution {key!r}")
            )
        rules.extend(_rules(layer, where))
    return RatingTable(ratings=ratings, rules=rules, attribution=attribution, sources=sources)


def _table(layer: dict[str, Any], name: str, where: str) -> dict[str, Any]:
    table = layer.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [{name}] must be a table of \"rating\" = \"status\"")
    return table


def _rules(layer: dict[str, Any], where: str) -> list[tuple[re.Pattern[str], Status]]:
    rules = layer.get("rules", [])
    if not isinstance(rules, list):
        raise ConfigError(f"{where}: rules must be [[rules]] tables with pattern and status")
    compiled = []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or set(rule) != {"pattern", "status"}:
            raise ConfigError(f"{where}: rule {number} must have exactly 'pattern' and 'status'")
        try:
            pattern = re.compile(str(rule["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{where}: rule {number}: invalid pattern: {exc}") from None
        compiled.append((pattern, _enum(Status, rule["status"], where, f"rule {number}")))
    return compiled


def _enum(kind: type[Status] | type[AttributionStatus], value: object, where: str, what: str) -> Any:
    allowed = [member.value for member in kind if member is not Status.UNVERIFIED]
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(f"{where}: {what}: {value!r} is not one of {', '.join(allowed)}")
    return kind(value)
