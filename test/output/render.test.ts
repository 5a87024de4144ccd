/** Offline SVG rendering (src/output/render.ts): titles, determinism, id renumbering, no network. */
import { describe, expect, it } from 'vitest';
import { runCharts } from '../../src/output/charts.ts';
import { normaliseSvgIds, renderSvg } from '../../src/output/render.ts';
import { syntheticRun } from '../fixtures/output/synthetic-run.ts';

describe('SVG rendering', () => {
  const out = syntheticRun();
  const charts = runCharts(out);

  it('renders every chart to SVG containing its title', async () => {
    for (const c of charts) {
      const svg = await renderSvg(c.spec, { idPrefix: c.name });
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(`>${c.title}</text>`);
      expect(svg).not.toMatch(/NaN/);
    }
  });

  it('is deterministic regardless of what was rendered before', async () => {
    const c = charts.find((x) => x.name === 'lencioni_by_group')!;
    const a = await renderSvg(c.spec, { idPrefix: 'x' });
    await renderSvg(charts[0].spec); // advances vega's internal id counters
    const b = await renderSvg(c.spec, { idPrefix: 'x' });
    expect(b).toBe(a);
    const ids = [...a.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^x-\d+$/);
  });

  it('renumbers ids and their references', () => {
    const svg = '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip17"/><g id="clip17"/></svg>';
    expect(normaliseSvgIds(svg, 'p')).toBe('<svg><clipPath id="p-1"><rect/></clipPath><g clip-path="url(#p-1)"/><use href="#p-2"/><g id="p-2"/></svg>');
  });

  it('refuses to fetch external data', async () => {
    const spec = {
      data: { url: 'https://example.invalid/data.csv' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    };
    await expect(renderSvg(spec)).rejects.toThrow(/refused/);
  });
});
