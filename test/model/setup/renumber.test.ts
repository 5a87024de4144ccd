/**
 * renumberSchools (setup/renumber.ts): schools and their heads renumbered in
 * the order the partnerships list them, each array's rows moved with them,
 * rows of several values (a value per tick of a year) kept whole, whether
 * the array holds doubles (moved where it is) or another type (moved through
 * a scratch array), and the specs rewritten to the new ids. Checked on a hand-made state whose
 * permutation has a long cycle, a short one and a fixed point.
 */
import { describe, expect, it } from 'vitest';
import type { GroupSpec } from '../../../src/model/core/group-spec.ts';
import type { ModelState } from '../../../src/model/core/state.ts';
import { renumberSchools } from '../../../src/model/setup/renumber.ts';

const N = 7;
const TPY = 3;

function spec(members: number[]): GroupSpec {
  const practices = { codeOfConduct: false, partnershipLead: false, informalTime: false, writtenRoles: false };
  return { name: `G${members.join('-')}`, kind: 'partnership', members, meetingsPerYear: 6, practices, peerReview: false, trainingQuality: 0.5, formed: 0 };
}

/** The arrays of a small state, before renumbering. */
function smallParts() {
  const ids = Array.from({ length: N }, (_, i) => i);
  const schools = {
    n: N,
    names: ids.map((i) => `School ${i + 1}`),
    leader: Int32Array.from(ids),
    effectiveness: Float64Array.from(ids, (i) => i + 0.25),
    pupils: Int32Array.from(ids, (i) => 100 + i),
    phase: Uint8Array.from(ids, (i) => i % 3),
    x: Float32Array.from(ids, (i) => i / 8),
    history: Float32Array.from({ length: N * TPY }, (_, k) => 10 * Math.floor(k / TPY) + (k % TPY)),
    historyOfDoubles: Float64Array.from({ length: N * TPY }, (_, k) => 10 * Math.floor(k / TPY) + (k % TPY) + 0.5),
  };
  const leaders = {
    n: N,
    names: ids.map((i) => `Head of School ${i + 1}`),
    school: Int32Array.from(ids),
    candour: Float32Array.from(ids, (i) => 0.5 + i / 16),
  };
  return { schools, leaders };
}

type Parts = ReturnType<typeof smallParts>;

/** A state of those arrays, and the same arrays under their own types. */
function smallState(): { state: ModelState; S: Parts['schools']; L: Parts['leaders'] } {
  const { schools, leaders } = smallParts();
  return { state: { schools, leaders, ticksPerYear: TPY } as unknown as ModelState, S: schools, L: leaders };
}

describe('renumberSchools', () => {
  // First appearance in the specs: 3, 2, 1, 5, 0; then the rest in their old order: 4, 6. As a permutation
  // (old -> new): the cycle 0 -> 4 -> 5 -> 3 -> 0, the cycle 1 -> 2 -> 1, and 6 fixed.
  const newId = [4, 2, 1, 0, 5, 3, 6];

  it('moves every row to its new id, whole rows for arrays of a value per tick, and rewrites the specs', () => {
    const { state, S, L } = smallState();
    const specs = [spec([3, 2]), spec([1, 5, 3]), spec([0, 2])];
    renumberSchools(state, specs);
    const { schools: before, leaders: headsBefore } = smallParts();
    for (let i = 0; i < N; i++) {
      const j = newId[i];
      expect(S.effectiveness[j]).toBe(before.effectiveness[i]);
      expect(S.pupils[j]).toBe(before.pupils[i]);
      expect(S.phase[j]).toBe(before.phase[i]);
      expect(S.x[j]).toBe(before.x[i]);
      expect(Array.from(S.history.subarray(j * TPY, (j + 1) * TPY))).toEqual(Array.from(before.history.subarray(i * TPY, (i + 1) * TPY)));
      expect(Array.from(S.historyOfDoubles.subarray(j * TPY, (j + 1) * TPY))).toEqual(Array.from(before.historyOfDoubles.subarray(i * TPY, (i + 1) * TPY)));
      expect(L.candour[j]).toBe(headsBefore.candour[i]);
      // School j has head slot j, and names follow the new index.
      expect(S.leader[j]).toBe(j);
      expect(L.school[j]).toBe(j);
      expect(S.names[j]).toBe(`School ${j + 1}`);
      expect(L.names[j]).toBe(`Head of School ${j + 1}`);
    }
    expect(specs.map((g) => g.members)).toEqual([
      [0, 1],
      [2, 3, 0],
      [4, 1],
    ]);
  });

  it('leaves a state already in partnership order as it is', () => {
    const { state, S } = smallState();
    renumberSchools(state, [spec([0, 1, 2]), spec([3, 4])]);
    expect(Array.from(S.history)).toEqual(Array.from(smallParts().schools.history));
    expect(Array.from(S.effectiveness)).toEqual(Array.from(smallParts().schools.effectiveness));
  });
});
