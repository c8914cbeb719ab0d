"""An office's code from its Vietnamese name: "Hòa Bình" -> "hoa-binh"."""

from __future__ import annotations

import re
import unicodedata

MAX_LEN = 40
# Words every ward's name starts with: the code keeps what tells wards apart.
PREFIXES = (
    "trung tam phuc vu hanh chinh cong",
    "cap xa",
    "phuong",
    "xa",
    "thi tran",
)


def ascii_fold(text: str) -> str:
    """Vietnamese letters without their marks; đ becomes d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def slug_from_name(name: str) -> str:
    """Lower-case ASCII words joined by "-", without the common prefixes."""
    words = re.sub(r"[^a-z0-9]+", " ", ascii_fold(name).lower()).strip()
    for prefix in PREFIXES:
        if words.startswith(prefix + " "):
            words = words[len(prefix) :].strip()
    slug = words.replace(" ", "-")[:MAX_LEN].strip("-")
    return slug or "don-vi"
