/**
 * The workshop page: builds the controls, starts the Web Worker that runs the
 * model, and draws what it reports. Nothing here simulates: every number on
 * screen comes from the worker, which runs the same model code as the CLI.
 */
import { whenLabel, type LogEntry } from './narrate.ts';
import type { FromWorker, PresetInfo, Snapshot, StaticInfo, ToWorker, WhatIf } from './protocol.ts';
import {
  PRACTICES,
  ROOM_EVENTS,
  ROOM_EVENT_LABELS,
  SETTINGS,
  type PracticeFlags,
  type PracticeKey,
  type RoomEventKind,
  type SettingKey,
  type Settings,
  type Setup,
} from './setup.ts';
import { byId, clear, h, setText, short, Tooltip } from './ui/dom.ts';
import { RunData } from './ui/run.ts';
import { LocalityView, TeamView, WhatIfView, type View } from './ui/views.ts';

declare const __COLLABSIM_WORKER__: string;

const SPEEDS = [0.5, 1, 2, 4, 8, 15, 30, 60, 240];

// ---------------------------------------------------------------------------
// Worker
// ---------------------------------------------------------------------------

function startWorker(): Worker {
  const blob = new Blob([__COLLABSIM_WORKER__], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob), { name: 'collabsim-model' });
}

const worker = startWorker();
const send = (msg: ToWorker) => worker.postMessage(msg);

// ---------------------------------------------------------------------------
// Page state
// ---------------------------------------------------------------------------

interface Status {
  running: boolean;
  tick: number;
  setup: Setup | null;
  current: { settings: Settings; practices: PracticeFlags } | null;
  unsupported: StaticInfo['unsupported'];
  hash: string;
  whatIf: WhatIf | null;
  midRun: string[];
}

const status: Status = { running: false, tick: 0, setup: null, current: null, unsupported: {}, hash: '', whatIf: null, midRun: [] };
let presets: PresetInfo[] = [];
let runs: RunData[] = [];
let view: View | null = null;
let selected = -1;
let large = false;
let lastExport: { fileName: string; text: string } | null = null;
let readyResolve: () => void;
const ready = new Promise<void>((r) => (readyResolve = r));
const seriesWaiters = new Map<number, (v: { keys: StaticInfo['keys']; rows: number; values: number[] }) => void>();
let reqIds = 0;
const tooltip = new Tooltip();
const allLog: LogEntry[] = [];

const stage = byId('stage');
const side = byId('side');
const controls = byId('controls');

// ---------------------------------------------------------------------------
// Controls panel
// ---------------------------------------------------------------------------

const sliders = new Map<SettingKey, { input: HTMLInputElement; out: HTMLOutputElement; wrap: HTMLElement; note: HTMLElement }>();
const toggles = new Map<PracticeKey, HTMLInputElement>();
const eventButtons = new Map<RoomEventKind, HTMLButtonElement>();
let target: HTMLSelectElement;
let teamSize: HTMLSelectElement;
let teamSection: HTMLElement;
let whatIfSection: HTMLElement;
let whatIfKey: HTMLSelectElement;
let whatIfValueWrap: HTMLElement;
let dragging: HTMLInputElement | null = null;

function infoTip(id: string, concept: string, source: string): { icon: HTMLElement; tip: HTMLElement } {
  const tip = h('span', { class: 'tip', id, role: 'tooltip' }, h('span', {}, concept), h('span', { class: 'tip-source' }, `Source: ${source}`));
  const icon = h('span', { class: 'info', 'aria-hidden': 'true' }, 'i');
  return { icon, tip };
}

