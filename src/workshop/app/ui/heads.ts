/**
 * The heads of a team, as persona cards: name, school, grade and
 * effectiveness, and the seven traits that drive their behaviour.
 */
import type { Snapshot, StaticInfo } from '../protocol.ts';
import { f2, h, setAttr, setStyle, setText, short } from './dom.ts';
import { GRADE_COLORS, GRADE_INK, GRADE_SHORT, SCHOOL_COLORS, TRAITS } from './palette.ts';

/** Words for a trait well above (first) or well below (second) the middle. */
const TRAIT_WORDS: readonly [string, string][] = [
  ['open about weaknesses', 'guarded'],
  ['candid, challenges', 'avoids challenge'],
  ['quick to trust', 'wary of others'],
  ['competitive', 'collegial'],
  ['keeps their word', 'lets commitments slip'],
  ['driven by shared results', 'focused on own school'],
  ['highly skilled', 'still learning the job'],
];

/** What a head is like, in a few words: the two traits furthest from the middle (at least 0.15 away). */
export function personaOf(traits: readonly number[]): string {
  const marked = traits
    .map((v, k) => ({ k, d: v - 0.5 }))
    .filter((t) => Math.abs(t.d) >= 0.15)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || a.k - b.k)
    .slice(0, 2)
    .map((t) => TRAIT_WORDS[t.k][t.d > 0 ? 0 : 1]);
  return marked.length ? marked.join(', ') : 'middle of the road';
}

export class HeadsPanel {
  readonly root: HTMLElement;
  private readonly cards: {
    card: HTMLElement;
    name: HTMLElement;
    badge: HTMLElement;
    grade: HTMLElement;
    eff: HTMLElement;
    effBar: HTMLElement;
    trend: HTMLElement;
    trusted: HTMLElement;
    persona: HTMLElement;
    traitFills: HTMLElement[];
    traitVals: HTMLElement[];
  }[] = [];
  private selected = -1;

  constructor(
    container: HTMLElement,
    private readonly info: StaticInfo,
    private readonly onSelect: (head: number) => void,
  ) {
    this.root = h('section', { class: 'heads', 'aria-label': 'The heads' }, h('h2', {}, 'The heads'));
    const list = h('ul', { class: 'head-list' });
    const n = info.leaderSchool.length;
    for (let i = 0; i < n; i++) {
      const sc = info.leaderSchool[i];
      const name = h('span', { class: 'head-name' });
      const badge = h('span', { class: 'badge-new', hidden: true }, 'new');
      const grade = h('span', { class: 'grade-pill' });
      const eff = h('span', { class: 'num' });
      const effBar = h('span', { class: 'fill' });
      const trend = h('span', { class: 'trend', 'aria-hidden': 'true' });
      const trusted = h('span', { class: 'trusted', title: "Partners' mean relational trust in this head" });
      const persona = h('div', { class: 'persona' });
      const traitFills: HTMLElement[] = [];
      const traitVals: HTMLElement[] = [];
      const traits = h('div', { class: 'traits' });
      for (const t of TRAITS) {
        const fill = h('span', { class: 'tfill' });
        const val = h('span', { class: 'sr-only' });
        traitFills.push(fill);
        traitVals.push(val);
        traits.append(h('span', { class: 'trait', title: t.label }, h('span', { class: 'tbar' }, fill), h('span', { class: 'tlabel' }, t.short), val));
      }
      const button = h(
        'button',
        { class: 'head-select', type: 'button', 'aria-pressed': 'false', title: 'Pick this head for events and highlight their ties' },
        h('span', { class: 'swatch', style: `background:${SCHOOL_COLORS[i % SCHOOL_COLORS.length]}` }),
        name,
        badge,
      );
      button.addEventListener('click', () => this.onSelect(this.selected === i ? -1 : i));
      const card = h(
        'li',
        { class: 'head-card' },
        h('div', { class: 'head-top' }, button, h('span', { class: 'school-name', title: info.schools.names[sc] }, info.schools.names[sc])),
        persona,
        h('div', { class: 'head-eff' }, grade, h('span', { class: 'bar' }, effBar), eff, trend, trusted),
        traits,
      );
      list.append(card);
      this.cards.push({ card, name, badge, grade, eff, effBar, trend, trusted, persona, traitFills, traitVals });
    }
    this.root.append(list);
    container.append(this.root);
  }

  select(i: number): void {
    this.selected = i;
    this.cards.forEach((c, k) => {
      c.card.classList.toggle('selected', k === i);
      c.card.querySelector('button')!.setAttribute('aria-pressed', String(k === i));
    });
  }

  update(snap: Snapshot, effectivenessYearAgo: (school: number) => number): void {
    const E = this.info.edges;
    const n = this.cards.length;
    const tin = new Float64Array(n);
    const nin = new Float64Array(n);
    for (let e = 0; e < E.src.length; e++) {
      tin[E.dst[e]] += snap.trust[e];
      nin[E.dst[e]]++;
    }
    for (let i = 0; i < n; i++) {
      const c = this.cards[i];
      const sc = this.info.leaderSchool[i];
      const g = snap.grade[sc];
      setText(c.name, short(snap.names[i]));
      const isNew = snap.changes[i] !== 0;
      if (c.badge.hidden === isNew) c.badge.hidden = !isNew;
      setText(c.grade, GRADE_SHORT[g]);
      setStyle(c.grade, 'background', GRADE_COLORS[g]);
      setStyle(c.grade, 'color', GRADE_INK[g]);
      const e = snap.effectiveness[sc];
      setText(c.eff, f2(e));
      // The bar shows where the school stands nationally (its percentile), effectiveness being in pupil SD.
      setStyle(c.effBar, 'transform', `scaleX(${snap.standing[sc].toFixed(3)})`);
      setStyle(c.effBar, 'background', GRADE_COLORS[g]);
      const d = e - effectivenessYearAgo(sc);
      setText(c.trend, d > 0.005 ? '▲' : d < -0.005 ? '▼' : '●');
      setAttr(c.trend, 'class', `trend ${d > 0.005 ? 'up' : d < -0.005 ? 'down' : 'flat'}`);
      setAttr(c.trend, 'title', `Change over the past year: ${d >= 0 ? '+' : ''}${d.toFixed(3)} pupil SD`);
      setText(c.persona, personaOf(Array.from({ length: TRAITS.length }, (_, k) => snap.traits[i * 7 + k])));
      setText(c.trusted, `· trusted ${f2(nin[i] ? tin[i] / nin[i] : NaN)}`);
      for (let k = 0; k < TRAITS.length; k++) {
        const v = snap.traits[i * 7 + k];
        setStyle(c.traitFills[k], 'transform', `scaleY(${v.toFixed(2)})`);
        setText(c.traitVals[k], `${TRAITS[k].label} ${f2(v)}`);
        setAttr(c.traitFills[k].parentElement!.parentElement!, 'title', `${TRAITS[k].label}: ${f2(v)}`);
      }
    }
  }
}
