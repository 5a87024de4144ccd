#!/usr/bin/env bash
# Fingerprint of the outputs of every scenario in scenarios/, one sweep and
# `npm run bench:hashes`: SHA-256 of every output file except manifest.json
# (which holds timestamps), with the code version masked. A behaviour-preserving refactor leaves it unchanged:
#
#   bash scripts/output-fingerprint.sh > before.txt   # on the old commit
#   bash scripts/output-fingerprint.sh > after.txt    # on the new one
#   diff before.txt after.txt
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  node bin/collabsim.mjs run "$f" --seed 7 --out "$tmp/run/$name" --quiet >/dev/null
done
node bin/collabsim.mjs run --default --out "$tmp/run/default" --quiet >/dev/null
node bin/collabsim.mjs sweep scenarios/sweeps/trust-turnover-grid.yaml --workers 2 --oversubscribe --out "$tmp/sweep" --quiet >/dev/null
# The code version (package version + a hash of the model's source files) is
# printed in reports, and the sweep report shows the sweep's identity (a
# SHA-256 that includes the code version) and the checkout's absolute path;
# all three change by design when source files move, so they are masked.
(cd "$tmp" && find run sweep -type f ! -name manifest.json ! -name '*.duckdb' ! -path '*/parquet/*' ! -name 'journal*' ! -path '*/state/*' | sort |
  while read -r f; do printf '%s  %s\n' "$(sed -E -e 's/[0-9]+\.[0-9]+\.[0-9]+\+[0-9a-f]{12}/CODE_VERSION/g' -e 's/[0-9a-f]{64}/SHA256/g' -e "s#$root#ROOT#g" "$f" | sha256sum | cut -c1-64)" "$f"; done)
npx tsx bench/hashes.ts