function buildControls(): void {
  clear(controls);
  // Concept sliders.
  const concepts = h('section', { class: 'ctl-section', 'aria-labelledby': 'h-concepts' }, h('h2', { id: 'h-concepts' }, 'Concepts'));
  for (const def of SETTINGS) {
    const id = `set-${def.key}`;
    const { icon, tip } = infoTip(`tip-${def.key}`, def.concept, def.source);
    const input = h('input', { type: 'range', id, min: def.min, max: def.max, step: def.step, 'aria-describedby': `tip-${def.key}`, title: `${def.concept} Source: ${def.source}` });
    const out = h('output', { for: id, class: 'ctl-value' });
    const note = h('span', { class: 'ctl-note' });
    const wrap = h(
      'div',
      { class: 'ctl has-tip' },
      h('div', { class: 'ctl-head' }, h('label', { for: id }, def.label), icon, out),
      input,
      tip,
      note,
    );
    input.addEventListener('pointerdown', () => (dragging = input));
    input.addEventListener('pointerup', () => (dragging = null));
    input.addEventListener('input', () => {
      const v = Number(input.value);
      out.textContent = def.format(v);
      input.setAttribute('aria-valuetext', def.format(v));
    });
    input.addEventListener('change', () => {
      dragging = null;
      send({ type: 'set', key: def.key, value: Number(input.value) });
    });
    input.addEventListener('blur', () => {
      lastControlsKey = '';
      syncControls();
    });
    sliders.set(def.key, { input, out, wrap, note });
    concepts.append(wrap);
  }
  // Structural practices.
  const practices = h('section', { class: 'ctl-section', 'aria-labelledby': 'h-practices' }, h('h2', { id: 'h-practices' }, 'Structural practices'));
  for (const p of PRACTICES) {
    const id = `pr-${p.key}`;
    const { icon, tip } = infoTip(`tip-${p.key}`, p.concept, p.source);
    const input = h('input', { type: 'checkbox', id, role: 'switch', 'aria-describedby': `tip-${p.key}` });
    input.addEventListener('change', () => send({ type: 'practice', key: p.key, value: input.checked }));
    practices.append(h('div', { class: 'ctl toggle has-tip', title: `${p.concept} Source: ${p.source}` }, input, h('label', { for: id }, p.label), icon, tip));
    toggles.set(p.key, input);
  }
  // Events.
  const events = h('section', { class: 'ctl-section', 'aria-labelledby': 'h-events' }, h('h2', { id: 'h-events' }, 'Events'));
  target = h('select', { id: 'target' });
  target.addEventListener('change', () => selectHead(Number(target.value)));
  events.append(h('div', { class: 'ctl' }, h('label', { for: 'target' }, 'Which head or school'), target));
  const grid = h('div', { class: 'event-grid' });
  for (const kind of ROOM_EVENTS) {
    const b = h('button', { type: 'button', id: `ev-${kind}`, class: 'event-btn', title: ROOM_EVENT_LABELS[kind].help }, ROOM_EVENT_LABELS[kind].label);
    b.addEventListener('click', () => {
      const needsTarget = kind === 'leaderLeaves' || kind === 'inspectionDowngrade' || kind === 'hiddenAgenda';
      const sc = Number(target.value);
      if (needsTarget && !(sc >= 0)) return showBanner('Pick a head first: click a circle, or choose one in "Which head or school".');
      send({ type: 'event', kind, school: needsTarget ? sc : undefined });
    });
    eventButtons.set(kind, b);
    grid.append(b);
  }
  events.append(grid);
  // Team size.
  teamSize = h('select', { id: 'team-size' });
  for (let n = 3; n <= 8; n++) teamSize.append(h('option', { value: n }, `${n} heads`));
  teamSize.addEventListener('change', () => send({ type: 'teamSize', n: Number(teamSize.value) }));
  teamSection = h(
    'section',
    { class: 'ctl-section', 'aria-labelledby': 'h-team' },
    h('h2', { id: 'h-team' }, 'Team'),
    h('div', { class: 'ctl' }, h('label', { for: 'team-size' }, 'Size of the partnership'), teamSize),
  );
  // What-if.
  whatIfKey = h('select', { id: 'whatif-key' });
  for (const d of SETTINGS) whatIfKey.append(h('option', { value: d.key }, d.label));
  for (const p of PRACTICES) whatIfKey.append(h('option', { value: p.key }, p.label));
  whatIfKey.addEventListener('change', () => drawWhatIfValue(null));
  whatIfValueWrap = h('div', { class: 'ctl' });
  const compare = h('button', { type: 'button', id: 'whatif-apply', class: 'primary' }, 'Compare from the start');
  compare.addEventListener('click', () => send({ type: 'whatIf', whatIf: readWhatIf() }));
  whatIfSection = h(
    'section',
    { class: 'ctl-section whatif-ctl', 'aria-labelledby': 'h-whatif' },
    h('h2', { id: 'h-whatif' }, 'What if…'),
    h('p', { class: 'small' }, 'Copy B is the same setup and seed as copy A, except for one setting.'),
    h('div', { class: 'ctl' }, h('label', { for: 'whatif-key' }, 'Setting that differs'), whatIfKey),
    whatIfValueWrap,
    compare,
  );
  whatIfSection.hidden = true;
  controls.append(whatIfSection, concepts, practices, events, teamSection);
}

