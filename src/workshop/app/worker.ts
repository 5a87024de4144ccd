/**
 * The Web Worker: owns the model runs (a Bench) and steps them at the
 * requested speed, so the page stays responsive. It posts compact snapshots
 * (typed arrays, transferred) and answers the page's control messages.
 * Each run's model reports its interactions (who challenged, admitted a
 * weakness to or kept a commitment to whom) to the session's trace buffer
 * (`model.ctx.trace`, set in session.ts); a snapshot carries the last tick's.
 */
import { Bench } from './bench.ts';
import { decodeHash, setupFromHash } from './hash.ts';
import { embeddedPresets, presetOrder } from './presets.ts';
import type { FromWorker, Mode, ToWorker } from './protocol.ts';
import { makePreset, readScenarioText, ScenarioProblem, type Preset } from './scenario-file.ts';
import { defaultSetup } from './setup.ts';
import type { Setup } from './settings.ts';

interface WorkerScope {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
// The page's `self` is typed as a Window (the DOM library); in a worker it is the worker's scope.
/** Metrics whose what-if effect is shown over several seeds (the what-if charts' three). */
const BAND_METRICS = ['trust_mean', 'lencioni_results', 'effectiveness_mean'];

const scope = self as unknown as WorkerScope;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

const presets = new Map<string, Preset>();
for (const p of embeddedPresets()) {
  try {
    presets.set(p.id, makePreset(p.id, p.file, p.text));
  } catch (e) {
    post({ type: 'error', message: `Preset ${p.file} could not be read: ${messageOf(e)}` });
  }
}
const bench = new Bench(presets);

let running = false;
let ticksPerSecond = 4;
let timer: ReturnType<typeof setTimeout> | null = null;
let owed = 0;
let last = 0;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

function presetList() {
  return [...presets.values()].map((p) => p.info).sort(presetOrder);
}

/** Structure version each session's page view was last drawn with. */
const drawn = new Map<string, number>();

/** Tell the page about the runs' structure: after a rebuild (keep = false) or when a run's groups changed (keep = true). */
function sendStatic(keep = false): void {
  const infos = bench.sessions().map((s) => {
    if (!keep) s.resend();
    drawn.set(s.id, s.structure);
    return s.staticInfo();
  });
  post({ type: 'static', infos, whatIf: bench.whatIf, keep });
  if (!keep) sendSnapshots();
}

/** Backpressure: while running, the next snapshot waits until the page has drawn the last one. */
let awaitingDraw = false;
let owedSnapshot = false;

function sendSnapshots(): void {
  awaitingDraw = true;
  owedSnapshot = false;
  if (bench.sessions().some((s) => drawn.get(s.id) !== s.structure)) sendStatic(true);
  for (const s of bench.sessions()) {
    const snap = s.snapshot();
    const arrays = [
      snap.trust,
      snap.respect,
      snap.regard,
      snap.competence,
      snap.integrity,
      snap.levels,
      snap.effectiveness,
      snap.standing,
      snap.rows,
      snap.schoolRows,
      snap.mat,
      snap.traits,
      snap.trace.counts,
      snap.trace.events,
    ];
    post(
      { type: 'snapshot', snap, running },
      arrays.map((a) => a.buffer),
    );
  }
}

function sendStatus(): void {
  post({
    type: 'status',
    running,
    tick: bench.tick,
    ended: bench.atEnd,
    setup: bench.a.setup,
    current: bench.a.current,
    unsupported: bench.a.unsupported(),
    hash: bench.hash(),
    whatIf: bench.whatIf,
    midRun: bench.a.midRun.slice(),
    ui: bench.ui,
  });
}

/** Snapshots and status after a change the page should see now. */
function sendState(): void {
  sendSnapshots();
  sendStatus();
}

function firstPreset(mode: Mode): Preset {
  const list = presetList();
  const id = (list.find((p) => p.mode === mode) ?? list[0]).id;
  const p = presets.get(id);
  if (!p) throw new Error(`no preset '${id}'`);
  return p;
}

function stop(): void {
  running = false;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** Run owed ticks within a time budget, then post one snapshot. */
function loop(): void {
  timer = null;
  if (!running) return;
  const now = performance.now();
  owed += ((now - last) / 1000) * ticksPerSecond;
  last = now;
  const budgetEnd = now + 25;
  let ran = 0;
  while (owed >= 1 && performance.now() < budgetEnd) {
    if (!bench.step()) {
      stop();
      break;
    }
    owed -= 1;
    ran++;
  }
  if (owed > 4) owed = 4; // do not pile up work the page cannot show
  if (ran > 0) owedSnapshot = true;
  if (owedSnapshot && (!awaitingDraw || !running)) sendState();
  else if (!running) sendStatus();
  if (running) {
    const wait = owed >= 1 ? 0 : Math.max(0, ((1 - owed) / ticksPerSecond) * 1000);
    timer = setTimeout(loop, Math.min(wait, 250));
  }
}

function start(): void {
  if (running) return;
  running = true;
  owed = 1;
  last = performance.now();
  loop();
}

/** After a rebuild: fresh static data and a status. */
function rebuilt(): void {
  sendStatic();
  sendStatus();
}

/** Stop, rebuild the runs, and tell the page. */
function rebuild(change: () => void): void {
  stop();
  change();
  rebuilt();
}

function loadSetup(setup: Setup): void {
  rebuild(() => bench.load(setup));
}

/** The page opened (or its hash changed): the setup from the link, or the first team preset. */
function init(hash: string): void {
  post({ type: 'presets', presets: presetList() });
  let setup: Setup | null = null;
  try {
    const h = decodeHash(hash);
    if (h) {
      const p = presets.get(h.p);
      if (!p) throw new Error(`the link names a preset this page does not have ('${h.p}')`);
      setup = setupFromHash(h, p);
      bench.ui = h.ui ?? {};
    }
  } catch (e) {
    post({ type: 'error', message: `The link's setup was not used: ${messageOf(e)}.` });
  }
  setup ??= defaultSetup(firstPreset('team'));
  try {
    loadSetup(setup);
  } catch (e) {
    post({ type: 'error', message: messageOf(e) });
    loadSetup(defaultSetup(firstPreset('team')));
  }
}

function loadFile(name: string, text: string): void {
  try {
    readScenarioText(name, text);
    const id = `file:${name}`;
    const p = makePreset(id, name, text);
    presets.set(id, p);
    post({ type: 'presets', presets: presetList() });
    loadSetup(defaultSetup(p));
  } catch (e) {
    const issues = e instanceof ScenarioProblem ? e.issues.map((i) => `• ${i}`).join('\n') : messageOf(e);
    post({ type: 'error', message: `${name} is not a valid scenario:\n${issues}` });
  }
}

/** Team or locality view (leaves the what-if comparison). */
function setMode(mode: Mode): void {
  const same = bench.a.preset.info.mode === mode;
  if (same && !bench.whatIf) return;
  rebuild(() => bench.load(same ? bench.fresh() : defaultSetup(firstPreset(mode)), null));
}

function choosePreset(id: string): void {
  const p = presets.get(id);
  if (!p) return post({ type: 'error', message: `No preset '${id}'.` });
  if (bench.whatIf) rebuild(() => bench.load(defaultSetup(p), bench.whatIf));
  else loadSetup(defaultSetup(p));
}

/** A change of a slider or a practice: before the start it rebuilds the runs, later it acts live. */
function change(apply: () => void): void {
  const atStart = bench.tick === 0;
  apply();
  if (atStart) rebuilt();
  else sendState();
}

/** Messages that drive the run: go, pause, step, speed. */
function handleRun(msg: ToWorker): boolean {
  switch (msg.type) {
    case 'go':
      start();
      sendStatus();
      return true;
    case 'pause':
      stop();
      if (owedSnapshot) sendSnapshots();
      sendStatus();
      return true;
    case 'step':
      stop();
      bench.step();
      sendState();
      return true;
    case 'continue':
      bench.extend();
      start();
      sendStatus();
      return true;
    case 'speed':
      ticksPerSecond = Math.max(0.1, msg.ticksPerSecond);
      return true;
    case 'drawn':
      awaitingDraw = false;
      if (owedSnapshot) sendState();
      return true;
    default:
      return false;
  }
}

/** Messages that rebuild the runs from tick 0. */
function handleRebuild(msg: ToWorker): boolean {
  switch (msg.type) {
    case 'load':
      rebuild(() => bench.load(msg.setup, msg.whatIf ?? null));
      return true;
    case 'setup':
      rebuild(() => bench.setupAgain());
      return true;
    case 'reset':
      rebuild(() => bench.reset());
      return true;
    case 'reseed':
      rebuild(() => bench.reseed(msg.seed ?? Math.floor(Math.random() * 1e6)));
      return true;
    case 'teamSize':
      rebuild(() => bench.teamSize(msg.n));
      return true;
    case 'whatIf':
      rebuild(() => bench.setWhatIf(msg.whatIf));
      return true;
    default:
      return false;
  }
}

function handle(msg: ToWorker): void {
  if (handleRun(msg) || handleRebuild(msg)) return;
  switch (msg.type) {
    case 'init':
      return init(msg.hash);
    case 'ui':
      bench.ui = msg.ui;
      return sendStatus();
    case 'preset':
      return choosePreset(msg.id);
    case 'mode':
      return setMode(msg.mode);
    case 'loadFile':
      return loadFile(msg.name, msg.text);
    case 'set':
      return change(() => bench.set(msg.key, msg.value));
    case 'practice':
      return change(() => bench.practice(msg.key, msg.value));
    case 'event': {
      const err = bench.fire(msg.kind, msg.school);
      if (err) post({ type: 'error', message: err });
      return sendState();
    }
    case 'export': {
      const s = msg.id === 'B' && bench.b ? bench.b : bench.a;
      return post({ type: 'export', ...s.exportYaml() });
    }
    case 'band': {
      // Seeds run to the horizon at once: pause the room's run first, so Pause is never kept waiting.
      stop();
      sendStatus();
      const band = bench.seedBand(BAND_METRICS, bench.a.mode === 'team' ? 8 : 4);
      if (band) post({ type: 'band', band });
      return;
    }
    case 'series': {
      const s = msg.id === 'B' && bench.b ? bench.b : bench.a;
      const ser = s.series();
      return post({ type: 'series', reqId: msg.reqId, keys: ser.keys, rows: ser.rows, values: ser.values }, [ser.values.buffer]);
    }
  }
}

scope.onmessage = (e) => {
  try {
    handle(e.data);
  } catch (err) {
    post({ type: 'error', message: messageOf(err) });
  }
};
