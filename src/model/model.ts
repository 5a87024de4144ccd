/**
 * The school collaboration model: one tick applies the rules of model brief
 * section 3 in order. Each rule lives in its own file under rules/.
 */
import type { Steppable } from '../engine/loop.ts';
import { makeStreams } from '../engine/rng.ts';
import type { Cell } from '../engine/contract.ts';
import type { Scenario, TimelineEvent } from '../scenario/schema.ts';
import { buildState } from './build.ts';
import { perTickRates, type Ctx } from './context.ts';
import { Observer } from './metrics.ts';
import { applyEvent, eventTick } from './rules/events.ts';
import { improvement } from './rules/improvement.ts';
import { knowledgeExchange } from './rules/knowledge.ts';
import { lencioni } from './rules/lencioni.ts';
import { meetings, refreshLeaderBehaviour } from './rules/meetings.ts';
import { peerReview } from './rules/peerReview.ts';
import { communityStrength, leaderTurnover, teacherRetention } from './rules/turnover.ts';
import { GOVERNANCE, GRADE_BANDS, GROUP_KINDS, PHASES, STANCES, type ModelState } from './state.ts';
import { installPolicy, policyLearning, policySchoolRows, policyStructure, practiceSpread, rivalry } from './policy/index.ts';

export class SchoolModel implements Steppable {
  readonly ctx: Ctx;
  readonly observer: Observer;
  private readonly schedule: Map<number, TimelineEvent[]>;

  constructor(readonly scenario: Scenario, seed: number, readonly ticks: number) {
    const rng = makeStreams(seed);
    const state = buildState(scenario, rng.setup);
    this.ctx = { state, scenario, rng, perTick: perTickRates(scenario) };
    this.schedule = new Map();
    for (const ev of scenario.timeline) {
      const t = eventTick(ev, scenario.ticksPerYear);
      if (!this.schedule.has(t)) this.schedule.set(t, []);
      this.schedule.get(t)!.push(ev);
    }
    // Policy layer: locality, trusts, hubs, spanners, competition, practice.
    installPolicy(this.ctx);
    // Lencioni levels and community start from the initial network.
    communityStrength(this.ctx);
    this.observer = new Observer(state, scenario, ticks);
  }

  get state(): ModelState {
    return this.ctx.state;
  }

  step(tick: number): void {
    const ctx = this.ctx;
    const st = ctx.state;
    st.tick = tick;
    const T = st.tallies;
    T.departuresThisTick = 0;
    T.reviewCount = 0;
    T.reviewHonestySum = 0;
    T.reviewRigourSum = 0;
    T.challenges = 0;
    T.challengesAccepted = 0;
    st.schools.learning.fill(0);
    // 1. Scheduled policy events.
    const evs = this.schedule.get(tick);
    if (evs) for (const ev of evs) applyEvent(ctx, ev);
    // 1b. Policy layer: yearly structure (trusts, hubs, spanners, competition) and rebuilds after events.
    policyStructure(ctx);
    // 2-3. Meetings, interactions and the trust update.
    refreshLeaderBehaviour(ctx);
    meetings(ctx);
    // 3b. Competition: rivalry erodes trust between nearby competitors (policy layer).
    rivalry(ctx);
    // 4. Lencioni cascade.
    lencioni(ctx);
    // 5. Peer review cycle.
    peerReview(ctx);
    // 6. Knowledge exchange.
    knowledgeExchange(ctx);
    // 6b. Professional learning from hubs, trusts and the spreading practice (policy layer).
    policyLearning(ctx);
    // 7. Improvement.
    improvement(ctx);
    // 8. Turnover and retention.
    leaderTurnover(ctx);
    communityStrength(ctx);
    teacherRetention(ctx);
    // 9b. Word-of-mouth spread of a practice along trusted ties (policy layer).
    practiceSpread(ctx);
  }

  observe(tick: number): void {
    this.observer.observe(tick);
  }

