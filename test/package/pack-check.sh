#!/usr/bin/env bash
# The package as a user gets it: `npm pack` (its prepack script builds dist/),
# install the tarball into an empty folder, then with plain node (no tsx, no
# sources): run a shipped scenario, validate one, run a small sweep on worker
# threads, run the README's library example, import the library and
# type-check a TypeScript file against its declarations.
# Fails (non-zero, with the reason) on any problem. CI runs it (.ci/run);
# by hand: npm run test:package
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
start=$SECONDS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/collabsim-pack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "pack-check: FAIL: $*" >&2
  exit 1
}
step() { echo "== pack-check [$((SECONDS - start)) s]: $*"; }

step "npm pack"
npm pack --pack-destination "$tmp" >"$tmp/pack.log" 2>&1 || {
  cat "$tmp/pack.log" >&2
  fail "npm pack failed"
}
tarballs=("$tmp"/collabsim-*.tgz)
[ -f "${tarballs[0]}" ] || fail "npm pack wrote no collabsim-*.tgz (log: $(cat "$tmp/pack.log"))"
tarball=${tarballs[0]}
tar -tzf "$tarball" | sed 's|^package/||' | sort >"$tmp/contents.txt"
for f in bin/collabsim.mjs dist/index.js dist/index.d.ts dist/cli/main.js dist/experiment/worker.js \
  dist/experiment/worker-boot.mjs dist/code-version.json schema/scenario.schema.json \
  calibration/england.profile.yaml scenarios/peer-review-cluster.yaml examples/library.mjs README.md LICENSE; do
  grep -qxF "$f" "$tmp/contents.txt" || fail "the tarball lacks $f"
done
if grep -qE '^(src|test|bench|scripts|node_modules)/' "$tmp/contents.txt"; then
  fail "the tarball holds files it should not: $(grep -E '^(src|test|bench|scripts|node_modules)/' "$tmp/contents.txt" | head -5 | tr '\n' ' ')"
fi
echo "   $(basename "$tarball"): $(du -k "$tarball" | cut -f1) KiB, $(wc -l <"$tmp/contents.txt") files"

step "npm install the tarball into an empty folder"
app="$tmp/app"
mkdir "$app"
cd "$app"
npm init -y >/dev/null
npm install --prefer-offline --no-audit --no-fund "$tarball" >"$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log" >&2
  fail "npm install of the tarball failed"
}
pkg="$app/node_modules/collabsim"
[ ! -e "$pkg/src" ] || fail "the installed package has a src/ folder (bin/collabsim.mjs would run the sources)"
# Everything below must run on plain node: take the TypeScript loader away,
# so a fall-back to it (in bin/ or in the workers' bootstrap) fails here.
[ -d "$app/node_modules/tsx" ] && mv "$app/node_modules/tsx" "$tmp/tsx-hidden"

step "npx collabsim run <shipped scenario> (on two threads, its replications on two workers: both start from the built JavaScript)"
npx --no-install collabsim run "$pkg/scenarios/peer-review-cluster.yaml" --seed 7 --threads 2 --workers 2 --out "$tmp/run" --quiet ||
  fail "collabsim run failed"
[ -s "$tmp/run/report.html" ] || fail "collabsim run wrote no report.html"
[ -s "$tmp/run/answer.csv" ] || fail "collabsim run wrote no answer.csv (its replications on workers)"
want=$(node -p "require('$pkg/dist/code-version.json').codeVersion")
got=$(node -p "require('$tmp/run/manifest.json').code_version")
[ "$got" = "$want" ] || fail "the run's manifest says code version '$got', the build stamped '$want'"

step "npx collabsim validate <shipped scenario with profile: england>"
npx --no-install collabsim validate "$pkg/scenarios/city-baseline.yaml" || fail "collabsim validate failed"

step "npx collabsim sweep (two worker threads, from the built JavaScript)"
cat >"$tmp/sweep.yaml" <<YAML
name: pack-check
base: $pkg/scenarios/workshop-team.yaml
factors:
  - { path: turnover.leaderRate, levels: [0.05, 0.2] }
design: { type: factorial }
replications: 2
seed: 1
keep: final
YAML
npx --no-install collabsim sweep "$tmp/sweep.yaml" --workers 2 --oversubscribe --out "$tmp/sweep" --quiet ||
  fail "collabsim sweep failed"
[ "$(tail -n +2 "$tmp/sweep/runs.csv" | wc -l)" = 4 ] || fail "the sweep's runs.csv does not have 4 runs"

step "bad input through the bundled command: exit 2, file:line:column, no stack trace (the built-in model and the command share their error classes)"
printf 'name: bad\nschools: -3\n' >"$tmp/bad.yaml"
sed "s#base: .*#base: $tmp/bad.yaml#" "$tmp/sweep.yaml" >"$tmp/bad-sweep.yaml"
for args in "validate $tmp/bad.yaml" "sweep $tmp/bad-sweep.yaml --out $tmp/bad-sweep --quiet"; do
  set +e
  # shellcheck disable=SC2086 # the arguments are split on purpose
  npx --no-install collabsim $args >"$tmp/bad.out" 2>"$tmp/bad.err"
  code=$?
  set -e
  [ "$code" = 2 ] || fail "collabsim $args exited $code, not 2: $(cat "$tmp/bad.err")"
  grep -q 'bad.yaml:2:10: error at schools' "$tmp/bad.err" || fail "collabsim $args did not point at bad.yaml:2:10: $(cat "$tmp/bad.err")"
  if grep -q '^    at ' "$tmp/bad.err"; then fail "collabsim $args printed a stack trace"; fi
done

step "the library with node: examples/library.mjs, and the README's snippet"
cp "$pkg/examples/library.mjs" "$app/library.mjs"
node library.mjs || fail "examples/library.mjs failed"
# The first js block under the README's "Using collabsim as a library".
awk '/^## Using collabsim as a library/ { s = 1 } s && /^```js/ { b = 1; next } b && /^```/ { exit } b' \
  "$pkg/README.md" >"$app/readme-snippet.mjs"
[ -s "$app/readme-snippet.mjs" ] || fail "no js block under the README's 'Using collabsim as a library'"
node readme-snippet.mjs || fail "the README's library snippet failed"

step "import('collabsim')"
node -e "import('collabsim').then((m) => { const k = Object.keys(m); console.log(k.join(' ')); for (const n of ['simulate', 'simulateSummary', 'loadScenario', 'defaultScenario', 'runSweep']) if (typeof m[n] !== 'function') throw new Error('no export ' + n); })" ||
  fail "import('collabsim') failed"

step "the type declarations (tsc, moduleResolution nodenext)"
cat >"$app/check.ts" <<'TS'
import { defaultScenario, simulate, type RunOutput, type Scenario } from 'collabsim';
const s: Scenario = defaultScenario({ years: 1 });
const out: RunOutput = simulate(s, { seed: 1 });
const trust: number | undefined = out.summary.trust_mean;
console.log(trust);
TS
node "$ROOT/node_modules/typescript/bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext \
  --target es2022 --types node --typeRoots "$ROOT/node_modules/@types" "$app/check.ts" || fail "type-checking against the declarations failed"

echo "pack-check: ok in $((SECONDS - start)) s"
