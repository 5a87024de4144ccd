import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { simulate } from '../src/model/simulate.ts';
import { resolveScenario } from '../src/api.ts';
import { deepMerge } from '../test/helpers/replicate.ts';
// usage: probe.ts file tpys reps overrideJSON [controlOverrideJSON] [atYear]
const [file, tpyArg, repsArg, over, ctrl, atYearArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 8);
const f = (a: number[]) => {
  const mu = a.reduce((x, y) => x + y, 0) / a.length;
  const sd = Math.sqrt(a.reduce((x, y) => x + (y - mu) ** 2, 0) / (a.length - 1));
  return `${mu.toFixed(4)}±${(sd / Math.sqrt(a.length)).toFixed(4)}`;
};
const NAMES = ['effectiveness_mean', 'effectiveness_sd', 'trust_mean', 'lencioni_results', 'share_good_or_better', 'share_outstanding', 'internal_trust_mean', 'teacher_retention', 'knowledge_flow'];
function runAll(input: object, tpy: number) {
  const s = resolveScenario({ ...input, ticksPerYear: tpy } as never, file);
  const out: Record<string, number[]> = {};
  for (let r = 1; r <= reps; r++) {
    const o = simulate(s, { seed: r });
    const K = o.series.keys.length;
    const row = atYearArg ? Math.round(Number(atYearArg) * tpy) : o.series.rows - 1;
    const get = (name: string, rw: number) => o.series.values[rw * K + o.series.keys.findIndex((k) => k.metric === name && k.level === 'all')];
    for (const n of NAMES) {
      (out[n + '0'] ??= []).push(get(n, Math.min(1, row)));
      (out[n] ??= []).push(get(n, row));
    }
    (out.change ??= []).push(get('effectiveness_mean', row) - get('effectiveness_mean', 0));
    (out.departures ??= []).push(Number(o.summary.leader_departures_total));
  }
  return out;
}
for (const tpy of (tpyArg ?? '6').split(',').map(Number)) {
  const base = deepMerge(parse(readFileSync(file, 'utf8')) as object, over ? JSON.parse(over) : {});
  const m = runAll(base, tpy);
  console.log(`tpy=${tpy}`, Object.entries(m).map(([k, v]) => `${k}=${f(v)}`).join(' '));
  if (ctrl) {
    const c = runAll(deepMerge(base, JSON.parse(ctrl)), tpy);
    const d = m.effectiveness_mean.map((x, i) => x - c.effectiveness_mean[i]);
    const dt = m.trust_mean.map((x, i) => x - c.trust_mean[i]);
    console.log(`  effect on effectiveness ${f(d)}  on trust ${f(dt)}  control change ${f(c.change)}`);
  }
}
