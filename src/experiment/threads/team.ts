/**
 * A team of threads that shares one run's work (docs/ARCHITECTURE.md,
 * "Threads inside one run"). The main thread is thread 0 and starts
 * `threads - 1` worker threads once; they wait on a shared control block.
 * For the meetings of a tick the team walks the meeting plan's rounds: each
 * round's groups are cut into slices of equal expected work, one per thread,
 * and the next round starts when every slice is done. For the knowledge
 * exchange each thread computes the flows of a slice of the heads (equal
 * numbers of relationships); the main thread then adds them up in head order. The groups of a round
 * share no head, and each group draws from its own substream, so the result
 * is the same, to the byte, on any number of threads. For the observer's
 * pass over the relationships each thread takes a run of the pass's fixed
 * chunks, with a histogram and a union-find of its own; the main thread adds
 * the chunks' sums in chunk order and joins the components. For the Lencioni
 * cascade each thread updates the levels of a slice of the groups (equal
 * numbers of relationships); each group's levels depend on its own
 * relationships and members alone. For improvement the main thread draws
 * every school's shock in school order (the rule's own stream, as on one
 * thread; where the tick's meetings were shared, while the workers began
 * them), then each thread updates a slice of the schools. For the spread
 * of a practice each thread works out the adoption chances of a slice of the
 * schools; the main thread then makes the draws in school order. For the
 * tick's new heads (drawn in slot order on the main thread) each thread
 * resets the relationships of a slice of the list, each edge by one head.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Ctx, ParallelWork } from '../../model/core/context.ts';
import type { ModelState } from '../../model/core/state.ts';
import { addTallies, meetGroups, meetingParams, MEETING_ARRAYS, TALLY_FIELDS, type MeetingState } from '../../model/mechanisms/trust/meetings.ts';
import { meetingPlan, type MeetingPlan } from '../../model/mechanisms/trust/meeting-plan.ts';
import { CMD, COMMAND, CONTROL_SLOTS, DONE, FAILED, GEN, NEXT, READY, ROUND, waitWhile } from './control.ts';
import {
  improvementClaimed,
  knowledgeClaimed,
  lencioniClaimed,
  meetClaimed,
  practiceClaimed,
  relationshipsClaimed,
  resetsClaimed,
  stepChunks,
} from './steps.ts';
import {
  EDGE_POLICY,
  EDGE_THR,
  KNOWLEDGE_RATE,
  LENCIONI_BASE,
  LENCIONI_RHO,
  PARAM_SLOTS,
  RESET_COUNT,
  packImprovement,
  packNewcomer,
  packParams,
  packPractice,
  unpackParams,
} from './params.ts';
import { boundArrays, shareArrays, stillBound, viewOf, type BoundArrays } from './shared-state.ts';
import { cascadeGroups, LENCIONI_ARRAYS, type LencioniState } from '../../model/mechanisms/lencioni/lencioni.ts';
import { drawShocks, improvementTick, improveSchools, IMPROVEMENT_ARRAYS, type ImprovementState } from '../../model/mechanisms/improvement/improvement.ts';
import { practiceExposure, practiceTick, PRACTICE_ARRAYS, type PracticeState } from '../../model/mechanisms/practice-spread/practice-spread.ts';
import { KNOWLEDGE_ARRAYS, knowledgeFlows, type KnowledgeState } from '../../model/mechanisms/knowledge/knowledge.ts';
import { addChunks, EDGE_PASS_ARRAYS, HIST_BINS, mergeComponents, passOnOneThread, type EdgePassState } from '../../model/observe/edge-pass.ts';
import type { EdgePassJob, EdgePassOut } from '../../model/core/edges.ts';
import { resetReplaced, RESET_ARRAYS, type ResetState } from '../../model/mechanisms/trust/newcomers.ts';
import type { ReplacedHeads } from '../../model/core/context.ts';
import { teamBuffers, type TeamBuffers } from './buffers.ts';

const BOOT = new URL('./team-boot.mjs', import.meta.url);

/** By default a round is shared out only when a tick's share of it is at least this many relationship updates (waking threads costs some microseconds). */
const MIN_SHARED_UPDATES = 4096;

