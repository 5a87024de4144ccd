/** Parameters of Lencioni's five-level cascade in each group (`model.lencioni`). */
import { unit } from '../../core/params.ts';
import { z } from 'zod';

export const LencioniParams = z
  .strictObject({
    adjustRate: unit('Share of the gap to its target that each Lencioni level closes in a year.').default(0.85),
    commitmentBase: unit('Commitment reachable from aired conflict without clarity of roles (Lencioni level 3).').default(0.6),
    feedback: z
      .boolean()
      .default(true)
      .describe(
        'Whether the levels feed back into meetings (conflict sets how readily heads challenge, commitment how far accepted challenge turns into action, accountability how reliably commitments are kept). false: neutral values (an ablation).',
      ),
    collectiveGain: z
      .number()
      .min(0)
      .max(1)
      .default(0.015)
      .describe('Improvement push (pupil SD a year) a group gives each member at full attention to collective results (Lencioni level 5).'),
  })
  .prefault({})
  .describe("Lencioni's five-level cascade in each group.");
