"""Opening a registry: where it is, creating it at the newest schema
revision, refusing older, newer, foreign and corrupt databases and
unreachable servers with one line each, and writing nothing to them."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.synchronize
import socket
import sqlite3
import struct
import threading
from datetime import datetime
from operator import itemgetter
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry import Status, StoreError
from registry._config import Settings
from registry.store import (
    default_db_path,
    open_store,
    resolve_location,
    schema_revision,
    upgrade_database,
)
from registry.store._connect import (
    create_engine,
    known_revisions,
    lock_schema,
    migrate,
    use_wal,
    write_transaction,
)
from registry.store._store import RegistryStore

from .test_bulk import BATCH

from .conftest import cli, count, query

HEAD = known_revisions()[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_registry_is_created_at_the_newest_revision(db_url):
    store = open_store(db_url)
    store.close()
    assert schema_revision(db_url) == (HEAD, HEAD)
    assert query(db_url, "SELECT version_num FROM registry_schema_version") == [(HEAD,)]
    for table in ("documents", "claims", "appearances", "check_results", "reviews", "verdicts",
                  "factchecks", "claim_links"):
        assert count(db_url, table) == 0
    open_store(db_url).close()  # and it opens again


def test_the_migrations_build_the_schema_the_queries_use(db_url):
    """Migrating through every revision gives the tables, columns and indexes of _schema.py."""
    from registry.store._schema import metadata

    open_store(db_url).close()
    engine = sa.create_engine(resolve_location(db_url).url)
    try:
        inspector = sa.inspect(engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert {c.name for c in table.columns} <= columns, table.name
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
    finally:
        engine.dispose()


def test_the_known_revisions_are_the_migration_files():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "registry.store:migrations")
    scripts = ScriptDirectory.from_config(config)
    assert known_revisions() == (scripts.get_current_head(),
                                 tuple(rev.revision for rev in reversed(list(scripts.walk_revisions()))))


def test_sqlite_registry_uses_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "registry.db"
    store = open_store(str(path))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    store.close()


def _switch_to_wal(path: str, start: multiprocessing.synchronize.Barrier, failures: multiprocessing.Queue) -> None:
    engine = create_engine(resolve_location(path))
    start.wait()
    try:
        use_wal(engine)
        failures.put(None)
    except Exception as error:  # reported to the test, which names it
        failures.put(repr(error))


def test_processes_switching_one_file_to_wal_at_once_all_succeed(tmp_path):
    # Two processes that both read the file and then both want its write
    # lock make SQLite fail one at once, busy timeout or not; this happened
    # to about one start in ten, so the test repeats it sixty times.
    context = multiprocessing.get_context("fork")
    failures = []
    for attempt in range(60):
        path = tmp_path / f"new-{attempt}.db"
        raw = sqlite3.connect(path)
        raw.execute("CREATE TABLE existing (x)")
        raw.close()
        start, results = context.Barrier(6), context.Queue()
        processes = [context.Process(target=_switch_to_wal, args=(str(path), start, results)) for _ in range(6)]
        for process in processes:
            process.start()
        failures += [error for error in (results.get(timeout=60) for _ in processes) if error]
        for process in processes:
            process.join()
    assert failures == []


def test_a_new_sqlite_registry_has_16_kb_pages_and_an_older_file_keeps_its_own(tmp_path):
    path = tmp_path / "registry.db"
    store = open_store(str(path))
    store.save_documents(BATCH[:5])
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 16384
    store.close()

    old = tmp_path / "old.db"
    raw = sqlite3.connect(old)
    raw.execute("PRAGMA page_size = 4096")
    raw.execute("PRAGMA journal_mode = WAL")
    raw.close()
    make_old_registry(str(old), HEAD)  # a registry made with 4 KB pages
    store = open_store(str(old))
    store.save_documents(BATCH[:5])
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("SELECT count(*) FROM claims").scalar() > 0
    store.close()


def make_old_registry(url: str, revision: str = "0001") -> None:
    """A registry at an older revision, as an older claim-registry left it."""
    location = resolve_location(url)
    engine = create_engine(location)
    try:
        with write_transaction(engine) as connection:
            lock_schema(connection)
            migrate(connection, revision)
    finally:
        engine.dispose()


def everything(store: RegistryStore, ids: list[str]) -> dict:
    """What the registry's read calls return for these claims."""
    return {
        "claims": [store.claim(claim_id).model_dump(mode="json") for claim_id in ids],
        "search": [s.model_dump(mode="json") for s in store.search_claims("troops", limit=100)],
        "list": [s.model_dump(mode="json") for s in store.list_claims(status=Status.REFUTED, limit=100)],
        "cached": [store.cached_result("consistency", "1", "c0ffee", claim_id) for claim_id in ids],
        "quantities": [a.model_dump(mode="json") for a in store.appearances_with_quantities("troops")],
        "counts": store.counts(),
    }


