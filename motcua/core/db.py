"""Engines and transactions for SQLite (embedded) and PostgreSQL (scale-out)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    Update,
    bindparam,
    create_engine,
    event,
    inspect,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import SQLAlchemyError as SQLAlchemyError
from sqlalchemy.orm import Session as Session
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from motcua.core.events import DomainEvent

T = TypeVar("T")
# What a write gives back: its result and the events to publish once it has committed.
Written: TypeAlias = tuple[T, list[DomainEvent]]
# A write: everything it does happens in the one session it is given. Faces name
# the session (and SQLAlchemyError) through this module (re-exported): they hand
# it on, never query it.
Write: TypeAlias = Callable[[Session], Written[T]]


def normalize_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_engine(url: str, busy_timeout_ms: int = 30000) -> Engine:
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
        pool_size=20,
        max_overflow=40,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook emit BEGIN itself (pysqlite would defer it).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            f"busy_timeout={int(busy_timeout_ms)}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers queue at BEGIN instead of failing with "database is locked" later;
        # readers see a consistent snapshot beside them (WAL).
        if conn.get_execution_options().get("motcua_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(url: str, busy_timeout_ms: int = 30000) -> Engine:
    """An engine tuned for the database behind the URL."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, busy_timeout_ms)
    # Connections are kept (an overflow one is opened and closed per use): 30 at
    # most per process, so four processes stay within PostgreSQL's default 100
    # with room for tools.
    return create_engine(url, pool_size=20, max_overflow=10, pool_pre_ping=True)


class Database:
    """One engine and its sessions; `transaction()` commits or rolls back as a whole."""

    def __init__(self, url: str, busy_timeout_ms: int = 30000) -> None:
        self.url = normalize_url(url)
        # SQLite: how long a writer waits for another process's lock, then a 503.
        self.engine = make_engine(self.url, busy_timeout_ms)
        # `sessions()` is for reading; every write goes through `transaction()`.
        self.sessions = sessionmaker(
            self.engine.execution_options(motcua_read=True), expire_on_commit=False
        )
        self._write_sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite takes one writer at a time; threads of this process wait their
        # turn here, in order, instead of in SQLite's sleeping busy handler.
        self._write_lock = threading.Lock() if self.is_sqlite else None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        if self._write_lock is None:
            with self._write_sessions() as session, session.begin():
                yield session
            return
        with self._write_lock, self._write_sessions() as session, session.begin():
            yield session

    def unit_of_work(self, write: Write[T]) -> Written[T]:
        """Run a write in one transaction; its result and events once committed.

        A unique-key race (two requests with the same idempotency key) is retried
        once: the second run finds what the first one created.
        """
        for attempt in range(2):
            try:
                with self.transaction() as session:
                    return write(session)
            except IntegrityError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction: never waits for writers."""
        with self.sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        """Ask the database something: raises when it does not answer."""
        with self.sessions() as session:
            session.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def core(session: Session) -> Connection:
    """The session's connection for prebuilt Core statements, pending changes flushed.

    Core statements skip the ORM's per-statement work; flushing first keeps them
    seeing what the operation changed so far, as the ORM's autoflush would.
    """
    session.flush()
    return session.connection()


def write_row(session: Session, row: Any, **values: Any) -> None:
    """Set columns of one loaded row now: one prebuilt UPDATE by its key, without
    the unit of work's flush; the loaded object shows the values as saved."""
    state = inspect(row)
    keys = tuple(sorted(values))
    params = {"row_pk": state.identity[0], **{f"row_{k}": values[k] for k in keys}}
    core(session).execute(_row_update(state.mapper.local_table, keys), params)
    for key in keys:
        set_committed_value(row, key, values[key])


@lru_cache(maxsize=64)
def _row_update(table: Table, keys: tuple[str, ...]) -> Update:
    (key,) = table.primary_key.columns
    values = {k: bindparam(f"row_{k}", type_=table.c[k].type) for k in keys}
    return (
        update(table).where(key == bindparam("row_pk", type_=key.type)).values(values)
    )


def after_commit(session: Session, then: Callable[[], None]) -> None:
    """Call `then` once the session's transaction has committed (never on rollback)."""
    event.listen(session, "after_commit", lambda _: then(), once=True)
