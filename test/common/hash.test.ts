import { describe, expect, it } from 'vitest';
import { NODE_SHA256, NOBLE_SHA256, createSha256, sha256Hex } from '../../src/common/hash.ts';
import { canonicalJson, stableJson } from '../../src/common/json.ts';

describe('sha256Hex', () => {
  // FIPS 180-2 / NIST CSRC example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('known answer for %j', (input, hex) => {
    expect(sha256Hex(input)).toBe(hex);
    expect(sha256Hex(new TextEncoder().encode(input))).toBe(hex);
  });

  it('a million "a" (the long NIST vector)', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('hashes UTF-8, not UTF-16', () => {
    expect(sha256Hex('é')).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });

  it('uses node:crypto in Node, and its digests are those of @noble/hashes (text, bytes, pieces, lone surrogates)', () => {
    expect(NODE_SHA256).toBeDefined();
    const hex = (d: Uint8Array) => Buffer.from(d).toString('hex');
    const digest = (backend: typeof NOBLE_SHA256, pieces: (string | Uint8Array)[]) => {
      const h = backend();
      for (const p of pieces) h.update(p);
      return hex(h.digest());
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const cases: (string | Uint8Array)[][] = [[''], ['\ud800 lone'], ['é', new Uint8Array([1, 2, 3]), 'schools,trust\r\n']];
    for (let k = 0; k < 40; k++) {
      const len = next() % 5000;
      cases.push([String.fromCharCode(...Array.from({ length: Math.min(len, 2000) }, () => next() % 0x3000)), new Uint8Array(len).map(() => next() % 256)]);
    }
    for (const pieces of cases) expect(digest(NODE_SHA256!, pieces)).toBe(digest(NOBLE_SHA256, pieces));
    expect(createSha256().update('ab').update('c').hex()).toBe(sha256Hex('abc'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"z":1}]},"b":1}');
  });
  it('keeps non-finite numbers apart and folds -0 into 0', () => {
    expect(canonicalJson([NaN, Infinity, -Infinity, -0, 0.1])).toBe('["NaN","Infinity","-Infinity",0,0.1]');
  });
  it('writes typed arrays as arrays', () => {
    expect(canonicalJson(new Float64Array([1.5, 2]))).toBe('[1.5,2]');
  });
});

describe('stableJson', () => {
  it('keeps key order unless asked to sort, with a final newline', () => {
    expect(stableJson({ b: 1, a: 2 })).toBe('{\n  "b": 1,\n  "a": 2\n}\n');
    expect(stableJson({ b: 1, a: 2 }, { sortKeys: true })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
  });
  it('writes non-finite numbers as null', () => {
    expect(stableJson([NaN, Infinity])).toBe('[\n  null,\n  null\n]\n');
  });
});
