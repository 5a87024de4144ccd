/**
 * Guided demonstrations: one-click setups for a room, each with what to
 * watch, when to pause and a question to ask. A demonstration is a sequence
 * of ordinary messages to the worker (the same a trainer's clicks would
 * send), so it is reproducible, shareable by link, and exportable.
 */
import { byId, clear, h } from './dom.ts';
import type { Send } from './page-state.ts';
import type { ToWorker } from '../protocol.ts';

export interface Demo {
  id: string;
  title: string;
  messages: ToWorker[];
  watch: string;
  pause: string;
  question: string;
}

const TEAM: ToWorker[] = [
  { type: 'whatIf', whatIf: null },
  { type: 'preset', id: 'workshop-team' },
  { type: 'reseed', seed: 5 },
];

export const DEMOS: readonly Demo[] = [
  {
    id: 'critical-friends',
    title: 'Friends or critical friends?',
    messages: [...TEAM, { type: 'whatIf', whatIf: { key: 'candour', value: 0.2 } }],
    watch: 'Two copies of the same team from the same seed; on the right, heads who rarely challenge (candour 0.2). Watch trust, then the top of each pyramid.',
    pause: 'Pause at about year 2, when the pyramids have parted.',
    question:
      'Trust is much the same in both teams. Why does the team that does not challenge stall at productive conflict, and what would make it safe to challenge here?',
  },
  {
    id: 'broken-trust',
    title: 'One broken trust',
    messages: [...TEAM],
    watch: 'Press Go. At about year 1, pick Cath (click her circle) and press "Hidden agenda comes out". Watch the arrows into Cath and the trust tile.',
    pause: 'Pause straight after the event, then again a year later.',
    question: 'Integrity fell in a moment. What has to happen, meeting by meeting, for her partners to trust her again, and how long does it take?',
  },
  {
    id: 'churn',
    title: 'Churn: heads keep leaving',
    messages: [...TEAM, { type: 'set', key: 'leaderRate', value: 0.3 }],
    watch: 'Head turnover at 30% a year instead of 8%. Watch the "new" badges, the ties to newcomers, and trust at the base of the pyramid.',
    pause: 'Pause when the second newcomer arrives.',
    question: 'Each newcomer starts every relationship again. What could the partnership do so that a new head is trusted sooner?',
  },
  {
    id: 'meet-more',
    title: 'Meeting more often',
    messages: [...TEAM, { type: 'whatIf', whatIf: { key: 'meetingsPerYear', value: 12 } }],
    watch: 'The same team meeting every half term (left) and every month (right). Watch how fast trust and conflict rise, and where the two copies end up.',
    pause: 'Pause at year 1 and compare the pyramids.',
    question: 'More meetings give more chances to see each other keep commitments. Is time together enough, or does it matter what happens in it?',
  },
  {
    id: 'shire-hubs',
    title: 'Who does the hub reach? (Shire)',
    messages: [
      { type: 'whatIf', whatIf: null },
      { type: 'preset', id: 'shire-baseline' },
    ],
    watch:
      'A rural locality: schools in villages, heads in settlement clusters, hubs far away. Watch hub engagement and which schools the trusted ties carry the hub to.',
    pause: 'Pause after the first year of hub engagement.',
    question: 'The schools furthest from the hub engage through heads they trust. Who in your area plays that part, and what happens when they leave?',
  },
];

/** Run a demonstration: send its messages and show its guide. */
export function startDemo(demo: Demo, send: Send): void {
  for (const m of demo.messages) send(m);
  const card = byId('demo-card');
  const body = byId('demo-text');
  clear(body);
  body.append(
    h('p', {}, h('strong', {}, 'Watch: '), demo.watch),
    h('p', {}, h('strong', {}, 'Pause: '), demo.pause),
    h('p', { class: 'demo-question' }, h('strong', {}, 'Ask the room: '), demo.question),
  );
  byId('demo-title').textContent = demo.title;
  card.hidden = false;
}

/** Fill the menu and wire it. */
export function wireDemos(send: Send): void {
  const select = byId<HTMLSelectElement>('demo');
  select.append(...DEMOS.map((d) => h('option', { value: d.id }, d.title)));
  select.addEventListener('change', () => {
    const demo = DEMOS.find((d) => d.id === select.value);
    select.value = '';
    if (demo) startDemo(demo, send);
  });
  byId('demo-close').addEventListener('click', () => (byId('demo-card').hidden = true));
}
