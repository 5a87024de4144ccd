#!/usr/bin/env bash
# Run the Slurm integration test (test/cluster/slurm.test.ts) in its own
# vitest invocation: it installs slurm-wlm and munge with apt-get, starts a
# single-node cluster, submits sweeps through the emitted scripts and stops
# the daemons again. Called by .ci/run.
#
# Where it cannot run (not root, no apt-get, COLLABSIM_SKIP_SLURM=1) it says
# SKIPPED and why, and vitest reports the tests as skipped, not passed.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

reason=""
if [ "${COLLABSIM_SKIP_SLURM:-0}" = 1 ]; then
  reason="COLLABSIM_SKIP_SLURM=1 is set"
elif [ "$(id -u)" -ne 0 ]; then
  reason="not running as root (uid $(id -u)); installing slurm-wlm and starting its daemons needs root"
elif ! command -v apt-get >/dev/null 2>&1; then
  reason="apt-get not found; the cluster is installed from Debian packages"
fi
if [ -n "$reason" ]; then
  echo "=================================================================="
  echo "SKIPPED: slurm integration test: $reason"
  echo "=================================================================="
fi

start=$(date +%s)
COLLABSIM_SLURM_TEST=1 node_modules/.bin/vitest run --config test/cluster/vitest.config.ts --reporter=verbose
rc=$?
echo "slurm integration test: vitest exit $rc after $(( $(date +%s) - start )) s${reason:+ (SKIPPED: $reason)}"
exit $rc
