#!/usr/bin/env bash
# Stop the daemons that test/cluster/slurm-up.sh started, and nothing else.
# It reads the "<name> <pidfile>" lines that slurm-up.sh recorded in
# $COLLABSIM_SLURM_DIR/started and stops them in reverse order (slurmd,
# slurmctld, munged). Daemons that were already running before slurm-up.sh
# (and so were not recorded) are left alone.
#
#   test/cluster/slurm-down.sh          # cancel test jobs, stop daemons
#   test/cluster/slurm-down.sh --purge  # also delete the state directory and
#                                       # the slurm.conf that slurm-up.sh wrote
set -uo pipefail

STATE_DIR=${COLLABSIM_SLURM_DIR:-/tmp/collabsim-slurm}
CONF=/etc/slurm/slurm.conf
MARKER='# written by collabsim test/cluster/slurm-up.sh'
PURGE=0
[ "${1:-}" = "--purge" ] && PURGE=1

log() { printf '[slurm-down] %s\n' "$*"; }

STARTED="$STATE_DIR/started"
if [ ! -s "$STARTED" ]; then
  log "nothing recorded in $STARTED; no daemons to stop"
else
  # Cancel any jobs still queued or running on the test cluster so that no
  # job step outlives slurmd.
  if grep -q '^slurmctld ' "$STARTED" && command -v scancel >/dev/null 2>&1; then
    if squeue -h -o '%i' >/dev/null 2>&1; then
      ids=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
      if [ -n "${ids// /}" ]; then
        log "cancelling leftover jobs: $ids"
        # shellcheck disable=SC2086
        scancel $ids 2>/dev/null || true
        sleep 1
      fi
    fi
  fi

  # Stop in reverse start order.
  tac "$STARTED" | while read -r name pidfile; do
    [ -n "$name" ] || continue
    if [ ! -s "$pidfile" ]; then
      log "$name: no pid file at $pidfile (already stopped?)"
      continue
    fi
    pid=$(cat "$pidfile")
    if [ ! -d "/proc/$pid" ] || ! grep -q "$name" "/proc/$pid/comm" 2>/dev/null; then
      log "$name: pid $pid is not running"
      continue
    fi
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
      log "$name (pid $pid) ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  : >"$STARTED"
fi

if [ "$PURGE" = 1 ]; then
  if [ -e "$CONF" ] && grep -qF "$MARKER" "$CONF"; then
    log "removing $CONF"
    rm -f "$CONF"
    [ -e "$CONF.orig" ] && mv "$CONF.orig" "$CONF" && log "restored the original $CONF"
  fi
  case "$STATE_DIR" in
    /tmp/*|/var/tmp/*) log "removing $STATE_DIR"; rm -rf "$STATE_DIR" ;;
    *) log "leaving $STATE_DIR in place (not under /tmp)" ;;
  esac
fi
log "done"
