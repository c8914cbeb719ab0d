"""How often the kiosk's assistant routes a citizen's question to the right field.

The questions in benchmarks/data/assistant_questions.tsv are written the way citizens
type at a kiosk (no diacritics, typos, regional words, long sentences), each with the
field that serves it. Every 4th question is held out: the synonyms were first tuned
looking only at the others ("tuning"). A second set, assistant_questions_fresh.tsv
("fresh"), was written after that tuning and scored once; its misses were then seen
while the routing was made more general, so it no longer measures unseen questions.
A third set, assistant_questions_new.tsv ("new"), was written after that routing was
frozen and scored once (85.0% top-1); its misses were then seen while a second round of
words was added, and a fourth set, assistant_questions_round2.tsv ("round2"), written
after that round was frozen, was scored once: the honest figure now. The guide is the
demo ward's (motcua/core/ward_procedures.py) with the demo's nine fields. Prints top-1
and top-3 accuracy per part and writes benchmarks/results/assistant.json.

    python benchmarks/bench_assistant.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua.core.assistant import best_fields  # noqa: E402
from motcua.core.procedure_seed import WARD_PROCEDURES  # noqa: E402
from motcua.core.textmatch import Matcher, docs_of  # noqa: E402
from motcua.demo import WARD_SERVICES  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
QUESTIONS = DATA / "assistant_questions.tsv"
LATER = {
    "fresh": DATA / "assistant_questions_fresh.tsv",
    "new": DATA / "assistant_questions_new.tsv",
    "round2": DATA / "assistant_questions_round2.tsv",
}
RESULTS = ROOT / "benchmarks" / "results" / "assistant.json"


def _rows(path: Path) -> list[list[str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    return [ln.split("\t", 1) for ln in lines if not ln.startswith("#")]


def questions() -> list[tuple[str, str, str]]:
    """(part, field, question) of every line; every 4th of the first set held out."""
    first = [
        ("holdout" if n % 4 == 3 else "tuning", field, text)
        for n, (field, text) in enumerate(_rows(QUESTIONS))
    ]
    later = [
        (part, field, text)
        for part, path in LATER.items()
        for field, text in _rows(path)
    ]
    return first + later


def demo_matcher() -> Matcher:
    fields = {s.code: s.name_vi for s in WARD_SERVICES}
    entries = [
        (n, s.service_code, s.title, s.papers) for n, s in enumerate(WARD_PROCEDURES, 1)
    ]
    return Matcher(docs_of(entries, fields))


def measure(show_misses: bool) -> dict[str, object]:
    matcher = demo_matcher()
    parts: dict[str, dict[str, int]] = {}
    started = time.perf_counter()
    for part, field, text in questions():
        got = [a.field for a in best_fields(matcher, text)]
        for name in (part, "all"):
            row = parts.setdefault(name, {"questions": 0, "top1": 0, "top3": 0})
            row["questions"] += 1
            row["top1"] += got[:1] == [field]
            row["top3"] += field in got
        if show_misses and got[:1] != [field]:
            print(f"  miss ({part}) {field} <- {text!r}: {got}")
    per_question_ms = (time.perf_counter() - started) * 1000 / len(questions())
    return {
        "fields": len(WARD_SERVICES),
        "procedures": len(WARD_PROCEDURES),
        "ms_per_question": round(per_question_ms, 2),
        "parts": {
            name: {
                **row,
                "top1_share": round(row["top1"] / row["questions"], 3),
                "top3_share": round(row["top3"] / row["questions"], 3),
            }
            for name, row in parts.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print each miss")
    result = measure(parser.parse_args().misses)
    print(f"{'part':8} {'questions':>9} {'top-1':>7} {'top-3':>7}")
    parts = result["parts"]
    for name in ("tuning", "holdout", "fresh", "new", "round2", "all"):
        row = parts[name]  # type: ignore[index]
        print(
            f"{name:8} {row['questions']:>9} {row['top1_share']:>7.1%} "
            f"{row['top3_share']:>7.1%}"
        )
    print(f"{result['ms_per_question']} ms per question")
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
