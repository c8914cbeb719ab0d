"""Who acts, and what each kind of actor may do in an office."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.core.errors import Forbidden
from motcua.core.models import Counter, Office

ROLE_RANK = {"staff": 1, "manager": 2, "admin": 3}


@dataclass(frozen=True)
class Actor:
    kind: str  # "user", "device" or "system"
    id: int | None = None
    name: str = ""
    # For users: office id -> (role, counters allowed or None for any).
    roles: dict[int, tuple[str, list[int] | None]] = field(default_factory=dict)
    is_city_admin: bool = False
    # For devices: the one office and the device kind.
    office_id: int | None = None
    device_kind: str | None = None
    counter_id: int | None = None

    @property
    def user_id(self) -> int | None:
        return self.id if self.kind == "user" else None

    @property
    def device_id(self) -> int | None:
        return self.id if self.kind == "device" else None

    def role_in(self, office: Office) -> str | None:
        if self.is_city_admin:
            return "admin"
        entry = self.roles.get(office.id)
        return entry[0] if entry else None


SYSTEM = Actor(kind="system", name="system", is_city_admin=True)


def require_role(actor: Actor, office: Office, role: str = "staff") -> None:
    """Users of the office with at least the role; devices never."""
    held = actor.role_in(office) if actor.kind in ("user", "system") else None
    if held is None or ROLE_RANK[held] < ROLE_RANK[role]:
        raise Forbidden("not_allowed")


def require_device_or_role(
    actor: Actor, office: Office, kinds: tuple[str, ...]
) -> None:
    """A device of one of the kinds bound to this office, or any staff of it."""
    if actor.kind == "device":
        if actor.office_id != office.id or actor.device_kind not in kinds:
            raise Forbidden("not_allowed")
        return
    require_role(actor, office, "staff")


def require_counter(actor: Actor, office: Office, counter: Counter) -> None:
    """Staff may work only at the counters their membership allows."""
    require_role(actor, office, "staff")
    if actor.is_city_admin or actor.kind == "system":
        return
    _, allowed = actor.roles[office.id]
    if allowed is not None and counter.number not in allowed:
        raise Forbidden("counter_not_allowed", counter=counter.number)