#: A registry as the claim-registry of schema revision 0003 wrote it: its
#: rows, and what ``everything`` returned for some of its claims (made by
#: data/make_registry.py).
REGISTRY_0003 = Path(__file__).parent / "data" / "registry_0003.json"
_TABLE_ORDER = ("documents", "claims", "appearances", "quantities", "check_results", "reviews", "verdicts",
                "factchecks", "claim_links")


def load_old_registry(url: str, revision: str, tables: dict[str, list[dict]]) -> None:
    """A registry at ``revision`` holding ``tables``' rows, as they were stored."""
    make_old_registry(url, revision)
    engine = sa.create_engine(resolve_location(url).url)
    try:
        stored = sa.MetaData()
        stored.reflect(engine, only=list(_TABLE_ORDER))
        with engine.begin() as connection:
            for name in _TABLE_ORDER:
                table = stored.tables[name]
                times = {column.name for column in table.c if isinstance(column.type, sa.DateTime)}
                rows = [{key: datetime.fromisoformat(value) if key in times and value else value
                         for key, value in row.items()} for row in tables[name]]
                connection.execute(table.insert(), rows)
                if engine.dialect.name == "postgresql" and "pk" in table.c:  # as inserts without a key leave it
                    connection.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'pk'), max(pk)) "
                                               f"FROM {name}"))
    finally:
        engine.dispose()


def as_json(found: dict) -> dict:
    return found | {"cached": [result.model_dump(mode="json") for result in found["cached"]]}


@pytest.mark.parametrize("revision", ["0002", "0003"])  # 0002 has the tables and columns of 0003
def test_a_populated_registry_of_an_older_revision_is_upgraded_with_its_data(db_url, capsys, revision):
    """Upgraded in place, the registry keeps every row, every read gives
    what the older claim-registry gave, and new writes go on from there."""
    old = json.loads(REGISTRY_0003.read_text(encoding="utf-8"))
    load_old_registry(db_url, revision, old["tables"])
    with pytest.raises(StoreError, match=f"schema revision {revision} is older"):
        open_store(db_url)

    code, out, err = cli(capsys, "db", "upgrade", "--db", db_url)
    assert (code, err) == (0, "") and f"schema revision {revision} -> {HEAD}" in out
    store = open_store(db_url)
    try:
        found = as_json(everything(store, old["ids"]))
        expected = old["expected"]
        # Claims active at the same moment are listed in another order since 0004.
        assert sorted(found.pop("list"), key=itemgetter("id")) == sorted(expected.pop("list"), key=itemgetter("id"))
        assert found == expected
        assert found["counts"] == {name: len(old["tables"][name]) for name in found["counts"]}

        # Storing the same documents again adds only their results; new
        # documents get keys after the copied ones and link to the old claims.
        store.save_documents(BATCH[:8])
        counts = store.counts()
        new_claims = {r.id for _d, reports, _h in BATCH[6:8] for r in reports} - set(old["ids"])
        assert counts["claims"] == len(old["tables"]["claims"]) + len(new_claims)
        assert counts["check_results"] == len(old["tables"]["check_results"]) + 2 * 8 * 10
        assert counts["claim_links"] > len(old["tables"]["claim_links"])
        reviewed = sorted(new_claims)[0]
        store.add_review(reviewed, status=Status.SUPPORTED, reviewer="Editor")
        assert store.claim(reviewed).verdict.origin == "review"
        assert [r.claim_id for r in store.claim(old["ids"][0]).results] == [old["ids"][0]] * len(
            store.claim(old["ids"][0]).results)
        indexes = {name for table in ("appearances", "check_results", "verdicts")
                   for name in (i["name"] for i in sa.inspect(store.engine).get_indexes(table))}
        columns = {c["name"] for table in ("appearances", "check_results", "reviews", "verdicts", "claim_links")
                   for c in sa.inspect(store.engine).get_columns(table)}
    finally:
        store.close()
    assert {"uq_appearance", "ix_check_results_claim_pk", "ix_verdicts_status_updated"} <= indexes
    assert not {"claim_id", "other_id"} & columns


#: A registry as the claim-registry of schema revision 0004 wrote it, with
#: what its commands printed (data/make_registry.py).
REGISTRY_0004 = Path(__file__).parent / "data" / "registry_0004.json"