function drawWhatIfValue(value: number | boolean | null): void {
  clear(whatIfValueWrap);
  const key = whatIfKey.value;
  const def = SETTINGS.find((d) => d.key === key);
  if (def) {
    const cur = status.current?.settings[def.key] ?? def.min;
    const span = def.max - def.min;
    const v = typeof value === 'number' ? value : Math.round((cur < def.min + span / 2 ? Math.min(def.max, cur + 0.3 * span) : Math.max(def.min, cur - 0.3 * span)) / def.step) * def.step;
    const input = h('input', { type: 'range', id: 'whatif-value', min: def.min, max: def.max, step: def.step, value: v });
    const out = h('output', { for: 'whatif-value', class: 'ctl-value' }, def.format(v));
    input.setAttribute('aria-valuetext', def.format(v));
    input.addEventListener('input', () => {
      out.textContent = def.format(Number(input.value));
      input.setAttribute('aria-valuetext', out.textContent);
    });
    whatIfValueWrap.append(h('div', { class: 'ctl-head' }, h('label', { for: 'whatif-value' }, 'Value in copy B'), out), input);
  } else {
    const p = PRACTICES.find((x) => x.key === key)!;
    const cur = status.current?.practices[p.key] ?? false;
    const input = h('input', { type: 'checkbox', id: 'whatif-value', role: 'switch' });
    input.checked = typeof value === 'boolean' ? value : !cur;
    whatIfValueWrap.append(h('div', { class: 'ctl toggle' }, input, h('label', { for: 'whatif-value' }, `${p.label} in copy B`)));
  }
}

function readWhatIf(): WhatIf {
  const key = whatIfKey.value as WhatIf['key'];
  const input = byId<HTMLInputElement>('whatif-value');
  return { key, value: input.type === 'checkbox' ? input.checked : Number(input.value) };
}

