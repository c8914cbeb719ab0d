"""Matching what citizens type to guide entries: no accents, no spaces, typos, synonyms.

Pure Python, offline and explainable: a query is folded (no diacritics), its words
split where spaces are missing and corrected to known words, widened by the phrases
people use for a procedure ("sổ đỏ", "sao y", "làm giấy khai sinh"), then entries are
ranked by the weight of the words they share with it (rarer words count more).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from motcua.core.synonyms import PHRASES, SPELLING, STOP

TITLE, FIELD, BODY = 3.0, 2.0, 1.0
# A phrase's weight is shared among its words beyond this many.
SPREAD = 4


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
        for words in self.words.values():
            for word in words:
                self.df[word] = self.df.get(word, 0) + 1
        extra = {w for phrase, _, _ in PHRASES for w in phrase.split()}
        self.vocab = set(self.df) | extra | STOP

    def idf(self, word: str) -> float:
        return math.log(1 + len(self.docs) / (1 + self.df.get(word, 0)))

    def tokens(self, query: str) -> list[str]:
        """The query's words, split where spaces were missing and typos corrected."""
        return [t for raw in fold(query).split() for t in self._fixed(raw)]

    def terms(self, tokens: list[str]) -> dict[str, float]:
        """The words to look for, each with its weight, widened by known phrases."""
        weights = {word: 1.0 for word in _content(tokens)}
        text = f" {' '.join(tokens)} "
        for phrase, meaning, weight in PHRASES:
            if f" {phrase} " in text:
                words = meaning.split()
                share = weight * min(1.0, SPREAD / len(words))  # long meanings spread
                for word in words:
                    weights[word] = max(weights.get(word, 0.0), share)
        return weights

    def _fixed(self, token: str) -> list[str]:
        if token in SPELLING:
            return SPELLING[token].split()
        if token in self.vocab or token.isdigit():
            return [token]
        return self._split(token) or [self._corrected(token)]

    def _split(self, token: str) -> list[str] | None:
        """A run of syllables typed without spaces ("khaisinh"), fewest pieces first."""
        best: list[list[str] | None] = [[]] + [None] * len(token)
        for end in range(1, len(token) + 1):
            for start in range(max(0, end - 7), end):
                head, piece = best[start], token[start:end]
                if head is not None and piece in self.vocab and len(piece) > 1:
                    if best[end] is None or len(head) + 1 < len(best[end] or []):
                        best[end] = head + [piece]
        found = best[-1]
        return found if found and len(found) > 1 else None

    def _corrected(self, token: str) -> str:
        """The known word nearest a typo (1 edit, 2 for long words), most used first."""
        most = 1 if len(token) < 7 else 2
        if len(token) < 3:
            return token
        near = [
            (edit_distance(token, w, most), -self.df.get(w, 0), w) for w in self.vocab
        ]
        close = sorted(n for n in near if n[0] <= most)
        return close[0][2] if close else token

    def score(self, weights: dict[str, float], typed: list[str], doc: Doc) -> float:
        words = self.words[doc.key]
        total = sum(
            w * self.idf(term) * words[term]
            for term, w in weights.items()
            if term in words
        )
        return total + self._pairs(typed, doc)

    def _pairs(self, typed: list[str], doc: Doc) -> float:
        """Two typed words side by side in the title count once more ("khai sinh")."""
        title = f" {doc.title} "
        return sum(
            self.idf(a) + self.idf(b)
            for a, b in zip(typed, typed[1:])
            if f" {a} {b} " in title
        )

    def rank(self, query: str, limit: int = 30, share: float = 0.0) -> list[Hit]:
        """Entries sharing words with the query, best first; share: of the best."""
        typed = self.tokens(query)
        weights = self.terms(typed)
        content = list(_content(typed))
        hits = [Hit(d, self.score(weights, content, d)) for d in self.docs]
        hits.sort(key=lambda h: (-h.score, abs(h.doc.key)))
        least = max(hits[0].score * share if hits else 0.0, 1e-9)
        return [h for h in hits if h.score >= least][:limit]


def _doc_words(doc: Doc) -> dict[str, float]:
    """Each word of the entry with the weight of the best place it appears in."""
    words: dict[str, float] = {}
    for text, weight in ((doc.body, BODY), (doc.field_name, FIELD), (doc.title, TITLE)):
        for word in _content(text.split()):
            words[word] = max(words.get(word, 0.0), weight)
    return words


def _content(words: Iterable[str]) -> Iterable[str]:
    return (w for w in words if w not in STOP)
