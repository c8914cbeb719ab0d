"""The office's home page says of each counter what the board and the waits go by:
whether a clerk works there now, not only that the counter is open."""

from __future__ import annotations

import re

from sqlalchemy import update

from motcua.core.models import Counter
from tests.admin.pages import sign_in_admin
from tests.conftest import bearer, staff_token


def _states(page: str) -> dict[str, str]:
    table = page.split("Quầy lúc này", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>", table)
    return dict(rows)


def test_a_counter_shows_a_clerk_at_work_only_once_one_is(
    app, client, api_world, clock
):
    staff = bearer(staff_token(client))
    db = sign_in_admin(app, clock, client)
    with db.transaction() as session:  # the morning: nobody at any counter yet
        session.execute(update(Counter).values(staff_id=None, active_at=None))
    before = _states(client.get("/admin/o/demo").get_data(as_text=True))
    assert set(before.values()) == {"Chưa có cán bộ"}, before
    # A clerk's first call at counter 1 staffs it.
    answer = client.post("/api/v1/offices/demo/counters/1/call-next", headers=staff)
    assert answer.status_code in (200, 204), answer.get_json()
    after = _states(client.get("/admin/o/demo").get_data(as_text=True))
    staffed = [name for name, state in after.items() if state == "Có cán bộ làm việc"]
    assert len(staffed) == 1 and "1" in staffed[0], after
