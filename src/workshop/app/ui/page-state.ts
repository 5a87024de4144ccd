/**
 * The page's state: the last status the worker reported, the runs' data as
 * drawn, the view, the selected head and the log so far. Shared by the page's
 * modules (main.ts owns it).
 */
import type { LogEntry } from '../narrate-text.ts';
import type { StaticInfo, ToWorker, WhatIf } from '../protocol.ts';
import type { PracticeFlags, Settings, Setup } from '../settings.ts';
import type { RunData } from './run.ts';
import type { View } from './view-types.ts';

export interface Status {
  running: boolean;
  tick: number;
  ended: boolean;
  setup: Setup | null;
  current: { settings: Settings; practices: PracticeFlags } | null;
  unsupported: StaticInfo['unsupported'];
  hash: string;
  whatIf: WhatIf | null;
  midRun: string[];
}

export interface PageState {
  status: Status;
  runs: RunData[];
  view: View | null;
  /** Selected head (leader slot), or -1. */
  selected: number;
  large: boolean;
  /** Every log line of run A so far (the last 2000). */
  log: LogEntry[];
}

export function newPageState(): PageState {
  return {
    status: { running: false, tick: 0, ended: false, setup: null, current: null, unsupported: {}, hash: '', whatIf: null, midRun: [] },
    runs: [],
    view: null,
    selected: -1,
    large: false,
    log: [],
  };
}

/** Post a message to the worker. */
export type Send = (msg: ToWorker) => void;
