"""Run the ``registry`` command line with only the core and the store tests'
fixture plugin (no installed plugin), as a separate process:
``python tests/store/run_registry.py check DIR --db URL``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from registry._plugins import make_plugin_manager  # noqa: E402
from registry.cli import main  # noqa: E402
from tests.store import fixture_plugin  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], pm=make_plugin_manager(fixture_plugin, entry_points=False)))
