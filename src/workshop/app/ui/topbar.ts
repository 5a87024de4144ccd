/**
 * The top bar and the run bar: Go/Pause, Step, Setup, Reset, seed, speed,
 * preset, view tabs, file loading, export, link, large type, help, and the
 * page's keyboard shortcuts.
 */
import { byId } from './dom.ts';
import type { ControlsPanel } from './controls-panel.ts';
import type { PageState, Send } from './page-state.ts';

const SPEEDS = [0.5, 1, 2, 4, 8, 15, 30, 60, 240];

export interface TopBarOptions {
  state: PageState;
  send: Send;
  controls: ControlsPanel;
  showBanner: (text: string) => void;
  setLarge: (on: boolean) => void;
  hideTooltip: () => void;
  /** Redraw the view (the window changed size). */
  redraw: () => void;
}

function wireRunBar(o: TopBarOptions): void {
  const { send, state } = o;
  byId('go').addEventListener('click', () => send({ type: state.status.running ? 'pause' : 'go' }));
  byId('step').addEventListener('click', () => send({ type: 'step' }));
  byId('setup').addEventListener('click', () => send({ type: 'setup' }));
  byId('reset').addEventListener('click', () => send({ type: 'reset' }));
  byId('reseed').addEventListener('click', () => send({ type: 'reseed' }));
  const seed = byId<HTMLInputElement>('seed');
  seed.addEventListener('change', () => {
    const v = Number(seed.value);
    if (Number.isInteger(v) && v >= 0 && v <= 4294967295) send({ type: 'reseed', seed: v });
    else o.showBanner('The seed must be a whole number from 0 to 4294967295.');
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
}

function wireTabs(o: TopBarOptions): void {
  const { send, state, controls } = o;
  const preset = byId<HTMLSelectElement>('preset');
  preset.addEventListener('change', () => send({ type: 'preset', id: preset.value }));
  for (const m of ['team', 'locality', 'whatif'] as const) {
    byId(`tab-${m}`).addEventListener('click', () => {
      if (m !== 'whatif') return send({ type: 'mode', mode: m });
      if (state.status.whatIf) return;
      controls.whatIfKey.value = 'candour';
      controls.drawWhatIfValue(null);
      send({ type: 'whatIf', whatIf: controls.readWhatIf() });
    });
  }
  // Arrow keys move between the view tabs.
  const tabs = ['team', 'locality', 'whatif'].map((m) => byId(`tab-${m}`));
  byId('tab-team').parentElement?.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const k = tabs.findIndex((t) => t === document.activeElement);
    if (k < 0) return;
    tabs[(k + (e.key === 'ArrowRight' ? 1 : 2)) % 3].focus();
  });
}

function wireFiles(o: TopBarOptions): void {
  const { send } = o;
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
    // A slider moved during the run (openness, candour, trust, meetings) has no timeline event: say so plainly.
    const mid = o.state.status.midRun;
    const caveat = mid.length
      ? ` Note: ${mid.join(', ')} changed during the run; a link cannot replay a mid-run change, so it starts with the new value from the beginning and gives a different run (Export this setup says the same in the file).`
      : '';
    try {
      await navigator.clipboard.writeText(link);
      o.showBanner(`Link copied: it reopens this setup (preset, seed, settings and events).${caveat}`);
    } catch {
      o.showBanner(`Copy this link to reopen the setup: ${link}${caveat}`);
    }
  });
}

function wirePage(o: TopBarOptions): void {
  const { send, state } = o;
  const present = byId('present');
  const setPresenter = (on: boolean) => {
    document.body.classList.toggle('presenter', on);
    present.setAttribute('aria-pressed', String(on));
    o.redraw();
  };
  present.addEventListener('click', () => setPresenter(!document.body.classList.contains('presenter')));
  const large = byId<HTMLInputElement>('large');
  large.addEventListener('change', () => o.setLarge(large.checked));
  byId('help-btn').addEventListener('click', () => {
    const help = byId('help');
    help.hidden = !help.hidden;
    byId('help-btn').setAttribute('aria-expanded', String(!help.hidden));
  });
  byId('banner-close').addEventListener('click', () => (byId('banner').hidden = true));
  // A button clicked with the mouse gives up the focus, so Space then means play/pause rather than
  // clicking that button again (an event button would fire twice). Keyboard users keep Space on buttons.
  document.addEventListener(
    'click',
    (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && e.detail > 0) b.blur();
    },
    true,
  );
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof Element && e.target.closest('input, select, textarea, button, [role="button"], [contenteditable]')) return;
    if (e.key === ' ') {
      e.preventDefault();
      send({ type: state.status.running ? 'pause' : 'go' });
    } else if (e.key === 'n' || e.key === 'N') send({ type: 'step' });
    else if (e.key === 'p' || e.key === 'P') setPresenter(!document.body.classList.contains('presenter'));
    else if (e.key === 'f' || e.key === 'F') {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else if (e.key === 'Escape') o.hideTooltip();
  });
  // Charts are drawn at a measured width: redraw the view when the window changes size.
  let resizeTimer: ReturnType<typeof setTimeout> | null = null;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (resizeTimer !== null) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      resizeTimer = null;
      if (Math.abs(window.innerWidth - lastWidth) < 40 || !state.runs.length || state.runs.some((r) => !r.snap)) return;
      lastWidth = window.innerWidth;
      o.redraw();
    }, 300);
  });
}

/** Wire the bars and the page's keys, then ask the worker for the setup in the URL. */
export function wireTopBar(o: TopBarOptions): void {
  wireRunBar(o);
  wireTabs(o);
  wireFiles(o);
  wirePage(o);
  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) !== o.state.status.hash) o.send({ type: 'init', hash: location.hash });
  });
  o.send({ type: 'init', hash: location.hash });
}