function syncControls(): void {
  const setup = status.setup;
  const cur = status.current;
  const info = runs[0]?.info;
  if (!setup || !cur || !info) return;
  for (const def of SETTINGS) {
    const c = sliders.get(def.key)!;
    const v = cur.settings[def.key];
    // A slider the user is moving (pointer or keyboard focus) keeps its own value: a status
    // about an earlier step must not pull it back.
    const active = c.input === dragging || document.activeElement === c.input;
    if (!active && Number(c.input.value) !== v) c.input.value = String(v);
    if (!active) {
      c.out.textContent = def.format(v);
      c.input.setAttribute('aria-valuetext', def.format(v));
    }
    const why = status.unsupported[def.key];
    c.input.disabled = !!why;
    c.wrap.classList.toggle('disabled', !!why);
    c.note.textContent = why ?? (status.midRun.includes(def.key) ? 'Changed during the run: a file or link starts with this value.' : '');
  }
  for (const p of PRACTICES) toggles.get(p.key)!.checked = cur.practices[p.key];
  for (const kind of ROOM_EVENTS) {
    const b = eventButtons.get(kind)!;
    const why = status.unsupported[kind];
    b.disabled = !!why;
    b.title = why ? `${ROOM_EVENT_LABELS[kind].help} (${why})` : ROOM_EVENT_LABELS[kind].help;
    b.hidden = !!why && kind === 'turnoverShock';
  }
  const seed = byId<HTMLInputElement>('seed');
  if (document.activeElement !== seed) seed.value = String(setup.seed);
  teamSection.hidden = info.mode !== 'team';
  if (setup.teamSize !== undefined) teamSize.value = String(setup.teamSize);
  whatIfSection.hidden = !status.whatIf && !(view?.kind === 'whatif');
  const go = byId<HTMLButtonElement>('go');
  go.textContent = status.running ? 'Pause' : 'Go';
  go.setAttribute('aria-pressed', String(status.running));
  document.body.classList.toggle('running', status.running);
  const preset = byId<HTMLSelectElement>('preset');
  if (preset.value !== setup.preset) preset.value = setup.preset;
  const mode = status.whatIf ? 'whatif' : info.mode;
  for (const m of ['team', 'locality', 'whatif']) byId(`tab-${m}`).setAttribute('aria-selected', String(m === mode));
}

function fillTargets(info: StaticInfo): void {
  clear(target);
  target.append(h('option', { value: -1 }, info.mode === 'team' ? '— pick a head —' : '— pick a school —'));
  const snap = runs[0]?.snap;
  for (let i = 0; i < info.leaderSchool.length; i++) {
    const sc = info.leaderSchool[i];
    const name = snap ? short(snap.names[i]) : `Head ${i + 1}`;
    target.append(h('option', { value: sc }, info.mode === 'team' ? `${name} — ${info.schools.names[sc]}` : info.schools.names[sc]));
  }
  target.value = String(selected >= 0 ? info.leaderSchool[selected] : -1);
}

function refreshTargetNames(): void {
  const info = runs[0]?.info;
  const snap = runs[0]?.snap;
  if (!info || !snap || info.mode !== 'team') return;
  for (let i = 0; i < info.leaderSchool.length; i++) {
    const opt = target.options[i + 1];
    const text = `${short(snap.names[i])} — ${info.schools.names[info.leaderSchool[i]]}`;
    if (opt && opt.textContent !== text) opt.textContent = text;
  }
}

/** Select a head (leader slot) by school index from the target list, or by slot from the views. */
function selectHead(schoolIndex: number): void {
  const info = runs[0]?.info;
  if (!info) return;
  selected = schoolIndex >= 0 ? info.leaderSchool.indexOf(schoolIndex) : -1;
  view?.select(selected);
}

function onSelect(head: number): void {
  selected = head;
  const info = runs[0]?.info;
  if (info) target.value = String(head >= 0 ? info.leaderSchool[head] : -1);
  view?.select(head);
}

// ---------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------

function rebuildView(): void {
  view?.destroy();
  clear(stage);
  clear(side);
  tooltip.hide();
  const ctx = { stage, side, tooltip, large, onSelect };
  if (runs.length === 2 && status.whatIf) view = new WhatIfView(runs[0], runs[1], status.whatIf, ctx);
  else if (runs[0].info.mode === 'team') view = new TeamView(runs[0], ctx);
  else view = new LocalityView(runs[0], ctx);
  if (allLog.length) view.log.add(allLog);
  view.update();
  view.select(selected);
}

