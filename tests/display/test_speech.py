"""Numbers read aloud the Vietnamese way (DOMAIN.md, "Reading numbers aloud")."""

from __future__ import annotations

import itertools

import pytest

from display.speech import (
    DEFAULT_TEMPLATE,
    DIGITS,
    TemplateError,
    announcement_text,
    check_template,
    display_text,
    number_words,
)

ALL = range(10000)
VARIANTS = ("north", "south")
THOUSAND = {"north": "nghìn", "south": "ngàn"}
ZERO_TEN = {"north": "linh", "south": "lẻ"}
DIGIT_VALUE = {word: value for value, word in enumerate(DIGITS)}
UNIT_VALUE = DIGIT_VALUE | {"mốt": 1, "tư": 4, "lăm": 5}


@pytest.mark.parametrize(
    ("n", "words"),
    [
        # Every example of DOMAIN.md.
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (101, "một trăm linh một"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (1023, "một nghìn không trăm hai mươi ba"),
        (2024, "hai nghìn không trăm hai mươi tư"),
        (9999, "chín nghìn chín trăm chín mươi chín"),
        # Edges of each rule.
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (20, "hai mươi"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1100, "một nghìn một trăm"),
        (1111, "một nghìn một trăm mười một"),
        (2000, "hai nghìn"),
        (3050, "ba nghìn không trăm năm mươi"),
        (4004, "bốn nghìn không trăm linh bốn"),
        (5555, "năm nghìn năm trăm năm mươi lăm"),
        (9000, "chín nghìn"),
        (9001, "chín nghìn không trăm linh một"),
    ],
)
def test_north(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (101, "một trăm lẻ một"),
        (1000, "một ngàn"),
        (1005, "một ngàn không trăm lẻ năm"),
        (2024, "hai ngàn không trăm hai mươi tư"),
        (4004, "bốn ngàn không trăm lẻ bốn"),
        (15, "mười lăm"),
    ],
)
def test_south(n: int, words: str) -> None:
    assert number_words(n, variant="south") == words


@pytest.mark.parametrize(
    ("n", "tu", "words"),
    [
        (24, True, "hai mươi tư"),
        (24, False, "hai mươi bốn"),
        (2024, False, "hai nghìn không trăm hai mươi bốn"),
        (14, True, "mười bốn"),  # "tư" only after "mươi"
        (104, True, "một trăm linh bốn"),
    ],
)
def test_four(n: int, tu: bool, words: str) -> None:
    assert number_words(n, four_as_tu=tu) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (7, "bảy"),
        (1023, "một không hai ba"),
        (1005, "một không không năm"),
        (9999, "chín chín chín chín"),
    ],
)
def test_digit_by_digit(n: int, words: str) -> None:
    assert number_words(n, digit_by_digit=True) == words
    assert number_words(n, digit_by_digit=True, variant="south") == words


@pytest.mark.parametrize("bad", [-1, 10000, 10**9])
def test_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="0 to 9999"):
        number_words(bad)


@pytest.mark.parametrize("bad", [True, False, 1.0, "5", None, 5.5])
def test_not_an_int(bad: object) -> None:
    with pytest.raises(ValueError, match="expected an int"):
        number_words(bad)  # type: ignore[arg-type]


def test_unknown_variant() -> None:
    with pytest.raises(ValueError, match="variant"):
        number_words(5, variant="central")


# Every number, both variants: structure and a parse back to the number.


def parse_number(text: str, variant: str) -> int:
    """Words back to a number; KeyError or AssertionError on anything unexpected."""
    words, total = text.split(), 0
    if words[1:2] == [THOUSAND[variant]]:
        total, words = 1000 * DIGIT_VALUE[words[0]], words[2:]
    if words[1:2] == ["trăm"]:
        total, words = total + 100 * DIGIT_VALUE[words[0]], words[2:]
        if words[:1] == [ZERO_TEN[variant]]:
            assert len(words) == 2
            return total + DIGIT_VALUE[words[1]]
    if words[:1] == ["mười"]:
        total, words = total + 10, words[1:]
    elif words[1:2] == ["mươi"]:
        total, words = total + 10 * DIGIT_VALUE[words[0]], words[2:]
    assert len(words) <= 1, text
    return total + (UNIT_VALUE[words[0]] if words else 0)