def test_a_populated_0004_registry_is_upgraded_and_reads_byte_for_byte_the_same(db_url, capsys):
    """Revision 0005 stores an appearance's text empty when it is its
    claim's text (and SQLite's quantities WITHOUT ROWID): upgraded, the
    commands print what the 0004 claim-registry printed, byte for byte."""
    old = json.loads(REGISTRY_0004.read_text(encoding="utf-8"))
    load_old_registry(db_url, "0004", old["tables"])
    code, out, err = cli(capsys, "db", "upgrade", "--db", db_url)
    assert (code, err) == (0, "") and f"schema revision 0004 -> {HEAD}" in out

    expected = old["expected"]
    for name, printed in expected.pop("printed").items():
        command = name.split() if name.startswith("show") else {
            "search troops": ["search", "troops", "--limit", "100"],
            "list refuted": ["list", "--status", "refuted", "--limit", "100"]}[name]
        assert cli(capsys, "claims", *command, "--format", "json", "--db", db_url) == (0, printed, ""), name
    store = open_store(db_url)
    try:
        assert as_json(everything(store, old["ids"])) == expected
    finally:
        store.close()
    # Every appearance but the one stated in other words now leaves its text to its claim.
    assert query(db_url, "SELECT text FROM appearances WHERE text <> ''") == [("Over",)]
    assert count(db_url, "appearances") == len(old["tables"]["appearances"])
    assert count(db_url, "quantities") == len(old["tables"]["quantities"])
    if db_url.startswith("sqlite"):
        assert "WITHOUT ROWID" in query(db_url, "SELECT sql FROM sqlite_master WHERE name = 'quantities'")[0][0]


def test_an_older_revision_is_refused_until_upgraded(db_url, capsys):
    make_old_registry(db_url)
    with pytest.raises(StoreError) as caught:
        open_store(db_url)
    message = str(caught.value)
    assert "schema revision 0001 is older" in message and "registry db upgrade" in message
    assert "\n" not in message
    assert schema_revision(db_url) == ("0001", HEAD)  # never silently altered

    code, out, err = cli(capsys, "claims", "list", "--db", db_url)
    assert code == 1 and out == "" and err.count("\n") == 1 and "registry db upgrade" in err

    code, out, err = cli(capsys, "db", "upgrade", "--db", db_url)
    assert (code, err) == (0, "")
    assert f"schema revision 0001 -> {HEAD}" in out
    assert schema_revision(db_url) == (HEAD, HEAD)
    open_store(db_url).close()
    code, out, _ = cli(capsys, "db", "upgrade", "--db", db_url)
    assert code == 0 and f"already at the newest schema revision {HEAD}" in out


def test_a_newer_revision_is_refused_and_left_alone(db_url, capsys):
    open_store(db_url).close()
    engine = sa.create_engine(resolve_location(db_url).url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE registry_schema_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="schema revision 9999 is newer than this claim-registry knows"):
        open_store(db_url)
    with pytest.raises(StoreError, match="newer"):
        upgrade_database(db_url)
    code, out, err = cli(capsys, "check", "--db", db_url, __file__)
    assert code == 1 and err.count("\n") == 1 and "upgrade claim-registry" in err
    assert query(db_url, "SELECT version_num FROM registry_schema_version") == [("9999",)]
    assert count(db_url, "documents") == 0


def test_read_commands_do_not_create_a_registry(tmp_path, capsys):
    path = tmp_path / "nothing-here.db"
    for args in (["claims", "list"], ["claims", "search", "troops"], ["claims", "show", "abcd1234"],
                 ["export"], ["db", "info"], ["review", "abcd1234", "--status", "refuted"]):
        code, out, err = cli(capsys, *args, "--db", str(path))
        assert code == 1 and out == "", args
        assert err == f"error: registry {path}: no registry there yet (`registry check` or `registry db upgrade` creates one)\n"
    assert not path.exists()


def test_a_corrupt_file_is_refused_and_not_touched(tmp_path, capsys):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 16)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    for path in (garbage, damaged):
        before = digest(path)
        code, out, err = cli(capsys, "check", "--db", str(path), __file__)
        assert code == 1 and err.count("\n") == 1, err
        assert f"registry {path}: not a" in err and "SQLite database" in err and "nothing was changed" in err
        assert digest(path) == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_another_applications_sqlite_file_is_refused_and_not_touched(tmp_path, capsys):
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.close()
    feed = tmp_path / "review.json"
    # Rated: an unrated item adds a warning line of its own (about the feed, not the registry).
    feed.write_text('{"@type": "ClaimReview", "claimReviewed": "The sea is dry.", '
                    '"reviewRating": {"alternateName": "False"}}', encoding="utf-8")
    before = digest(path)
    for args in (["check", __file__], ["db", "upgrade"], ["import", "claimreview", str(feed)]):
        code, _, err = cli(capsys, *args, "--db", str(path))
        assert code == 1 and err.count("\n") == 1, (args, err)
        assert "is a SQLite database of another application" in err
    assert digest(path) == before
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_a_directory_or_a_missing_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "registry.db"))


