// Generated references: the input-mode JSON Schema, stable JSON and the Markdown key tables.
import { describe, expect, it } from 'vitest';
import { toJsonSchema } from '../../src/scenario/jsonschema.ts';
import { stableJson as stableJsonFile } from '../../src/common/json.ts';
import { schemaToMarkdown } from '../../src/scenario/docs.ts';
import { Sample } from './sample.ts';

const stableJson = (v: unknown) => stableJsonFile(v, { sortKeys: true });

describe('schema helpers', () => {
  it('exports an input-mode JSON Schema with $id and title', () => {
    const js = toJsonSchema(Sample, { title: 'Scenario', id: 'https://example.org/scenario.json' });
    expect(js.$id).toBe('https://example.org/scenario.json');
    expect(js.title).toBe('Scenario');
    expect(js.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // keys with defaults are optional in a file
    expect(js.required).toEqual(['name', 'schools']);
    expect(js.additionalProperties).toBe(false);
  });

  it('writes stable JSON', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(stableJson({ x: 1, y: 2 })).toBe(stableJson({ y: 2, x: 1 }));
  });

  it('renders Markdown reference docs deterministically', () => {
    const md = schemaToMarkdown(Sample, 'Scenario reference');
    expect(md).toBe(schemaToMarkdown(Sample, 'Scenario reference'));
    expect(md.startsWith('# Scenario reference\n')).toBe(true);
    expect(md).toContain('| `name` | string | **required** | at least 1 character | Scenario name |');
    expect(md).toContain('| `initial` | number | `0.5` | >= 0, <= 1 | Starting relational trust |');
    expect(md).toContain("| `structure` | string | `\"partnership\"` | one of 'partnership', 'mat', 'hub' |  |");
    expect(md).toContain('## `trust`');
    expect(md).toContain("## `events[] (event: 'shock')`");
    expect(md).toContain('| `magnitude` | number | **required** | >= -1, <= 1 |  |');
  });
});
