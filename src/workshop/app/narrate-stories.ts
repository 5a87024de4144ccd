/**
 * Who did what to whom, from the tick's interaction trace: in a team, the
 * most telling interactions as stories that quote the change each made to
 * the relationship it affects; in a locality, every interaction counted with
 * a sampled example or two.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import type { SchoolModel } from './model-api.ts';
import { f2, list, topic, type LogEntry } from './narrate-text.ts';
import type { Perceptions } from './perceptions.ts';
import { TRACE, type TraceBuffer, type TraceEvent } from './trace.ts';

/** Stories told per tick in a team. */
const MAX_STORIES = 4;

/** What the stories of one tick need. */
export interface StoryContext {
  model: SchoolModel;
  mem: Perceptions;
  /** What one tick is called in the log. */
  period: string;
  tick: number;
  when: string;
  trace: TraceBuffer;
  /** Display names of the heads in post during the tick. */
  names: string[];
  /** Slots whose head left in the tick (their relationships restarted). */
  fresh: Set<number>;
}

interface Story {
  score: number;
  bucket: string;
  pair: string;
  entry: LogEntry;
}

const times = (n: number) => (n === 1 ? '' : n === 2 ? ' twice' : ` ${n} times`);
const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
const joinParts = (parts: string[]) => parts.filter(Boolean).join(', and ');

/** Distinct interactions (kind, outcome, actor, target) with how often they happened, and broken commitments by head. */
function collect(c: StoryContext): { seen: Map<string, { ev: TraceEvent; n: number }>; broken: Map<number, { targets: number[]; group: number }> } {
  const seen = new Map<string, { ev: TraceEvent; n: number }>();
  const broken = new Map<number, { targets: number[]; group: number }>();
  for (const ev of c.trace.events()) {
    if (c.fresh.has(ev.actor) || c.fresh.has(ev.target)) continue; // that head has left; the relationship restarted
    if (ev.kind === TRACE.promise) {
      if (ev.ok) continue; // kept commitments are counted in the meeting line
      const b = broken.get(ev.actor) ?? { targets: [], group: ev.group };
      if (!b.targets.includes(ev.target)) b.targets.push(ev.target);
      broken.set(ev.actor, b);
      continue;
    }
    const key = `${ev.kind}:${ev.ok ? 1 : 0}:${ev.actor}:${ev.target}`;
    const s = seen.get(key);
    if (s) s.n++;
    else seen.set(key, { ev, n: 1 });
  }
  return { seen, broken };
}

/** A commitment broken to several partners: how their views of the head's integrity moved, on average. */
function groupIntegrityChange(c: StoryContext, actor: number, targets: number[]): { change: string; dT: number; k: number } {
  const { mem } = c;
  const E = c.model.state.edges;
  let before = 0;
  let after = 0;
  let dT = 0;
  let k = 0;
  for (const t of targets) {
    const e = mem.edge(t, actor);
    if (e < 0) continue;
    before += mem.prev.integrity[e];
    after += E.integrity[e];
    dT += Math.abs(E.trust[e] - mem.prev.trust[e]);
    k++;
  }
  const comparable = k > 0 && !mem.noDiff;
  const held = comparable && f2(before / k) === f2(after / k);
  const avg = `on average ${f2(before / k)} → ${f2(after / k)}`;
  const change = !comparable
    ? 'fell'
    : held
      ? `held at ${f2(after / k)} on average`
      : after > before
        ? `still rose over the ${c.period} (${avg}), with everything else that happened`
        : `fell (${avg})`;
  return { change, dT, k };
}

