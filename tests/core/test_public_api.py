"""The public plugin API: ``registry.__all__`` and what built-ins may import."""

from __future__ import annotations

import ast
from pathlib import Path

import registry

REPO = Path(__file__).resolve().parents[2]


def test_all_is_sorted_and_complete():
    assert registry.__all__ == sorted(registry.__all__)
    public = {name for name in vars(registry) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(registry, name)).__name__ == "module"}
    assert set(registry.__all__) == public - modules - {"annotations"}


def test_every_exported_name_resolves():
    for name in registry.__all__:
        assert getattr(registry, name) is not None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "registry":
                found += [(node.lineno, f"registry.{alias.name}") for alias in node.names
                          if alias.name.startswith("_")]
    return found


def test_builtin_plugins_import_only_the_public_api():
    """Public means no component of the module path starts with an underscore."""
    offenders = []
    for path in sorted((REPO / "plugins").rglob("*.py")):
        for line, module in _imports(path):
            if module.split(".")[0] != "registry":
                continue
            if any(part.startswith("_") for part in module.split(".")):
                offenders.append(f"{path.relative_to(REPO)}:{line} imports {module}")
    assert offenders == []


def test_the_import_scan_catches_a_private_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from registry._pipeline import Pipeline\nfrom registry import _models\n")
    assert [m for _, m in _imports(bad)] == ["registry._pipeline", "registry", "registry._models"]


def test_built_in_plugins_are_packaged_and_registered():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    packages = project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    entry_points = project["project"]["entry-points"]["claim_registry"]
    plugin_dirs = sorted(p for p in (REPO / "plugins").iterdir() if (p / "__init__.py").exists())
    for directory in plugin_dirs:
        assert directory.name.startswith("registry_")
        assert f"plugins/{directory.name}" in packages
        assert directory.name in entry_points.values()
