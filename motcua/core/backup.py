"""Backup of one office as one JSON document, and its restore (ids are remapped)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, Table, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from motcua.core.backup_check import FORMAT, VERSION, bad, check_rows, check_shape
from motcua.core.lookup import office_by_slug
from motcua.core.models import (
    AuditLog,
    Base,
    Counter,
    Membership,
    Office,
    Service,
    User,
    UTCDateTime,
)
from motcua.core.targets import TargetPolicy

AUDIT = "audit_log"
# Not the office's data: sign-in tokens and screens waiting to be paired.
SKIPPED = {"api_tokens", "pairing_requests", "alembic_version"}
USERS: Table = User.__table__  # type: ignore[assignment]


def _tables() -> list[Table]:
    """The office's tables in an order that inserts parents first."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if t.name not in SKIPPED and t is not USERS
    ]


def _owned(session: Session, table: Table, office: Office) -> Any:
    """Which of a table's rows belong to the office (a WHERE clause), or None."""
    if table.name == "offices":
        return table.c.id == office.id
    if "office_id" in table.c:
        return table.c.office_id == office.id
    if table.name == "counter_services":
        ids = select(Counter.id).where(Counter.office_id == office.id)
        return table.c.counter_id.in_(ids)
    if "service_id" in table.c:
        ids = select(Service.id).where(Service.office_id == office.id)
        return table.c.service_id.in_(ids)
    return None


def _dump_value(column: Column[Any], value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _load_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def _rows(session: Session, table: Table, stmt: Any) -> list[dict[str, Any]]:
    pk = list(table.primary_key.columns)
    result = session.execute(stmt.order_by(*pk)).mappings()
    return [{c.name: _dump_value(c, row[c.name]) for c in table.c} for row in result]


def _user_refs(table: Table, rows: list[dict[str, Any]]) -> set[int]:
    cols = [
        c.name for c in table.c for fk in c.foreign_keys if fk.column.table is USERS
    ]
    return {row[c] for row in rows for c in cols if row[c] is not None}


def backup_office(session: Session, office: Office) -> dict[str, Any]:
    """Every row of the office, and the accounts its rows name."""
    tables: dict[str, list[dict[str, Any]]] = {}
    user_ids: set[int] = set()
    for table in _tables():
        where = _owned(session, table, office)
        if where is None:
            continue
        tables[table.name] = _rows(session, table, select(table).where(where))
        user_ids |= _user_refs(table, tables[table.name])
    users = select(USERS).where(USERS.c.id.in_(user_ids)) if user_ids else None
    tables["users"] = _rows(session, USERS, users) if users is not None else []
    return {
        "format": FORMAT,
        "version": VERSION,
        "office": office.slug,
        "tables": tables,
    }


def _delete_office(session: Session, slug: str) -> list[int]:
    """Remove the office's rows, but keep its audit log: the ids of its entries."""
    office = session.scalars(select(Office).where(Office.slug == slug)).first()
    if office is None:
        return []
    kept = list(
        session.scalars(select(AuditLog.id).where(AuditLog.office_id == office.id))
    )
    session.execute(
        update(AuditLog).where(AuditLog.id.in_(kept)).values(office_id=None)
    )
    for table in reversed(_tables()):
        where = _owned(session, table, office)
        if where is not None and table.name not in ("offices", AUDIT):
            session.execute(delete(table).where(where))
    session.execute(delete(Office).where(Office.id == office.id))
    return kept


def _remap(
    table: Table,
    row: dict[str, Any],
    maps: dict[str, dict[Any, Any]],
    present: dict[str, set[Any]],
) -> dict[str, Any]:
    """A row with its references moved to the new ids; a reference to a row that
    is not in the backup (another office's) is refused."""
    out = {}
    for column in table.c:
        value = _load_value(column, row.get(column.name))
        for fk in column.foreign_keys:
            name = fk.column.table.name
            if value is None:
                continue
            if name in maps:
                value = maps[name][value]
            elif value not in present.get(name, ()):
                raise bad(table.name)
        out[column.name] = value
    return out


def _restore_users(session: Session, rows: list[dict[str, Any]]) -> dict[Any, Any]:
    """Accounts are matched by username; missing ones are created, never as city
    admins, and an existing account is left as it is."""
    mapping = {}
    for row in rows:
        found = session.scalars(
            select(User.id).where(User.username == row["username"])
        ).first()
        if found is None:
            values = _remap(USERS, row, {}, {})
            values.pop("id")
            values["is_city_admin"] = False
            stmt = insert(USERS).returning(USERS.c.id)
            found = session.execute(stmt, values).scalar_one()
        mapping[row["id"]] = found
    return mapping


def _has_serial_id(table: Table) -> bool:
    pk = list(table.primary_key.columns)
    return len(pk) == 1 and pk[0].name == "id" and pk[0].autoincrement is not False


def _insert(
    session: Session,
    table: Table,
    rows: list[dict[str, Any]],
    maps: dict[str, dict[Any, Any]],
    present: dict[str, set[Any]],
) -> None:
    values = [_remap(table, row, maps, present) for row in rows]
    if not values:
        return
    if not _has_serial_id(table) or table.c.id.type.python_type is not int:
        session.execute(insert(table), values)
        return
    old = [v.pop("id") for v in values]
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    new = session.execute(stmt, values).scalars().all()
    maps[table.name] = dict(zip(old, new, strict=True))


def _present(tables: dict[str, list[dict[str, Any]]]) -> dict[str, set[Any]]:
    """The ids each table of the backup holds (what its rows may refer to)."""
    return {
        name: {row.get("id") for row in rows}
        for name, rows in tables.items()
        if name in Base.metadata.tables and "id" in Base.metadata.tables[name].c
    }


def _with_office() -> set[str]:
    return {t.name for t in _tables() if "office_id" in t.c}


def restore_office(
    session: Session, document: Any, policy: TargetPolicy | None = None
) -> Office:
    """Bring an office back from its backup, replacing it if it exists; its audit
    log is kept and the backup's entries are added only to a new office.
    Invalid("bad_backup") for anything but one office's rows; with a policy, the
    printers must be ones the operator allows."""
    known = {t.name for t in _tables()} | {"users"}
    tables = check_shape(document, known)
    check_rows(tables, _with_office(), policy)
    try:
        return _restore(session, document["office"], tables)
    except (KeyError, TypeError, ValueError, AttributeError, SQLAlchemyError):
        raise bad("rows") from None


def _restore(
    session: Session, slug: str, tables: dict[str, list[dict[str, Any]]]
) -> Office:
    kept = _delete_office(session, slug)
    present = _present(tables)
    maps = {"users": _restore_users(session, tables.get("users", []))}
    for table in _tables():
        if table.name in tables and not (kept and table.name == AUDIT):
            _insert(session, table, tables[table.name], maps, present)
    session.flush()
    office = office_by_slug(session, slug)
    session.execute(
        update(AuditLog).where(AuditLog.id.in_(kept)).values(office_id=office.id)
    )
    return office


def membership_count(session: Session, office: Office) -> int:
    stmt = select(Membership.id).where(Membership.office_id == office.id)
    return len(session.scalars(stmt).all())
