/** The plain-language event log, newest first. */
import type { LogEntry } from '../narrate-text.ts';
import { clear, h } from './dom.ts';

const ICON: Record<string, string> = {
  event: '★',
  meeting: '☕',
  up: '▲',
  down: '▼',
  turnover: '⇄',
  grade: '◆',
  gate: '▤',
  review: '✎',
  setting: '⚙',
};

/** Lines the highlights always show besides the tick's one story: what the room did, heads leaving, new inspection grades. */
const HIGHLIGHT_KINDS = new Set(['event', 'setting', 'turnover', 'grade']);

/** Lines kept on screen (the full log is kept in memory for filtering). */
const MAX = 150;

export class EventLog {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly filter: HTMLSelectElement;
  private entries: LogEntry[] = [];

  constructor(container: HTMLElement, title = 'What happened') {
    // Scrollable, so focusable: keyboard users can scroll the log with the arrow keys.
    this.list = h('ol', { class: 'log-list', reversed: true, tabindex: '0', 'aria-label': title });
    this.filter = h(
      'select',
      { id: `log-filter-${Math.random().toString(36).slice(2, 7)}` },
      h('option', { value: 'highlights' }, 'Highlights: one story a half-term'),
      h('option', { value: 'stories' }, 'Events and every story'),
      h('option', { value: 'events' }, 'Room events only'),
      h('option', { value: 'all' }, 'Everything'),
    );
    this.filter.addEventListener('change', () => this.redraw());
    this.root = h(
      'section',
      { class: 'log', 'aria-label': title },
      h('div', { class: 'log-head' }, h('h2', {}, title), h('label', { for: this.filter.id, class: 'inline small' }, 'Show ', this.filter)),
      this.list,
    );
    container.append(this.root);
  }

  private visible(e: LogEntry): boolean {
    const f = this.filter.value;
    if (f === 'events') return e.kind === 'event' || e.kind === 'setting';
    if (f === 'highlights') return Boolean(e.highlight) || HIGHLIGHT_KINDS.has(e.kind);
    if (f === 'stories') return e.kind !== 'meeting';
    return true;
  }

  private item(e: LogEntry): HTMLElement {
    return h(
      'li',
      { class: `log-item k-${e.kind}` },
      h('span', { class: 'log-icon', 'aria-hidden': 'true' }, ICON[e.kind] ?? '•'),
      h('span', { class: 'log-when' }, e.when),
      h('span', { class: 'log-text' }, e.text),
    );
  }

  add(entries: LogEntry[]): void {
    if (!entries.length) return;
    this.entries.push(...entries);
    if (this.entries.length > 4 * MAX) this.entries.splice(0, this.entries.length - 4 * MAX);
    const frag = document.createDocumentFragment();
    const from = Math.max(0, entries.length - MAX);
    for (let k = entries.length - 1; k >= from; k--) if (this.visible(entries[k])) frag.append(this.item(entries[k]));
    this.list.prepend(frag);
    while (this.list.childElementCount > MAX) this.list.lastElementChild!.remove();
  }

  reset(): void {
    this.entries = [];
    clear(this.list);
  }

  private redraw(): void {
    clear(this.list);
    const frag = document.createDocumentFragment();
    let n = 0;
    for (let k = this.entries.length - 1; k >= 0 && n < MAX; k--) {
      if (!this.visible(this.entries[k])) continue;
      frag.append(this.item(this.entries[k]));
      n++;
    }
    this.list.append(frag);
  }

  /** All entries (oldest first), for tests and for copying. */
  all(): LogEntry[] {
    return this.entries.slice();
  }
}
