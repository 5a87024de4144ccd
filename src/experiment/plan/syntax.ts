/**
 * Scheduler syntax for sweep plans: POSIX shell quoting, DNS-1123 names,
 * Slurm time limits and memory sizes (and their Kubernetes equivalents),
 * `--array` index lists and `sbatch --parsable` output.
 */
import { PlanError } from './errors.ts';

/** Single-quote a string for POSIX shells. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Lower-case DNS-1123 label: [a-z0-9-], starts and ends alphanumeric, at most `max` chars. */
export function dnsLabel(s: string, max = 52): string {
  let out = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '');
  out = out.slice(0, max).replace(/-+$/, '');
  return out || 'sweep';
}

/** A Slurm job name: [A-Za-z0-9_.-], no leading or trailing dashes. */
export function jobNameStem(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'sweep';
}

/**
 * Parse a Slurm time limit into seconds. Accepts the sbatch formats:
 * "minutes", "minutes:seconds", "hours:minutes:seconds", "days-hours",
 * "days-hours:minutes" and "days-hours:minutes:seconds".
 */
export function slurmTimeToSeconds(t: string): number {
  const s = t.trim();
  const bad = () => new PlanError(`invalid time limit "${t}": use minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]`);
  const num = (x: string) => {
    if (!/^\d+$/.test(x)) throw bad();
    return Number(x);
  };
  const dash = s.match(/^(\d+)-(.+)$/);
  if (dash) {
    const days = num(dash[1]);
    const parts = dash[2].split(':').map(num);
    if (parts.length > 3) throw bad();
    const [h = 0, m = 0, sec = 0] = parts;
    return ((days * 24 + h) * 60 + m) * 60 + sec;
  }
  const parts = s.split(':').map(num);
  if (parts.length === 1) return parts[0] * 60;
  if (parts.length === 2) return parts[0] * 60 + parts[1];
  if (parts.length === 3) return (parts[0] * 60 + parts[1]) * 60 + parts[2];
  throw bad();
}

/** Check a Slurm memory size (e.g. 2G, 512M, 4096) and return it normalised to upper-case units. */
export function checkSlurmMem(m: string): string {
  const match = m.trim().match(/^(\d+)([KMGT]?)B?$/i);
  if (!match) throw new PlanError(`invalid memory "${m}": use a number with an optional K, M, G or T suffix (e.g. 2G)`);
  return `${match[1]}${match[2].toUpperCase()}`;
}

/** Convert a Slurm memory size to a Kubernetes quantity (bare numbers are MB, as in sbatch). */
export function slurmMemToK8s(m: string): string {
  const norm = checkSlurmMem(m);
  const match = norm.match(/^(\d+)([KMGT]?)$/)!;
  return `${match[1]}${match[2] || 'M'}i`;
}

/** Format an index list compactly for `--array`: [0,1,2,5,7,8] -> "0-2,5,7-8". */
export function formatIndexList(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Job id from `sbatch --parsable` output ("123" or "123;cluster"). */
export function parseSbatchJobId(stdout: string): string {
  const id = stdout.trim().split(/\r?\n/).pop()?.split(';')[0]?.trim() ?? '';
  if (!/^\d+$/.test(id)) throw new PlanError(`could not read a job id from sbatch output: ${JSON.stringify(stdout.trim())}`);
  return id;
}
