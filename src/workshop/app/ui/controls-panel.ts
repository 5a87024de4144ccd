/**
 * The controls panel: concept sliders, practice toggles, event buttons, the
 * team size and the what-if settings. Each control sends its message to the
 * worker; `sync` shows the settings the worker reports.
 */
import type { StaticInfo, WhatIf } from '../protocol.ts';
import { isPracticeKey, isSettingKey, PRACTICES, ROOM_EVENT_LABELS, ROOM_EVENTS, SETTINGS, needsSchool } from '../settings.ts';
import type { PracticeKey, RoomEventKind, SettingDef, SettingKey } from '../settings.ts';
import { byId, clear, h, short } from './dom.ts';
import type { PageState, Send } from './page-state.ts';

export interface ControlsPanelOptions {
  root: HTMLElement;
  state: PageState;
  send: Send;
  showBanner: (text: string) => void;
  /** A head picked in the target list (by school index, -1: none). */
  onTarget: (school: number) => void;
}

interface Slider {
  input: HTMLInputElement;
  out: HTMLOutputElement;
  wrap: HTMLElement;
  note: HTMLElement;
}

function infoTip(id: string, concept: string, source: string): { icon: HTMLElement; tip: HTMLElement } {
  const tip = h('span', { class: 'tip', id, role: 'tooltip' }, h('span', {}, concept), h('span', { class: 'tip-source' }, `Source: ${source}`));
  const icon = h('span', { class: 'info', 'aria-hidden': 'true' }, 'i');
  return { icon, tip };
}

function section(id: string, title: string, extraClass = ''): HTMLElement {
  return h('section', { class: `ctl-section${extraClass}`, 'aria-labelledby': id }, h('h2', { id }, title));
}

export class ControlsPanel {
  readonly target: HTMLSelectElement;
  readonly whatIfKey: HTMLSelectElement;
  private readonly sliders = new Map<SettingKey, Slider>();
  private readonly toggles = new Map<PracticeKey, HTMLInputElement>();
  private readonly eventButtons = new Map<RoomEventKind, HTMLButtonElement>();
  private readonly teamSize: HTMLSelectElement;
  private readonly teamSection: HTMLElement;
  private readonly whatIfSection: HTMLElement;
  private readonly whatIfValueWrap: HTMLElement;
  private dragging: HTMLInputElement | null = null;
  /** What the controls last showed (a status that changes none of it leaves them alone). */
  private lastKey = '';

  constructor(private readonly o: ControlsPanelOptions) {
    clear(o.root);
    this.target = h('select', { id: 'target' });
    this.teamSize = h('select', { id: 'team-size' });
    this.whatIfKey = h('select', { id: 'whatif-key' });
    this.whatIfValueWrap = h('div', { class: 'ctl' });
    const concepts = this.buildConcepts();
    const practices = this.buildPractices();
    const events = this.buildEvents();
    this.teamSection = this.buildTeam();
    this.whatIfSection = this.buildWhatIf();
    o.root.append(this.whatIfSection, concepts, practices, events, this.teamSection);
  }

  private buildSlider(def: SettingDef): HTMLElement {
    const id = `set-${def.key}`;
    const { icon, tip } = infoTip(`tip-${def.key}`, def.concept, def.source);
    const input = h('input', {
      type: 'range',
      id,
      min: def.min,
      max: def.max,
      step: def.step,
      'aria-describedby': `tip-${def.key}`,
      title: `${def.concept} Source: ${def.source}`,
    });
    const out = h('output', { for: id, class: 'ctl-value' });
    const note = h('span', { class: 'ctl-note' });
    const wrap = h('div', { class: 'ctl has-tip' }, h('div', { class: 'ctl-head' }, h('label', { for: id }, def.label), icon, out), input, tip, note);
    input.addEventListener('pointerdown', () => (this.dragging = input));
    input.addEventListener('pointerup', () => (this.dragging = null));
    input.addEventListener('input', () => {
      const v = Number(input.value);
      out.textContent = def.format(v);
      input.setAttribute('aria-valuetext', def.format(v));
    });
    input.addEventListener('change', () => {
      this.dragging = null;
      this.o.send({ type: 'set', key: def.key, value: Number(input.value) });
    });
    input.addEventListener('blur', () => this.forceSync());
    this.sliders.set(def.key, { input, out, wrap, note });
    return wrap;
  }

  private buildConcepts(): HTMLElement {
    const concepts = section('h-concepts', 'Concepts');
    for (const def of SETTINGS) concepts.append(this.buildSlider(def));
    return concepts;
  }

