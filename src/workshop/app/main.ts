/**
 * The workshop page: builds the controls, starts the Web Worker that runs the
 * model, and draws what it reports. Nothing here simulates: every number on
 * screen comes from the worker, which runs the same model code as the CLI.
 */
import { wireDemos } from './ui/demos.ts';
import { runCsv } from './ui/export-csv.ts';
import { updateEndCard, wireEndCard } from './ui/end-card.ts';
import { whenLabel, type LogEntry } from './narrate-text.ts';
import type { FromWorker, Snapshot, StaticInfo, WhatIf } from './protocol.ts';
import { ControlsPanel } from './ui/controls-panel.ts';
import { byId, clear, h, setText, Tooltip } from './ui/dom.ts';
import { installPageApi, SeriesRequests } from './ui/page-api.ts';
import { newPageState, type Send } from './ui/page-state.ts';
import { RunData } from './ui/run.ts';
import { wireTopBar } from './ui/topbar.ts';
import { createView } from './ui/view.ts';

declare const __COLLABSIM_WORKER__: string;

function startWorker(): Worker {
  const blob = new Blob([__COLLABSIM_WORKER__], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob), { name: 'collabsim-model' });
}

const worker = startWorker();
const send: Send = (msg) => worker.postMessage(msg);

const state = newPageState();
let lastExport: { fileName: string; text: string } | null = null;
let readyResolve: () => void = () => {};
const ready = new Promise<void>((r) => (readyResolve = r));
const series = new SeriesRequests();
const tooltip = new Tooltip();
let uiInit = false;

const stage = byId('stage');
const side = byId('side');

function showBanner(text: string): void {
  byId('banner-text').textContent = text;
  byId('banner').hidden = false;
}

const controls = new ControlsPanel({ root: byId('controls'), state, send, showBanner, onTarget: selectHead });

/** Select a head (leader slot) by school index from the target list. */
function selectHead(schoolIndex: number): void {
  const info = state.runs[0]?.info;
  if (!info) return;
  state.selected = schoolIndex >= 0 ? info.leaderSchool.indexOf(schoolIndex) : -1;
  state.view?.select(state.selected);
}

/** Select a head (leader slot) from a view. */
function onSelect(head: number): void {
  state.selected = head;
  const info = state.runs[0]?.info;
  if (info) controls.target.value = String(head >= 0 ? info.leaderSchool[head] : -1);
  state.view?.select(head);
}

function rebuildView(): void {
  state.view?.destroy();
  clear(stage);
  clear(side);
  tooltip.hide();
  const view = createView({
    runs: state.runs,
    whatIf: state.status.whatIf,
    ctx: { stage, side, tooltip, large: state.large, onSelect, requestBand: () => send({ type: 'band' }) },
  });
  state.view = view;
  if (state.log.length) view.log.add(state.log);
  view.update();
  view.select(state.selected);
}

let pendingRebuild = false;
let pendingRestructure = false;
/** Log lines received but not drawn yet. */
let pendingLog: LogEntry[] = [];
let renderQueued = false;
let lastRender = 0;
/** While running, draw at most this often (ms): the worker may report faster than a projector needs. */
const RUNNING_FRAME_MS = 150;

function onStatic(infos: StaticInfo[], whatIf: WhatIf | null, keep: boolean): void {
  const runs = state.runs;
  if (keep && infos.length === runs.length && infos.every((i, k) => runs[k].info.id === i.id)) {
    // Same runs, new groups or network (a trust formed, schools withdrew): keep the data, redraw the layout.
    infos.forEach((i, k) => runs[k].setInfo(i));
    controls.fillTargets(infos[0]);
    pendingRestructure = true;
    return;
  }
  const sameStructure = runs.length > 0 && runs[0].info.preset.id === infos[0].preset.id && runs[0].info.leaderSchool.length === infos[0].leaderSchool.length;
  state.runs = infos.map((i) => new RunData(i));
  state.status.whatIf = whatIf;
  state.log.length = 0;
  if (!sameStructure) state.selected = -1;
  controls.fillTargets(infos[0]);
  pendingRebuild = true;
  controls.invalidate();
}

function onSnapshot(snap: Snapshot, running: boolean): void {
  const run = state.runs.find((r) => r.info.id === snap.id);
  if (!run) return;
  run.add(snap);
  state.status.running = running;
  if (snap.id === 'A') {
    state.log.push(...snap.log);
    if (state.log.length > 2000) state.log.splice(0, state.log.length - 2000);
    pendingLog.push(...snap.log);
  }
  scheduleRender();
}

