"""The counters page shows each counter's fields as they are, so saving a counter's
name never takes its fields away (a counter left with none calls nobody)."""

from __future__ import annotations

import re

from motcua.core.lookup import counter_by_number, office_by_slug
from tests.admin.pages import post, sign_in_admin

CHECKED = re.compile(r'value="(\w+)" checked')


def _forms(page: str) -> list[str]:
    return [f for f in page.split("<form")[1:] if 'name="number"' in f]


def test_the_page_shows_each_counters_fields_and_a_save_keeps_them(
    app, client, api_world, clock
):
    db = sign_in_admin(app, clock, client)
    page = client.get("/admin/o/demo/counters").get_data(as_text=True)
    shown = [CHECKED.findall(form) for form in _forms(page)]
    # The world: counter 1 serves CT, 2 HT, 3 both; the empty row adds a counter.
    assert shown == [["CT"], ["HT"], ["CT", "HT"], []]
    # Counter 3 saved with a new name and the boxes as the page ticks them, as a
    # browser sends them, keeps both of its fields.
    form = {"number": "3", "name": "Quầy 3 (một cửa)", "services": shown[2]}
    answer = post(client, "/admin/o/demo/counters", form)
    # The clerk sees that it was saved, and the fields by their names.
    after = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu quầy số 3." in after
    assert "(CT)</label>" in after and "> CT</label>" not in after
    with db.sessions() as session:
        counter = counter_by_number(session, office_by_slug(session, "demo"), 3)
        assert (counter.name, sorted(s.code for s in counter.services)) == (
            "Quầy 3 (một cửa)",
            ["CT", "HT"],
        )
