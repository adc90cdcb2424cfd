"""Finding, opening and migrating the registry database.

Where the registry is: an explicit URL (``--db``), else ``REGISTRY_DB``,
else the config file's ``db``, else ``registry.db`` in the user's data
directory (``$REGISTRY_HOME`` replaces that directory). A URL is
``sqlite:///path``, ``postgresql://user@host/dbname`` (driven by psycopg 3)
or a plain file path (SQLite).

A database is used only at this package's newest schema revision: an empty
one is created at it, an older one is refused until ``registry db upgrade``,
a newer one or a foreign file is refused, and nothing is written to a
database that is refused. Every database failure reaches the user as one
:class:`registry.StoreError` line that never shows a password.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url

from ..errors import StoreError
from ._schema import SCHEMA_REVISIONS, VERSION_TABLE, metadata

APP_NAME = "claim-registry"
DEFAULT_FILENAME = "registry.db"
#: Seconds a writer waits for another process's transaction (SQLite busy
#: timeout; PostgreSQL connect timeout).
WAIT_SECONDS = 30
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: The page size of a new SQLite registry (bytes).
SQLITE_PAGE_SIZE = 16384
_MIGRATIONS = "registry.store:migrations"
# Any constant works: it only has to be the same in every process that
# creates the schema of one PostgreSQL database.
_PG_SCHEMA_LOCK = 0x7265_6769_7374_7279
# SQLite's full-text index tables and their shadow tables.
_FTS_TABLE_PREFIXES = ("claims_fts", "factchecks_fts")


def default_db_path() -> Path:
    """``registry.db`` in ``$REGISTRY_HOME`` or the user's data directory."""
    home = os.environ.get("REGISTRY_HOME")
    if home:
        return Path(home).expanduser() / DEFAULT_FILENAME
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILENAME


@dataclass(frozen=True)
class Location:
    """A resolved registry location: the SQLAlchemy URL, how to show it, and
    whether it is the default (whose directory may be created)."""

    url: URL
    shown: str
    default: bool

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)


def resolve_location(url: str | None = None, settings: Any = None) -> Location:
    """Where the registry is, by the precedence in this module's docstring."""
    chosen = url or os.environ.get("REGISTRY_DB") or getattr(settings, "db", None)
    if not chosen:
        path = default_db_path()
        return Location(URL.create("sqlite", database=str(path)), str(path), default=True)
    return _parse_url(str(chosen))


def _parse_url(text: str) -> Location:
    if "://" not in text:
        path = Path(text).expanduser().absolute()
        return Location(URL.create("sqlite", database=str(path)), str(path), default=False)
    scheme = text.split("://", 1)[0].lower()
    if scheme in {"postgresql", "postgres"}:
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    elif scheme not in {"sqlite", "sqlite+pysqlite", "postgresql+psycopg"}:
        raise StoreError(
            f"registry URL scheme '{scheme}' is not supported "
            "(use sqlite:///PATH, postgresql://USER@HOST/DB or a file path)"
        )
    try:
        parsed = make_url(text)
    except exc.ArgumentError:
        raise StoreError("registry URL cannot be parsed (expected sqlite:///PATH or postgresql://USER@HOST/DB)") from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        shown = parsed.database
    return Location(parsed, shown, default=False)


# -- engines ------------------------------------------------------------------


