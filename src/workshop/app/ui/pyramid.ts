/**
 * Lencioni's pyramid: five stacked trapezoids, trust at the base and
 * attention to results at the top. Each band fills from its centre outward
 * in proportion to its level, so the room sees levels fill and drain. The
 * band held back by the one beneath it (the model's gate) is hatched and
 * marked, and named in words underneath.
 *
 * Drawn with HTML and CSS clip-paths, so the labels are ordinary text that
 * follows the page's type size (the "Large type" switch).
 */
import { f2, h, setStyle, setText } from './dom.ts';
import { LEVELS } from './palette.ts';

const LEVEL_LABELS = ['Trust', 'Productive conflict', 'Commitment', 'Accountability', 'Results'];

export class Pyramid {
  readonly root: HTMLElement;
  private readonly fills: HTMLElement[] = [];
  private readonly bands: HTMLElement[] = [];
  private readonly values: HTMLElement[] = [];
  private readonly caption: HTMLElement;
  /** Width of each band (its lower edge) as a share of the full width. */
  private readonly bandWidth: number[] = [];

  constructor(container: HTMLElement, opts: { title?: string; compact?: boolean } = {}) {
    const stack = h('div', { class: 'pyr', 'aria-hidden': 'true' });
    // Half-widths (share of the full width) at the bottom and top of each band.
    const base = 0.5;
    const top = 0.14;
    const step = (base - top) / 5;
    const bands: HTMLElement[] = [];
    for (let k = 0; k < 5; k++) {
      const hb = base - k * step;
      const ht = base - (k + 1) * step;
      const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
      const clip = `polygon(${pct(0.5 - ht)} 0, ${pct(0.5 + ht)} 0, ${pct(0.5 + hb)} 100%, ${pct(0.5 - hb)} 100%)`;
      const fill = h('div', { class: 'pyr-fill', style: `background:${LEVELS[k].color}` });
      const shape = h('div', { class: 'pyr-shape', style: `clip-path:${clip}` }, fill);
      const value = h('span', { class: 'pyr-val' }, '–');
      const band = h(
        'div',
        { class: 'pyr-band' },
        shape,
        h('div', { class: 'pyr-text' }, h('span', { class: 'pyr-name' }, LEVEL_LABELS[k]), ' ', value, h('span', { class: 'pyr-gate' }, 'held back')),
      );
      bands.push(band);
      this.bandWidth.push(2 * hb);
      this.fills.push(fill);
      this.values.push(value);
    }
    this.bands = bands;
    for (let k = 4; k >= 0; k--) stack.append(bands[k]);
    this.caption = h('p', { class: 'gate-caption' });
    this.root = h(
      'figure',
      { class: `pyramid${opts.compact ? ' compact' : ''}`, role: 'group' },
      h('figcaption', {}, opts.title ?? 'Lencioni pyramid'),
      stack,
      this.caption,
    );
    container.append(this.root);
  }

  /** levels: trust, conflict, commitment, accountability, results; binding: 0 none, 1..4 the gated level. */
  update(levels: ArrayLike<number>, binding: number): void {
    const text: string[] = [];
    for (let k = 0; k < 5; k++) {
      const v = Math.max(0, Math.min(1, levels[k]));
      // A level fills its own band: 1 fills it edge to edge (a transform, so the page does not re-lay out).
      setStyle(this.fills[k], 'transform', `scaleX(${(v * this.bandWidth[k]).toFixed(4)})`);
      setText(this.values[k], f2(levels[k]));
      this.bands[k].classList.toggle('gated', k === binding && binding > 0);
      text.push(`${LEVEL_LABELS[k]} ${f2(levels[k])}`);
    }
    const caption =
      binding > 0
        ? `Gate: ${LEVEL_LABELS[binding].toLowerCase()} is held back by ${LEVEL_LABELS[binding - 1].toLowerCase()} beneath it.`
        : 'No level is held back by the one beneath it.';
    setText(this.caption, caption);
    this.root.setAttribute('aria-label', `Lencioni levels: ${text.join(', ')}. ${caption}`);
  }
}