/** One story per head who broke a commitment. */
function brokenStories(c: StoryContext, broken: Map<number, { targets: number[]; group: number }>): Story[] {
  const { names, mem, tick, when } = c;
  const G = c.model.state.groups;
  const out: Story[] = [];
  for (const [actor, b] of broken) {
    const a = names[actor];
    const tg = b.targets;
    const heads = [actor, ...tg];
    const act = { kind: TRACE.promise, actor, targets: tg, ok: false };
    if (tg.length === 1) {
      const e = mem.edge(tg[0], actor);
      const integ = mem.moved(`${names[tg[0]]}'s view of ${a}'s integrity`, 'integrity', e, false);
      const tr = mem.moved(`${names[tg[0]]}'s trust in ${a}`, 'trust', e);
      const text = `${a} broke a commitment to ${names[tg[0]]}: ${joinParts([integ.text, tr.text])}.`;
      out.push({ score: 0.03 + Math.abs(tr.d), bucket: 'broken', pair: `broken:${actor}`, entry: { tick, when, kind: 'down', heads, act, text } });
      continue;
    }
    // The same commitment seen by several partners: their views, on average.
    const members = G.memberStart[b.group + 1] - G.memberStart[b.group];
    const { change, dT, k } = groupIntegrityChange(c, actor, tg);
    const whole = tg.length === members - 1;
    const whom = whole ? 'the group' : list(tg.map((t) => names[t]));
    const seenBy = whole ? 'partners' : list(tg.map((t) => names[t]));
    const text = `${a} broke a commitment to ${whom}: ${seenBy === 'partners' ? "partners'" : `${seenBy}'s`} view of ${a}'s integrity ${change}.`;
    out.push({
      score: 0.03 * tg.length + dT / Math.max(1, k),
      bucket: 'broken',
      pair: `broken:${actor}`,
      entry: { tick, when, kind: 'down', heads, act, text },
    });
  }
  return out;
}

/** A challenge: the target's perceptions of the actor (competence when taken well, regard when taken as an attack). */
function challengeStory(c: StoryContext, ev: TraceEvent, n: number): Story {
  const { names, mem, tick, when } = c;
  const S = c.model.state.schools;
  const L = c.model.state.leaders;
  const { actor, target, ok } = ev;
  const a = names[actor];
  const b = names[target];
  const e = mem.edge(target, actor);
  const on = `${a} challenged ${b}${times(n)} on ${S.names[L.school[target]]}'s ${topic(tick, actor, target)}`;
  const tr = mem.moved(`${b}'s trust in ${a}`, 'trust', e);
  const part = ok ? mem.moved(`${b}'s view of ${a}'s competence`, 'competence', e, true) : mem.moved(`${b}'s regard for ${a}`, 'regard', e, false);
  const text = ok ? `${on}; ${b} took it well — ${joinParts([part.text, tr.text])}.` : `${on}; ${b} took it as an attack — ${joinParts([part.text, tr.text])}.`;
  const entry: LogEntry = { tick, when, kind: ok ? 'up' : 'down', heads: [actor, target], act: { kind: ev.kind, actor, targets: [target], ok }, text };
  return { score: (ok ? 0.02 : 0.03) + Math.abs(tr.d), bucket: ok ? 'accepted' : 'attack', pair: pairKey(actor, target), entry };
}

/** An admitted weakness: the actor's view of the target (backed up, trust grows; met with nothing, regard falls). */
function vulnerabilityStory(c: StoryContext, ev: TraceEvent, n: number): Story {
  const { names, mem, tick, when } = c;
  const S = c.model.state.schools;
  const L = c.model.state.leaders;
  const { actor, target, ok } = ev;
  const a = names[actor];
  const b = names[target];
  const e = mem.edge(actor, target);
  const what = `${a} admitted a weakness${times(n)} (${S.names[L.school[actor]]}'s ${topic(tick, actor, target)}) to ${b}`;
  const tr = mem.moved(`${a}'s trust in ${b}`, 'trust', e, ok);
  const text = ok
    ? `${what}, who responded with support: ${tr.text || `${a}'s regard for ${b} rose`}.`
    : `${what}, who offered no support: ${joinParts([mem.moved(`${a}'s regard for ${b}`, 'regard', e, false).text, tr.text])}.`;
  const entry: LogEntry = { tick, when, kind: ok ? 'up' : 'down', heads: [actor, target], act: { kind: ev.kind, actor, targets: [target], ok }, text };
  return { score: (ok ? 0.02 : 0.025) + Math.abs(tr.d), bucket: ok ? 'support' : 'snub', pair: pairKey(actor, target), entry };
}

/** The strongest of different kinds first, then the rest; one story per pair of heads. */
function choose(stories: Story[]): Story[] {
  stories.sort((x, y) => y.score - x.score);
  const pairs = new Set<string>();
  const buckets = new Set<string>();
  const chosen: Story[] = [];
  for (const pass of [0, 1]) {
    for (const s of stories) {
      if (chosen.length >= MAX_STORIES) break;
      if (pairs.has(s.pair) || chosen.includes(s) || (pass === 0 && buckets.has(s.bucket))) continue;
      pairs.add(s.pair);
      buckets.add(s.bucket);
      chosen.push(s);
    }
  }
  return chosen.sort((x, y) => y.score - x.score);
}

/**
 * The tick's most telling interactions, as stories: broken commitments, challenges taken well
 * or as an attack, weaknesses admitted and met with support or not. Who, to whom and how it
 * landed come from the trace; the numbers are the affected relationship's actual change over
 * the tick. Up to four, different kinds first, one per pair of heads.
 */
export function traceStories(c: StoryContext): LogEntry[] {
  const { seen, broken } = collect(c);
  const stories = brokenStories(c, broken);
  for (const { ev, n } of seen.values()) {
    if (ev.kind === TRACE.challenge) stories.push(challengeStory(c, ev, n));
    else if (ev.kind === TRACE.vulnerability) stories.push(vulnerabilityStory(c, ev, n));
  }
  // The most telling is the tick's one story in the highlights.
  return choose(stories).map((s, i) => (i === 0 ? { ...s.entry, highlight: true } : s.entry));
}

/** A locality's tick in one line: every interaction counted, and one or two of the sampled ones told. */
export function localityLine(c: Pick<StoryContext, 'model' | 'period' | 'tick' | 'when' | 'trace' | 'names'>): LogEntry {
  const { trace, names } = c;
  const G = c.model.state.groups;
  const n = trace.count(TRACE.challenge);
  const well = trace.count(TRACE.challenge, true);
  const due = trace.count(TRACE.promise);
  const brokenN = trace.count(TRACE.promise, false);
  const vul = trace.count(TRACE.vulnerability);
  const backed = trace.count(TRACE.vulnerability, true);
  const parts: string[] = [];
  if (n) parts.push(`${n} challenge${n === 1 ? '' : 's'} (${well} taken well)`);
  if (due) parts.push(`${brokenN} of ${due} commitments broken`);
  if (vul) parts.push(`${vul} weakness${vul === 1 ? '' : 'es'} admitted (${backed} met with support)`);
  const tell = (ev: TraceEvent) => {
    const x = names[ev.actor];
    const y = names[ev.target];
    const where = G.names[ev.group] ? ` in ${G.names[ev.group]}` : '';
    if (ev.kind === TRACE.challenge) return `${x} challenged ${y}${where}, who took it ${ev.ok ? 'well' : 'as an attack'}`;
    if (ev.kind === TRACE.vulnerability) return `${x} admitted a weakness to ${y}${where}, who ${ev.ok ? 'responded with support' : 'offered no support'}`;
    return `${x} ${ev.ok ? 'kept' : 'broke'} a commitment to ${y}${where}`;
  };
  const sample = trace.events().filter((e) => !(e.kind === TRACE.promise && e.ok));
  const neg = sample.find((e) => !e.ok);
  const pos = sample.find((e) => e.ok);
  const examples = [neg, pos].filter((e): e is TraceEvent => e !== undefined);
  const heads = examples.flatMap((e) => [e.actor, e.target]);
  return {
    tick: c.tick,
    when: c.when,
    kind: 'meeting',
    heads,
    highlight: true,
    text: `Across the locality's groups this ${c.period}: ${parts.join(', ')}.${examples.length ? ` For example, ${examples.map(tell).join('; ')}.` : ''}`,
  };
}
