/**
 * The three views: team (one partnership of heads), locality (schools,
 * partnerships and trust ties on a map) and what-if (two copies side by
 * side). A view draws from the page's RunData and is rebuilt when the runs
 * are rebuilt.
 */
import type { WhatIf } from '../protocol.ts';
import { LocalityView } from './locality-view.ts';
import type { RunData } from './run.ts';
import { TeamView } from './team-view.ts';
import { WhatIfView } from './whatif-view.ts';
import type { View, ViewContext } from './view-types.ts';

export type { View, ViewContext } from './view-types.ts';

export interface CreateViewOptions {
  /** Run A, and run B in a what-if comparison. */
  runs: RunData[];
  whatIf: WhatIf | null;
  ctx: ViewContext;
}

/** The what-if view for two runs, else the view of run A's mode. */
export function createView({ runs, whatIf, ctx }: CreateViewOptions): View {
  if (runs.length === 2 && whatIf) return new WhatIfView({ a: runs[0], b: runs[1], whatIf, ctx });
  if (runs[0].info.mode === 'team') return new TeamView(runs[0], ctx);
  return new LocalityView(runs[0], ctx);
}
