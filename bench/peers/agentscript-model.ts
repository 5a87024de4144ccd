/**
 * The collabsim tick kernel written as an AgentScript model, the way
 * AgentScript (NetLogo in JavaScript) models are written: a Model subclass
 * with setup() and step(); heads are turtles of breed `heads`, each directed
 * relationship is a link of breed `ties` from the observer to the observed
 * head carrying the four perceptions and trust, and partnerships (trusts,
 * hubs) are turtles of breed `groups` that hold their members and ties and
 * their Lencioni levels. Randomness: util.randomSeed (AgentScript's seeded
 * Math.random). Same equations and parameters as src/model/mechanisms/trust/meetings.ts
 * and lencioni.ts.
 */
import './headless.ts';
import { Model, AgentArray, World, util } from 'agentscript';
import { powerMeanTrust, type NetworkSpec, type PeerModel, type TickMetrics } from './spec.ts';

/** Move a perception toward an observation: slow up, quick down. */
function toward(p: number, obs: number, up: number, down: number): number {
  const o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  return p + (o > p ? up : down) * (o - p);
}

export class CollabModel extends Model {
  spec!: NetworkSpec;
  effectiveness!: Float64Array;
  learning!: Float64Array;
  updates = 0;

  constructor(spec: NetworkSpec) {
    super(World.defaultOptions(8, 8));
    this.spec = spec;
  }

  override setup(): void {
    const s = this.spec;
    this.turtleBreeds('heads groups');
    this.linkBreeds('ties');
    this.effectiveness = s.schools.effectiveness;
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
      half = P.observationNoise;
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
    for (let meeting = 0; meeting < m; meeting++) {
      g.meetingsHeld++;
      this.updates += g.ties.length;
      g.ties.ask((tie: any) => {
        const i = tie.end0,
          j = tie.end1,
          back = tie.rev;
        const tji = back.trust,
          tij = tie.trust;
        tie.respect = toward(tie.respect, j.listen + noise * Math.random() - half, up, down);
        tie.regard = toward(tie.regard, 0.2 + 0.4 * j.moralPurpose + 0.4 * tji + noise * Math.random() - half, up, down);
        tie.competence = toward(tie.competence, 0.5 * j.competence + 0.5 * this.effectiveness[j.school] + noise * Math.random() - half, up, down);
        if (Math.random() < commitChance) tie.integrity = toward(tie.integrity, Math.random() < j.followThrough ? 1 : P.brokenPromise, up, down);
        const pv = j.openness * (0.3 + 0.7 * tji) * vulnBoost;
        if (Math.random() < Math.min(1, pv)) {
          if (Math.random() < 0.2 + 0.5 * i.moralPurpose + 0.3 * tij) {
            back.regard = toward(back.regard, 1, up, down);
            back.respect = toward(back.respect, 1, up, down);
            tie.integrity = toward(tie.integrity, 1, up, down);
          } else back.regard = toward(back.regard, P.snub, up, down);
        }
        if (Math.random() < j.candour * (0.25 + 0.75 * tji)) {
          const base = 0.3 + 0.7 * tij;
          if (Math.random() < base + cushion * (1 - base)) {
            tie.competence = toward(tie.competence, 1, up, down);
            this.learning[i.school] += P.challengeInsight;
          } else tie.regard = toward(tie.regard, P.snub, up, down);
        }
        tie.trust = powerMeanTrust(tie.respect, tie.regard, tie.competence, tie.integrity);
        back.trust = powerMeanTrust(back.respect, back.regard, back.competence, back.integrity);
        tie.interactions++;
      });
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
