"""The exceptions claim-registry raises, and the ones plugins may raise.

Every error the tool reports to a user is a :class:`RegistryError`; the CLI
prints its message on one line and exits with a documented code. Anything
else escaping a plugin is a bug in that plugin and is reported with the
plugin's name.

Hierarchy::

    RegistryError
    ├── ConfigError          invalid registry.toml or REGISTRY_* variable
    ├── StartupError         the tool cannot start (registry unreachable, ...)
    ├── PluginLoadError      a plugin failed to import, register or validate,
    │                        or its output format failed to render
    ├── DocumentError        one input document cannot be read
    │   └── FetchError       one URL cannot be fetched
    ├── CheckerError         a checker failed on a claim
    │   └── CheckerUnavailable   a checker cannot run at all (missing key, ...)
    └── StoreError           the registry database refused an operation
"""

from __future__ import annotations

__all__ = [
    "CheckerError",
    "CheckerUnavailable",
    "ConfigError",
    "DocumentError",
    "FetchError",
    "PluginLoadError",
    "RegistryError",
    "StartupError",
    "StoreError",
]


class RegistryError(Exception):
    """Base class of every error that claim-registry reports to its user."""


class ConfigError(RegistryError):
    """A configuration value is invalid; the message names the checker and key."""


class StartupError(RegistryError):
    """The tool cannot start the run at all."""


class PluginLoadError(RegistryError):
    """A plugin could not be imported, registered or validated, or an output
    format it registered failed to render a run's reports."""


class DocumentError(RegistryError):
    """One input document cannot be read; the other documents of a run go on.

    ``location`` names the input (a path, ``-`` or a URL).
    """

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


class FetchError(DocumentError):
    """A URL could not be fetched (network, HTTP status, size, content type)."""


class CheckerError(RegistryError):
    """A checker failed on one claim. Raise it from ``Checker.check`` with a
    message meant for the user; the core records it in ``CheckResult.error``."""


class CheckerUnavailable(CheckerError):
    """A checker cannot run in this environment (missing API key, service
    down). Raise it from ``Checker.check``; the core reports it once per run,
    skips the checker for the remaining claims and the run continues."""


class StoreError(RegistryError):
    """The registry database refused an operation (unreachable, corrupt,
    schema too old or too new)."""
