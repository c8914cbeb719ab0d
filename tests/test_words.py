"""One table of the words people read (motcua/i18n.py), Vietnamese first.

Every entry has both languages with the same placeholders; the pages' scripts hold no
words of their own and ask only for words the table has; Python code outside the
catalogue modules (and the domain data listed below) writes no Vietnamese itself.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

# Importing the faces registers their words into the one table.
import booking.views  # noqa: F401
import counter.views  # noqa: F401
import display.views  # noqa: F401
import kiosk.views  # noqa: F401
import motcua.admin.views  # noqa: F401
import motcua.pages  # noqa: F401
import printer.views  # noqa: F401
from motcua.i18n import (
    MESSAGES,
    STRICT_ENV,
    UnknownWords,
    message,
    strict,
    words,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("motcua", "kiosk", "counter", "display", "printer", "booking")
VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]",
    re.IGNORECASE,
)

# The catalogue: the one table and the modules that register a face's words into it.
CATALOGUE = {
    "motcua/i18n.py",
    "motcua/admin/messages.py",
    "motcua/admin/words_office.py",
    "motcua/admin/words_records.py",
    "kiosk/strings.py",
    "counter/messages.py",
    "display/messages.py",
    "booking/messages.py",
    "printer/messages.py",
}
# Domain data in Vietnamese: the procedure guide, the words the assistant and the
# search understand, number words for the spoken calls, the demo office and the
# ward's own names; they are what they are, not words of the interface.
DOMAIN_DATA = {
    "motcua/core/ward_procedures.py",  # the guide's entries, as the ward wrote them
    "motcua/core/textmatch.py",  # letters folded for search
    "motcua/core/slugs.py",  # letters folded for office codes
    "display/speech.py",  # number words of the spoken call
    "display/recordings.py",  # the phrases an office records its voice from
    "display/make_voice_pack.py",  # the phrases of the voice pack
    "motcua/demo.py",  # the demo office's fields and people
    "printer/encode.py",  # the printer's test page shows every Vietnamese letter
    "motcua/ward_day.py",  # the simulated wards' names
    "motcua/api/bodies.py",  # an example value in the API document
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_vietnamese_and_english_with_the_same_placeholders() -> None:
    wrong = []
    for key, pair in MESSAGES.items():
        vi, en = pair
        if not vi.strip() or not en.strip():
            wrong.append(f"{key}: empty")
        elif _fields(vi) != _fields(en):
            wrong.append(f"{key}: {_fields(vi)} != {_fields(en)}")
    assert not wrong, wrong


def test_the_vietnamese_is_vietnamese() -> None:
    """The first of each pair is the Vietnamese: a pair given the wrong way round,
    English first, shows English to the people the office serves."""
    english_first = sorted(
        key
        for key, (vi, en) in MESSAGES.items()
        if VIETNAMESE.search(en) and not VIETNAMESE.search(vi)
    )
    # The other language's name, written in that language.
    assert english_first == ["book_page.switch", "kiosk.switch", "status_page.switch"]


# --- scripts ----------------------------------------------------------------------


def _code_of_script(source: str) -> str:
    """A script without its comments: strings, regular expressions and code kept."""
    out: list[str] = []
    i, n = 0, len(source)
    last = ""  # the last character of code that is not a space
    while i < n:
        c = source[i]
        nxt = source[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif c == "/" and nxt == "*":
            end = source.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "\"'`" or (c == "/" and (not last or last in "(,=:[!&|?{};+")):
            j, in_class = i + 1, False
            while j < n:
                if source[j] == "\\":
                    j += 2
                    continue
                if c == "/" and source[j] == "[":
                    in_class = True
                elif c == "/" and source[j] == "]":
                    in_class = False
                elif source[j] == c and not in_class:
                    break
                j += 1
            out.append(source[i : j + 1])
            last, i = c, j + 1
        else:
            out.append(c)
            if not c.isspace():
                last = c
            i += 1
    return "".join(out)


def _scripts() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.js"):
            if "vendor" not in path.parts:
                found.append(path)
    return sorted(found)


def test_the_comment_stripper_keeps_strings_and_drops_comments() -> None:
    source = "a = \"x // y\"; // gone\nb = /\\/+$/; /* gone */ c = 'đ';"
    assert _code_of_script(source) == "a = \"x // y\"; \nb = /\\/+$/;  c = 'đ';"


def test_no_script_holds_vietnamese_words() -> None:
    assert len(_scripts()) >= 15
    found = {}
    for path in _scripts():
        code = _code_of_script(path.read_text(encoding="utf-8"))
        hits = [line for line in code.splitlines() if VIETNAMESE.search(line)]
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert not found, found


# A key in a script: a string "group.key" (or "group.key_" + more) of a known group.
KEY = re.compile(r"""["']([a-z_]+)\.([a-z0-9_]*)["']""")


def test_every_word_a_script_asks_for_is_in_the_table() -> None:
    groups = {key.split(".")[0] for key in MESSAGES if "." in key}
    asked: dict[str, str] = {}
    for path in [*_scripts(), *(ROOT / "motcua/templates").glob("*.html")]:
        source = path.read_text(encoding="utf-8")
        for group, key in KEY.findall(source):
            if group in groups:
                asked[f"{group}.{key}"] = str(path.relative_to(ROOT))
    assert len(asked) > 60
    missing = []
    for key, where in asked.items():
        # "console.done_" + action: some key of the table starts so.
        if key.endswith(("_", ".")):
            if not any(k.startswith(key) for k in MESSAGES):
                missing.append(f"{where}: {key}…")
        elif key not in MESSAGES:
            missing.append(f"{where}: {key}")
    assert not missing, missing


def test_the_kiosk_script_asks_only_for_kiosk_words() -> None:
    source = (ROOT / "kiosk/static/kiosk.js").read_text(encoding="utf-8")
    asked = set(re.findall(r"\bt\.([a-z_]+)", source))
    assert "wait_unknown" in asked
    assert asked <= set(words("kiosk", "vi")), asked - set(words("kiosk", "vi"))


@pytest.mark.parametrize(
    "template, groups",
    [
        (
            "counter/templates/counter/console.html",
            {"console", "ticket_state", "score", "priority"},
        ),
        ("counter/templates/counter/rating.html", {"rating"}),
        ("display/templates/display/board.html", {"board"}),
        ("display/templates/display/pair.html", {"pair"}),
        ("booking/templates/booking/staff.html", {"booking_staff", "ticket_state"}),
        ("motcua/admin/templates/admin/base.html", {"admin"}),
        ("motcua/admin/templates/admin/address.html", {"admin_address"}),
        ("motcua/admin/templates/admin/city.html", {"admin_city"}),
        ("motcua/admin/templates/admin/voice.html", {"admin_voice"}),
    ],
)
def test_each_page_carries_the_groups_its_scripts_read(
    template: str, groups: set[str]
) -> None:
    source = (ROOT / template).read_text(encoding="utf-8")
    declared = re.search(r"set (?:page_)?word_groups = \(([^)]*)\)", source)
    assert declared is not None
    assert set(re.findall(r'"([a-z_]+)"', declared.group(1))) == groups


# --- Python -------------------------------------------------------------------------


def _vietnamese_literals(path: Path) -> list[int]:
    """Lines of string literals with Vietnamese letters, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and VIETNAMESE.search(node.value)
    ]


def _product_modules() -> dict[str, list[int]]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            lines = _vietnamese_literals(path)
            if lines:
                found[str(path.relative_to(ROOT))] = lines
    return found


def test_python_writes_vietnamese_only_in_the_catalogue() -> None:
    found = _product_modules()
    assert CATALOGUE <= set(found)  # the scan sees them
    stray = {
        path: lines
        for path, lines in found.items()
        if path not in CATALOGUE | DOMAIN_DATA
    }
    assert not stray, stray


def test_the_domain_data_allowance_names_only_modules_with_vietnamese() -> None:
    """A module that no longer holds Vietnamese leaves DOMAIN_DATA."""
    found = _product_modules()
    assert not (DOMAIN_DATA - set(found)), DOMAIN_DATA - set(found)


# --- keys asked for by the code -----------------------------------------------------

ERRORS = {"DomainError", "Invalid", "NotFound", "Conflict", "Forbidden"}


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _asked_keys(source: str) -> set[str]:
    """Codes the source asks the table for with a written-out key: message("x"),
    said_in("group", "x"), said("x"), an error raised with code "x"."""
    asked = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        args = [_literal(arg) for arg in node.args]
        if name in ("message", "said") and args and args[0]:
            asked.add(args[0] if name == "message" else f"admin_says.{args[0]}")
        elif name == "said_in" and len(args) > 1 and args[0] and args[1]:
            asked.add(f"{args[0]}.{args[1]}")
        elif name in ERRORS and args and args[0]:
            asked.add(args[0])
        elif name in ("ApiError", "error_response") and len(args) > 1 and args[1]:
            asked.add(args[1])
    return asked


def test_every_key_the_code_writes_out_is_in_the_table() -> None:
    asked: dict[str, str] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for key in _asked_keys(path.read_text(encoding="utf-8")):
                asked[key] = str(path.relative_to(ROOT))
    assert len(asked) > 150
    missing = sorted(
        f"{where}: {key}" for key, where in asked.items() if key not in MESSAGES
    )
    assert not missing, missing


def test_the_key_scan_finds_a_planted_unknown_key() -> None:
    planted = (
        'raise Invalid("planted_code")\n'
        'x = message("planted.word", "vi")\n'
        'y = said_in("admin_form", "planted")\n'
        'raise ApiError(404, "planted_api")\n'
    )
    asked = _asked_keys(planted)
    assert asked == {
        "planted_code", "planted.word", "admin_form.planted", "planted_api"
    }  # fmt: skip
    assert not asked & set(MESSAGES)


def test_an_unknown_key_fails_loudly_under_test_and_falls_back_in_an_office(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert strict()  # tests/conftest.py sets it for every test and server
    with pytest.raises(UnknownWords):
        message("planted.unknown_word", "en")
    monkeypatch.setenv(STRICT_ENV, "0")
    assert message("planted.unknown_word", "en") == "The request is not valid."
    assert "planted.unknown_word" in caplog.text


# --- templates ----------------------------------------------------------------------

# Templates that still hold Vietnamese text of their own, each with why.
TEMPLATE_ALLOWANCE: dict[str, str] = {}


def _templates() -> list[Path]:
    found = []
    for package in PACKAGES:
        found.extend((ROOT / package).rglob("templates/**/*.html"))
    return sorted(found)


def _allowed(relative: str) -> bool:
    return any(Path(relative).match(pattern) for pattern in TEMPLATE_ALLOWANCE)


def test_no_template_writes_vietnamese_outside_the_allowance() -> None:
    templates = _templates()
    assert len(templates) > 40
    found = {}
    for path in templates:
        relative = str(path.relative_to(ROOT))
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [n for n, line in enumerate(lines, 1) if VIETNAMESE.search(line)]
        if hits and not _allowed(relative):
            found[relative] = hits
    assert not found, found


def test_the_template_allowance_names_only_templates_with_vietnamese() -> None:
    for pattern in TEMPLATE_ALLOWANCE:
        matched = [
            path
            for path in _templates()
            if Path(str(path.relative_to(ROOT))).match(pattern)
        ]
        assert matched, pattern
        assert any(VIETNAMESE.search(p.read_text(encoding="utf-8")) for p in matched)


def test_every_word_a_template_writes_out_is_in_the_table() -> None:
    asked = {}
    for path in _templates():
        source = path.read_text(encoding="utf-8")
        for key in re.findall(r"""\bword\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", source):
            asked[key] = str(path.relative_to(ROOT))
    assert len(asked) > 120
    missing = []
    for key, where in asked.items():
        # word("rating_page.reason_" ~ code): some key of the table starts so.
        known = (
            any(k.startswith(key) for k in MESSAGES)
            if key.endswith("_")
            else (key in MESSAGES)
        )
        if not known:
            missing.append(f"{where}: {key}")
    assert not missing, missing