  private buildPractices(): HTMLElement {
    const practices = section('h-practices', 'Structural practices');
    for (const p of PRACTICES) {
      const id = `pr-${p.key}`;
      const { icon, tip } = infoTip(`tip-${p.key}`, p.concept, p.source);
      const input = h('input', { type: 'checkbox', id, role: 'switch', 'aria-describedby': `tip-${p.key}` });
      input.addEventListener('change', () => this.o.send({ type: 'practice', key: p.key, value: input.checked }));
      practices.append(
        h('div', { class: 'ctl toggle has-tip', title: `${p.concept} Source: ${p.source}` }, input, h('label', { for: id }, p.label), icon, tip),
      );
      this.toggles.set(p.key, input);
    }
    return practices;
  }

  private buildEvents(): HTMLElement {
    const events = section('h-events', 'Events');
    const target = this.target;
    target.addEventListener('change', () => this.o.onTarget(Number(target.value)));
    events.append(h('div', { class: 'ctl' }, h('label', { for: 'target' }, 'Which head or school'), target));
    const grid = h('div', { class: 'event-grid' });
    for (const kind of ROOM_EVENTS) {
      const b = h('button', { type: 'button', id: `ev-${kind}`, class: 'event-btn', title: ROOM_EVENT_LABELS[kind].help }, ROOM_EVENT_LABELS[kind].label);
      b.addEventListener('click', () => {
        const needsTarget = needsSchool(kind);
        const sc = Number(target.value);
        if (needsTarget && !(sc >= 0)) return this.o.showBanner('Pick a head first: click a circle, or choose one in "Which head or school".');
        this.o.send({ type: 'event', kind, school: needsTarget ? sc : undefined });
      });
      this.eventButtons.set(kind, b);
      grid.append(b);
    }
    events.append(grid);
    return events;
  }

  private buildTeam(): HTMLElement {
    const teamSize = this.teamSize;
    for (let n = 3; n <= 8; n++) teamSize.append(h('option', { value: n }, `${n} heads`));
    teamSize.addEventListener('change', () => this.o.send({ type: 'teamSize', n: Number(teamSize.value) }));
    const team = section('h-team', 'Team');
    team.append(h('div', { class: 'ctl' }, h('label', { for: 'team-size' }, 'Size of the partnership'), teamSize));
    return team;
  }

  private buildWhatIf(): HTMLElement {
    const key = this.whatIfKey;
    for (const d of SETTINGS) key.append(h('option', { value: d.key }, d.label));
    for (const p of PRACTICES) key.append(h('option', { value: p.key }, p.label));
    key.addEventListener('change', () => this.drawWhatIfValue(null));
    const compare = h('button', { type: 'button', id: 'whatif-apply', class: 'primary' }, 'Compare from the start');
    compare.addEventListener('click', () => this.o.send({ type: 'whatIf', whatIf: this.readWhatIf() }));
    const s = section('h-whatif', 'What if…', ' whatif-ctl');
    s.append(
      h('p', { class: 'small' }, 'Copy B is the same setup and seed as copy A, except for one setting.'),
      h('div', { class: 'ctl' }, h('label', { for: 'whatif-key' }, 'Setting that differs'), key),
      this.whatIfValueWrap,
      compare,
    );
    s.hidden = true;
    return s;
  }

  /** The value control for copy B: a slider moved a third of its range from the current value, or the other state of a toggle. */
  drawWhatIfValue(value: number | boolean | null): void {
    const wrap = this.whatIfValueWrap;
    clear(wrap);
    const key = this.whatIfKey.value;
    const current = this.o.state.status.current;
    const def = SETTINGS.find((d) => d.key === key);
    if (def) {
      const cur = current?.settings[def.key] ?? def.min;
      const span = def.max - def.min;
      const v =
        typeof value === 'number'
          ? value
          : Math.round((cur < def.min + span / 2 ? Math.min(def.max, cur + 0.3 * span) : Math.max(def.min, cur - 0.3 * span)) / def.step) * def.step;
      const input = h('input', { type: 'range', id: 'whatif-value', min: def.min, max: def.max, step: def.step, value: v });
      const out = h('output', { for: 'whatif-value', class: 'ctl-value' }, def.format(v));
      input.setAttribute('aria-valuetext', def.format(v));
      input.addEventListener('input', () => {
        out.textContent = def.format(Number(input.value));
        input.setAttribute('aria-valuetext', out.textContent);
      });
      wrap.append(h('div', { class: 'ctl-head' }, h('label', { for: 'whatif-value' }, 'Value in copy B'), out), input);
      return;
    }
    const p = PRACTICES.find((x) => x.key === key);
    if (!p) return;
    const input = h('input', { type: 'checkbox', id: 'whatif-value', role: 'switch' });
    input.checked = typeof value === 'boolean' ? value : !(current?.practices[p.key] ?? false);
    wrap.append(h('div', { class: 'ctl toggle' }, input, h('label', { for: 'whatif-value' }, `${p.label} in copy B`)));
  }

