/**
 * `collabsim merge <shard-dirs...> --out DIR`: combine the folders of
 * `collabsim sweep --shard k/N` runs into one sweep folder whose tables are
 * byte-identical to an unsharded run.
 */
import type { Command } from 'commander';
import { mergeShards } from '../../experiment/merge.ts';
import { SweepError } from '../../experiment/errors.ts';
import { failureSummary } from './sweep.ts';

async function mergeCommand(dirs: string[], o: { out: string; quiet?: boolean }, io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const r = await mergeShards(dirs, { out: o.out, log: o.quiet ? undefined : (l) => io.err.write(`${l}\n`) });
    for (const w of r.warnings) io.err.write(`warning: ${w}\n`);
    io.out.write(`${r.dir}\n`);
    if (r.failed > 0) {
      io.err.write(failureSummary(r) + '\n');
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof SweepError) {
      io.err.write(`error: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

export function registerMerge(program: Command): Command {
  return program
    .command('merge')
    .description('Merge the output folders of a sharded sweep (collabsim sweep --shard k/N) into one folder.')
    .argument('<shard-dirs...>', 'shard output folders, one per shard')
    .requiredOption('--out <dir>', 'folder to create for the merged sweep (must not exist or be empty)')
    .option('--quiet', 'no log output')
    .addHelpText(
      'after',
      [
        '',
        'The merged runs.csv, aggregated.csv and sensitivity.csv are byte-identical to an',
        'unsharded run of the same sweep. Refused (exit 2): folders from different sweeps or',
        'shard counts, a missing or repeated shard, missing or duplicated runs.',
        'Exit 1 when the merged sweep contains failed runs.',
        '',
        'Example:',
        '  collabsim merge out/s0 out/s1 out/s2 --out out/merged',
      ].join('\n'),
    )
    .action(async (dirs: string[], o: { out: string; quiet?: boolean }) => {
      process.exitCode = await mergeCommand(dirs, o);
    });
}
