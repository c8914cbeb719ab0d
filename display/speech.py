"""What the display says: ticket and counter numbers read the Vietnamese way.

The rules are those of DOMAIN.md, "Reading numbers aloud". Words come out in NFC,
lower case except where the template has capitals, separated by single spaces, so
the voice pack can look them up one by one.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from motcua.i18n import MESSAGES

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
DEFAULT_TEMPLATE = MESSAGES["announce.call"][0]  # what a call says, unless set
PLACEHOLDERS = ("number", "counter")
MAX_NUMBER = 9999


@dataclass(frozen=True)
class Variant:
    """The words that differ between northern and southern speech."""

    thousand: str
    zero_ten: str


VARIANTS = {
    "north": Variant(thousand="nghìn", zero_ten="linh"),
    "south": Variant(thousand="ngàn", zero_ten="lẻ"),
}


class TemplateError(ValueError):
    """A bad announcement template; code and params mirror motcua's DomainError."""

    def __init__(self, code: str, **params: Any) -> None:
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{code} ({detail})" if detail else code)
        self.code = code
        self.params = params


class NotATicketNumber(TypeError, ValueError):
    """Not an int: a TypeError by nature, a ValueError so one except catches all."""


def number_words(
    n: int,
    *,
    variant: str = "north",
    digit_by_digit: bool = False,
    four_as_tu: bool = True,
) -> str:
    """Read 0..9999 aloud, e.g. 1005 -> "một nghìn không trăm linh năm"."""
    _check_number(n)
    words = _variant(variant)
    if digit_by_digit:
        return " ".join(DIGITS[int(d)] for d in str(n))
    if n == 0:
        return DIGITS[0]
    thousands, hundreds, tens, units = (int(d) for d in f"{n:04d}")
    out: list[str] = []
    if thousands:
        out += [DIGITS[thousands], words.thousand]
        if n % 1000 == 0:
            return " ".join(out)
    if thousands or hundreds:
        out += [DIGITS[hundreds], "trăm"]
        if tens == 0 and units:
            return " ".join([*out, words.zero_ten, DIGITS[units]])
    return " ".join(out + _tens_and_units(tens, units, four_as_tu))


def _tens_and_units(tens: int, units: int, four_as_tu: bool) -> list[str]:
    if tens == 0:
        return [DIGITS[units]] if units else []
    out = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 5:
        out.append("lăm")
    elif tens >= 2 and units == 1:
        out.append("mốt")
    elif tens >= 2 and units == 4 and four_as_tu:
        out.append("tư")
    elif units:
        out.append(DIGITS[units])
    return out


def _check_number(n: object) -> None:
    # bool is an int subclass, but True is no ticket number.
    if isinstance(n, bool) or not isinstance(n, int):
        raise NotATicketNumber(f"expected an int from 0 to {MAX_NUMBER}, got {n!r}")
    if not 0 <= n <= MAX_NUMBER:
        raise ValueError(f"expected an int from 0 to {MAX_NUMBER}, got {n}")


def _variant(name: str) -> Variant:
    try:
        return VARIANTS[name]
    except KeyError:
        known = ", ".join(VARIANTS)
        raise ValueError(f"unknown variant {name!r}; use one of {known}") from None


def check_template(template: str) -> TemplateError | None:
    """The first problem with an announcement template, or None if it is usable."""
    try:
        fields = [f for f in string.Formatter().parse(template) if f[1] is not None]
    except ValueError as exc:
        return TemplateError("template_syntax", detail=str(exc))
    for _, name, spec, conversion in fields:
        if name not in PLACEHOLDERS:
            return TemplateError("template_unknown_placeholder", placeholder=name)
        if spec or conversion:
            # Words replace the digits, so a digit format would mean nothing.
            return TemplateError("template_placeholder_format", placeholder=name)
    used = {f[1] for f in fields}
    for name in PLACEHOLDERS:
        if name not in used:
            return TemplateError("template_missing_placeholder", placeholder=name)
    return None


def announcement_text(
    number: int,
    counter: int | str,
    *,
    template: str = DEFAULT_TEMPLATE,
    variant: str = "north",
    digit_by_digit: bool = False,
) -> str:
    """The sentence to speak, every number in it turned into words."""
    _raise_if_bad(template)
    spoken_number = number_words(number, variant=variant, digit_by_digit=digit_by_digit)
    sentence = template.format(number=spoken_number, counter=_counter_text(counter))
    # Digits may also sit in the template itself ("tầng 2"); say those too.
    return _spell_digits(sentence, variant)


def display_text(
    number: int, counter: int | str, *, template: str = DEFAULT_TEMPLATE
) -> str:
    """The same sentence with digits, for the screen."""
    _raise_if_bad(template)
    _check_number(number)
    return template.format(number=number, counter=_counter_text(counter))


def _raise_if_bad(template: str) -> None:
    error = check_template(template)
    if error is not None:
        raise error


def _counter_text(counter: int | str) -> str:
    if isinstance(counter, str):
        if not counter.strip():
            raise ValueError("counter must not be blank")
        return counter.strip()
    _check_number(counter)
    return str(counter)


def spoken(text: str, variant: str = "north") -> str:
    """A text with its digits turned into words, as the voice says it."""
    return _spell_digits(text, variant)


def _spell_digits(text: str, variant: str) -> str:
    def words(match: re.Match[str]) -> str:
        digits = match.group()
        if len(digits) > 4:
            # Past 9999 there is no rule to follow; digit by digit is always clear.
            return " ".join(DIGITS[int(d)] for d in digits)
        return number_words(int(digits), variant=variant)

    # "A2" must become "A hai", not "Ahai".
    spaced = re.sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " ", text)
    return re.sub(r"[0-9]+", words, spaced)