/** Draw on an animation frame, no more than every RUNNING_FRAME_MS while running (the data keep arriving meanwhile). */
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  const frame = (now: number) => {
    if (state.status.running && now - lastRender < RUNNING_FRAME_MS) {
      requestAnimationFrame(frame);
      return;
    }
    renderQueued = false;
    lastRender = now;
    render();
    send({ type: 'drawn' });
  };
  requestAnimationFrame(frame);
}

function render(): void {
  // Draw once every run of this batch has arrived.
  const runs = state.runs;
  if (runs.length === 0 || runs.some((r) => !r.snap)) return;
  if (pendingRebuild) {
    pendingRebuild = false;
    pendingRestructure = false;
    pendingLog = [];
    rebuildView();
  } else {
    if (pendingRestructure && runs.every((r) => r.snap?.structure === r.info.structure)) {
      pendingRestructure = false;
      state.view?.restructure();
      state.view?.select(state.selected);
    }
    if (pendingLog.length) state.view?.log.add(pendingLog);
    pendingLog = [];
    state.view?.update();
  }
  const a = runs[0];
  const tick = a.snap?.tick ?? 0;
  setText(byId('clock'), `${whenLabel(tick, a.info.ticksPerYear)} · tick ${tick}`);
  controls.refreshTargetNames();
}

function download(fileName: string, text: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function onPresets(msg: Extract<FromWorker, { type: 'presets' }>): void {
  const sel = byId<HTMLSelectElement>('preset');
  clear(sel);
  const team = h('optgroup', { label: 'Team' });
  const loc = h('optgroup', { label: 'Locality' });
  for (const p of msg.presets) (p.mode === 'team' ? team : loc).append(h('option', { value: p.id, title: p.question }, p.title));
  sel.append(team, loc);
}

function onStatus(msg: Extract<FromWorker, { type: 'status' }>): void {
  const status = state.status;
  status.running = msg.running;
  status.tick = msg.tick;
  status.ended = msg.ended;
  status.setup = msg.setup;
  status.current = msg.current;
  status.unsupported = msg.unsupported;
  status.hash = msg.hash;
  status.whatIf = msg.whatIf;
  status.midRun = msg.midRun;
  if (msg.ui.large !== undefined && msg.ui.large !== state.large && !uiInit) setLarge(!!msg.ui.large, false);
  uiInit = true;
  if (location.hash.slice(1) !== msg.hash) history.replaceState(null, '', `#${msg.hash}`);
  controls.syncIfChanged(
    JSON.stringify([msg.running, msg.current, msg.unsupported, msg.midRun, msg.setup.seed, msg.setup.teamSize, msg.setup.preset, msg.whatIf]),
  );
  updateEndCard(state);
  if (status.whatIf && controls.whatIfKey.value !== status.whatIf.key) {
    controls.whatIfKey.value = status.whatIf.key;
    controls.drawWhatIfValue(status.whatIf.value);
  }
  readyResolve();
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'presets':
      return onPresets(msg);
    case 'static':
      return onStatic(msg.infos, msg.whatIf, msg.keep);
    case 'snapshot':
      return onSnapshot(msg.snap, msg.running);
    case 'status':
      return onStatus(msg);
    case 'export':
      lastExport = { fileName: msg.fileName, text: msg.text };
      return download(msg.fileName, msg.text);
    case 'band':
      return state.view?.showBand?.(msg.band);
    case 'series':
      return series.answer(msg.reqId, { keys: msg.keys, rows: msg.rows, values: Array.from(msg.values) });
    case 'error':
      return showBanner(msg.message);
  }
};
worker.onerror = (e) => showBanner(`The simulation stopped with an error: ${e.message}`);

function setLarge(on: boolean, tell = true): void {
  state.large = on;
  document.body.classList.toggle('large', on);
  byId<HTMLInputElement>('large').checked = on;
  if (tell) send({ type: 'ui', ui: { large: on } });
  if (state.runs.length && state.runs.every((r) => r.snap)) rebuildView();
}

wireTopBar({ state, send, controls, showBanner, setLarge, hideTooltip: () => tooltip.hide(), redraw: rebuildView });
byId('export-csv').addEventListener('click', () => {
  const run = state.runs[0];
  if (!run?.snap || !state.status.setup) return;
  const { fileName, text } = runCsv(run, state.status.setup.seed);
  download(fileName, text, 'text/csv');
});
wireEndCard(send);
wireDemos(send);
installPageApi({ state, send, ready, lastExport: () => lastExport }, series);
