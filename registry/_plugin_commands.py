"""``registry plugin new NAME``: write a ready-to-install plugin project
from the template in ``registry/_template/``.

A core plugin (see ``DEFAULT_PLUGINS``): it adds the ``plugin`` command
group through ``register_commands``. Template files end in ``.tmpl``; their
text is a :class:`string.Template` (``$name``, ``$package``, ...), the folder
``PACKAGE`` becomes the package name and ``gitignore`` becomes
``.gitignore``. The project is written to a temporary folder next to the
target and renamed into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._plugins import PLUGIN_API_VERSION, hookimpl
from .errors import ConfigError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def template_values(name: str) -> dict[str, str]:
    """The placeholders of the template for a plugin called ``name``
    (lower-case words joined by hyphens; a leading ``registry-`` is dropped)."""
    from . import __version__

    name = name.removeprefix("registry-")
    if not _NAME.match(name):
        raise ConfigError(f"plugin name {name!r}: use lower-case letters, digits and single hyphens, "
                          "starting with a letter (e.g. 'population')")
    words = name.split("-")
    return {
        "name": name,
        "dist": f"registry-{name}",
        "package": "registry_" + "_".join(words),
        "class_name": "".join(word.capitalize() for word in words) + "Checker",
        "env_prefix": "REGISTRY_" + "_".join(words).upper() + "_",
        "core_version": __version__,
        "plugin_api": str(PLUGIN_API_VERSION),
    }


def _template_files(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            found.extend(_template_files(entry, (*prefix, entry.name)))
        elif entry.name.endswith(".tmpl"):
            found.append(((*prefix, entry.name.removesuffix(".tmpl")), entry))
    return found


def render_template(name: str) -> dict[str, str]:
    """The files of a new plugin project called ``name``: relative path →
    text."""
    from importlib.resources import files
    from string import Template

    values = template_values(name)
    rendered = {}
    for parts, source in _template_files(files("registry") / "_template"):
        path = "/".join(values["package"] if part == "PACKAGE" else part for part in parts)
        path = ".gitignore" if path == "gitignore" else path
        rendered[path] = Template(source.read_text(encoding="utf-8")).substitute(values)
    return rendered


def write_project(name: str, directory: Path | None = None) -> Path:
    """Write the project for plugin ``name`` into ``directory`` (default
    ``./registry-<name>``), which must not exist or be empty; returns it."""
    import shutil
    import tempfile

    files = render_template(name)
    target = directory or Path(template_values(name)["dist"])
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"{target}: already exists and is not an empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".registry-plugin-", dir=target.parent))
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


@hookimpl
def register_commands(app: typer.Typer) -> None:
    plugin_app = typer.Typer(help="Write claim-registry plugins.", no_args_is_help=True)

    @plugin_app.command("new")
    def new(
        name: Annotated[str, typer.Argument(
            help="The plugin's name, e.g. 'population' (makes registry-population).", metavar="NAME")],
        directory: Annotated[Optional[Path], typer.Option(
            "--directory", "-d", help="Folder to create (default: ./registry-NAME).", file_okay=False,
            metavar="DIR")] = None,
    ) -> None:
        """Write a ready-to-install checker plugin project: pyproject.toml,
        package, checker, tests and README."""
        target = write_project(name, directory)
        typer.echo(f"Created {template_values(name)['dist']} in {target}")
        for path in sorted(p for p in target.rglob("*") if p.is_file()):
            typer.echo(f"  {path.relative_to(target).as_posix()}")
        typer.echo(f"Next: cd {target} && pip install -e '.[test]' && pytest && registry checkers")

    app.add_typer(plugin_app, name="plugin")
