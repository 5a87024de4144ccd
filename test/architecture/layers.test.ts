/**
 * The layering of src/ (listed once, in .dependency-cruiser.cjs): no import
 * cycles, no upward imports between layers, and inside the model no core
 * module depending on a mechanism. The fixture test shows the same rules
 * catching an upward import and a cycle, so a pass here means something.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules', '.bin', 'depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violations(cwd: string): string[] {
  const out = execFileSync(BIN, ['src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(out) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('layers', () => {
  it('src/ has no import cycle and no upward import', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('the rules catch an upward import and a cycle (fixture)', () => {
    expect(violations(join(ROOT, 'test', 'architecture', 'fixture')).sort()).toEqual([
      'no-circular: src/model/helper.ts -> src/model/schools.ts',
      'no-upward-from-engine: src/engine/loop.ts -> src/model/schools.ts',
    ]);
  });
});
