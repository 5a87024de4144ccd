/** Paths in output lines (src/cli/display-path.ts): as the user would type them. */
import { describe, expect, it } from 'vitest';
import { displayPath, displayPathsIn } from '../../src/cli/display-path.ts';

describe('displayPath', () => {
  const cwd = '/home/me/projects/collabsim';
  it('writes a path inside the current folder relative to it', () => {
    expect(displayPath('/home/me/projects/collabsim/results/grid/20250101-abcd', cwd)).toBe('results/grid/20250101-abcd');
    expect(displayPath('results/x', cwd)).toBe('results/x');
    expect(displayPath(cwd, cwd)).toBe('.');
  });
  it('keeps a path elsewhere absolute unless the relative form is shorter', () => {
    expect(displayPath('/tmp/sw1', cwd)).toBe('/tmp/sw1');
    expect(displayPath('/tmp/sw1/report.html', cwd)).toBe('/tmp/sw1/report.html');
    expect(displayPath('/home/me/projects/shared/out', cwd)).toBe('../shared/out');
  });
  it('rewrites the absolute paths of a log line and nothing else', () => {
    expect(displayPathsIn("writing sweep 'grid' (60 runs) to /home/me/projects/collabsim/results/grid/x", cwd)).toBe(
      "writing sweep 'grid' (60 runs) to results/grid/x",
    );
    expect(displayPathsIn('resuming /tmp/sw1: 3 of 60 runs already finished', cwd)).toBe('resuming /tmp/sw1: 3 of 60 runs already finished');
    expect(displayPathsIn('6/60 runs  10%  4.37 runs/s', cwd)).toBe('6/60 runs  10%  4.37 runs/s');
  });
});
