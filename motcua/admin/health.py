"""The health page: what is online, what is failing, what to do, in plain words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue

from motcua import realtime
from motcua.admin import auth
from motcua.admin.messages import said_in
from motcua.admin.scheduler import failure_text
from motcua.admin.views import admin
from motcua.core import counters, devices, numbering, printing, reports
from motcua.core import help as help_requests
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.models import Office, PrintJob
from motcua.web import clock, read

RECENT = timedelta(minutes=2)


def _h(key: str, **params: Any) -> str:
    return said_in("health", key, **params)


def device_rows(session: Any, office: Office) -> list[dict[str, Any]]:
    """Each device that is not revoked: online, or when it was last seen."""
    now, connected = clock().now(), set(realtime.CONNECTED.values())
    rows = []
    for device in devices.live_devices(session, office):
        seen = device.last_seen_at
        online = device.id in connected or (seen is not None and now - seen < RECENT)
        rows.append({"device": device, "online": online, "seen": seen})
    return rows


def problems(session: Any, office: Office, devices: list[dict[str, Any]]) -> list[Any]:
    """(what is wrong, what to do) pairs, most urgent first."""
    found = []
    for row in devices:
        if not row["online"]:
            named = kind_name(row["device"].kind)
            what = _h("device_off", kind=named.capitalize(), name=row["device"].name)
            found.append((what, _h("device_off_do")))
    found += printer_problems(session, office)
    for counter in counters.paused_counters(session, office):
        reason = counter.pause_reason or _h("paused_no_reason")
        what = _h("paused", counter=counter.name, reason=reason)
        found.append((what, _h("paused_do")))
    waiting_help = help_requests.waiting_requests(session, office)
    if waiting_help:
        what = _h("help_waiting", n=len(waiting_help))
        found.append((what, _h("help_waiting_do")))
    return found + _field_problems(session, office) + _report_problems(session, office)


def _field_problems(session: Any, office: Office) -> list[Any]:
    """Fields whose numbers clash, and fields nobody can call."""
    found = []
    for a, b in numbering.range_clashes(session, office):
        free = numbering.next_free_range(session, office, skip=b.id)
        hint = _h("range_free", low=free[0], high=free[1]) if free else ""
        what = _h(
            "range_clash",
            a=a.name_vi,
            a_start=a.range_start,
            a_end=a.range_end,
            b=b.name_vi,
            b_start=b.range_start,
            b_end=b.range_end,
        )
        found.append((what, _h("range_clash_do", b=b.name_vi, hint=hint)))
    for service in counters.unserved_services(session, office):
        found.append((_h("unserved", name=service.name_vi), _h("unserved_do")))
    return found


# What to do for each reason a print failed (printer/drivers.py, printer/sender.py).
PRINTER_REASONS = (
    "refused", "unreachable", "timeout", "not_found", "closed", "paper_out",
    "paper_low", "cover_open", "error", "no_ack", "not_configured", "config",
)  # fmt: skip
KINDS = ("kiosk", "display", "rating", "printer")


def kind_name(kind: str) -> str:
    """A device's kind in the page's language; a kind of another version as it is."""
    return _h(f"kind_{kind}") if kind in KINDS else kind


def printer_advice(reason: str) -> str:
    """What to do for a print that failed for this reason, in plain words."""
    key = reason if reason in PRINTER_REASONS else "fallback"
    return _h(f"printer_{key}")


def printer_problems(session: Any, office: Office) -> list[Any]:
    """A fault per printing device whose latest job did not print: a printer that
    printed again since has no fault left."""
    faults = printing.printer_faults(session, office)
    return [_printer_problem(job, name) for job, name in faults]


def _printer_problem(job: PrintJob, name: str) -> tuple[str, str]:
    state = _h("job_dropped" if job.status == "failed" else "job_retrying")
    detail = f" {job.detail}" if job.detail else ""
    what = _h("printer_fault", name=name, state=state, detail=detail)
    return what, printer_advice(str(job.reason))


def _report_problems(session: Any, office: Office) -> list[Any]:
    stored = reports.stored_report(session, office, reports.today(office, clock()))
    if stored is not None and stored.push_error and stored.pushed_at is None:
        what = _h("push_failed", error=failure_text(stored.push_error))
        return [(what, _h("push_failed_do"))]
    return []


@admin.get("/admin/o/<slug>/health")
@auth.office_page("manager")
def health_page(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session) -> tuple[list[dict[str, Any]], list[Any]]:
        devices = device_rows(session, office)
        return devices, problems(session, office, devices)

    devices, found = read(op)
    return render_template(
        "admin/health.html",
        office=office,
        devices=devices,
        problems=found,
        kinds=KINDS,
    )
