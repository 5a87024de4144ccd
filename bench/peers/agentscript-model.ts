/**
 * The collabsim tick kernel written as an AgentScript model, the way
 * AgentScript (NetLogo in JavaScript) models are written: a Model subclass
 * with setup() and step(); heads are turtles of breed `heads`, each directed
 * relationship is a link of breed `ties` from the observer to the observed
 * head carrying the four perceptions and trust, and partnerships (trusts,
 * hubs) are turtles of breed `groups` that hold their members and ties and
 * their Lencioni levels. A group larger than the table size is seated afresh
 * at each meeting and only heads at one table interact. Randomness:
 * util.randomSeed (AgentScript's seeded Math.random), one stream for the
 * model, five draws per observed pair and one per seat, as the engine draws
 * (not the engine's numbers: results agree in distribution). The seating is a
 * Fisher-Yates shuffle written out (bench/peers/spec.ts): AgentScript's
 * util.shuffle draws j in [0, i) (Sattolo's algorithm), so it yields only
 * cyclic permutations. Same equations and parameters as
 * src/model/mechanisms/trust/meetings.ts and lencioni.ts.
 */
import './headless.ts';
import { Model, AgentArray, World, util } from 'agentscript';
import { powerMeanTrust, seatAtTables, type NetworkSpec, type PeerModel, type TickMetrics } from './spec.ts';

/** Move a perception toward an observation: slow up, quick down. */
function toward(p: number, obs: number, up: number, down: number): number {
  const o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  return p + (o > p ? up : down) * (o - p);
}

export class CollabModel extends Model {
  spec!: NetworkSpec;
  standing!: Float64Array;
  learning!: Float64Array;
  updates = 0;
  /** Seating scratch: member positions, each table's first position, the ties at the tables. */
  order = new Int32Array(0);
  first = new Int32Array(0);
  seated = new AgentArray<any>();

  constructor(spec: NetworkSpec) {
    super(World.defaultOptions(8, 8));
    this.spec = spec;
  }

  override setup(): void {
    const s = this.spec;
    this.turtleBreeds('heads groups');
    this.linkBreeds('ties');
    this.standing = s.schools.standing;
    const most = Math.max(0, ...s.groups.members.map((m) => m.length));
    this.order = new Int32Array(most);
    this.first = new Int32Array(most + 1);
    this.learning = new Float64Array(s.schools.n);
    const L = s.leaders;
    this.heads.create(L.n, (h: any) => {
      const i = h.id;
      h.school = L.school[i];
      h.listen = L.listen[i];
      h.openness = L.openness[i];
      h.candour = L.candour[i];
      h.moralPurpose = L.moralPurpose[i];
      h.competence = L.competence[i];
      h.followThrough = L.followThrough[i];
    });
    const heads = this.heads;
    const T = s.ties;
    const byPair = new Map<number, any>();
    for (let e = 0; e < T.n; e++) {
      this.ties.createOne(heads[T.src[e]], heads[T.dst[e]], (l: any) => {
        l.respect = T.respect[e];
        l.regard = T.regard[e];
        l.competence = T.competence[e];
        l.integrity = T.integrity[e];
        l.trust = T.trust[e];
        l.interactions = 0;
      });
      byPair.set(T.src[e] * L.n + T.dst[e], this.ties[this.ties.length - 1]);
    }
    this.ties.ask((l: any) => (l.rev = byPair.get(l.end1.id * L.n + l.end0.id)));
    const G = s.groups;
    let gi = 0;
    this.groups.create(G.n, (g: any) => {
      const k = gi++;
      g.members = AgentArray.fromArray(G.members[k].map((i) => heads[i]));
      // Member-by-member order: member p's tie to member q at p (n - 1) + (q < p ? q : q - 1).
      const ties: any[] = [];
      for (const a of G.members[k]) for (const b of G.members[k]) if (a !== b) ties.push(byPair.get(a * L.n + b));
      g.ties = AgentArray.fromArray(ties);
      g.meetingsPerYear = G.meetingsPerYear[k];
      g.lead = G.partnershipLead[k] === 1;
      g.roles = G.writtenRoles[k] === 1;
      g.informal = G.informalTime[k] === 1;
      g.code = G.codeOfConduct[k] === 1;
      [g.lTrust, g.lConflict, g.lCommitment, g.lAccountability, g.lResults] = G.levels.map((a) => a[k]);
      g.meetingsHeld = 0;
    });
  }

  override step(): void {
    this.learning.fill(0);
    this.groups.ask((g: any) => this.meet(g));
    this.groups.ask((g: any) => this.lencioni(g));
  }

