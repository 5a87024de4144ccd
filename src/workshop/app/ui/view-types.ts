/** What every view offers the page, and what the page gives a view to draw into. */
import type { Tooltip } from './dom.ts';
import type { EventLog } from './log.ts';
import type { SeedBand } from '../protocol.ts';

export interface ViewContext {
  stage: HTMLElement;
  side: HTMLElement;
  tooltip: Tooltip;
  large: boolean;
  onSelect: (head: number) => void;
  /** Ask the worker for the what-if's effect over several seeds (answered through View.showBand). */
  requestBand?: () => void;
}

export interface View {
  readonly kind: 'team' | 'locality' | 'whatif';
  readonly log: EventLog;
  update(): void;
  /** The run's groups or network were rebuilt: redraw the network (the charts keep going). */
  restructure(): void;
  select(head: number): void;
  destroy(): void;
  /** The what-if's effect over several seeds has arrived (what-if view only). */
  showBand?(band: SeedBand): void;
}
