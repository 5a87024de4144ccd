/**
 * Scenario files as presets: broken files are explained, and City, Town and Shire are offered.
 * (The browser itself is tested in test/browser/workshop.e2e.test.ts.)
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readScenarioText, ScenarioProblem } from '../../src/workshop/app/scenario-file.ts';
import { builtinPresets, readPresets } from '../../src/workshop/build.ts';
import { ROOT } from './helpers.ts';
import { loadScenarioFile } from '../../src/scenario/scenario-file.ts';

describe('workshop presets', () => {
  it('rejects a broken scenario file with the paths of the problems', () => {
    expect(() => readScenarioText('bad.yaml', 'name: x\nschools: { cuont: 3 }\n')).toThrow(ScenarioProblem);
    try {
      readScenarioText('bad.yaml', 'name: x\nschools: { cuont: 3 }\n');
    } catch (e) {
      expect((e as ScenarioProblem).issues.join(' ')).toMatch(/schools/);
    }
  });

  it('applies a shipped profile as the command line does (the file wins), and explains a profile it does not have', () => {
    const text = 'name: x\nprofile: england\nschools: { count: 10 }\nturnover: { leaderRate: 0.2 }\n';
    const raw = readScenarioText('p.yaml', text);
    const file = join(ROOT, 'scenarios/city-baseline.yaml');
    expect(raw).not.toHaveProperty('profile');
    expect((raw.turnover as Record<string, number>).leaderRate).toBe(0.2);
    expect((raw.hubs as Record<string, number>).engagementMax).toBe(loadScenarioFile(file).scenario.hubs.engagementMax);
    expect(() => readScenarioText('q.yaml', 'name: x\nprofile: ./mine.profile.yaml\n')).toThrow(/not a profile the workshop has \(it has: england\)/);
  });

  it('offers City, Town and Shire as presets', () => {
    const files = readPresets(join(ROOT, 'scenarios'));
    const all = [...files, ...builtinPresets(files)];
    const kinds = new Set(all.map((p) => (parseYaml(p.text) as { locality?: { preset?: string } }).locality?.preset));
    for (const k of ['city', 'town', 'shire']) expect(kinds.has(k)).toBe(true);
  });
});
