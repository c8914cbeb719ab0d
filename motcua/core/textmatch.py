"""Matching what citizens type to guide entries: no accents, no spaces, typos, synonyms.

Pure Python, offline and explainable: a query is folded (no diacritics), its words
repaired (Telex keys left in, "khaisinh" split, typos corrected to a guide word unless
they are everyday words), widened by the phrases people use for a procedure ("sổ đỏ",
"sao y", "cất nhà"), then entries are ranked by the weight of the words and word pairs
they share with it (rarer count more). Vietnamese words are mostly two syllables, so a
pair ("khai sinh") counts beside its syllables, and a lone syllable ("nội" of "ông
nội") is not mistaken for a word of the guide ("Nội vụ"). A hit says whether the entry
shares with the query a word that few fields hold: "cấp lại" or the folded "ho" (hộ,
họ, hồ) alone do not tell which field is asked for.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua.core.synonyms import COMMON, FILLER, PATTERNS, PHRASES, SPELLING, STOP

TITLE, FIELD, BODY = 3.0, 2.0, 1.0
# A syllable alone counts this much of a word; its pair with a neighbour counts whole.
SYLLABLE = 0.6
# The pairs of a phrase's meaning count less than pairs typed: "cấp lại giấy chứng
# nhận" is said of land, businesses and building permits alike.
MEANING_PAIR = 0.3
# The filler phrases as one pattern, longest first, each between spaces.
LONGEST_FIRST = sorted(FILLER, key=len, reverse=True)
FILLERS = re.compile("|".join(rf"(?<= ){re.escape(f)}(?= )" for f in LONGEST_FIRST))
# A phrase's weight is shared among its words beyond this many.
SPREAD = 4
# A word or pair the entries of this share of the fields hold (of two fields at least)
# names an action many fields have ("cấp lại", "đăng ký") or folds several words into
# one ("ho": hộ, họ, hồ, hỗ): it adds to an entry's score, but cannot tell which field
# is asked for.
TELLING_SHARE = 1 / 3


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics: "Chứng thực" -> "chung thuc"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", bare.lower()).strip()


@dataclass(frozen=True)
class Doc:
    """One guide entry as the matcher sees it (folded texts)."""

    key: int
    field: str
    title: str
    field_name: str
    body: str


def docs_of(
    entries: Iterable[tuple[int, str, str, Sequence[str]]], fields: dict[str, str]
) -> list[Doc]:
    """Entries (key, field, title, papers), and one per field name keyed -1, -2..."""
    docs = [
        Doc(key, code, fold(title), fold(fields.get(code, "")), fold(" ".join(papers)))
        for key, code, title, papers in entries
    ]
    for n, (code, name) in enumerate(sorted(fields.items()), 1):
        docs.append(Doc(-n, code, fold(name), fold(name), ""))
    return docs


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float
    telling: bool = True  # shares with the query a word few fields hold


def edit_distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance, giving up (most + 1) once it is larger than most."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return most + 1
    return row[-1]


class Matcher:
    """An index of an office's guide entries; rank() answers a query."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = list(docs)
        self.words: dict[int, dict[str, float]] = {d.key: _doc_words(d) for d in docs}
        self.df: dict[str, int] = {}
        held_by: dict[str, set[str]] = {}
        for doc in self.docs:
            for word in self.words[doc.key]:
                self.df[word] = self.df.get(word, 0) + 1
                held_by.setdefault(word, set()).add(doc.field)
        fields = len({d.field for d in self.docs})
        self.telling = {
            w
            for w, held in held_by.items()
            if len(held) < max(2, fields * TELLING_SHARE)
        }
        extra = {w for phrase, _, _ in PHRASES for w in phrase.split()}
        self.known = {w for w in self.df if " " not in w} | extra
        self.vocab = self.known | STOP | COMMON

    def idf(self, word: str) -> float:
        return math.log(1 + len(self.docs) / (1 + self.df.get(word, 0)))

    def tokens(self, query: str) -> list[str]:
        """The query's words, split where spaces were missing and typos corrected,
        without the phrases any question carries ("thủ tục", "ở đâu")."""
        fixed = " ".join(t for raw in fold(query).split() for t in self._fixed(raw))
        return FILLERS.sub(" ", f" {fixed} ").split()

    def terms(self, tokens: list[str]) -> dict[str, float]:
        """The words and word pairs to look for, each with its weight, widened by
        known phrases."""
        weights: dict[str, float] = {}
        _add(weights, tokens, 1.0)
        text = f" {' '.join(tokens)} "
        said = [(m, w) for p, m, w in PHRASES if f" {p} " in text]
        said += [(m, w) for p, m, w in PATTERNS if re.search(p, text)]
        for meaning, weight in said:
            words = meaning.split()
            share = weight * min(1.0, SPREAD / len(words))  # long meanings spread
            _add(weights, words, share, MEANING_PAIR)
        return weights

    def _fixed(self, token: str) -> list[str]:
        if token in SPELLING:
            return SPELLING[token].split()
        if token in self.vocab or token.isdigit():
            return [token]
        telex = _untelex(token) if TELEX_HINT.search(token) else token
        if telex in self.vocab:
            return [telex]
        return self._split(token) or self._split(telex) or [self._corrected(telex)]

    def _split(self, token: str) -> list[str] | None:
        """A run of syllables typed without spaces ("khaisinh"): fewest pieces, then
        most words of the guide ("dang ky ket hon", not "dang ky ke thon")."""
        best: list[list[str] | None] = [[]] + [None] * len(token)
        for end in range(1, len(token) + 1):
            for start in range(max(0, end - 7), end):
                head, piece = best[start], token[start:end]
                if head is None or piece not in self.vocab or len(piece) < 2:
                    continue
                found = best[end]
                if found is None or self._cost(head + [piece]) < self._cost(found):
                    best[end] = head + [piece]
        found = best[-1]
        return found if found and len(found) > 1 else None

    def _cost(self, pieces: list[str]) -> tuple[int, int]:
        return len(pieces), sum(p not in self.known for p in pieces)

    def _corrected(self, token: str) -> str:
        """The guide word nearest a typo (1 edit, 2 for long words), most used first."""
        most = 1 if len(token) < 7 else 2
        if len(token) < 3:
            return token
        near = [
            (edit_distance(token, w, most), -self.df.get(w, 0), w) for w in self.known
        ]
        close = sorted(n for n in near if n[0] <= most)
        return close[0][2] if close else token

    def score(self, weights: dict[str, float], doc: Doc) -> float:
        words = self.words[doc.key]
        return sum(
            w * self.idf(term) * words[term]
            for term, w in weights.items()
            if term in words
        )

    def tells(self, weights: dict[str, float], doc: Doc) -> bool:
        """Whether the entry shares with the query a word that few fields hold."""
        words = self.words[doc.key]
        return any(term in words and term in self.telling for term in weights)

    def rank(self, query: str, limit: int = 30, share: float = 0.0) -> list[Hit]:
        """Entries sharing words with the query, best first; share: of the best."""
        weights = self.terms(self.tokens(query))
        hits = [
            Hit(d, self.score(weights, d), self.tells(weights, d)) for d in self.docs
        ]
        hits.sort(key=lambda h: (-h.score, abs(h.doc.key)))
        least = max(hits[0].score * share if hits else 0.0, 1e-9)
        return [h for h in hits if h.score >= least][:limit]


