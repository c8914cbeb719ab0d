"""The kiosk's assistant: a question in the citizen's words -> the field and procedure.

Offline and explainable: the office's guide entries and field names are matched with
textmatch (folded words, split and corrected words, synonyms); the answer per field is
its best entry, fields ranked by that entry's score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from motcua.core.errors import Invalid
from motcua.core.models import Office, Procedure
from motcua.core.procedures import office_matcher, procedure_view
from motcua.core.textmatch import Hit, Matcher

QUESTION_MAX = 300
ANSWERS = 3
# A further field is offered only when its entry scores at least this share of the
# best answer's: "chứng thực" brushing "Giấy chứng nhận" (land) is not worth a button.
# A third keeps every right field the benchmark finds in the top three (99.4%).
FURTHER_SHARE = 1 / 3


@dataclass(frozen=True)
class FieldAnswer:
    field: str
    key: int | None  # the best entry's key, None when only the field name matched
    score: float


def best_fields(
    matcher: Matcher, question: str, limit: int = ANSWERS
) -> list[FieldAnswer]:
    """The fields that best answer the question, each with its best entry. A field
    is chosen only on words that tell it from most fields (none: the citizen asks
    the staff). After the first, a field is offered only with a guide entry to read
    (one whose name alone brushes the question would lead the citizen nowhere) that
    answers nearly as well (FURTHER_SHARE)."""
    best: dict[str, Hit] = {}
    for hit in matcher.rank(question, limit=len(matcher.docs)):
        if hit.telling:
            best.setdefault(hit.doc.field, hit)
    ranked = sorted(best.values(), key=lambda h: -h.score)
    floor = ranked[0].score * FURTHER_SHARE if ranked else 0
    further = [h for h in ranked[1:] if h.doc.key > 0 and h.score >= floor]
    ranked = (ranked[:1] + further)[:limit]
    return [
        FieldAnswer(
            h.doc.field, h.doc.key if h.doc.key > 0 else None, round(h.score, 2)
        )
        for h in ranked
    ]


def checked_question(question: str) -> str:
    """The question trimmed; Invalid when empty or longer than QUESTION_MAX."""
    text = " ".join(question.split())
    if not text:
        raise Invalid("assistant_empty")
    if len(text) > QUESTION_MAX:
        raise Invalid("assistant_too_long", most=QUESTION_MAX)
    return text


def answer(
    session: Session, office: Office, question: str, lang: str = "vi"
) -> list[dict[str, Any]]:
    """The best fields for a citizen's question, each with its best procedure."""
    text = checked_question(question)
    matcher, rows, names = office_matcher(session, office)
    return [_answer_view(a, rows, names, lang) for a in best_fields(matcher, text)]


def _answer_view(
    found: FieldAnswer,
    rows: dict[int, Procedure],
    names: dict[str, tuple[str, str]],
    lang: str,
) -> dict[str, Any]:
    vi, en = names[found.field]
    row = rows.get(found.key) if found.key is not None else None
    return {
        "service": {"code": found.field, "name": en if lang == "en" else vi},
        "procedure": procedure_view(row, names) if row is not None else None,
        "score": found.score,
    }
