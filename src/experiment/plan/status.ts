/**
 * Whether the shards of a plan have finished. A shard is finished when
 * `<shard dir>/manifest.json` has `"status": "complete"`; the emitted shell
 * scripts test the same thing with grep (`completeTest`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../common/errors.ts';

/** Matches the completion marker the sweep runner writes into manifest.json. */
const COMPLETE_GREP = `'"status"[[:space:]]*:[[:space:]]*"complete"'`;

/** Shell test that succeeds when the shard folder `dirExpr` is complete. */
export function completeTest(dirExpr: string): string {
  return `grep -Eqs ${COMPLETE_GREP} "${dirExpr}/manifest.json"`;
}

/** True when `<dir>/manifest.json` exists and has `"status": "complete"`. */
export function isShardComplete(dir: string): boolean {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    return isRecord(manifest) && manifest.status === 'complete';
  } catch {
    return false;
  }
}

export interface ShardStatus {
  complete: number[];
  /** Started (manifest present) but not complete. */
  partial: number[];
  /** No manifest at all. */
  missing: number[];
}

function shardDir(resultsDir: string, index: number): string {
  return join(resultsDir, `shard-${index}`);
}

export function shardStatus(resultsDir: string, shards: number): ShardStatus {
  const status: ShardStatus = { complete: [], partial: [], missing: [] };
  for (let i = 0; i < shards; i++) {
    const dir = shardDir(resultsDir, i);
    if (isShardComplete(dir)) status.complete.push(i);
    else if (existsSync(join(dir, 'manifest.json'))) status.partial.push(i);
    else status.missing.push(i);
  }
  return status;
}
