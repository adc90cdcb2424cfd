"""registry-worldbank: checks population figures against the World Bank."""

from registry import hookimpl

REGISTRY_PLUGIN_API = 1


@hookimpl
def register_checkers(register):
    # Imported when checkers are needed, so `registry --help` stays fast.
    from .population import PopulationChecker

    register(PopulationChecker())
