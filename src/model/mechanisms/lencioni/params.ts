/** Parameters of Lencioni's five-level cascade in each group (`model.lencioni`). */
import { perYear, unit } from '../../core/params.ts';
import { z } from 'zod';

export const LencioniParams = z
  .strictObject({
    adjustRate: unit('Share of the gap to its target that each Lencioni level closes in a year.').default(0.85),
    commitmentBase: unit('Commitment reachable from aired conflict without clarity of roles (Lencioni level 3).').default(0.6),
    collectiveGain: perYear('Effectiveness push a partnership gives each member at full attention to collective results').default(0.05),
  })
  .prefault({})
  .describe("Lencioni's five-level cascade in each group.");