function onStatic(infos: StaticInfo[], whatIf: WhatIf | null, keep: boolean): void {
  if (keep && infos.length === runs.length && infos.every((i, k) => runs[k].info.id === i.id)) {
    // Same runs, new groups or network (a trust formed, schools withdrew): keep the data, redraw the layout.
    infos.forEach((i, k) => runs[k].setInfo(i));
    fillTargets(infos[0]);
    pendingRestructure = true;
    return;
  }
  const sameStructure = runs.length > 0 && runs[0].info.preset.id === infos[0].preset.id && runs[0].info.leaderSchool.length === infos[0].leaderSchool.length;
  runs = infos.map((i) => new RunData(i));
  status.whatIf = whatIf;
  allLog.length = 0;
  if (!sameStructure) selected = -1;
  fillTargets(infos[0]);
  pendingRebuild = true;
  lastControlsKey = '';
}

let pendingRebuild = false;
let pendingRestructure = false;

/** Log lines received but not drawn yet. */
let pendingLog: LogEntry[] = [];
let renderQueued = false;
let lastRender = 0;
/** While running, draw at most this often (ms): the worker may report faster than a projector needs. */
const RUNNING_FRAME_MS = 150;

function onSnapshot(snap: Snapshot, running: boolean): void {
  const run = runs.find((r) => r.info.id === snap.id);
  if (!run) return;
  run.add(snap);
  status.running = running;
  if (snap.id === 'A') {
    allLog.push(...snap.log);
    if (allLog.length > 2000) allLog.splice(0, allLog.length - 2000);
    pendingLog.push(...snap.log);
  }
  scheduleRender();
}

/** Draw on an animation frame, no more than every RUNNING_FRAME_MS while running (the data keep arriving meanwhile). */
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  const frame = (now: number) => {
    if (status.running && now - lastRender < RUNNING_FRAME_MS) {
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
  if (runs.length === 0 || runs.some((r) => !r.snap)) return;
  if (pendingRebuild) {
    pendingRebuild = false;
    pendingRestructure = false;
    pendingLog = [];
    rebuildView();
  } else {
    if (pendingRestructure && runs.every((r) => r.snap!.structure === r.info.structure)) {
      pendingRestructure = false;
      view?.restructure();
      view?.select(selected);
    }
    if (pendingLog.length) view?.log.add(pendingLog);
    pendingLog = [];
    view?.update();
  }
  const a = runs[0];
  setText(byId('clock'), `${whenLabel(a.snap!.tick, a.info.ticksPerYear)} · tick ${a.snap!.tick}`);
  refreshTargetNames();
}

// ---------------------------------------------------------------------------
// Messages from the worker
// ---------------------------------------------------------------------------

function showBanner(text: string): void {
  byId('banner-text').textContent = text;
  byId('banner').hidden = false;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'presets': {
      presets = msg.presets;
      const sel = byId<HTMLSelectElement>('preset');
      clear(sel);
      const team = h('optgroup', { label: 'Team' });
      const loc = h('optgroup', { label: 'Locality' });
      for (const p of presets) (p.mode === 'team' ? team : loc).append(h('option', { value: p.id, title: p.question }, p.title));
      sel.append(team, loc);
      break;
    }
    case 'static':
      onStatic(msg.infos, msg.whatIf, msg.keep);
      break;
    case 'snapshot':
      onSnapshot(msg.snap, msg.running);
      break;
    case 'status': {
      status.running = msg.running;
      status.tick = msg.tick;
      status.setup = msg.setup;
      status.current = msg.current;
      status.unsupported = msg.unsupported;
      status.hash = msg.hash;
      status.whatIf = msg.whatIf;
      status.midRun = msg.midRun;
      if (msg.ui.large !== undefined && msg.ui.large !== large && !uiInit) setLarge(!!msg.ui.large, false);
      uiInit = true;
      if (location.hash.slice(1) !== msg.hash) history.replaceState(null, '', `#${msg.hash}`);
      const key = JSON.stringify([msg.running, msg.current, msg.unsupported, msg.midRun, msg.setup.seed, msg.setup.teamSize, msg.setup.preset, msg.whatIf]);
      if (key !== lastControlsKey) {
        lastControlsKey = key;
        syncControls();
      }
      if (status.whatIf && whatIfKey.value !== status.whatIf.key) {
        whatIfKey.value = status.whatIf.key;
        drawWhatIfValue(status.whatIf.value);
      }
      readyResolve();
      break;
    }
    case 'export':
      lastExport = { fileName: msg.fileName, text: msg.text };
      download(msg.fileName, msg.text);
      break;
    case 'series': {
      const w = seriesWaiters.get(msg.reqId);
      seriesWaiters.delete(msg.reqId);
      w?.({ keys: msg.keys, rows: msg.rows, values: Array.from(msg.values) });
      break;
    }
    case 'error':
      showBanner(msg.message);
      break;
  }
};
worker.onerror = (e) => showBanner(`The simulation stopped with an error: ${e.message}`);

