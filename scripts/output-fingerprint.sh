#!/usr/bin/env bash
# Fingerprint of the outputs of every scenario in scenarios/, one sweep and
# `npm run bench:hashes`: SHA-256 of every output file except manifest.json
# (which holds timestamps). A behaviour-preserving refactor leaves it unchanged:
#
#   bash scripts/output-fingerprint.sh > before.txt   # on the old commit
#   bash scripts/output-fingerprint.sh > after.txt    # on the new one
#   diff before.txt after.txt
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  node bin/collabsim.mjs run "$f" --seed 7 --out "$tmp/run/$name" --quiet >/dev/null
done
node bin/collabsim.mjs run --default --out "$tmp/run/default" --quiet >/dev/null
node bin/collabsim.mjs sweep scenarios/sweeps/trust-turnover-grid.yaml --workers 2 --out "$tmp/sweep" --quiet >/dev/null
(cd "$tmp" && find run sweep -type f ! -name manifest.json ! -name '*.duckdb' ! -path '*/parquet/*' ! -name 'journal*' ! -path '*/state/*' -print0 | sort -z | xargs -0 sha256sum)
npx tsx bench/hashes.ts