def all_readings(variant: str, four_as_tu: bool = True) -> dict[int, list[str]]:
    return {
        n: number_words(n, variant=variant, four_as_tu=four_as_tu).split() for n in ALL
    }


def pairs(words: list[str]) -> list[tuple[str, str]]:
    return list(itertools.pairwise(words))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("four_as_tu", [True, False])
def test_parse_back_every_number(variant: str, four_as_tu: bool) -> None:
    for n, words in all_readings(variant, four_as_tu).items():
        assert parse_number(" ".join(words), variant) == n


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_reading_is_distinct(variant: str) -> None:
    readings = {" ".join(w) for w in all_readings(variant).values()}
    assert len(readings) == 10000


@pytest.mark.parametrize("variant", VARIANTS)
def test_vocabulary(variant: str) -> None:
    allowed = {*DIGITS, "mười", "mươi", "mốt", "lăm", "tư", "trăm"}
    allowed |= {THOUSAND[variant], ZERO_TEN[variant]}
    for words in all_readings(variant).values():
        assert set(words) <= allowed
        assert 1 <= len(words) <= 7


@pytest.mark.parametrize("variant", VARIANTS)
def test_special_units_follow_tens(variant: str) -> None:
    for n, words in all_readings(variant).items():
        for before, word in pairs(words):
            if word in ("mốt", "tư"):
                assert before == "mươi", n
            if word == "lăm":
                assert before in ("mười", "mươi"), n
            if before in ("mười", "mươi"):
                assert word not in ("năm", "không"), n
            if before == "mươi":
                assert word not in ("một", "bốn"), n
        assert words[0] not in ("mốt", "tư", "lăm"), n


@pytest.mark.parametrize("variant", VARIANTS)
def test_zero_ten_only_after_hundred(variant: str) -> None:
    zero_ten = ZERO_TEN[variant]
    for n, words in all_readings(variant).items():
        if zero_ten in words:
            at = words.index(zero_ten)
            assert words[at - 1] == "trăm", n
            assert at == len(words) - 2, n  # exactly one digit after it
            assert words[-1] in DIGITS[1:], n
            assert n % 100 < 10, n


