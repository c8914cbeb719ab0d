"""schemathesis runs over every operation of the OpenAPI document against the real
server: no 500, no answer outside the document. Path parameters name real things
(the office, a ticket, a counter, a device, a member), so most generated requests
get past the look-ups and the models to the operations themselves."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import requests

from motcua.api.bodies import DOSSIER_CODE
from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from tests.conftest import World
from tests.e2e.conftest import ARTIFACTS

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
LOGOUT = "/auth/logout"  # it revokes the token the run carries: a run of its own
CLOCK, PASSWORD = SystemClock(), "matkhau123"


def fuzz(url: str, token: str, report: Path, params: dict[str, Any], *filters: str):
    """One schemathesis run; the ndjson events of every request it made."""
    config = report.with_suffix(".toml")
    lines = [f'"path.{name}" = {json.dumps(value)}' for name, value in params.items()]
    config.write_text("[parameters]\n" + "\n".join(lines) + "\n")
    events = report.with_suffix(".ndjson")
    command = [
        shutil.which("schemathesis") or "schemathesis",
        "--config-file",
        str(config),
        "run",
        url + "/api/v1/openapi.json",
        "--url",
        url + "/api/v1",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--mode",
        "positive",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        "12",
        # A guard against a hung server, not a measure of speed: a shared machine
        # under load may take seconds for one answer.
        "--request-timeout",
        "60",
        "--workers",
        "1",
        "--seed",
        "8",
        "--no-shrink",
        "--suppress-health-check",
        "all",
        "--continue-on-failure",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(events),
        *filters,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False
    )
    output = done.stdout + done.stderr
    report.write_text(output)
    assert done.returncode == 0, output[-6000:]
    return [json.loads(line) for line in events.read_text().splitlines()]


# Answers that mean the models refused the request; the rest reached the operation.
REFUSED = {"invalid_field", "unknown_field", "bad_json"}


def answers(events: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    """Per operation, how often it answered each status; a 400 by its error code."""
    seen: dict[str, Counter[str]] = {}
    for event in events:
        finished = event.get("ScenarioFinished")
        if finished is None:
            continue
        recorder = finished["recorder"]
        counts = seen.setdefault(recorder["label"], Counter())
        for interaction in recorder.get("interactions", {}).values():
            if interaction.get("response"):
                counts[_answer(interaction["response"])] += 1
    return seen


def _answer(response: dict[str, Any]) -> str:
    status = response["status_code"]
    if status != 400:
        return str(status)
    content = base64.b64decode(response["content"]["$base64"])
    return str(json.loads(content)["error"]["code"])


def _users(db_url: str) -> int:
    """An admin of the office, so admin and manager operations are reached too, and
    a clerk for the admin to change and remove: the run's own accounts stay."""
    database = Database(db_url)
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, CLOCK, "fuzz-admin", PASSWORD, office=office, role="admin")
        clerk = add_user(session, CLOCK, "fuzz-clerk", PASSWORD, office=office)
        session.flush()
        clerk_id = clerk.id
    database.dispose()
    return clerk_id


def _token(url: str, username: str) -> str:
    body = {"username": username, "password": PASSWORD}
    answer = requests.post(url + "/api/v1/auth/token", json=body, timeout=10)
    return answer.json()["token"]  # type: ignore[no-any-return]


def _path_values(url: str, world: World, clerk_id: int) -> dict[str, Any]:
    """Real values for every path parameter of the document."""
    ticket = requests.post(
        url + "/api/v1/offices/demo/tickets",
        json={"service": "CT"},
        headers={"Authorization": f"Bearer {world.kiosk_token}"},
        timeout=10,
    ).json()
    return {
        "office": "demo",
        "ticket_id": ticket["id"],
        "n": 1,
        "number": int(ticket["number"]),
        "device_id": world.kiosk.id,
        "user_id": clerk_id,
        "code": DOSSIER_CODE[0],
    }


def test_every_operation_is_fuzzed_with_no_500_and_no_answer_off_the_document(
    live, db_url, request
):
    server, ours, _ = live
    values = _path_values(server.url, ours, _users(db_url))
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.callspec.id
    runs = [
        ("admin", _token(server.url, "fuzz-admin"), ["--exclude-path", LOGOUT]),
        ("kiosk", ours.kiosk_token, ["--exclude-path", LOGOUT]),
        ("logout", _token(server.url, "demo-staff"), ["--include-path", LOGOUT]),
    ]
    seen: dict[str, Counter[str]] = {}
    for who, token, filters in runs:
        report = ARTIFACTS / f"fuzz-{who}-{name}.txt"
        for label, counts in answers(
            fuzz(server.url, token, report, values, *filters)
        ).items():
            seen.setdefault(label, Counter()).update(counts)
    document = requests.get(server.url + "/api/v1/openapi.json", timeout=10).json()
    # schemathesis reads the document from GET /openapi.json and leaves that
    # operation out of its list: loading it is its test.
    operations = {
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
    } - {"GET /openapi.json"}
    assert {label for label, counts in seen.items() if counts} == operations
    total = sum(seen.values(), Counter())
    refused = sum(total[code] for code in REFUSED)
    assert refused < total.total() / 10, total  # mostly past the models
    assert not [code for code in total if code.startswith("5")], total
