/**
 * The collabsim tick kernel written as a Flocc model, the way Flocc models
 * are written: heads and groups are Agents in an Environment, state is agent
 * data (get/set), a group's `tick` rule holds its meetings and returns its
 * Lencioni update as a `queue` rule (run after every agent's tick). Who knows
 * whom is a Flocc Network helper; each head's directed perceptions of a
 * partner live in its `ties` data (partner -> perceptions). A group larger
 * than the table size is seated afresh at each meeting (bench/peers/spec.ts)
 * and only heads at one table interact. Randomness: utils.seed /
 * utils.uniform (Flocc's seeded generator), one stream for the model, five
 * draws per observed pair and one per seat, as the engine draws (not the
 * engine's numbers: results agree in distribution). Same equations and
 * parameters as src/model/mechanisms/trust/meetings.ts and lencioni.ts.
 *
 * Flocc's Network keeps a dense n x n adjacency matrix that it rebuilds on
 * every addAgent, so building it is O(n^3) or worse: the benchmark measures
 * that build where it is feasible and runs larger networks without it
 * (`withNetwork: false`), saying so.
 */
import { Agent, Environment, Network, utils } from 'flocc';
import { powerMeanTrust, seatAtTables, type NetworkSpec, type PeerModel, type TickMetrics } from './spec.ts';

interface Tie {
  respect: number;
  regard: number;
  competence: number;
  integrity: number;
  trust: number;
  interactions: number;
}

function toward(p: number, obs: number, up: number, down: number): number {
  const o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  return p + (o > p ? up : down) * (o - p);
}

export interface FloccBuild {
  model: PeerModel;
  networkMs: number;
}