def create_engine(location: Location) -> Engine:
    """An engine for ``location``: SQLite with foreign keys, a busy timeout
    and ``BEGIN IMMEDIATE`` for writes; PostgreSQL through psycopg 3."""
    if location.is_sqlite:
        engine = sa.create_engine(
            location.url,
            connect_args={"timeout": WAIT_SECONDS, "check_same_thread": False},
        )
        _configure_sqlite(engine)
        return engine
    try:
        return sa.create_engine(location.url, connect_args={"connect_timeout": 10})
    except ModuleNotFoundError:
        raise StoreError(
            f"registry {location.shown}: PostgreSQL support needs psycopg: "
            "pip install 'claim-registry[postgres]'"
        ) from None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is turned off so that
        # transactions begin where SQLAlchemy says, with the right kind of BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {WAIT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # With WAL, NORMAL never corrupts the file; a power cut may lose the
        # last commits, a killed process loses nothing that was committed.
        cursor.execute("PRAGMA synchronous = NORMAL")
        # 64 MB of page cache instead of 2 MB: the claim-id and FTS indexes
        # are written at random places, which a small cache turns into reads.
        cursor.execute("PRAGMA cache_size = -65536")
        # A new file gets 16 KB pages instead of 4 KB (an existing one keeps
        # its size: in WAL mode this is a no-op). Measured at 100,000 claims,
        # same load, two runs each: 81-88 us of CPU a claim with 4 KB pages,
        # 72-80 with 16 KB, mostly in the commit (with its WAL checkpoint)
        # and the verdict indexes; 104 -> 99 us at a million claims.
        cursor.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write transaction takes the write lock when it starts; a deferred
        # one that reads first and writes later fails at once with SQLITE_BUSY
        # when another process wrote in between, instead of waiting.
        if connection.get_execution_options().get("registry_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: ``BEGIN IMMEDIATE`` on SQLite."""
    with engine.connect() as connection:
        connection = connection.execution_options(registry_write=True)
        with connection.begin():
            yield connection


# -- errors -------------------------------------------------------------------


def describe_database_error(error: BaseException) -> str:
    """One line saying why the database refused, without SQL or parameters."""
    original = getattr(error, "orig", None) or error
    text = " ".join(str(original).split())
    lowered = text.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return "not a usable SQLite database (the file is corrupt or of another kind); nothing was changed"
    if "database is locked" in lowered:
        return f"the database stayed locked by another process for {WAIT_SECONDS} s"
    if "unable to open database file" in lowered:
        return "cannot open the database file (missing directory or no permission)"
    if "readonly database" in lowered:
        return "the database file is read-only"
    if "password authentication failed" in lowered:
        return "password authentication failed (check the user and password in the URL)"
    if "connection refused" in lowered or "could not connect" in lowered or "timeout expired" in lowered:
        return "cannot connect to the database server: " + _strip_connection_prefix(text)
    return _strip_connection_prefix(text)


def _strip_connection_prefix(text: str) -> str:
    text = re.sub(r"^connection failed:\s*", "", text)
    text = re.sub(r"\(Background on this error at: [^)]*\)", "", text)
    return text.strip()


@contextlib.contextmanager
def translated_errors(location: Location) -> Iterator[None]:
    """Turn database driver errors into one-line :class:`StoreError`\\ s."""
    try:
        yield
    except StoreError:
        raise
    except (exc.DBAPIError, exc.SQLAlchemyError) as error:
        raise StoreError(f"registry {location.shown}: {describe_database_error(error)}") from None


# -- schema revisions ---------------------------------------------------------


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", _MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def known_revisions() -> tuple[str, tuple[str, ...]]:
    """The newest revision and every revision this package ships (without
    loading Alembic, which only migrations need)."""
    return SCHEMA_REVISIONS[-1], SCHEMA_REVISIONS


@dataclass(frozen=True)
class SchemaState:
    """What an opened database holds."""

    revision: str | None
    registry_tables: bool
    other_tables: bool


def schema_state(connection: Connection) -> SchemaState:
    """The schema revision and kinds of tables of the connected database."""
    tables = set(sa.inspect(connection).get_table_names())
    revision = None
    if VERSION_TABLE in tables:
        version = sa.table(VERSION_TABLE, sa.column("version_num"))
        revision = connection.execute(sa.select(version.c.version_num)).scalars().first()
    ours = set(metadata.tables)
    others = {t for t in tables - ours - {VERSION_TABLE} if not t.startswith(_FTS_TABLE_PREFIXES)}
    return SchemaState(revision=revision, registry_tables=bool(tables & ours), other_tables=bool(others))


def refusal(location: Location, state: SchemaState, *, create: bool) -> str | None:
    """Why ``state`` cannot be used as is (None when it can, or when it is
    empty and ``create`` allows making it)."""
    head, revisions = known_revisions()
    where = f"registry {location.shown}"
    if state.revision is None:
        if state.registry_tables:
            return f"{where}: has registry tables but no schema revision; it was not made by claim-registry, nothing was changed"
        if state.other_tables and location.is_sqlite:
            return f"{where}: is a SQLite database of another application (it has other tables); nothing was changed"
        if not create:
            return f"{where}: no registry there yet (`registry check` or `registry db upgrade` creates one)"
        return None
    if state.revision == head:
        return None
    if state.revision in revisions:
        return (
            f"{where}: schema revision {state.revision} is older than this claim-registry's "
            f"{head}; run `registry db upgrade` (after a backup) to migrate it"
        )
    return (
        f"{where}: schema revision {state.revision} is newer than this claim-registry knows "
        f"(newest {head}); upgrade claim-registry to use it"
    )


def lock_schema(connection: Connection) -> None:
    """Serialise schema changes between processes until the transaction
    ends: two processes creating one fresh registry at once, the second
    waits here and then finds the schema made. (A SQLite write transaction
    already holds the database's only write lock.)"""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))


def migrate(connection: Connection, target: str = "head") -> None:
    """Apply the migrations up to ``target`` on ``connection`` (in its
    transaction, which should hold :func:`lock_schema`)."""
    from alembic import command

    command.upgrade(_alembic_config(connection), target)


def check_sqlite_file(location: Location, *, create: bool) -> None:
    """Refuse a missing file (unless ``create``) or a file that is not SQLite,
    before any connection can write to it."""
    path = location.sqlite_path
    if path is None:
        return
    if not path.exists():
        if not create:
            raise StoreError(
                f"registry {location.shown}: no registry there yet "
                "(`registry check` or `registry db upgrade` creates one)"
            )
        if location.default:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise StoreError(f"registry {location.shown}: directory {path.parent} does not exist")
        return
    if path.is_dir():
        raise StoreError(f"registry {location.shown}: is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise StoreError(f"registry {location.shown}: cannot read: {error.strerror or error}") from None
    if header and header != _SQLITE_MAGIC:
        raise StoreError(
            f"registry {location.shown}: not a SQLite database (the file is corrupt or of another kind); "
            "nothing was changed"
        )


def use_wal(engine: Engine) -> None:
    """Switch a SQLite file to write-ahead logging (it persists in the file):
    readers never block the writer, and a killed writer loses only its own
    uncommitted transaction."""
    import sqlite3

    import stamina

    # Two processes switching one new file at the same moment both hold a
    # read lock and want the write lock: SQLite fails one of them at once
    # with "database is locked" instead of waiting (the busy timeout cannot
    # help a deadlock), so the loser tries again; the winner's switch
    # persists, and the retry then finds the file in WAL mode already.
    @stamina.retry(
        on=lambda error: isinstance(error, sqlite3.OperationalError) and "locked" in str(error),
        attempts=None, timeout=WAIT_SECONDS, wait_initial=0.01, wait_max=0.5,
    )
    def switch() -> str:
        # Outside any transaction, which SQLAlchemy's connections always begin.
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            cursor.close()
        finally:
            raw.close()
        return str(mode)

    mode = switch()
    if mode.lower() not in {"wal", "memory"}:
        raise StoreError(f"cannot switch the SQLite registry to WAL mode (it is in {mode} mode)")
