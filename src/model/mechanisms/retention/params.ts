/** Teacher retention and professional community: the teacher half of `turnover`. */
import { z } from 'zod';
import { unit } from '../../core/params.ts';

/** Fields of `turnover` that concern teachers (the schema joins them with leader turnover's). */
export const TeacherRetentionFields = {
  teacherFiveYearRetention: unit('Share of teachers still in post after five years without a professional community (seed 002: 60%).').default(0.6),
  mathsFiveYearRetention: unit('The same for maths and physics specialists (seed 002: 50%).').default(0.5),
  communityEffect: unit('Largest relative cut in the teacher leaving hazard from belonging to an active professional community (seed 002).').default(0.35),
  communityCadence: z
    .number()
    .min(0.1)
    .max(52)
    .default(6)
    .describe('Meetings per year at which a community counts as fully active (seed 000: monthly workshops).'),
  headsGroupShare: unit(
    "Share of a heads' group's activity (partnership, trust leadership, heads' network) that reaches its schools' teachers as community; teacher networks (hub work groups, alliances) count in full. Uncertain: a prior.",
  ).default(0.5),
};
