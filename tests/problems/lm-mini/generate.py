#!/usr/bin/env python3
"""Writes the lm-mini problem's data/ (the JSONL files and truth.json) from a fixed seed.

Python 3 standard library only. Run from anywhere: python3 tests/problems/lm-mini/generate.py
(--seed N to draw other numbers, --out DIR to write elsewhere). Same seed, same bytes.

Target: two-digit addition asked in English, "What is 23 plus 45?\nAnswer:" -> " 68".
Sources (32 records each, every number pair used once across all files):
  addition-more       helpful   the target's question, other pairs, right sums
  addition-reworded   helpful   "What is the sum of 23 and 45?" and "Add 23 and 45.", right sums
  letters             unrelated first or last letter of a common word
  addition-off        harmful   the target's question, sum off by 1 to 9 (either way)
  addition-reversed   harmful   the target's question, the sum's digits reversed
"""

import argparse
import json
import random
from pathlib import Path

TRAIN, VALIDATION, TEST, SOURCE = 32, 16, 24, 32

QUESTION = "What is {a} plus {b}?\nAnswer:"
REWORDED = ("What is the sum of {a} and {b}?\nAnswer:", "Add {a} and {b}.\nAnswer:")

# Common English words of 4 to 8 letters, written out here (no corpus needed).
WORDS = """
apple bread chair dance eagle flame grape house island jacket kettle lemon market
needle orange pencil quiet river silver table uncle violet window yellow zebra
basket candle garden hammer ladder mirror pillow rabbit saddle ticket wallet
butter copper doctor forest ginger honey kitten meadow nickel planet rocket summer
""".split()


def pair(rng, used):
    """A fresh (a, b), both in 10..99, never drawn before (ordered pairs)."""
    while True:
        p = (rng.randint(10, 99), rng.randint(10, 99))
        if p not in used:
            used.add(p)
            return p


def addition(rng, used, n, prompt, answer):
    out = []
    for i in range(n):
        a, b = pair(rng, used)
        template = prompt(i)
        out.append({"prompt": template.format(a=a, b=b), "completion": " " + answer(a, b)})
    return out


def off_by_some(rng):
    def answer(a, b):
        d = rng.choice([d for d in range(-9, 10) if d != 0])
        return str(a + b + d)

    return answer


def reversed_digits(a, b):
    return str(a + b)[::-1]


def reversible(rng, used, n):
    """Pairs whose sum reversed is another number (no palindrome, no trailing zero)."""
    out = []
    while len(out) < n:
        a, b = pair(rng, used)
        s = str(a + b)
        if s == s[::-1] or s.endswith("0"):
            continue
        out.append({"prompt": QUESTION.format(a=a, b=b), "completion": " " + s[::-1]})
    return out


def letters(rng, n):
    words = rng.sample(WORDS, n)
    out = []
    for i, w in enumerate(words):
        if i % 2 == 0:
            out.append({"prompt": f'What is the first letter of "{w}"?\nAnswer:', "completion": " " + w[0]})
        else:
            out.append({"prompt": f'What is the last letter of "{w}"?\nAnswer:', "completion": " " + w[-1]})
    return out


def build(seed):
    rng = random.Random(seed)
    used = set()
    right = lambda a, b: str(a + b)
    ask = lambda i: QUESTION
    files = {
        "target-train": addition(rng, used, TRAIN, ask, right),
        "target-validation": addition(rng, used, VALIDATION, ask, right),
        "target-test": addition(rng, used, TEST, ask, right),
        "addition-more": addition(rng, used, SOURCE, ask, right),
        "addition-reworded": addition(rng, used, SOURCE, lambda i: REWORDED[i % 2], right),
        "letters": letters(rng, SOURCE),
        "addition-off": addition(rng, used, SOURCE, ask, off_by_some(rng)),
        "addition-reversed": reversible(rng, used, SOURCE),
    }
    truth = {
        "helpful": ["addition-more", "addition-reworded"],
        "unrelated": ["letters"],
        "harmful": ["addition-off", "addition-reversed"],
    }
    return files, truth


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--out", type=Path, default=here / "data")
    args = ap.parse_args()
    files, truth = build(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, records in files.items():
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        (args.out / f"{name}.jsonl").write_text(text, encoding="utf-8")
    (args.out / "truth.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
