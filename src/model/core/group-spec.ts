/** A group to install: who meets, how often, with which practices (setup and structural changes build these). */
import type { Practices } from '../schema.ts';
import type { GroupKind } from './kinds.ts';

export interface GroupSpec {
  name: string;
  kind: GroupKind;
  /** Leader slots. */
  members: number[];
  meetingsPerYear: number;
  practices: Practices;
  peerReview: boolean;
  trainingQuality: number;
  formed: number;
}
