"""Outcome.issued: an issue always names its ticket; a call may find none."""

from __future__ import annotations

import pytest

from motcua.core import tickets
from motcua.core.clock import FixedClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from tests.conftest import World


def test_an_issue_names_its_ticket_new_or_found_again(
    db: Database, world: World, clock: FixedClock
) -> None:
    req = tickets.IssueRequest("CT", idempotency_key="k-1")
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        first = tickets.issue_ticket(session, office, world.kiosk, clock, req)
        again = tickets.issue_ticket(session, office, world.kiosk, clock, req)
    assert first.created and not again.created
    assert first.issued.id == again.issued.id


def test_an_outcome_without_a_ticket_is_not_an_issue() -> None:
    with pytest.raises(AssertionError):
        tickets.Outcome(None).issued