def test_the_registry_location_precedence(tmp_path, monkeypatch, registry_home):
    assert resolve_location().shown == str(registry_home / "registry.db") == str(default_db_path())
    settings = Settings(db=str(tmp_path / "from-config.db"))
    assert resolve_location(None, settings).shown == str(tmp_path / "from-config.db")
    monkeypatch.setenv("REGISTRY_DB", f"sqlite:///{tmp_path / 'from-env.db'}")
    assert resolve_location(None, settings).shown == str(tmp_path / "from-env.db")
    assert resolve_location("explicit.db", settings).shown == str(Path("explicit.db").absolute())
    pg = resolve_location("postgresql://newsroom:s3cret@db.example:5433/registry")
    assert pg.url.drivername == "postgresql+psycopg"
    assert pg.shown == "postgresql+psycopg://newsroom:***@db.example:5433/registry"
    assert resolve_location("postgres://u@h/d").url.drivername == "postgresql+psycopg"
    with pytest.raises(StoreError, match="scheme 'mysql' is not supported"):
        resolve_location("mysql://u@h/d")


def test_the_default_registry_is_made_in_registry_home(tmp_path, capsys, registry_home):
    (tmp_path / "a.txt").write_text("Mia Wong: 125,000 troops were lost.\n", encoding="utf-8")
    code, _, err = cli(capsys, "check", str(tmp_path / "a.txt"))
    assert (code, err) == (0, "")
    assert (registry_home / "registry.db").is_file()
    code, out, _ = cli(capsys, "claims", "search", "125000 troops", "-f", "json")
    assert code == 0 and "125,000 troops were lost." in out


def test_config_db_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "registry.toml").write_text(f'db = "sqlite:///{tmp_path / "team.db"}"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Mia Wong: 125,000 troops were lost.\n", encoding="utf-8")
    assert cli(capsys, "check", "a.txt")[0] == 0
    assert (tmp_path / "team.db").is_file()
    code, out, _ = cli(capsys, "db", "info")
    assert code == 0 and f"registry {tmp_path / 'team.db'}" in out and "claims: 1" in out


# -- PostgreSQL servers that cannot be used -----------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_server_is_one_line(capsys):
    url = f"postgresql://reporter:s3cret-pass@127.0.0.1:{free_port()}/newsroom"
    code, out, err = cli(capsys, "claims", "list", "--db", url)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "cannot connect to the database server" in err and "refused" in err.lower()
    assert "s3cret-pass" not in err and "reporter:***@127.0.0.1" in err


class PasswordRefusingServer:
    """Speaks just enough of the PostgreSQL protocol to ask for a password
    and refuse it, as a server with password authentication does."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.passwords: list[bytes] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                self.refuse(connection)

    @staticmethod
    def read(connection: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def refuse(self, connection: socket.socket) -> None:
        try:
            while True:
                length, code = struct.unpack("!ii", self.read(connection, 8))
                self.read(connection, length - 8)
                if code in (80877103, 80877104):  # SSL or GSS encryption request
                    connection.sendall(b"N")
                    continue
                break
            connection.sendall(b"R" + struct.pack("!ii", 8, 3))  # cleartext password, please
            kind, length = struct.unpack("!ci", self.read(connection, 5))
            self.passwords.append(self.read(connection, length - 4))
            fields = b"".join(key + value.encode() + b"\0" for key, value in (
                (b"S", "FATAL"), (b"V", "FATAL"), (b"C", "28P01"),
                (b"M", 'password authentication failed for user "reporter"'),
            )) + b"\0"
            connection.sendall(b"E" + struct.pack("!i", len(fields) + 4) + fields)
        except ConnectionError:
            pass

    def close(self) -> None:
        self.listener.close()


def test_a_wrong_password_is_one_line_without_the_password(capsys):
    server = PasswordRefusingServer()
    try:
        url = f"postgresql://reporter:s3cret-pass@127.0.0.1:{server.port}/newsroom?sslmode=disable"
        code, out, err = cli(capsys, "check", "--db", url, __file__)
    finally:
        server.close()
    assert server.passwords and server.passwords[0].startswith(b"s3cret-pass")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "password authentication failed" in err
    assert "s3cret-pass" not in err