def _add(
    weights: dict[str, float], words: list[str], weight: float, pair: float = 1.0
) -> None:
    """Each content word at SYLLABLE of the weight, each pair of neighbours (one of
    them a content word) at `pair` of it; the larger weight wins."""
    terms = [(w, weight * SYLLABLE) for w in _content(words)]
    terms += [(f"{a} {b}", weight * pair) for a, b in _pairs(words)]
    for term, value in terms:
        weights[term] = max(weights.get(term, 0.0), value)


def _pairs(words: list[str]) -> Iterable[tuple[str, str]]:
    return ((a, b) for a, b in zip(words, words[1:]) if a not in STOP or b not in STOP)


# Telex keys left in a word when the keyboard's Vietnamese mode is off: "chuwngs",
# "ddaats" -> "chung", "dat". No Vietnamese syllable has a "w", or an "f", "j", "r",
# "s" or "x" after its first vowel, so those are keys, not letters.
TELEX_DOUBLE = re.compile(r"dd|aa|ee|oo")
TELEX_HINT = re.compile(r"w|dd|aa|ee|oo|[aeiouy][a-z]*[fjrsx]$")
FIRST_VOWEL = re.compile(r"[aeiouy]")


def _untelex(token: str) -> str:
    bare = TELEX_DOUBLE.sub(lambda m: m.group(0)[0], token.replace("w", ""))
    vowel = FIRST_VOWEL.search(bare)
    if vowel is None:
        return bare
    head, tail = bare[: vowel.start()], bare[vowel.start() :]
    return head + re.sub(r"[fjrsx]", "", tail)


def _doc_words(doc: Doc) -> dict[str, float]:
    """Each word of the entry, and each pair of its title and field name, with the
    weight of the best place it is in. Pairs of the papers to bring ("bản sao giấy
    khai sinh") name what is brought, not what is asked for: they are left out."""
    words: dict[str, float] = {}
    for text, weight in ((doc.body, BODY), (doc.field_name, FIELD), (doc.title, TITLE)):
        split = text.split()
        terms = list(_content(split))
        if text is not doc.body:
            terms += [f"{a} {b}" for a, b in _pairs(split)]
        for word in terms:
            words[word] = max(words.get(word, 0.0), weight)
    return words


def _content(words: Iterable[str]) -> Iterable[str]:
    return (w for w in words if w not in STOP)
