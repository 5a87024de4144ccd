/** Workshop line charts tell their lines apart by dash as well as colour (for colour-blind viewers and grey print). */
import { describe, expect, it } from 'vitest';
import { chartSpec } from '../../src/workshop/app/ui/charts.ts';

const lines = ['Trust', 'Respect', 'Regard', 'Competence', 'Integrity'].map((label, i) => ({ label, color: `#00000${i}` }));

describe('workshop chart spec', () => {
  it('gives every line of a multi-line chart its own dash pattern, the first solid', () => {
    const s = chartSpec(lines, [], { title: 't', height: 100, large: false, width: 400 }) as { encoding: { strokeDash?: { scale: { range: number[][] } } } };
    const range = s.encoding.strokeDash!.scale.range;
    expect(range).toHaveLength(5);
    expect(range[0]).toEqual([1, 0]);
    expect(new Set(range.map((d) => d.join(','))).size).toBe(5);
  });
  it('leaves a single line solid, and keeps a dash a line names', () => {
    const one = chartSpec(lines.slice(0, 1), [], { title: 't', height: 100, large: false, width: 400 }) as { encoding: { strokeDash?: unknown } };
    expect(one.encoding.strokeDash).toBeUndefined();
    const named = chartSpec([{ ...lines[0], dash: [3, 3] }, lines[1]], [], { title: 't', height: 100, large: false, width: 400 }) as {
      encoding: { strokeDash: { scale: { range: number[][] } } };
    };
    expect(named.encoding.strokeDash.scale.range[0]).toEqual([3, 3]);
  });
});