@pytest.mark.parametrize("variant", VARIANTS)
def test_khong_only_alone_or_as_zero_hundred(variant: str) -> None:
    for n, words in all_readings(variant).items():
        for at, word in enumerate(words):
            if word == "không" and n:
                assert words[at + 1 : at + 2] == ["trăm"], n
                assert n >= 1000, n
    assert all_readings(variant)[0] == ["không"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_scale_words_follow_digits(variant: str) -> None:
    for n, words in all_readings(variant).items():
        for before, word in pairs(words):
            if word == THOUSAND[variant]:
                assert before in DIGITS[1:], n
            if word == "trăm":
                assert before in DIGITS, n
            if word == "mươi":
                assert before in DIGITS[2:], n
        if n % 1000 == 0 and n:
            assert words[-1] == THOUSAND[variant], n  # nothing after a round thousand


def test_variants_differ_only_in_their_own_words() -> None:
    north, south = all_readings("north"), all_readings("south")
    swap = {"nghìn": "ngàn", "linh": "lẻ"}
    for n in ALL:
        assert [swap.get(w, w) for w in north[n]] == south[n]


def test_four_as_bon_differs_only_in_tu() -> None:
    tu, bon = all_readings("north"), all_readings("north", four_as_tu=False)
    for n in ALL:
        assert [("bốn" if w == "tư" else w) for w in tu[n]] == bon[n]
        assert "tư" not in bon[n]


def test_digit_by_digit_every_number() -> None:
    for n in ALL:
        words = number_words(n, digit_by_digit=True).split()
        assert "".join(str(DIGIT_VALUE[w]) for w in words) == str(n)


# Sentences.


def test_default_announcement() -> None:
    assert announcement_text(1005, 3) == (
        "Mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số ba"
    )


def test_announcement_south_and_two_digit_counter() -> None:
    assert announcement_text(2024, 12, variant="south") == (
        "Mời công dân có số thứ tự hai ngàn không trăm hai mươi tư đến quầy số mười hai"
    )


def test_announcement_digit_by_digit_keeps_counter_as_a_number() -> None:
    text = announcement_text(1023, 21, digit_by_digit=True)
    assert text.endswith("số thứ tự một không hai ba đến quầy số hai mươi mốt")


def test_counter_as_text_has_its_digits_read() -> None:
    assert announcement_text(1001, "A2").endswith("quầy số A hai")
    assert announcement_text(1001, " 7 ").endswith("quầy số bảy")


def test_digits_in_the_template_are_read_too() -> None:
    template = "Số {number}, mời lên tầng 2, quầy {counter}."
    assert announcement_text(1010, 4, template=template) == (
        "Số một nghìn không trăm mười, mời lên tầng hai, quầy bốn."
    )


def test_long_digit_runs_are_read_digit_by_digit() -> None:
    assert announcement_text(1, "12345").endswith("quầy số một hai ba bốn năm")


def test_display_text_keeps_digits() -> None:
    assert display_text(1005, 3) == "Mời công dân có số thứ tự 1005 đến quầy số 3"
    assert display_text(1005, "A2", template="{number} → {counter}") == "1005 → A2"


@pytest.mark.parametrize("bad", [True, -1, 10000, "1005"])
def test_announcement_rejects_bad_numbers(bad: object) -> None:
    with pytest.raises(ValueError):
        announcement_text(bad, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        display_text(bad, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "   ", True, -1])
def test_announcement_rejects_bad_counters(bad: object) -> None:
    with pytest.raises(ValueError):
        announcement_text(1001, bad)  # type: ignore[arg-type]


# Templates.


def test_default_template_is_valid() -> None:
    assert check_template(DEFAULT_TEMPLATE) is None
    assert check_template("{counter}: {number} {{sic}}") is None


@pytest.mark.parametrize(
    ("template", "code", "placeholder"),
    [
        ("Mời số {number}", "template_missing_placeholder", "counter"),
        ("Mời quầy {counter}", "template_missing_placeholder", "number"),
        ("", "template_missing_placeholder", "number"),
        ("{number} {counter} {name}", "template_unknown_placeholder", "name"),
        ("{} {number} {counter}", "template_unknown_placeholder", ""),
        ("{0} {number} {counter}", "template_unknown_placeholder", "0"),
        ("{number.real} {counter}", "template_unknown_placeholder", "number.real"),
        ("{number:04d} {counter}", "template_placeholder_format", "number"),
        ("{number} {counter!r}", "template_placeholder_format", "counter"),
    ],
)
def test_template_problems(template: str, code: str, placeholder: str) -> None:
    error = check_template(template)
    assert error is not None
    assert (error.code, error.params) == (code, {"placeholder": placeholder})
    assert placeholder in str(error)


@pytest.mark.parametrize("template", ["{number} {counter", "{number}} {counter}"])
def test_template_syntax(template: str) -> None:
    error = check_template(template)
    assert error is not None and error.code == "template_syntax"


def test_bad_template_raises_from_both_sentences() -> None:
    with pytest.raises(TemplateError, match="counter"):
        announcement_text(1001, 1, template="Mời số {number}")
    with pytest.raises(ValueError, match="unknown_placeholder"):
        display_text(1001, 1, template="{number} {counter} {x}")
