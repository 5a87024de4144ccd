/**
 * One thread of a team (team.ts): waits on the control block, then meets its
 * slice of the round's groups, computes the knowledge flows of its slice of
 * the heads, makes its run of the relationship pass's chunks, updates the
 * Lencioni levels of its slice of the groups, improves its slice of the
 * schools, works out its slice's chances of adopting the practice, takes
 * new arrays, or stops.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { meetGroups, type MeetingState } from '../../model/mechanisms/trust/meetings.ts';
import { roundSlice, type MeetingPlan } from '../../model/mechanisms/trust/meeting-plan.ts';
import { CMD, COMMAND, DONE, FAILED, GEN, READY, ROUND } from './control.ts';
import { EDGE_POLICY, EDGE_THR, KNOWLEDGE_RATE, LENCIONI_BASE, LENCIONI_RHO, unpackImprovement, unpackParams, unpackPractice } from './params.ts';
import { edgePassChunks, type EdgePassState } from '../../model/observe/edge-pass.ts';
import type { EdgePassJob } from '../../model/core/edges.ts';
import { chunkRun, evenSlice, type TeamBuffers } from './buffers.ts';
import { offsetSlice } from '../../model/core/edges.ts';
import { knowledgeFlows, type KnowledgeState } from '../../model/mechanisms/knowledge/knowledge.ts';
import { cascadeGroups, type LencioniState } from '../../model/mechanisms/lencioni/lencioni.ts';
import { improveSchools, IMPROVEMENT_PARAMS, type ImprovementState, type ImprovementTick } from '../../model/mechanisms/improvement/improvement.ts';
import { practiceExposure, type PracticeState, type PracticeTick } from '../../model/mechanisms/practice-spread/practice-spread.ts';

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
/** The improvement rule's and the practice's numbers, unpacked into one object each every tick. */
const improvementTick = Object.fromEntries(IMPROVEMENT_PARAMS.map((k) => [k, 0])) as ImprovementTick;
const practiceTick: PracticeTick = { thr: 0, rate: 0, credibility: 0, steepness: 0, minSources: 0, x50h: 0, tick: 0 };
let buffers: TeamBuffers | undefined;
const key = new Uint32Array(2);

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
        buffers,
      } = msg.message as {
        state: MeetingState;
        plan?: MeetingPlan;
        knowledge: KnowledgeState;
        edges: EdgePassState;
        lencioni: LencioniState;
        improvement: ImprovementState;
        practice: PracticeState;
        buffers: TeamBuffers;
      });
      return;
    }
    Atomics.wait(control, GEN, Atomics.load(control, GEN), 1);
  }
}

function meet(): void {
  if (!state || !plan) throw new Error('a team thread was asked to meet before it had the arrays');
  const P = unpackParams(params, key);
  const [from, to] = roundSlice(plan, control[ROUND], index, threads);
  meetGroups(state, P, key, plan.order, from, to, tally, index);
}

function knowledge(): void {
  if (!kstate || !buffers) throw new Error('a team thread was asked for knowledge flows before it had the arrays');
  const [from, to] = offsetSlice(kstate.edges.outStart, index, threads);
  knowledgeFlows(kstate, params[KNOWLEDGE_RATE], from, to, buffers.flows);
}

/** The pass's job, reused (a pass allocates nothing). */
const job: EdgePassJob = { policy: false, flags: new Uint8Array(0), thr: 0 };

/** This thread's run of the relationship pass's chunks, into its own histogram and union-find. */
function relationships(): void {
  if (!estate || !buffers) throw new Error('a team thread was asked for the relationship pass before it had the arrays');
  const [c0, c1] = chunkRun(index, threads);
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
  edgePassChunks(estate, job, c0, c1, buffers.partials, hist, parent, size);
}

function lencioni(): void {
  if (!lstate || !buffers) throw new Error('a team thread was asked for Lencioni levels before it had the arrays');
  const [from, to] = offsetSlice(lstate.groups.edgeStart, index, threads);
  cascadeGroups(lstate, params[LENCIONI_RHO], params[LENCIONI_BASE], from, to, buffers.results);
}

function improvement(): void {
  if (!istate || !buffers) throw new Error('a team thread was asked to improve schools before it had the arrays');
  const [from, to] = evenSlice(istate.schools.leader.length, index, threads);
  improveSchools(istate, unpackImprovement(params, improvementTick), buffers.shocks, from, to);
}

function practice(): void {
  if (!pstate || !buffers) throw new Error('a team thread was asked for practice exposure before it had the arrays');
  const [from, to] = evenSlice(pstate.schools.leader.length, index, threads);
  practiceExposure(pstate, unpackPractice(params, practiceTick), from, to, buffers.exposure);
}

let gen = 0;
Atomics.add(control, READY, 1);
Atomics.notify(control, READY);
for (;;) {
  Atomics.wait(control, GEN, gen);
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
  } catch (err) {
    Atomics.store(control, FAILED, index);
    console.error(err);
  }
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}
port.close();
