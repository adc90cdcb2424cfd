"""The web plugin is installed as a built-in, and starting ``registry``
does not pay for its HTML and feed libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("trafilatura", "extruct", "feedparser", "htmldate", "lxml", "charset_normalizer", "registry_web.pages")


def test_help_does_not_import_the_html_and_feed_libraries():
    probe = (
        "import sys\n"
        "from registry.cli import main\n"
        "code = main(['--help'])\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "print('registry_web' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    lines = done.stdout.strip().splitlines()
    assert lines[-2:] == ["[]", "True"], done.stdout + done.stderr


def test_the_web_plugin_is_a_builtin(capsys):
    from registry.cli import main

    assert main(["plugins", "--all"]) == 0
    listed = {p["name"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["web"]["builtin"] is True
    assert listed["web"]["hooks"] == ["expand_feed", "load_document"]
