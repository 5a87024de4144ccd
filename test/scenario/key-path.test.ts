// Key paths in messages: rendering with and without quoted keys, and reading them back.
import { describe, expect, it } from 'vitest';
import { parsePath, pathToString } from '../../src/scenario/key-path.ts';

describe('key paths', () => {
  it('renders identifiers with dots, indices in brackets and unusual keys quoted', () => {
    expect(pathToString([])).toBe('');
    expect(pathToString(['events', 2, 'kind'])).toBe('events[2].kind');
    expect(pathToString(['schools', 'my school', 'size'])).toBe('schools["my school"].size');
    expect(pathToString(['1abc', 'foo-bar'])).toBe('["1abc"].foo-bar');
  });

  it('joins every key with dots when quoting is off', () => {
    expect(pathToString(['base', 'schools', 'my school', 0], { quoteKeys: false })).toBe('base.schools.my school[0]');
  });

  it('reads back what it renders', () => {
    for (const path of [
      ['a', 'b', 2, 'c'],
      ['schools', 'my "odd" key', 0],
      [3, 'x'],
    ]) {
      expect(parsePath(pathToString(path))).toEqual(path);
    }
  });
});