  /** Final state per school. */
  schoolRows(): Record<string, Cell>[] {
    const { schools: S, leaders: L, edges: E, groups: G } = this.state;
    const rows: Record<string, Cell>[] = [];
    const policyRows = policySchoolRows(this.state); // policy layer columns
    for (let s = 0; s < S.n; s++) {
      const h = S.leader[s];
      let tin = 0, nin = 0, tout = 0, nout = 0;
      for (let e = E.outStart[h]; e < E.outStart[h + 1]; e++) {
        tout += E.trust[e];
        nout++;
        tin += E.trust[E.rev[e]];
        nin++;
      }
      const groups: string[] = [];
      for (let k = G.byLeaderStart[h]; k < G.byLeaderStart[h + 1]; k++) groups.push(G.names[G.byLeader[k]]);
      rows.push({
        school: s,
        name: S.names[s],
        phase: PHASES[S.phase[s]],
        pupils: S.pupils[s],
        x: S.x[s],
        y: S.y[s],
        disadvantage: S.disadvantage[s],
        disadvantaged: S.disadvantaged[s] === 1,
        governance: GOVERNANCE[S.governance[s]],
        mat: S.mat[s] < 0 ? '' : S.mat[s],
        stance: STANCES[S.stance[s]],
        groups: groups.join(' '),
        effectiveness_start: S.effectivenessStart[s],
        effectiveness: S.effectiveness[s],
        effectiveness_change: S.effectiveness[s] - S.effectivenessStart[s],
        grade: GRADE_BANDS[S.grade[s]].label,
        improving: S.improving[s] === 1,
        capacity: S.capacity[s],
        internal_trust: S.internalTrust[s],
        community: S.community[s],
        teachers_retained: S.cohortLeft[s],
        teachers_start: S.cohortStart[s],
        maths_retained: S.mathsLeft[s],
        maths_start: S.mathsStart[s],
        head: L.names[h],
        head_changes: L.changes[h],
        head_tenure_years: L.tenure[h],
        head_openness: L.openness[h],
        head_candour: L.candour[h],
        head_propensity_to_trust: L.propensity[h],
        head_competitiveness: L.competitiveness[h],
        head_follow_through: L.followThrough[h],
        head_moral_purpose: L.moralPurpose[h],
        head_competence: L.competence[h],
        trust_given_mean: nout ? tout / nout : NaN,
        trust_received_mean: nin ? tin / nin : NaN,
        ...policyRows[s],
      });
    }
    return rows;
  }

  groupRows(): Record<string, Cell>[] {
    const G = this.state.groups;
    const LEVELS = ['none', 'conflict', 'commitment', 'accountability', 'results'];
    const rows: Record<string, Cell>[] = [];
    for (let g = 0; g < G.n; g++) {
      rows.push({
        group: G.names[g],
        kind: GROUP_KINDS[G.kind[g]],
        members: G.memberStart[g + 1] - G.memberStart[g],
        meetings_per_year: G.meetingsPerYear[g],
        meetings_held: G.meetingsHeld[g],
        code_of_conduct: !!G.codeOfConduct[g],
        partnership_lead: !!G.partnershipLead[g],
        informal_time: !!G.informalTime[g],
        written_roles: !!G.writtenRoles[g],
        peer_review: !!G.peerReview[g],
        lencioni_trust: G.lTrust[g],
        lencioni_conflict: G.lConflict[g],
        lencioni_commitment: G.lCommitment[g],
        lencioni_accountability: G.lAccountability[g],
        lencioni_results: G.lResults[g],
        gated_at: LEVELS[G.binding[g]],
        maturity: maturityOf(G.lResults[g], G.meetingsHeld[g]),
      });
    }
    return rows;
  }
}

/** Maturity stage (seed 002: starter, developer, mature), from experience and results focus. */
export function maturityOf(results: number, meetingsHeld: number): string {
  if (meetingsHeld >= 18 && results >= 0.45) return 'mature';
  if (meetingsHeld >= 6 && results >= 0.25) return 'developer';
  return 'starter';
}
