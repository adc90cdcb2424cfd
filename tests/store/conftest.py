"""Fixtures for the store tests.

``db_url`` runs a test once on SQLite (a file in ``tmp_path``) and once on
PostgreSQL (a schema of its own in the database named by
``REGISTRY_TEST_POSTGRES_URL``, default
``postgresql://postgres@127.0.0.1:5432/test``, dropped afterwards, so runs
in parallel never meet). The PostgreSQL runs are skipped, with the reason,
only when no server answers there.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry._plugins import make_plugin_manager
from registry.cli import main
from registry.store import resolve_location

from . import fixture_plugin

POSTGRES_URL = os.environ.get("REGISTRY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def registry_home(tmp_path, monkeypatch) -> Path:
    """A registry home of this test's own; no REGISTRY_* setting leaks in."""
    for name in list(os.environ):
        if name.startswith("REGISTRY_") and name != "REGISTRY_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    home = tmp_path / "registry-home"
    monkeypatch.setenv("REGISTRY_HOME", str(home))
    return home


@functools.cache
def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used for tests, or None."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'claim-registry[postgres]')"
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return " ".join(str(error).split())
    return None


def postgres_schema_url(schema: str) -> str:
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL registry URL whose tables go to a fresh schema."""
    problem = postgres_problem()
    if problem:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL} (set REGISTRY_TEST_POSTGRES_URL): {problem}")
    import psycopg
    from psycopg import sql

    schema = f"store_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield postgres_schema_url(schema)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A registry URL, once per engine; the registry does not exist yet."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    return request.getfixturevalue("postgres_url")


def query(url: str, statement: str, **params) -> list[tuple]:
    """Rows of a SQL statement run on the registry directly (not through the store)."""
    engine = sa.create_engine(resolve_location(url).url)
    try:
        with engine.connect() as connection:
            result = connection.execute(sa.text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def count(url: str, table: str) -> int:
    return query(url, f"SELECT count(*) FROM {table}")[0][0]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``registry ARGS`` in-process with the fixture plugin only."""
    code = main(list(args), pm=make_plugin_manager(fixture_plugin, entry_points=False))
    out, err = capsys.readouterr()
    return code, out, err


def write_documents(directory: Path, documents: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
