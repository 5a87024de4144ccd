#!/usr/bin/env bash
# Bring up a throwaway single-node Slurm cluster on this host, for the
# collabsim integration test (test/cluster/slurm.test.ts) and for trying the
# emitted batch scripts by hand.
#
#   sudo test/cluster/slurm-up.sh        # install, configure, start, wait for idle
#   sudo test/cluster/slurm-down.sh      # stop exactly what this script started
#
# What it does (idempotent; running it twice is harmless):
#   1. apt-get install Debian's slurm-wlm (slurmctld, slurmd, client tools) and
#      munge, with service start-up suppressed during the install, because the
#      daemons are started below under our control (no systemd needed).
#   2. creates /etc/munge/munge.key if missing.
#   3. writes /etc/slurm/slurm.conf for one node named after `hostname -s`,
#      listening on 127.0.0.1 with non-default ports, no cgroups, no
#      accounting. State, spool, logs and pid files live under $STATE_DIR.
#   4. starts munged, slurmctld and slurmd in the background (unless already
#      running) and records each one it started in $STATE_DIR/started.
#   5. waits until `sinfo` reports the node idle.
#
# Environment knobs:
#   COLLABSIM_SLURM_DIR       state directory (default /tmp/collabsim-slurm)
#   COLLABSIM_SLURMCTLD_PORT  controller port (default 16817)
#   COLLABSIM_SLURMD_PORT     node daemon port (default 16818)
#   COLLABSIM_SLURM_OVERWRITE=1  replace an /etc/slurm/slurm.conf that this
#                             script did not write (it is kept as .orig)
set -euo pipefail

STATE_DIR=${COLLABSIM_SLURM_DIR:-/tmp/collabsim-slurm}
CTLD_PORT=${COLLABSIM_SLURMCTLD_PORT:-16817}
SLURMD_PORT=${COLLABSIM_SLURMD_PORT:-16818}
CONF=/etc/slurm/slurm.conf
MARKER='# written by collabsim test/cluster/slurm-up.sh'

log() { printf '[slurm-up] %s\n' "$*"; }
die() { printf '[slurm-up] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages and starts daemons)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found (Debian/Ubuntu host required)"

# ---------------------------------------------------------------- packages
have_all() {
  command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 &&
    command -v sbatch >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 &&
    command -v munge >/dev/null 2>&1
}

if have_all; then
  log "slurm and munge already installed"
else
  log "installing slurm-wlm and munge with apt-get"
  # Stop the maintainer scripts from starting services during the install;
  # only do so if the host has no policy of its own.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  install_pkgs() { apt-get install -y -q --no-install-recommends slurm-wlm munge; }
  if ! install_pkgs; then
    log "install failed; running apt-get update and retrying"
    apt-get update -q
    install_pkgs || { [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; die "apt-get install failed"; }
  fi
  [ "$own_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  have_all || die "packages installed but slurm/munge binaries are still missing"
fi
log "$(slurmctld -V 2>/dev/null || true), $(munged -V 2>/dev/null | head -n1 || true)"

# ---------------------------------------------------------------- munge key
if [ ! -s /etc/munge/munge.key ]; then
  log "creating /etc/munge/munge.key"
  install -d -o munge -g munge -m 700 /etc/munge
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile=/etc/munge/munge.key --force
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
fi

# ---------------------------------------------------------------- config
HOST=$(hostname -s)
NCPU=$(nproc)
FREE_MB=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
REAL_MB=$(( FREE_MB * 85 / 100 / 512 * 512 ))
[ "$REAL_MB" -ge 256 ] || REAL_MB=256

mkdir -p "$STATE_DIR"/{ctld,slurmd,log}
chmod 755 "$STATE_DIR"
touch "$STATE_DIR/started"

if [ -e "$CONF" ] && ! grep -qF "$MARKER" "$CONF"; then
  if [ "${COLLABSIM_SLURM_OVERWRITE:-0}" = 1 ]; then
    log "keeping the existing $CONF as $CONF.orig"
    cp -p "$CONF" "$CONF.orig"
  else
    die "$CONF exists and was not written by this script; set COLLABSIM_SLURM_OVERWRITE=1 to replace it"
  fi
fi

mkdir -p /etc/slurm
NEW_CONF=$(mktemp)
cat >"$NEW_CONF" <<CONF
$MARKER
# Single-node test cluster for host $HOST on loopback. Not for production.
ClusterName=collabsim
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$STATE_DIR/ctld
SlurmdSpoolDir=$STATE_DIR/slurmd
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
SlurmctldLogFile=$STATE_DIR/log/slurmctld.log
SlurmdLogFile=$STATE_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Re-evaluate the queue (and dependencies) every few seconds instead of every minute.
SchedulerParameters=sched_interval=5,bf_interval=5
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
ReturnToService=2
MinJobAge=900
SlurmdParameters=config_overrides
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$NCPU RealMemory=$REAL_MB State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
if [ -e "$CONF" ] && cmp -s "$NEW_CONF" "$CONF"; then
  rm -f "$NEW_CONF"
else
  mv "$NEW_CONF" "$CONF"
  chmod 644 "$CONF"
  log "wrote $CONF (node $HOST, CPUs=$NCPU, RealMemory=${REAL_MB}M, ports $CTLD_PORT/$SLURMD_PORT)"
fi

# ---------------------------------------------------------------- daemons
alive() { # alive PIDFILE NAME
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -d "/proc/$pid" ] && grep -q "$2" "/proc/$pid/comm" 2>/dev/null
}
record() { # record NAME PIDFILE
  grep -qx "$1 $2" "$STATE_DIR/started" || echo "$1 $2" >>"$STATE_DIR/started"
}

# munged
MUNGE_PID=/run/munge/munged.pid
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "munged already answering; not starting another"
else
  install -d -o munge -g munge -m 755 /run/munge
  install -d -o munge -g munge -m 700 /var/lib/munge /var/log/munge
  log "starting munged"
  runuser -u munge -- /usr/sbin/munged --pid-file="$MUNGE_PID"
  for _ in $(seq 1 50); do
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.2
  done
  munge -n | unmunge >/dev/null || die "munged did not come up (see /var/log/munge/munged.log)"
  record munged "$MUNGE_PID"
fi

# slurmctld
if alive "$STATE_DIR/slurmctld.pid" slurmctld; then
  log "slurmctld already running (pid $(cat "$STATE_DIR/slurmctld.pid"))"
else
  log "starting slurmctld"
  slurmctld -c
  record slurmctld "$STATE_DIR/slurmctld.pid"
fi

# slurmd
if alive "$STATE_DIR/slurmd.pid" slurmd; then
  log "slurmd already running (pid $(cat "$STATE_DIR/slurmd.pid"))"
else
  log "starting slurmd"
  slurmd -N "$HOST"
  record slurmd "$STATE_DIR/slurmd.pid"
fi

# ---------------------------------------------------------------- wait for idle
log "waiting for node $HOST to become idle"
state=""
for _ in $(seq 1 120); do
  state=$(sinfo -h -n "$HOST" -o '%T' 2>/dev/null | head -n1 || true)
  case "$state" in
    idle|mixed|allocated) break ;;
    down*|drain*) scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
case "$state" in
  idle|mixed|allocated) ;;
  *)
    tail -n 30 "$STATE_DIR/log/slurmctld.log" "$STATE_DIR/log/slurmd.log" >&2 || true
    die "node $HOST did not become idle (state: '${state:-unknown}')" ;;
esac
log "cluster is up:"
sinfo
