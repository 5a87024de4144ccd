/**
 * One thread of a team (team.ts): waits on the control block, then claims
 * chunks of the shared step it is given (steps.ts): the round's groups to
 * meet, the heads' knowledge flows, the relationship pass, the groups'
 * Lencioni levels, the schools' improvement, their chances of adopting
 * the practice, or the relationships of the tick's new heads; or takes new
 * arrays, or stops.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { MeetingState } from '../../model/mechanisms/trust/meetings.ts';
import type { MeetingPlan } from '../../model/mechanisms/trust/meeting-plan.ts';
import { CMD, COMMAND, DONE, FAILED, GEN, READY, ROUND, waitWhile } from './control.ts';
import {
  EDGE_POLICY,
  EDGE_THR,
  KNOWLEDGE_RATE,
  LENCIONI_BASE,
  LENCIONI_RHO,
  RESET_COUNT,
  unpackImprovement,
  unpackNewcomer,
  unpackParams,
  unpackPractice,
} from './params.ts';
import type { EdgePassState } from '../../model/observe/edge-pass.ts';
import type { EdgePassJob } from '../../model/core/edges.ts';
import type { TeamBuffers } from './buffers.ts';
import type { KnowledgeState } from '../../model/mechanisms/knowledge/knowledge.ts';
import type { LencioniState } from '../../model/mechanisms/lencioni/lencioni.ts';
import { IMPROVEMENT_PARAMS, type ImprovementState, type ImprovementTick } from '../../model/mechanisms/improvement/improvement.ts';
import type { PracticeState, PracticeTick } from '../../model/mechanisms/practice-spread/practice-spread.ts';
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
import type { NewcomerParams, ResetState } from '../../model/mechanisms/trust/newcomers.ts';

interface TeamWorkerData {
  control: Int32Array;
  params: Float64Array;
  tally: Float64Array;
  port: MessagePort;
  index: number;
  threads: number;
}

const { control, params, tally, port, index, threads } = workerData as TeamWorkerData;
let state: MeetingState | undefined;
let plan: MeetingPlan | undefined;
let kstate: KnowledgeState | undefined;
let estate: EdgePassState | undefined;
let lstate: LencioniState | undefined;
let istate: ImprovementState | undefined;
let pstate: PracticeState | undefined;
let rstate: ResetState | undefined;
/** The improvement rule's and the practice's numbers, unpacked into one object each every tick. */
const improvementTick = Object.fromEntries(IMPROVEMENT_PARAMS.map((k) => [k, 0])) as ImprovementTick;
const practiceTick: PracticeTick = { thr: 0, rate: 0, credibility: 0, steepness: 0, minSources: 0, x50h: 0, tick: 0 };
const newcomer: NewcomerParams = { newcomerBase: 0, newcomerSpan: 0, assimilation: 0 };
let buffers: TeamBuffers | undefined;
const key = new Uint32Array(2);
/** The chunks each shared step is cut into (steps.ts). */
const chunks = stepChunks(threads);

function take(): void {
  // The arrays were posted before the command; wait for them if they are still on their way.
  for (;;) {
    const msg = receiveMessageOnPort(port);
    if (msg) {
      ({
        state,
        plan,
        knowledge: kstate,
        edges: estate,
        lencioni: lstate,
        improvement: istate,
        practice: pstate,
        resets: rstate,
        buffers,
      } = msg.message as {
        state: MeetingState;
        plan?: MeetingPlan;
        knowledge: KnowledgeState;
        edges: EdgePassState;
        lencioni: LencioniState;
        improvement: ImprovementState;
        practice: PracticeState;
        resets: ResetState;
        buffers: TeamBuffers;
      });
      return;
    }
    Atomics.wait(control, GEN, Atomics.load(control, GEN), 1);
  }
}

function meet(): void {
  if (!state || !plan) throw new Error('a team thread was asked to meet before it had the arrays');
  meetClaimed(control, state, unpackParams(params, key), key, plan, control[ROUND], chunks, tally, index);
}

function knowledge(): void {
  if (!kstate || !buffers) throw new Error('a team thread was asked for knowledge flows before it had the arrays');
  knowledgeClaimed(control, kstate, params[KNOWLEDGE_RATE], chunks, buffers.flows);
}

/** The pass's job, reused (a pass allocates nothing). */
const job: EdgePassJob = { policy: false, flags: new Uint8Array(0), thr: 0 };

/** This thread's chunks of the relationship pass, into its own histogram and union-find. */
function relationships(): void {
  if (!estate || !buffers) throw new Error('a team thread was asked for the relationship pass before it had the arrays');
  const hist = buffers.hist[index];
  const parent = buffers.parent[index];
  const size = buffers.size[index];
  const policy = params[EDGE_POLICY] === 1;
  hist.fill(0);
  if (policy)
    for (let s = 0; s < estate.schools.mat.length; s++) {
      parent[s] = s;
      size[s] = 1;
    }
  job.policy = policy;
  job.flags = buffers.flags;
  job.thr = params[EDGE_THR];
  relationshipsClaimed(control, estate, job, buffers.partials, hist, parent, size);
}

function lencioni(): void {
  if (!lstate || !buffers) throw new Error('a team thread was asked for Lencioni levels before it had the arrays');
  lencioniClaimed(control, lstate, params[LENCIONI_RHO], params[LENCIONI_BASE], chunks, buffers.results);
}

function improvement(): void {
  if (!istate || !buffers) throw new Error('a team thread was asked to improve schools before it had the arrays');
  improvementClaimed(control, istate, unpackImprovement(params, improvementTick), buffers.shocks, chunks);
}

function practice(): void {
  if (!pstate || !buffers) throw new Error('a team thread was asked for practice exposure before it had the arrays');
  practiceClaimed(control, pstate, unpackPractice(params, practiceTick), chunks, buffers.exposure);
}

function resets(): void {
  if (!rstate || !buffers) throw new Error("a team thread was asked to reset heads' relationships before it had the arrays");
  resetsClaimed(control, rstate, unpackNewcomer(params, newcomer), buffers.replaced, params[RESET_COUNT], chunks);
}

let gen = 0;
Atomics.add(control, READY, 1);
Atomics.notify(control, READY);
for (;;) {
  waitWhile(control, GEN, gen);
  gen = Atomics.load(control, GEN);
  const cmd = control[CMD];
  if (cmd === COMMAND.stop) break;
  try {
    if (cmd === COMMAND.rebind) take();
    else if (cmd === COMMAND.meet) meet();
    else if (cmd === COMMAND.knowledge) knowledge();
    else if (cmd === COMMAND.relationships) relationships();
    else if (cmd === COMMAND.lencioni) lencioni();
    else if (cmd === COMMAND.improvement) improvement();
    else if (cmd === COMMAND.practice) practice();
    else if (cmd === COMMAND.resets) resets();
  } catch (err) {
    Atomics.store(control, FAILED, index);
    console.error(err);
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
port.close();
