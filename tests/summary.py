"""The end of a ./gradex-test run: what ran, what failed, and every test left out and why.

Usage: summary.py --since STAMP [--without GROUP,...] [--quick]
Reads the Surefire and Failsafe XML reports written since STAMP, and the JUnit 5 tags in the test
sources. A test that was skipped at run time (an assumption, a disabled condition) fails the run:
the only way to leave a test out is by name (a tag group; docs/testing.md), and those are listed.
Exits 1 when a test failed or was skipped, else 0.
"""
import argparse
import os
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
WHY = {
    "dev": "developer-time opt-in (tag dev; docs/testing.md)",
    "images": "--without images",
    "podman": "--without podman",
    "browser": "--without browser",
    "mlflow": "--without mlflow",
    "helm": "--without helm",
    "kube": "--without kube",
}
TAG = re.compile(r'@Tag\("([^"]+)"\)')
DECL = re.compile(r"\b(?:class|record|interface)\s+(\w+)|\bvoid\s+(\w+)\s*\(")


def reports(since):
    for kind in ("surefire", "failsafe"):
        for xml in sorted(ROOT.glob(f"**/target/{kind}-reports/TEST-*.xml")):
            if ".ci" not in xml.parts and xml.stat().st_mtime >= since:
                yield kind, xml


def tagged_tests():
    """(test id, class-level?, tags) for every test class or method carrying a tag."""
    found = {}
    for src in ROOT.glob("**/src/test/java/**/*.java"):
        if ".ci" in src.parts or "target" in src.parts:
            continue
        text = src.read_text(encoding="utf-8")
        pkg = re.search(r"^package\s+([\w.]+);", text, re.M)
        cls = (pkg.group(1) + "." if pkg else "") + src.stem
        for m in TAG.finditer(text):
            d = DECL.search(text, m.end())
            if not d:
                continue
            test = cls if d.group(1) else cls + "#" + d.group(2)
            found.setdefault(test, set()).add(m.group(1))
    return found


def left_out(without, quick):
    out = {}
    for test, tags in tagged_tests().items():
        reasons = [WHY.get(t, "tag " + t) for t in sorted(tags) if t in without]
        if reasons:
            out[test] = reasons
    if quick:
        tags = tagged_tests()
        for test, t in tags.items():
            if "slow" in t and test not in out:
                out[test] = ["--quick (tag slow)"]
        for src in ROOT.glob("**/src/test/java/**/*IT.java"):
            if ".ci" in src.parts:
                continue
            pkg = re.search(r"^package\s+([\w.]+);", src.read_text(encoding="utf-8"), re.M)
            cls = (pkg.group(1) + "." if pkg else "") + src.stem
            if "fast" not in tags.get(cls, set()) and cls not in out:
                out[cls] = ["--quick (not tagged fast)"]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--since", required=True)
    ap.add_argument("--without", default="")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    since = os.stat(args.since).st_mtime - 1
    without = {"dev"} | {g for g in args.without.split(",") if g}

    totals, failed, skipped = {}, [], []
    for kind, xml in reports(since):
        t = totals.setdefault(kind, [0, 0.0])
        for case in ET.parse(xml).getroot().iter("testcase"):
            t[0] += 1
            t[1] += float(case.get("time") or 0)
            test = f"{case.get('classname')}#{case.get('name')}"
            for bad in ("failure", "error"):
                for e in case.findall(bad):
                    failed.append((test, (e.get("message") or e.get("type") or "").strip()))
            for s in case.findall("skipped"):
                skipped.append((test, (s.get("message") or "no reason given").strip()))

    print("== gradex-test summary")
    for kind in ("surefire", "failsafe"):
        n, secs = totals.get(kind, [0, 0.0])
        print(f"{kind}: {n} tests ({secs:.0f} s in tests)")
    print(f"failed: {len(failed)}, skipped: {len(skipped)}")
    for test, msg in failed:
        print(f"  FAILED  {test}: {msg.splitlines()[0] if msg else ''}")
    for test, msg in skipped:
        print(f"  SKIPPED {test}: {msg.splitlines()[0]}")
    out = left_out(without, args.quick)
    print(f"left out by name: {len(out)}")
    for test in sorted(out):
        print(f"  {test}: {'; '.join(out[test])}")
    if skipped:
        print(
            "gradex-test: tests were skipped without being left out by name; a missing peer must"
            " fail with its reason (docs/testing.md)"
        )
    return 1 if failed or skipped else 0


if __name__ == "__main__":
    sys.exit(main())
