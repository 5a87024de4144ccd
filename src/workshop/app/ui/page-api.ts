/**
 * A small API on `window.collabsimWorkshop` for the end-to-end tests and for
 * trainers' own scripts: readiness, status, the runs' series and snapshots,
 * the log, the last export, and a way to send the worker a message.
 */
import type { StaticInfo, ToWorker } from '../protocol.ts';
import type { PageState, Send } from './page-state.ts';

type SeriesCopy = { keys: StaticInfo['keys']; rows: number; values: number[] };

declare global {
  interface Window {
    collabsimWorkshop: WorkshopApi;
  }
}

/** What `window.collabsimWorkshop` offers. */
export type WorkshopApi = ReturnType<typeof pageApi>;

export interface PageApiOptions {
  state: PageState;
  send: Send;
  ready: Promise<void>;
  lastExport: () => { fileName: string; text: string } | null;
}

/** Answers to the page's series requests, by request id. */
export class SeriesRequests {
  private readonly waiters = new Map<number, (v: SeriesCopy) => void>();
  private reqIds = 0;

  ask(send: Send, id: 'A' | 'B'): Promise<SeriesCopy> {
    return new Promise((resolve) => {
      const reqId = ++this.reqIds;
      this.waiters.set(reqId, resolve);
      send({ type: 'series', id, reqId });
    });
  }

  answer(reqId: number, v: SeriesCopy): void {
    const w = this.waiters.get(reqId);
    this.waiters.delete(reqId);
    w?.(v);
  }
}

function pageApi(o: PageApiOptions, series: SeriesRequests) {
  const { state, send } = o;
  const run = (id: 'A' | 'B') => state.runs.find((r) => r.info.id === id);
  return {
    ready: () => o.ready.then(() => true),
    status: () => ({ ...state.status, setup: state.status.setup ? JSON.parse(JSON.stringify(state.status.setup)) : null }),
    tick: () => state.runs[0]?.snap?.tick ?? 0,
    mode: () => state.view?.kind ?? null,
    /** All series rows of run A or B so far. */
    series: (id: 'A' | 'B' = 'A') => series.ask(send, id),
    /** The page's own copy of the series (what the charts show). */
    pageSeries: (id: 'A' | 'B' = 'A') => run(id)?.series() ?? null,
    snapshot: (id: 'A' | 'B' = 'A') => {
      const s = run(id)?.snap;
      if (!s) return null;
      return {
        tick: s.tick,
        names: s.names,
        trust: Array.from(s.trust),
        integrity: Array.from(s.integrity),
        competence: Array.from(s.competence),
        effectiveness: Array.from(s.effectiveness),
        changes: Array.from(s.changes),
        levels: Array.from(s.levels),
        /** The last tick's interactions: counts [kind * 2 + ok], and [kind, actor, target, ok, group] per kept event. */
        trace: {
          tick: s.trace.tick,
          counts: Array.from(s.trace.counts),
          events: Array.from({ length: s.trace.events.length / 5 }, (_, k) => Array.from(s.trace.events.subarray(k * 5, k * 5 + 5))),
        },
      };
    },
    info: (id: 'A' | 'B' = 'A') => {
      const i = run(id)?.info;
      return i
        ? {
            mode: i.mode,
            preset: i.preset.id,
            src: Array.from(i.edges.src),
            dst: Array.from(i.edges.dst),
            schools: i.schools.names,
            leaderSchool: Array.from(i.leaderSchool),
          }
        : null;
    },
    log: () => state.log.slice(),
    lastExport: o.lastExport,
    send: (msg: ToWorker) => send(msg),
  };
}

export function installPageApi(o: PageApiOptions, series: SeriesRequests): void {
  window.collabsimWorkshop = pageApi(o, series);
}