export function buildFlocc(spec: NetworkSpec, seed: number, opts: { withNetwork: boolean }): FloccBuild {
  utils.seed(seed);
  const P = spec.params;
  const env = new Environment();
  const standing = spec.schools.standing;
  const learning = new Float64Array(spec.schools.n);
  const L = spec.leaders;
  const heads: Agent[] = [];
  for (let i = 0; i < L.n; i++) {
    const h = new Agent({
      school: L.school[i],
      listen: L.listen[i],
      openness: L.openness[i],
      candour: L.candour[i],
      moralPurpose: L.moralPurpose[i],
      competence: L.competence[i],
      followThrough: L.followThrough[i],
      ties: new Map<Agent, Tie>(),
    });
    env.addAgent(h);
    heads.push(h);
  }
  const T = spec.ties;
  for (let e = 0; e < T.n; e++) {
    (heads[T.src[e]].get('ties') as Map<Agent, Tie>).set(heads[T.dst[e]], {
      respect: T.respect[e],
      regard: T.regard[e],
      competence: T.competence[e],
      integrity: T.integrity[e],
      trust: T.trust[e],
      interactions: 0,
    });
  }
  let networkMs = NaN;
  if (opts.withNetwork) {
    const t0 = performance.now();
    const network = new Network();
    env.use(network);
    for (const h of heads) network.addAgent(h);
    for (let e = 0; e < T.n; e++) if (T.src[e] < T.dst[e]) network.connect(heads[T.src[e]], heads[T.dst[e]]);
    networkMs = performance.now() - t0;
  }

  let updates = 0;
  const up = P.buildRate,
    down = P.loseRate,
    noise = 2 * P.observationNoise,
    half = P.observationNoise,
    u16 = 1 / 65536;
  // Seating scratch: member positions and each table's first position.
  const most = Math.max(0, ...spec.groups.members.map((mm) => mm.length));
  const order = new Int32Array(most);
  const first = new Int32Array(most + 1);
  /** A group's meetings this tick (its `tick` rule). */
  const meet = (g: Agent) => {
    const lambda = g.get('meetingsPerYear') / P.ticksPerYear;
    let m = Math.floor(lambda);
    if (utils.uniform() < lambda - m) m++;
    if (!g.get('lead')) {
      let held = 0;
      for (let k = 0; k < m; k++) if (utils.uniform() < P.noLeadMeetingChance) held++;
      m = held;
    }
    const commitChance = g.get('roles') ? P.rolesCommitmentChance : P.commitmentChance;
    const vulnBoost = g.get('informal') ? 1 + P.informalVulnerabilityBoost : 1;
    const cushion = g.get('code') ? P.challengeCushion : 0;
    const members = g.get('members') as Agent[];
    const n = members.length;
    // The Lencioni levels' feedback (neutral values without it), as in the engine.
    const feedback = P.lencioniFeedback;
    const groupInsight = n > 1 ? ((P.challengeInsight * (feedback ? g.get('lCommitment') : 0.5)) / (n - 1)) * P.ticksPerYear : 0;
    const challengeScale = feedback ? 0.5 + g.get('lConflict') : 1;
    const holdToAccount = feedback ? 0.5 * g.get('lAccountability') : 0;
    /** i observes j: five draws (respect and regard share one, split into two 16-bit uniforms). */
    const observe = (i: Agent, j: Agent) => {
      const tie = (i.get('ties') as Map<Agent, Tie>).get(j)!;
      const back = (j.get('ties') as Map<Agent, Tie>).get(i)!;
      const tji = back.trust,
        tij = tie.trust;
      let u = utils.uniform() * 65536;
      const hi = Math.floor(u);
      tie.respect = toward(tie.respect, j.get('listen') + noise * hi * u16 - half, up, down);
      tie.regard = toward(tie.regard, 0.2 + 0.4 * j.get('moralPurpose') + 0.4 * tji + noise * (u - hi) - half, up, down);
      tie.competence = toward(tie.competence, 0.5 * j.get('competence') + 0.5 * standing[j.get('school')] + noise * utils.uniform() - half, up, down);
      // Each follow-up decision reuses the conditional uniform u / p of the draw that made the event happen.
      if ((u = utils.uniform()) < commitChance) {
        const ft = j.get('followThrough');
        tie.integrity = toward(tie.integrity, u / commitChance < ft + (1 - ft) * holdToAccount ? 1 : P.brokenPromise, up, down);
      }
      const pv = Math.min(1, j.get('openness') * (0.3 + 0.7 * tji) * vulnBoost);
      if ((u = utils.uniform()) < pv) {
        if (u / pv < 0.2 + 0.5 * i.get('moralPurpose') + 0.3 * tij) {
          back.regard = toward(back.regard, 1, up, down);
          back.respect = toward(back.respect, 1, up, down);
          tie.integrity = toward(tie.integrity, 1, up, down);
        } else back.regard = toward(back.regard, P.snub, up, down);
        back.trust = powerMeanTrust(back.respect, back.regard, back.competence, back.integrity);
      }
      const pc = Math.min(1, j.get('candour') * (0.25 + 0.75 * tji) * challengeScale);
      if ((u = utils.uniform()) < pc) {
        const base = 0.3 + 0.7 * tij;
        if (u / pc < base + cushion * (1 - base)) {
          tie.competence = toward(tie.competence, 1, up, down);
          learning[i.get('school')] += groupInsight;
        } else tie.regard = toward(tie.regard, P.snub, up, down);
      }
      tie.trust = powerMeanTrust(tie.respect, tie.regard, tie.competence, tie.integrity);
      tie.interactions++;
    };
    for (let meeting = 0; meeting < m; meeting++) {
      g.increment('meetingsHeld');
      if (n <= P.tableSize) {
        updates += n * (n - 1);
        for (const i of members)
          for (const j of members) {
            if (i !== j) observe(i, j);
          }
        continue;
      }
      // A fresh seating: only heads at one table interact.
      const tables = seatAtTables(n, P.tableSize, utils.uniform, order, first);
      for (let t = 0; t < tables; t++) {
        const size = first[t + 1] - first[t];
        updates += size * (size - 1);
        for (let a = first[t]; a < first[t + 1]; a++)
          for (let b = first[t]; b < first[t + 1]; b++) {
            if (b !== a) observe(members[order[a]], members[order[b]]);
          }
      }
    }
    // Data a tick rule returns is set after every agent's tick; a returned `queue`
    // rule then runs once: the Lencioni update, after every group has met.
    return { queue: cascade };
  };
  /** The group's Lencioni update (its queued rule: runs after every group has met). */
  const cascade = (g: Agent) => {
    const members = g.get('members') as Agent[];
    let sum = 0,
      n = 0;
    for (const i of members)
      for (const j of members)
        if (i !== j) {
          sum += (i.get('ties') as Map<Agent, Tie>).get(j)!.trust;
          n++;
        }
    const l1 = n ? sum / n : 0;
    const nm = members.length || 1;
    const cand = utils.sum(members.map((h) => h.get('candour'))) / nm;
    const follow = utils.sum(members.map((h) => h.get('followThrough'))) / nm;
    const purpose = utils.sum(members.map((h) => h.get('moralPurpose'))) / nm;
    const clarity = 0.5 * (g.get('lead') ? 1 : 0) + 0.5 * (g.get('roles') ? 1 : 0);
    const reach = P.commitmentBase + (1 - P.commitmentBase) * clarity;
    const rho = P.lencioniAdjust;
    const l2 = Math.min(l1, g.get('lConflict') + rho * (Math.min(cand, l1) - g.get('lConflict')));
    const l3 = Math.min(l2, g.get('lCommitment') + rho * (Math.min(reach, l2) - g.get('lCommitment')));
    const l4 = Math.min(l3, g.get('lAccountability') + rho * (Math.min(follow, l3) - g.get('lAccountability')));
    const l5 = Math.min(l4, g.get('lResults') + rho * (Math.min(purpose, l4) - g.get('lResults')));
    g.set({ lTrust: l1, lConflict: l2, lCommitment: l3, lAccountability: l4, lResults: l5 });
  };
  const G = spec.groups;
  const groups: Agent[] = [];
  for (let k = 0; k < G.n; k++) {
    const g = new Agent({
      members: G.members[k].map((i) => heads[i]),
      meetingsPerYear: G.meetingsPerYear[k],
      lead: G.partnershipLead[k] === 1,
      roles: G.writtenRoles[k] === 1,
      informal: G.informalTime[k] === 1,
      code: G.codeOfConduct[k] === 1,
      lTrust: G.levels[0][k],
      lConflict: G.levels[1][k],
      lCommitment: G.levels[2][k],
      lAccountability: G.levels[3][k],
      lResults: G.levels[4][k],
      meetingsHeld: 0,
    });
    // `tick` is Flocc's per-tick rule slot.
    g.set('tick', meet);
    env.addAgent(g);
    groups.push(g);
  }

  const metrics = (): TickMetrics => {
    let t = 0,
      n = 0;
    for (const h of heads)
      for (const tie of (h.get('ties') as Map<Agent, Tie>).values()) {
        t += tie.trust;
        n++;
      }
    const ng = groups.length || 1;
    return {
      trustMean: n ? t / n : NaN,
      lencioniTrust: utils.sum(groups.map((g) => g.get('lTrust'))) / ng,
      lencioniResults: utils.sum(groups.map((g) => g.get('lResults'))) / ng,
    };
  };
  return {
    model: {
      step: () => {
        learning.fill(0);
        env.tick();
      },
      metrics,
      updates: () => updates,
    },
    networkMs,
  };
}
