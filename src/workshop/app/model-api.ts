/**
 * The parts of the model the workshop uses, in one place: the scenario
 * schema and the defaults it gives, creating a model, applying a timeline
 * event, the interaction trace, and the few state constants the log and the
 * controls name. The rest of the workshop reaches the model through here.
 *
 * Platform-free (bundled into the Web Worker).
 */
import { ScenarioSchema, TimelineEventSchema, type Scenario } from '../../model/schema.ts';
import { GROUP_KINDS } from '../../model/core/state.ts';

export { ScenarioSchema, TimelineEventSchema };
export type { Scenario, ScenarioInput, TimelineEvent } from '../../model/schema.ts';
export { createModel } from '../../model/simulate.ts';
export type { SchoolModel } from '../../model/model.ts';
export { applyEvent, eventTick } from '../../model/events.ts';
export { GRADE_BANDS } from '../../model/core/state.ts';
export { edgeSources } from '../../model/core/edges.ts';
export { TRACE, type TraceSink } from '../../model/core/context.ts';
export { strongShare } from '../../model/mechanisms/mats/mats.ts';
export { localitySchoolCount } from '../../model/mechanisms/locality/place.ts';

/** The scenario every default comes from: the schema applied to an empty file. */
export const SCHEMA_DEFAULTS: Scenario = ScenarioSchema.parse({});

/** The longest run the schema allows (years). */
export const MAX_YEARS: number = ScenarioSchema.shape.years.unwrap().maxValue ?? 100;

/** How far an inspection downgrade drops a school when the event does not say (the schema's default). */
export const INSPECTION_DROP: number = (() => {
  const ev = TimelineEventSchema.parse({ event: 'inspectionDowngrade', year: 0, school: 0 });
  return ev.event === 'inspectionDowngrade' ? ev.drop : 0;
})();

/** Index of partnerships among the model's group kinds (`groups.kind`). */
export const PARTNERSHIP_KIND = GROUP_KINDS.indexOf('partnership');
