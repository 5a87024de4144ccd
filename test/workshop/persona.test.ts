/** Persona labels: what each head is like, in words, from the two traits furthest from the middle. */
import { describe, expect, it } from 'vitest';
import { personaOf } from '../../src/workshop/app/ui/heads.ts';

describe('personaOf', () => {
  it('names the two most marked traits, above or below the middle, strongest first', () => {
    // open, candour, trusting, competitive, keeps word, purpose, skill
    expect(personaOf([0.9, 0.2, 0.5, 0.5, 0.5, 0.5, 0.5])).toBe('open about weaknesses, avoids challenge');
    expect(personaOf([0.5, 0.5, 0.5, 0.1, 0.5, 0.5, 0.75])).toBe('collegial, highly skilled');
  });
  it('says so when nothing stands out', () => {
    expect(personaOf([0.5, 0.6, 0.4, 0.5, 0.55, 0.45, 0.5])).toBe('middle of the road');
  });
});
