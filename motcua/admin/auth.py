"""Admin sign-in (Flask's signed session cookie), CSRF tokens and page guards."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeGuard

from flask import abort, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from motcua.core.actors import ROLE_RANK, Actor
from motcua.core.auth import any_users as _any_users
from motcua.core.auth import end_admin_session, user_actor, user_by_id
from motcua.core.errors import DomainError, NotFound
from motcua.core.lookup import all_offices, office_by_slug
from motcua.core.models import Office, User
from motcua.web import ApiError, database, optional_actor

USER_KEY = "admin_user"
VERSION_KEY = "admin_version"
CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"


def csrf_token() -> str:
    """The session's CSRF token, made on first use; every form carries it."""
    if CSRF_KEY not in session:
        session[CSRF_KEY] = secrets.token_urlsafe(32)
    return str(session[CSRF_KEY])


def check_csrf() -> None:
    """Refuse a form post whose token does not match the session's."""
    sent = request.form.get(CSRF_FIELD, "")
    kept = session.get(CSRF_KEY, "")
    if not kept or not hmac.compare_digest(str(sent), str(kept)):
        abort(400)


def sign_in(user: User) -> None:
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version or 0
    session.permanent = False
    csrf_token()


def sign_out() -> None:
    """Sign out: this cookie, and any copy of it, stops working on the server."""
    user_id = session.get(USER_KEY)
    if isinstance(user_id, int) and session_actor() is not None:
        with database().transaction() as db:
            end_admin_session(db, user_id)
    session.clear()


def session_actor() -> Actor | None:
    """The signed-in user of the admin pages, if any and still active."""
    if "admin_actor" not in g:
        user_id = session.get(USER_KEY)
        actor = None
        if isinstance(user_id, int):
            with database().sessions() as db:
                user = user_by_id(db, user_id)
                if _current(user):
                    actor = user_actor(db, user)
        g.admin_actor = actor
    return g.admin_actor  # type: ignore[no-any-return]


def _current(user: User | None) -> TypeGuard[User]:
    """The user is active and the cookie is of their current session version."""
    if user is None or not user.active:
        return False
    return session.get(VERSION_KEY) == (user.session_version or 0)


def api_actor() -> Actor:
    """A bearer token first, the admin session otherwise (export links)."""
    actor = optional_actor() or session_actor()
    if actor is None:
        raise ApiError(401, "unauthenticated")
    return actor


def any_users() -> bool:
    with database().sessions() as db:
        return _any_users(db)


def is_admin_somewhere(actor: Actor) -> bool:
    ranks = [ROLE_RANK[role] for role, _ in actor.roles.values()]
    return actor.is_city_admin or any(r >= ROLE_RANK["manager"] for r in ranks)


def forbidden() -> ResponseReturnValue:
    return render_template("admin/forbidden.html"), 403


def signed_in(
    view: Callable[..., ResponseReturnValue],
) -> Callable[..., ResponseReturnValue]:
    """Pages for any admin or manager; others are sent to sign in or refused."""

    @wraps(view)
    def guarded(**kwargs: Any) -> ResponseReturnValue:
        actor = session_actor()
        if actor is None:
            return redirect(url_for("admin.login", next=request.path))
        if not is_admin_somewhere(actor):
            return forbidden()
        return view(actor=actor, **kwargs)

    return guarded


def office_page(role: str = "admin") -> Callable[..., Any]:
    """Pages of one office: the user needs at least `role` in it."""

    def wrap(view: Callable[..., ResponseReturnValue]) -> Callable[..., Any]:
        @wraps(view)
        @signed_in
        def guarded(actor: Actor, slug: str, **kwargs: Any) -> ResponseReturnValue:
            office = load_office(slug)
            g.office = office  # its pages, a refusal too, speak its language
            held = actor.role_in(office)
            if held is None or ROLE_RANK[held] < ROLE_RANK[role]:
                return forbidden()
            g.role = held
            return view(actor=actor, office=office, **kwargs)

        return guarded

    return wrap


def load_office(slug: str) -> Office:
    with database().sessions() as db:
        try:
            return office_by_slug(db, slug[:40])
        except NotFound:
            abort(404)


def offices_of(actor: Actor) -> list[Office]:
    """The offices the user may administer or read reports of."""
    with database().sessions() as db:
        offices = all_offices(db)
    return [
        o
        for o in offices
        if (role := actor.role_in(o)) and ROLE_RANK[role] >= ROLE_RANK["manager"]
    ]


def flash_error(err: DomainError) -> str:
    from motcua.admin.language import page_lang
    from motcua.i18n import message

    return message(err.code, page_lang(), **err.params)
