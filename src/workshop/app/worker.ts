/**
 * The Web Worker: owns the model runs (a Bench) and steps them at the
 * requested speed, so the page stays responsive. It posts compact snapshots
 * (typed arrays, transferred) and answers the page's control messages.
 * Each run's model reports its interactions (who challenged, admitted a
 * weakness to or kept a commitment to whom) to the session's trace buffer
 * (`model.ctx.trace`, set in session.ts); a snapshot carries the last tick's.
 */
import { embeddedPresets, presetOrder } from './presets.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { Bench, makePreset, readScenarioText, ScenarioProblem, type Preset } from './session.ts';
import { decodeHash, defaultSetup, setupFromHash, type Setup } from './setup.ts';

interface WorkerScope {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

const presets = new Map<string, Preset>();
for (const p of embeddedPresets()) {
  try {
    presets.set(p.id, makePreset(p.id, p.file, p.text));
  } catch (e) {
    post({ type: 'error', message: `Preset ${p.file} could not be read: ${(e as Error).message}` });
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
    const transfer = [
      snap.trust.buffer,
      snap.respect.buffer,
      snap.regard.buffer,
      snap.competence.buffer,
      snap.integrity.buffer,
      snap.levels.buffer,
      snap.effectiveness.buffer,
      snap.rows.buffer,
      snap.schoolRows.buffer,
      snap.mat.buffer,
      snap.traits.buffer,
      snap.trace.counts.buffer,
      snap.trace.events.buffer,
    ] as ArrayBuffer[];
    post({ type: 'snapshot', snap, running }, transfer);
  }
}

function sendStatus(): void {
  post({
    type: 'status',
    running,
    tick: bench.tick,
    setup: bench.a.setup,
    current: bench.a.current,
    unsupported: bench.a.unsupported(),
    hash: bench.hash(),
    whatIf: bench.whatIf,
    midRun: bench.a.midRun.slice(),
    ui: bench.ui,
  });
}

function firstPreset(mode: 'team' | 'locality'): string {
  const list = presetList();
  return (list.find((p) => p.mode === mode) ?? list[0]).id;
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
  if (owedSnapshot && (!awaitingDraw || !running)) {
    sendSnapshots();
    sendStatus();
  } else if (!running) sendStatus();
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

function loadSetup(setup: Setup): void {
  stop();
  bench.load(setup);
  rebuilt();
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'init': {
      post({ type: 'presets', presets: presetList() });
      let setup: Setup | null = null;
      try {
        const h = decodeHash(msg.hash);
        if (h) {
          const p = presets.get(h.p);
          if (!p) throw new Error(`the link names a preset this page does not have ('${h.p}')`);
          setup = setupFromHash(h, p);
          bench.ui = h.ui ?? {};
        }
      } catch (e) {
        post({ type: 'error', message: `The link's setup was not used: ${(e as Error).message}.` });
      }
      if (!setup) {
        const id = firstPreset('team');
        setup = defaultSetup(presets.get(id)!);
      }
      try {
        loadSetup(setup);
      } catch (e) {
        post({ type: 'error', message: (e as Error).message });
        const id = firstPreset('team');
        loadSetup(defaultSetup(presets.get(id)!));
      }
      break;
    }
    case 'ui':
      bench.ui = msg.ui;
      sendStatus();
      break;
    case 'drawn':
      awaitingDraw = false;
      if (owedSnapshot) {
        sendSnapshots();
        sendStatus();
      }
      break;
    case 'preset': {
      const p = presets.get(msg.id);
      if (!p) return post({ type: 'error', message: `No preset '${msg.id}'.` });
      if (bench.whatIf) {
        stop();
        bench.load(defaultSetup(p), bench.whatIf);
        rebuilt();
      } else loadSetup(defaultSetup(p));
      break;
    }
    case 'mode': {
      // Team or locality view (leaves the what-if comparison).
      const same = bench.a.preset.info.mode === msg.mode;
      if (same && !bench.whatIf) break;
      stop();
      if (same) bench.load(bench.fresh(), null);
      else {
        const id = firstPreset(msg.mode);
        bench.load(defaultSetup(presets.get(id)!), null);
      }
      rebuilt();
      break;
    }
    case 'loadFile': {
      try {
        readScenarioText(msg.name, msg.text);
        const id = `file:${msg.name}`;
        const p = makePreset(id, msg.name, msg.text);
        presets.set(id, p);
        post({ type: 'presets', presets: presetList() });
        loadSetup(defaultSetup(p));
      } catch (e) {
        const issues = e instanceof ScenarioProblem ? e.issues.map((i) => `• ${i}`).join('\n') : (e as Error).message;
        post({ type: 'error', message: `${msg.name} is not a valid scenario:\n${issues}` });
      }
      break;
    }
    case 'load':
      stop();
      bench.load(msg.setup, msg.whatIf ?? null);
      rebuilt();
      break;
    case 'go':
      start();
      sendStatus();
      break;
    case 'pause':
      stop();
      if (owedSnapshot) sendSnapshots();
      sendStatus();
      break;
    case 'step':
      stop();
      bench.step();
      sendSnapshots();
      sendStatus();
      break;
    case 'speed':
      ticksPerSecond = Math.max(0.1, msg.ticksPerSecond);
      break;
    case 'setup':
      stop();
      bench.setupAgain();
      rebuilt();
      break;
    case 'reset':
      stop();
      bench.reset();
      rebuilt();
      break;
    case 'reseed':
      stop();
      bench.reseed(msg.seed ?? Math.floor(Math.random() * 1e6));
      rebuilt();
      break;
    case 'teamSize':
      stop();
      bench.teamSize(msg.n);
      rebuilt();
      break;
    case 'set':
      if (bench.tick === 0) {
        bench.set(msg.key, msg.value);
        rebuilt();
      } else {
        bench.set(msg.key, msg.value);
        sendSnapshots();
        sendStatus();
      }
      break;
    case 'practice':
      if (bench.tick === 0) {
        bench.practice(msg.key, msg.value);
        rebuilt();
      } else {
        bench.practice(msg.key, msg.value);
        sendSnapshots();
        sendStatus();
      }
      break;
    case 'event': {
      const err = bench.fire(msg.kind, msg.school);
      if (err) post({ type: 'error', message: err });
      sendSnapshots();
      sendStatus();
      break;
    }
    case 'whatIf':
      stop();
      bench.setWhatIf(msg.whatIf);
      rebuilt();
      break;
    case 'export': {
      const s = msg.id === 'B' && bench.b ? bench.b : bench.a;
      post({ type: 'export', ...s.exportYaml() });
      break;
    }
    case 'series': {
      const s = msg.id === 'B' && bench.b ? bench.b : bench.a;
      const ser = s.series();
      post({ type: 'series', reqId: msg.reqId, keys: ser.keys, rows: ser.rows, values: ser.values }, [ser.values.buffer as ArrayBuffer]);
      break;
    }
  }
}

scope.onmessage = (e: MessageEvent) => {
  try {
    handle(e.data as ToWorker);
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
