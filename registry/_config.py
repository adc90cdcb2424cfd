"""Configuration: ``registry.toml`` and ``REGISTRY_*`` environment variables.

The file is ``--config PATH``, else ``$REGISTRY_CONFIG``, else
``./registry.toml`` if it exists. Top-level keys: ``timeout`` (seconds per
checker call, default 10), ``concurrency`` (checker calls at once, default
16), ``db`` (registry URL). Each checker reads ``[checkers.<name>]``; every
key can be overridden by ``REGISTRY_<NAME>_<KEY>`` (name upper-cased, ``-``
→ ``_``), which wins over the file.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ConfigError

DEFAULT_TIMEOUT = 10.0
DEFAULT_CONCURRENCY = 16


@dataclass
class Settings:
    """The run-wide settings and the raw per-checker tables."""

    path: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY
    db: str | None = None
    checkers: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)


def load_settings(path: str | Path | None = None) -> Settings:
    """Read the config file (see the module docstring for where from)."""
    explicit = path or os.environ.get("REGISTRY_CONFIG")
    candidate = Path(explicit) if explicit else Path("registry.toml")
    if not candidate.exists():
        if explicit:
            raise ConfigError(f"config file {candidate}: not found")
        return Settings()
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {candidate}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {candidate}: invalid TOML: {exc}") from None
    checkers = data.get("checkers", {})
    if not isinstance(checkers, dict) or not all(isinstance(v, dict) for v in checkers.values()):
        raise ConfigError(f"config file {candidate}: [checkers.<name>] must be tables")
    try:
        timeout = float(data.get("timeout", DEFAULT_TIMEOUT))
        concurrency = int(data.get("concurrency", DEFAULT_CONCURRENCY))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"config file {candidate}: timeout/concurrency: {exc}") from None
    if timeout <= 0 or concurrency < 1:
        raise ConfigError(f"config file {candidate}: timeout must be > 0 and concurrency ≥ 1")
    db = data.get("db")
    return Settings(
        path=candidate, timeout=timeout, concurrency=concurrency,
        db=str(db) if db else None, checkers=checkers, raw=data,
    )


def env_prefix(checker_name: str) -> str:
    """``REGISTRY_<NAME>_`` for a checker name."""
    return "REGISTRY_" + checker_name.upper().replace("-", "_") + "_"


def checker_config(settings: Settings, checker_name: str, model: type[BaseModel] | None) -> BaseModel | None:
    """Validate the checker's table and environment overrides against its
    ``Config`` model; an invalid value is a one-line :class:`ConfigError`
    naming the checker and the key (never the value: it may be a secret)."""
    if model is None:
        return None
    return validate_table(
        settings.checkers.get(checker_name, {}), model, env_prefix(checker_name), f"checker '{checker_name}':"
    )


def validate_table(table: dict[str, Any], model: type[BaseModel], prefix: str, label: str) -> BaseModel:
    """Validate a config table against ``model``, each key overridden by the
    environment variable ``prefix + KEY``; a bad value is a one-line
    :class:`ConfigError` starting with ``label`` and naming the key."""
    values: dict[str, Any] = dict(table)
    for key in model.model_fields:
        raw = os.environ.get(prefix + key.upper())
        if raw is not None:
            values[key] = _parse_env_value(raw)
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "?"
        raise ConfigError(f"{label} {key}: {first['msg']}") from None


def _parse_env_value(raw: str) -> Any:
    """Environment values are strings; JSON lists and tables are accepted too."""
    if raw[:1] in "[{":
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def config_fingerprint(config: BaseModel | None) -> str:
    """A stable hash of a checker's config for the results cache; secrets are
    hashed, never stored in clear."""
    import hashlib

    if config is None:
        return "none"
    dumped = config.model_dump(mode="json")
    for name, value in config:
        secret = getattr(value, "get_secret_value", None)
        if secret is not None:
            dumped[name] = hashlib.sha256(secret().encode()).hexdigest()
    return hashlib.sha256(json.dumps(dumped, sort_keys=True, default=str).encode()).hexdigest()[:16]