  readWhatIf(): WhatIf {
    const key = this.whatIfKey.value;
    const input = byId<HTMLInputElement>('whatif-value');
    const value = input.type === 'checkbox' ? input.checked : Number(input.value);
    return { key: isSettingKey(key) || isPracticeKey(key) ? key : 'candour', value };
  }

  /** Show a status whose controls key differs from the last one shown. */
  syncIfChanged(key: string): void {
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.sync();
  }

  /** Show the status now, and again at the next status. */
  forceSync(): void {
    this.lastKey = '';
    this.sync();
  }

  /** The next status is shown even if it looks the same (the runs were rebuilt). */
  invalidate(): void {
    this.lastKey = '';
  }

  private syncSliders(): void {
    const { status } = this.o.state;
    const cur = status.current;
    if (!cur) return;
    for (const def of SETTINGS) {
      const c = this.sliders.get(def.key);
      if (!c) continue;
      const v = cur.settings[def.key];
      // A slider the user is moving (pointer or keyboard focus) keeps its own value: a status
      // about an earlier step must not pull it back.
      const active = c.input === this.dragging || document.activeElement === c.input;
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
    for (const p of PRACTICES) {
      const t = this.toggles.get(p.key);
      if (t) t.checked = cur.practices[p.key];
    }
  }

  private syncEvents(): void {
    const { status } = this.o.state;
    for (const kind of ROOM_EVENTS) {
      const b = this.eventButtons.get(kind);
      if (!b) continue;
      const why = status.unsupported[kind];
      b.disabled = !!why;
      b.title = why ? `${ROOM_EVENT_LABELS[kind].help} (${why})` : ROOM_EVENT_LABELS[kind].help;
      b.hidden = !!why && kind === 'turnoverShock';
    }
  }

  /** Show the settings in force, what cannot be used and why, and the run bar's state. */
  sync(): void {
    const { status, runs, view } = this.o.state;
    const setup = status.setup;
    const info = runs[0]?.info;
    if (!setup || !status.current || !info) return;
    this.syncSliders();
    this.syncEvents();
    const seed = byId<HTMLInputElement>('seed');
    if (document.activeElement !== seed) seed.value = String(setup.seed);
    this.teamSection.hidden = info.mode !== 'team';
    if (setup.teamSize !== undefined) this.teamSize.value = String(setup.teamSize);
    this.whatIfSection.hidden = !status.whatIf && !(view?.kind === 'whatif');
    const go = byId<HTMLButtonElement>('go');
    go.textContent = status.running ? 'Pause' : 'Go';
    go.setAttribute('aria-pressed', String(status.running));
    document.body.classList.toggle('running', status.running);
    const preset = byId<HTMLSelectElement>('preset');
    if (preset.value !== setup.preset) preset.value = setup.preset;
    const mode = status.whatIf ? 'whatif' : info.mode;
    for (const m of ['team', 'locality', 'whatif']) byId(`tab-${m}`).setAttribute('aria-selected', String(m === mode));
  }

  /** The heads (team) or schools (locality) of run A in the target list. */
  fillTargets(info: StaticInfo): void {
    const target = this.target;
    clear(target);
    target.append(h('option', { value: -1 }, info.mode === 'team' ? '— pick a head —' : '— pick a school —'));
    const snap = this.o.state.runs[0]?.snap;
    for (let i = 0; i < info.leaderSchool.length; i++) {
      const sc = info.leaderSchool[i];
      const name = snap ? short(snap.names[i]) : `Head ${i + 1}`;
      target.append(h('option', { value: sc }, info.mode === 'team' ? `${name} — ${info.schools.names[sc]}` : info.schools.names[sc]));
    }
    const selected = this.o.state.selected;
    target.value = String(selected >= 0 ? info.leaderSchool[selected] : -1);
  }

  /** A team's heads change names when newcomers arrive. */
  refreshTargetNames(): void {
    const info = this.o.state.runs[0]?.info;
    const snap = this.o.state.runs[0]?.snap;
    if (!info || !snap || info.mode !== 'team') return;
    for (let i = 0; i < info.leaderSchool.length; i++) {
      const opt = this.target.options[i + 1];
      const text = `${short(snap.names[i])} — ${info.schools.names[info.leaderSchool[i]]}`;
      if (opt && opt.textContent !== text) opt.textContent = text;
    }
  }
}
