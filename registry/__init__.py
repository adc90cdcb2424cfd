"""claim-registry: find claims in documents, attribute them, check them with
plugins, and keep every result in a registry.

This module is the public plugin API; everything a plugin needs is imported
from here. Modules whose names start with an underscore are private.
"""

from ._checker import Checker, CheckContext
from ._models import (
    Appearance,
    Attribution,
    AttributionLink,
    AttributionStatus,
    Claim,
    ClaimReport,
    CheckResult,
    Document,
    Evidence,
    FactCheck,
    LoadOptions,
    Quantity,
    Source,
    Span,
    Stance,
    Status,
    Verdict,
    claim_id,
    normalise_claim_text,
)
from ._loaders import read_local_file
from ._plugins import PLUGIN_API_VERSION, hookimpl
from .errors import (
    CheckerError,
    CheckerUnavailable,
    ConfigError,
    DocumentError,
    FetchError,
    PluginLoadError,
    RegistryError,
    StartupError,
    StoreError,
)

__version__ = "0.1.0"

__all__ = [
    "Appearance",
    "Attribution",
    "AttributionLink",
    "AttributionStatus",
    "CheckContext",
    "CheckResult",
    "Checker",
    "CheckerError",
    "CheckerUnavailable",
    "Claim",
    "ClaimReport",
    "ConfigError",
    "Document",
    "DocumentError",
    "Evidence",
    "FactCheck",
    "FetchError",
    "LoadOptions",
    "PLUGIN_API_VERSION",
    "PluginLoadError",
    "Quantity",
    "RegistryError",
    "Source",
    "Span",
    "Stance",
    "StartupError",
    "Status",
    "StoreError",
    "Verdict",
    "claim_id",
    "hookimpl",
    "normalise_claim_text",
    "read_local_file",
]
