"""docs/plugins/ cannot rot: every code block is a verbatim part of a file
that the test suite runs, the tutorial shows every line of the example
plugin, every hook is documented with its exact signature and firstresult
flag, and every relative link leads somewhere."""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from registry import hookspecs
from registry._plugin_commands import render_template

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "plugins"
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLE = REPO / "examples" / "registry-worldbank"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_MARKER = re.compile(r"<!-- (from|signature|output): (.+?) -->\s*$")


@dataclass
class Block:
    page: str
    language: str
    text: str
    marker: tuple[str, str] | None
    start: int  # offset in the page


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = _MARKER.match(before)
        found.append(Block(page.name, match.group(1), match.group(2).rstrip("\n"),
                           (marker.group(1), marker.group(2)) if marker else None, match.start()))
    return found


def source_of(reference: str) -> str:
    """The text a ``from:`` marker points at: a repository file, or a file
    of the project ``registry plugin new NAME`` writes."""
    template = re.fullmatch(r"registry plugin new (\S+): (\S+)", reference)
    if template:
        return render_template(template.group(1))[template.group(2)]
    return (REPO / reference).read_text(encoding="utf-8")


def is_region(block: str, source: str) -> bool:
    lines, wanted = source.splitlines(), block.splitlines()
    return any(lines[i:i + len(wanted)] == wanted for i in range(len(lines) - len(wanted) + 1))


def test_there_are_the_four_pages():
    assert [p.name for p in PAGES] == ["checker-api.md", "plugin-hooks.md", "testing-plugins.md",
                                       "writing-plugins.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_code_block_is_part_of_a_file_that_tests_run(page):
    checked = 0
    for block in blocks(page):
        if block.language not in ("python", "toml"):
            continue
        assert block.marker is not None, f"{page.name}: a {block.language} block has no <!-- from: --> marker:\n{block.text[:200]}"
        kind, reference = block.marker
        if kind == "signature":
            continue  # test_every_hook_is_documented_with_its_exact_signature
        assert kind == "from"
        assert is_region(block.text, source_of(reference)), (
            f"{page.name}: a block is not a verbatim part of {reference} (update the page):\n{block.text[:400]}")
        checked += 1
    assert checked > 0


def test_the_tutorial_shows_every_line_of_the_example_plugin():
    shown: dict[str, list[str]] = {}
    for block in blocks(DOCS / "writing-plugins.md"):
        if block.marker and block.marker[0] == "from":
            shown.setdefault(block.marker[1], []).extend(block.text.splitlines())
    files = sorted(str(p.relative_to(REPO)) for p in EXAMPLE.rglob("*")
                   if p.is_file() and p.name != "README.md" and "__pycache__" not in p.parts)
    assert sorted(shown) == files
    for name, lines in shown.items():
        expected = [line for line in (REPO / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        assert [line for line in lines if line.strip()] == expected, f"{name} is not shown completely, in order"


def hooks() -> dict[str, object]:
    return {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, f"{hookspecs.PROJECT_NAME}_spec")}


def _expression(annotation: str) -> str:
    return ast.unparse(ast.parse(annotation, mode="eval").body)


def documented_signature(page: str, hook: str) -> inspect.Signature:
    [block] = [b for b in blocks(DOCS / page) if b.marker == ("signature", hook)]
    [function] = ast.parse(block.text).body
    assert isinstance(function, ast.FunctionDef) and function.name == hook
    parameters = [inspect.Parameter(arg.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=_expression(ast.unparse(arg.annotation)))
                  for arg in function.args.args]
    return inspect.Signature(parameters, return_annotation=_expression(ast.unparse(function.returns)))


def section(hook: str) -> str:
    text = (DOCS / "plugin-hooks.md").read_text(encoding="utf-8")
    start = text.index(f"\n## `{hook}`\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


@pytest.mark.parametrize("hook", sorted(hooks()))
def test_every_hook_is_documented_with_its_exact_signature(hook):
    spec = inspect.signature(hooks()[hook])
    normalised = spec.replace(
        parameters=[p.replace(annotation=_expression(p.annotation)) for p in spec.parameters.values()],
        return_annotation=_expression(spec.return_annotation))
    assert documented_signature("plugin-hooks.md", hook) == normalised


@pytest.mark.parametrize("hook", sorted(hooks()))
def test_every_hook_says_whether_it_is_firstresult_and_has_an_example(hook):
    options = getattr(hooks()[hook], f"{hookspecs.PROJECT_NAME}_spec")
    text = section(hook)
    assert f"**firstresult:** {'yes' if options['firstresult'] else 'no'}" in text
    for heading in ("**When:**", "**Arguments:**", "**Returns:**"):
        assert heading in text
    assert f"def {hook}(" in text.split("<!-- from:", 1)[1], f"{hook} has no example implementation"


def test_no_hook_is_documented_that_does_not_exist():
    text = (DOCS / "plugin-hooks.md").read_text(encoding="utf-8")
    documented = re.findall(r"^## `(\w+)`$", text, re.MULTILINE)
    assert sorted(documented) == sorted(hooks())


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_lead_to_files_and_headings_that_exist(page):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"https?://", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: broken link {target}"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {_slug(h) for h in headings}, f"{page.name}: no heading for #{anchor} in {path or page.name}"