  meet(g: any): void {
    const P = this.spec.params;
    const up = P.buildRate,
      down = P.loseRate,
      noise = 2 * P.observationNoise,
      half = P.observationNoise,
      u16 = 1 / 65536;
    const lambda = g.meetingsPerYear / P.ticksPerYear;
    let m = Math.floor(lambda);
    if (Math.random() < lambda - m) m++;
    if (!g.lead) {
      let held = 0;
      for (let k = 0; k < m; k++) if (Math.random() < P.noLeadMeetingChance) held++;
      m = held;
    }
    const commitChance = g.roles ? P.rolesCommitmentChance : P.commitmentChance;
    const vulnBoost = g.informal ? 1 + P.informalVulnerabilityBoost : 1;
    const cushion = g.code ? P.challengeCushion : 0;
    const n = g.members.length;
    // The Lencioni levels' feedback (neutral values without it), as in the engine.
    const feedback = P.lencioniFeedback;
    const groupInsight = n > 1 ? ((P.challengeInsight * (feedback ? g.lCommitment : 0.5)) / (n - 1)) * P.ticksPerYear : 0;
    const challengeScale = feedback ? 0.5 + g.lConflict : 1;
    const holdToAccount = feedback ? 0.5 * g.lAccountability : 0;
    /** One observed pair: five draws (respect and regard share one, split into two 16-bit uniforms). */
    const observe = (tie: any) => {
      const i = tie.end0,
        j = tie.end1,
        back = tie.rev;
      const tji = back.trust,
        tij = tie.trust;
      let u = Math.random() * 65536;
      const hi = Math.floor(u);
      tie.respect = toward(tie.respect, j.listen + noise * hi * u16 - half, up, down);
      tie.regard = toward(tie.regard, 0.2 + 0.4 * j.moralPurpose + 0.4 * tji + noise * (u - hi) - half, up, down);
      tie.competence = toward(tie.competence, 0.5 * j.competence + 0.5 * this.standing[j.school] + noise * Math.random() - half, up, down);
      // Each follow-up decision reuses the conditional uniform u / p of the draw that made the event happen.
      if ((u = Math.random()) < commitChance) {
        const ft = j.followThrough;
        tie.integrity = toward(tie.integrity, u / commitChance < ft + (1 - ft) * holdToAccount ? 1 : P.brokenPromise, up, down);
      }
      const pv = Math.min(1, j.openness * (0.3 + 0.7 * tji) * vulnBoost);
      if ((u = Math.random()) < pv) {
        if (u / pv < 0.2 + 0.5 * i.moralPurpose + 0.3 * tij) {
          back.regard = toward(back.regard, 1, up, down);
          back.respect = toward(back.respect, 1, up, down);
          tie.integrity = toward(tie.integrity, 1, up, down);
        } else back.regard = toward(back.regard, P.snub, up, down);
        back.trust = powerMeanTrust(back.respect, back.regard, back.competence, back.integrity);
      }
      const pc = Math.min(1, j.candour * (0.25 + 0.75 * tji) * challengeScale);
      if ((u = Math.random()) < pc) {
        const base = 0.3 + 0.7 * tij;
        if (u / pc < base + cushion * (1 - base)) {
          tie.competence = toward(tie.competence, 1, up, down);
          this.learning[i.school] += groupInsight;
        } else tie.regard = toward(tie.regard, P.snub, up, down);
      }
      tie.trust = powerMeanTrust(tie.respect, tie.regard, tie.competence, tie.integrity);
      tie.interactions++;
    };
    const atTables = n > P.tableSize;
    for (let meeting = 0; meeting < m; meeting++) {
      g.meetingsHeld++;
      if (!atTables) {
        this.updates += g.ties.length;
        g.ties.ask(observe);
        continue;
      }
      // A fresh seating; the ties between heads at one table, from the group's member-by-member ties.
      const tables = seatAtTables(n, P.tableSize, Math.random, this.order, this.first);
      const seated = this.seated;
      seated.length = 0;
      for (let t = 0; t < tables; t++)
        for (let a = this.first[t]; a < this.first[t + 1]; a++) {
          const p = this.order[a];
          for (let b = this.first[t]; b < this.first[t + 1]; b++) {
            if (b === a) continue;
            const q = this.order[b];
            seated.push(g.ties[p * (n - 1) + (q < p ? q : q - 1)]);
          }
        }
      this.updates += seated.length;
      seated.ask(observe);
    }
  }

  lencioni(g: any): void {
    const P = this.spec.params;
    const rho = P.lencioniAdjust;
    const l1 = g.ties.length ? g.ties.reduce((s: number, t: any) => s + t.trust, 0) / g.ties.length : 0;
    const n = g.members.length || 1;
    const cand = g.members.reduce((s: number, h: any) => s + h.candour, 0) / n;
    const follow = g.members.reduce((s: number, h: any) => s + h.followThrough, 0) / n;
    const purpose = g.members.reduce((s: number, h: any) => s + h.moralPurpose, 0) / n;
    const clarity = 0.5 * (g.lead ? 1 : 0) + 0.5 * (g.roles ? 1 : 0);
    const reach = P.commitmentBase + (1 - P.commitmentBase) * clarity;
    g.lTrust = l1;
    g.lConflict = Math.min(l1, g.lConflict + rho * (Math.min(cand, l1) - g.lConflict));
    g.lCommitment = Math.min(g.lConflict, g.lCommitment + rho * (Math.min(reach, g.lConflict) - g.lCommitment));
    g.lAccountability = Math.min(g.lCommitment, g.lAccountability + rho * (Math.min(follow, g.lCommitment) - g.lAccountability));
    g.lResults = Math.min(g.lAccountability, g.lResults + rho * (Math.min(purpose, g.lAccountability) - g.lResults));
  }

  metrics(): TickMetrics {
    let t = 0;
    this.ties.ask((l: any) => (t += l.trust));
    let a = 0,
      b = 0;
    this.groups.ask((g: any) => {
      a += g.lTrust;
      b += g.lResults;
    });
    const ng = this.groups.length || 1;
    return { trustMean: this.ties.length ? t / this.ties.length : NaN, lencioniTrust: a / ng, lencioniResults: b / ng };
  }
}

export function buildAgentScript(spec: NetworkSpec, seed: number): PeerModel {
  util.randomSeed(seed);
  const model = new CollabModel(spec);
  model.setup();
  return { step: () => model.step(), metrics: () => model.metrics(), updates: () => model.updates };
}
