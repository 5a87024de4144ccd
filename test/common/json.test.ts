/** Stable JSON (src/common/json.ts). */
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../src/common/json.ts';

describe('stableJson', () => {
  it('sorts keys on request and maps non-finite numbers to null', () => {
    expect(stableJson({ b: 1, a: { d: NaN, c: [Infinity, 2] } }, { sortKeys: true })).toBe(
      '{\n  "a": {\n    "c": [\n      null,\n      2\n    ],\n    "d": null\n  },\n  "b": 1\n}\n',
    );
  });
});