let uiInit = false;
let lastControlsKey = '';

// ---------------------------------------------------------------------------
// Top bar and run bar
// ---------------------------------------------------------------------------

function setLarge(on: boolean, tell = true): void {
  large = on;
  document.body.classList.toggle('large', on);
  byId<HTMLInputElement>('large').checked = on;
  if (tell) send({ type: 'ui', ui: { large: on } });
  if (runs.length && runs.every((r) => r.snap)) rebuildView();
}

function wire(): void {
  buildControls();
  byId('go').addEventListener('click', () => send({ type: status.running ? 'pause' : 'go' }));
  byId('step').addEventListener('click', () => send({ type: 'step' }));
  byId('setup').addEventListener('click', () => send({ type: 'setup' }));
  byId('reset').addEventListener('click', () => send({ type: 'reset' }));
  byId('reseed').addEventListener('click', () => send({ type: 'reseed' }));
  const seed = byId<HTMLInputElement>('seed');
  seed.addEventListener('change', () => {
    const v = Number(seed.value);
    if (Number.isInteger(v) && v >= 0 && v <= 4294967295) send({ type: 'reseed', seed: v });
    else showBanner('The seed must be a whole number from 0 to 4294967295.');
  });
  const speed = byId<HTMLInputElement>('speed');
  const speedText = () => {
    const tps = SPEEDS[Number(speed.value)];
    const text = tps >= 60 ? `${tps} ticks a second (fast)` : tps >= 1 ? `${tps} tick${tps === 1 ? '' : 's'} a second` : 'one tick every 2 seconds';
    byId('speed-out').textContent = tps >= 1 ? `${tps}/s` : '½/s';
    speed.setAttribute('aria-valuetext', text);
    speed.title = text;
    return tps;
  };
  speed.addEventListener('input', () => send({ type: 'speed', ticksPerSecond: speedText() }));
  send({ type: 'speed', ticksPerSecond: speedText() });
  byId('preset').addEventListener('change', (e) => send({ type: 'preset', id: (e.target as HTMLSelectElement).value }));
  for (const m of ['team', 'locality', 'whatif'] as const) {
    byId(`tab-${m}`).addEventListener('click', () => {
      if (m === 'whatif') {
        if (!status.whatIf) {
          whatIfKey.value = 'candour';
          drawWhatIfValue(null);
          send({ type: 'whatIf', whatIf: readWhatIf() });
        }
      } else send({ type: 'mode', mode: m });
    });
  }
  // Arrow keys move between the view tabs.
  byId('tab-team').parentElement!.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const tabs = ['team', 'locality', 'whatif'].map((m) => byId(`tab-${m}`));
    const k = tabs.indexOf(document.activeElement as HTMLElement);
    if (k < 0) return;
    tabs[(k + (e.key === 'ArrowRight' ? 1 : 2)) % 3].focus();
  });
  const file = byId<HTMLInputElement>('file');
  byId('load-file').addEventListener('click', () => file.click());
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    send({ type: 'loadFile', name: f.name, text: await f.text() });
    file.value = '';
  });
  byId('export').addEventListener('click', () => send({ type: 'export' }));
  byId('copy-link').addEventListener('click', async () => {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      showBanner('Link copied: it reopens this setup (preset, seed, settings and events).');
    } catch {
      showBanner(`Copy this link to reopen the setup: ${link}`);
    }
  });
  byId<HTMLInputElement>('large').addEventListener('change', (e) => setLarge((e.target as HTMLInputElement).checked));
  byId('help-btn').addEventListener('click', () => {
    const help = byId('help');
    help.hidden = !help.hidden;
    byId('help-btn').setAttribute('aria-expanded', String(!help.hidden));
  });
  byId('banner-close').addEventListener('click', () => (byId('banner').hidden = true));
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t.closest('input, select, textarea, button, [role="button"], [contenteditable]')) return;
    if (e.key === ' ') {
      e.preventDefault();
      send({ type: status.running ? 'pause' : 'go' });
    } else if (e.key === 'n' || e.key === 'N') send({ type: 'step' });
    else if (e.key === 'Escape') tooltip.hide();
  });
  // Charts are drawn at a measured width: redraw the view when the window changes size.
  let resizeTimer: ReturnType<typeof setTimeout> | null = null;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (resizeTimer !== null) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      resizeTimer = null;
      if (Math.abs(window.innerWidth - lastWidth) < 40 || !runs.length || runs.some((r) => !r.snap)) return;
      lastWidth = window.innerWidth;
      rebuildView();
    }, 300);
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) !== status.hash) send({ type: 'init', hash: location.hash });
  });
  send({ type: 'init', hash: location.hash });
}

