#!/usr/bin/env bash
# Mutation testing of components/core (PIT, the `mutation` profile of components/core/pom.xml): a
# benchmark-style report, not a gate. Runs the core's unit tests, then PIT on one thread, and prints
# the mutation score, line coverage and the surviving mutants per class from mutations.xml.
# Reports (HTML, XML, CSV) land in components/core/target/pit-reports/.
#
#   tests/bench/mutation.sh                  # every class of dev.gradex.core
#   PIT_CLASSES='dev.gradex.core.scoring.*,dev.gradex.core.fidelity.*' tests/bench/mutation.sh
#   tests/bench/mutation.sh -o               # extra arguments go to Maven (here: offline)
#
# Also reachable as `./gradex bench mutation`. Takes 10 to 25 minutes on a busy 2-core machine.
set -euo pipefail
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reports="$root/components/core/target/pit-reports"
log="$root/components/core/target/mutation-maven.log"
mkdir -p "$(dirname "$log")"

args=(-B -pl components/core -Pmutation)
if [ -n "${PIT_CLASSES:-}" ]; then
  args+=("-DtargetClasses=$PIT_CLASSES")
fi
echo "mutation: running PIT over components/core (${PIT_CLASSES:-dev.gradex.core.*}); log: $log" >&2
if ! (cd "$root" && mvn "${args[@]}" "$@" test) >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "mutation: Maven failed; the full log is $log" >&2
  exit 1
fi

# PIT's own console summary holds the totals, including line coverage, which mutations.xml lacks.
grep -E '>> (Line Coverage|Generated [0-9]+ mutations|Mutations with no coverage|Ran [0-9]+ tests)' "$log" \
  | sed 's/^.*>> /pit: /'

python3 - "$reports/mutations.xml" <<'EOF'
import collections
import sys
import xml.etree.ElementTree as ET

mutations = ET.parse(sys.argv[1]).getroot().findall("mutation")
status = collections.Counter(m.get("status") for m in mutations)
detected = sum(1 for m in mutations if m.get("detected") == "true")
total = len(mutations)
print(f"mutants: {total}, killed (detected) {detected}, score {100 * detected / max(total, 1):.1f}%")
print("by status: " + ", ".join(f"{k} {v}" for k, v in sorted(status.items())))
packages = collections.defaultdict(lambda: [0, 0])
for m in mutations:
    package = m.findtext("mutatedClass").rsplit(".", 1)[0]
    packages[package][0] += 1
    packages[package][1] += m.get("detected") == "true"
for package, (n, k) in sorted(packages.items()):
    print(f"  {package}: {k}/{n} ({100 * k / n:.1f}%)")
survivors = collections.defaultdict(list)
for m in mutations:
    if m.get("detected") != "true":
        survivors[m.findtext("mutatedClass")].append(m)
print(f"survivors by class ({sum(len(v) for v in survivors.values())}):")
for cls in sorted(survivors, key=lambda c: (-len(survivors[c]), c)):
    print(f"  {cls}: {len(survivors[cls])}")
    for m in sorted(survivors[cls], key=lambda m: int(m.findtext("lineNumber"))):
        print(
            f"    line {m.findtext('lineNumber')} {m.findtext('mutatedMethod')}:"
            f" {m.findtext('description')} [{m.get('status')}]"
        )
EOF
echo "mutation: HTML report $reports/index.html" >&2