export interface TeamOptions {
  /** Share a round out only above this many relationship updates in a tick (default 4,096; 0 shares every round, as the tests do). */
  minSharedUpdates?: number;
}

/** The arrays of every rule the team shares, moved into shared memory when bound. */
const SHARED_LISTS = [MEETING_ARRAYS, KNOWLEDGE_ARRAYS, EDGE_PASS_ARRAYS, LENCIONI_ARRAYS, IMPROVEMENT_ARRAYS, PRACTICE_ARRAYS, RESET_ARRAYS];

/** How long the team waits for its threads to start. */
const START_TIMEOUT_MS = 60_000;

export class ThreadTeam implements ParallelWork {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  private readonly params = new Float64Array(new SharedArrayBuffer(PARAM_SLOTS * 8));
  private readonly tally: Float64Array;
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];
  private plan?: MeetingPlan;
  private view?: MeetingState;
  private kview?: KnowledgeState;
  private eview?: EdgePassState;
  private lview?: LencioniState;
  private iview?: ImprovementState;
  private pview?: PracticeState;
  private rview?: ResetState;
  /** The threads' shared outputs and scratch (grown with the model): knowledge flows, the relationship pass's chunks, histograms, union-finds and rivalry flags. */
  private buffers: TeamBuffers = teamBuffers(0, 0, 0, 0, 1);
  /** The chunks each shared step is cut into (steps.ts). */
  private readonly chunks: number;
  /** The rivalry flags last copied into buffers.flags. */
  private flagsFrom?: Uint8Array;
  private state?: ModelState;
  /** The state's shared arrays as last bound (stillBound tells whether they are still in place). */
  private bound?: BoundArrays;
  private closed = false;
  private readonly key = new Uint32Array(2);
  private readonly minShared: number;
  /**
   * Each run's improvement shocks for the coming improvement step, when the
   * main thread drew them while the workers began a shared meeting round
   * (drawShocksAhead): the next draws of that run's improvement stream,
   * taken by its improvement step and by nothing else.
   */
  private readonly shocksAhead = new WeakMap<Ctx, { z: Float64Array; n: number; pending: boolean }>();
  /** Rounds shared out so far (the rest ran on the main thread alone). */
  sharedRounds = 0;
  /** Knowledge exchanges shared out so far. */
  sharedKnowledge = 0;
  /** Passes over the relationships shared out so far. */
  sharedPasses = 0;
  /** Lencioni updates shared out so far. */
  sharedLencioni = 0;
  /** Improvement updates shared out so far. */
  sharedImprovement = 0;
  /** Passes over the relationships during which the main thread did other work first (the policy observer's school sums). */
  meanwhileRuns = 0;
  /** Ticks whose improvement shocks were drawn while the workers began the meetings. */
  shocksDrawnAhead = 0;
  /** Practice exposure passes shared out so far. */
  sharedPractice = 0;
  /** Shared practice exposure passes during which this thread first made the tick's steps before (community, staff churn, teacher retention). */
  practiceMeanwhileRuns = 0;
  /** Resets of the replaced heads' relationships shared out so far. */
  sharedResets = 0;
  /** Times the threads were given new arrays or a new plan (a new run, a rebuilt structure). */
  rebinds = 0;
  /**
   * Milliseconds so far in which the worker threads had work: from each
   * command to the last thread's done. The rest of a run's time the main
   * thread works alone (the serial part a bench reports, bench/lib/measure.ts).
   */
  sharedMs = 0;
  private commandAt = 0;

  constructor(
    readonly threads: number,
    opts: TeamOptions = {},
  ) {
    this.minShared = opts.minSharedUpdates ?? MIN_SHARED_UPDATES;
    this.chunks = stepChunks(threads);
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a whole number of at least 1, found ${threads}`);
    this.tally = new Float64Array(new SharedArrayBuffer(threads * TALLY_FIELDS * 8));
    for (let index = 1; index < threads; index++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(BOOT, {
        workerData: { control: this.control, params: this.params, tally: this.tally, port: port2, index, threads },
        transferList: [port2],
      });
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
    this.awaitReady();
  }

  private awaitReady(): void {
    const until = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(this.control, READY);
      if (ready >= this.threads - 1) return;
      if (Date.now() > until) {
        this.close();
        throw new Error(`only ${ready} of ${this.threads - 1} threads started within ${START_TIMEOUT_MS / 1000} s`);
      }
      Atomics.wait(this.control, READY, ready, 100);
    }
  }

  /** Give a command to every worker thread (not waiting for it). */
  private command(cmd: number): void {
    const c = this.control;
    this.commandAt = performance.now();
    c[CMD] = cmd;
    c[NEXT] = 0;
    Atomics.store(c, DONE, 0);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
  }

  private awaitDone(): void {
    const c = this.control;
    for (;;) {
      const done = Atomics.load(c, DONE);
      if (done >= this.threads - 1) break;
      waitWhile(c, DONE, done);
    }
    this.sharedMs += performance.now() - this.commandAt;
    const failed = Atomics.load(c, FAILED);
    if (failed !== 0) throw new Error(`team thread ${failed} failed (its error is printed above)`);
  }

  /**
   * Post the shared arrays (and the plan) when any is new: a new run, a
   * rebuilt structure. Every rule's arrays are shared at once, so no rule's
   * view is left holding an array another rule moved. The plan is the
   * meetings' (kept from the last one when the observer binds).
   */
  private bind(state: ModelState, plan: MeetingPlan | undefined): void {
    const b = this.buffers;
    const grown =
      b.flows.length < state.leaders.n ||
      b.schools < state.schools.n ||
      b.flags.length < state.edges.n ||
      b.results.length < state.groups.n ||
      b.threads !== this.threads;
    const samePlan = plan === undefined || plan === this.plan;
    // Every shared step of every tick comes here: while the state holds the arrays bound last time, nothing is allocated.
    if (!grown && samePlan && state === this.state && this.view && this.bound && stillBound(this.bound)) return;
    // Something is new, even when no array had to be moved (a rebuild makes its arrays in shared memory): post it all.
    for (const lists of SHARED_LISTS) shareArrays(state, lists);
    this.bound = boundArrays(state, SHARED_LISTS);
    if (grown) {
      this.buffers = teamBuffers(state.leaders.n, state.schools.n, state.edges.n, state.groups.n, this.threads);
      this.flagsFrom = undefined;
    }
    this.view = viewOf<MeetingState>(state, MEETING_ARRAYS);
    this.kview = viewOf<KnowledgeState>(state, KNOWLEDGE_ARRAYS);
    this.eview = viewOf<EdgePassState>(state, EDGE_PASS_ARRAYS);
    this.lview = viewOf<LencioniState>(state, LENCIONI_ARRAYS);
    this.iview = viewOf<ImprovementState>(state, IMPROVEMENT_ARRAYS);
    this.pview = viewOf<PracticeState>(state, PRACTICE_ARRAYS);
    this.rview = viewOf<ResetState>(state, RESET_ARRAYS);
    if (plan) this.plan = plan;
    this.state = state;
    this.rebinds++;
    for (const port of this.ports)
      port.postMessage({
        state: this.view,
        knowledge: this.kview,
        edges: this.eview,
        lencioni: this.lview,
        improvement: this.iview,
        practice: this.pview,
        resets: this.rview,
        buffers: this.buffers,
        plan: this.plan,
      });
    this.command(COMMAND.rebind);
    this.awaitDone();
  }

  meetings(ctx: Ctx): void {
    if (this.closed) throw new Error('this thread team is closed');
    const plan = meetingPlan(ctx.state.groups, ctx.scenario.model.trust.tableSize);
    this.bind(ctx.state, plan);
    const view = this.view as MeetingState;
    packParams(meetingParams(ctx), ctx.keys.meetings, this.params);
    const P = unpackParams(this.params, this.key);
    const tpy = ctx.state.ticksPerYear;
    const rounds = plan.roundStart.length - 1;
    for (let r = 0; r < rounds; r++) {
      const a = plan.roundStart[r];
      const b = plan.roundStart[r + 1];
      const shared = this.threads > 1 && (plan.work[b] - plan.work[a]) / tpy >= this.minShared;
      if (!shared) {
        meetGroups(view, P, this.key, plan.order, a, b, this.tally, 0);
        addTallies(ctx.state.tallies, this.tally, 0);
        continue;
      }
      this.sharedRounds++;
      this.control[ROUND] = r;
      this.command(COMMAND.meet);
      // The workers claim the round's chunks while this thread draws the tick's shocks, then claims what is left.
      this.drawShocksAhead(ctx);
      meetClaimed(this.control, view, P, this.key, plan, r, this.chunks, this.tally, 0);
      this.awaitDone();
      for (let k = 0; k < this.threads; k++) addTallies(ctx.state.tallies, this.tally, k);
    }
  }

  knowledge(ctx: Ctx): Float64Array {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(ctx.state, undefined);
    const kv = this.kview as KnowledgeState;
    const rate = ctx.scenario.model.knowledge.rate;
    const nL = ctx.state.leaders.n;
    const outStart = kv.edges.outStart;
    if (this.threads === 1 || outStart[nL] < this.minShared) {
      knowledgeFlows(kv, rate, 0, nL, this.buffers.flows);
      return this.buffers.flows;
    }
    this.sharedKnowledge++;
    this.params[KNOWLEDGE_RATE] = rate;
    this.command(COMMAND.knowledge);
    knowledgeClaimed(this.control, kv, rate, this.chunks, this.buffers.flows);
    this.awaitDone();
    return this.buffers.flows;
  }

  relationships(state: ModelState, job: EdgePassJob, out: EdgePassOut, meanwhile?: () => void): void {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(state, undefined);
    const ev = this.eview as EdgePassState;
    const b = this.buffers;
    if (this.threads === 1 || state.edges.n < this.minShared) {
      meanwhile?.();
      passOnOneThread(ev, job, out, b.partials);
      return;
    }
    out.hist.fill(0);
    this.sharedPasses++;
    if (job.policy && job.flags !== this.flagsFrom) {
      b.flags.set(job.flags);
      this.flagsFrom = job.flags;
    }
    this.params[EDGE_POLICY] = job.policy ? 1 : 0;
    this.params[EDGE_THR] = job.thr;
    this.command(COMMAND.relationships);
    // The workers claim the pass's chunks while this thread does what the caller gave it, then claims what is left.
    if (meanwhile) {
      meanwhile();
      this.meanwhileRuns++;
    }
    relationshipsClaimed(this.control, ev, job, b.partials, out.hist, out.parent, out.size);
    this.awaitDone();
    const n = state.schools.n;
    for (let k = 1; k < this.threads; k++) {
      const hist = b.hist[k];
      for (let bin = 0; bin < HIST_BINS; bin++) out.hist[bin] += hist[bin];
      if (job.policy) mergeComponents(out.parent, out.size, b.parent[k], n);
    }
    addChunks(b.partials, out);
  }

  lencioni(ctx: Ctx, rho: number): Float64Array {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(ctx.state, undefined);
    const lv = this.lview as LencioniState;
    const base = ctx.scenario.model.lencioni.commitmentBase;
    const nG = ctx.state.groups.n;
    const edgeStart = lv.groups.edgeStart;
    const results = this.buffers.results;
    if (this.threads === 1 || nG === 0 || edgeStart[nG] < this.minShared) {
      cascadeGroups(lv, rho, base, 0, nG, results);
      return results;
    }
    this.sharedLencioni++;
    this.params[LENCIONI_RHO] = rho;
    this.params[LENCIONI_BASE] = base;
    this.command(COMMAND.lencioni);
    lencioniClaimed(this.control, lv, rho, base, this.chunks, results);
    this.awaitDone();
    return results;
  }

  /**
   * Draw the shocks of this run's coming improvement step now, once: the
   * same draws of the improvement stream, in school order, that the step
   * would make (nothing else in a tick draws from that stream, and the
   * draws depend on the number of schools alone), so the outputs keep their
   * bytes while the serial draws leave the main thread's time alone (about
   * 50 ms of a national replication on two threads).
   */
  private drawShocksAhead(ctx: Ctx): void {
    const n = ctx.state.schools.n;
    let ahead = this.shocksAhead.get(ctx);
    if (ahead?.pending) return;
    if (!ahead || ahead.z.length < n) {
      ahead = { z: new Float64Array(n), n, pending: false };
      this.shocksAhead.set(ctx, ahead);
    }
    drawShocks(ctx.rng.improvement, ahead.z, n);
    ahead.n = n;
    ahead.pending = true;
    this.shocksDrawnAhead++;
  }

  /** The tick's shocks into `shocks`: those drawn ahead for this run, or drawn now. */
  private takeShocks(ctx: Ctx, shocks: Float64Array, n: number): void {
    const ahead = this.shocksAhead.get(ctx);
    if (ahead?.pending && ahead.n === n) {
      ahead.pending = false;
      // Element by element: a subarray view would be an allocation every tick.
      const z = ahead.z;
      for (let s = 0; s < n; s++) shocks[s] = z[s];
      return;
    }
    if (ahead?.pending) throw new Error(`improvement shocks drawn ahead for ${ahead.n} schools, asked for ${n}`);
    drawShocks(ctx.rng.improvement, shocks, n);
  }

  improvement(ctx: Ctx): void {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(ctx.state, undefined);
    const iv = this.iview as ImprovementState;
    const n = ctx.state.schools.n;
    const shocks = this.buffers.shocks;
    this.takeShocks(ctx, shocks, n);
    const p = improvementTick(ctx);
    // minShared counts relationship updates; a school here counts as sixteen (a rough weight, not measured).
    if (this.threads === 1 || n * 16 < this.minShared) {
      improveSchools(iv, p, shocks, 0, n);
      return;
    }
    this.sharedImprovement++;
    packImprovement(p, this.params);
    this.command(COMMAND.improvement);
    improvementClaimed(this.control, iv, p, shocks, this.chunks);
    this.awaitDone();
  }

  practice(ctx: Ctx, meanwhile?: (ctx: Ctx) => void): Float64Array {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(ctx.state, undefined);
    const pv = this.pview as PracticeState;
    const n = ctx.state.schools.n;
    const out = this.buffers.exposure;
    const p = practiceTick(ctx);
    if (this.threads === 1 || ctx.state.edges.n < this.minShared) {
      meanwhile?.(ctx);
      practiceExposure(pv, p, 0, n, out);
      return out;
    }
    this.sharedPractice++;
    packPractice(p, this.params);
    this.command(COMMAND.practice);
    // The workers claim the pass's chunks while this thread makes the step it was given, then claims what is left.
    if (meanwhile) {
      meanwhile(ctx);
      this.practiceMeanwhileRuns++;
    }
    practiceClaimed(this.control, pv, p, this.chunks, out);
    this.awaitDone();
    return out;
  }

  resets(ctx: Ctx, q: ReplacedHeads): void {
    if (this.closed) throw new Error('this thread team is closed');
    this.bind(ctx.state, undefined);
    const rv = this.rview as ResetState;
    const T = ctx.scenario.model.trust;
    const n = q.count;
    const outStart = rv.edges.outStart;
    // Two writes per relationship of each head.
    let work = 0;
    for (let k = 0; k < n; k++) work += 2 * (outStart[q.heads[k] + 1] - outStart[q.heads[k]]);
    if (this.threads === 1 || work < this.minShared) {
      resetReplaced(rv, T, q, 0, n);
      return;
    }
    this.sharedResets++;
    const b = this.buffers.replaced;
    for (let k = 0; k < n; k++) {
      const i = q.heads[k];
      b.heads[k] = i;
      b.assimilating[k] = q.assimilating[k];
      b.replaced[i] = 1;
    }
    packNewcomer(T, this.params);
    this.params[RESET_COUNT] = n;
    this.command(COMMAND.resets);
    resetsClaimed(this.control, rv, T, b, n, this.chunks);
    this.awaitDone();
    for (let k = 0; k < n; k++) b.replaced[q.heads[k]] = 0;
  }

  /** Stop the worker threads. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.command(COMMAND.stop);
    for (const port of this.ports) port.close();
  }
}