wire();

// ---------------------------------------------------------------------------
// A small API for the end-to-end tests and for trainers' own scripts.
// ---------------------------------------------------------------------------

declare global {
  interface Window {
    collabsimWorkshop: unknown;
  }
}

window.collabsimWorkshop = {
  ready: () => ready.then(() => true),
  status: () => ({ ...status, setup: status.setup ? JSON.parse(JSON.stringify(status.setup)) : null }),
  tick: () => runs[0]?.snap?.tick ?? 0,
  mode: () => view?.kind ?? null,
  /** All series rows of run A or B so far. */
  series: (id: 'A' | 'B' = 'A') =>
    new Promise((resolve) => {
      const reqId = ++reqIds;
      seriesWaiters.set(reqId, resolve);
      send({ type: 'series', id, reqId });
    }),
  /** The page's own copy of the series (what the charts show). */
  pageSeries: (id: 'A' | 'B' = 'A') => runs.find((r) => r.info.id === id)?.series() ?? null,
  snapshot: (id: 'A' | 'B' = 'A') => {
    const s = runs.find((r) => r.info.id === id)?.snap;
    if (!s) return null;
    return {
      tick: s.tick,
      names: s.names,
      trust: Array.from(s.trust),
      integrity: Array.from(s.integrity),
      competence: Array.from(s.competence),
      effectiveness: Array.from(s.effectiveness),
      changes: Array.from(s.changes),
      levels: Array.from(s.levels),
      /** The last tick's interactions: counts [kind * 2 + ok], and [kind, actor, target, ok, group] per kept event. */
      trace: {
        tick: s.trace.tick,
        counts: Array.from(s.trace.counts),
        events: Array.from({ length: s.trace.events.length / 5 }, (_, k) => Array.from(s.trace.events.subarray(k * 5, k * 5 + 5))),
      },
    };
  },
  info: (id: 'A' | 'B' = 'A') => {
    const i = runs.find((r) => r.info.id === id)?.info;
    return i ? { mode: i.mode, preset: i.preset.id, src: Array.from(i.edges.src), dst: Array.from(i.edges.dst), schools: i.schools.names, leaderSchool: Array.from(i.leaderSchool) } : null;
  },
  log: () => allLog.slice(),
  lastExport: () => lastExport,
  send: (msg: ToWorker) => send(msg),
};
