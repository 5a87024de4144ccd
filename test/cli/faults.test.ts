/**
 * Hostile input and environment faults through the real command line: each
 * is refused with its documented exit code (docs/errors.md), one clear
 * message, no stack trace, and no output folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'collabsim.mjs');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'collabsim-faults-'));
  writeFileSync(join(tmp, 'ok.yaml'), 'years: 1\nschools: {count: 6}\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]) {
  const t = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, seconds: (Date.now() - t) / 1000 };
}
const noStack = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('a reader that stops early', () => {
  it('closing stdout drops what is left to print: no stack trace, the command finishes with its own exit code', async () => {
    // `collabsim schema | true`: the reader has closed the pipe before the command writes to it
    // (closing it after a first chunk would race with the command's last write).
    const closed = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, err }));
      });
    const schema = await closed(['schema']);
    expect(schema.code).toBe(0);
    expect(schema.err).toBe('');
    // A run whose one line of output goes to a closed pipe still writes its folder.
    const run = await closed(['run', 'ok.yaml', '--reps', '1', '--quiet', '--out', 'piped-run']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(existsSync(join(tmp, 'piped-run', 'manifest.json'))).toBe(true);
  });
});

describe('refused before any work', () => {
  it('a design too large is refused from its size, before it is built (exit 2, seconds, no folder)', () => {
    writeFileSync(
      join(tmp, 'huge.yaml'),
      [
        'name: huge',
        'base: ok.yaml',
        'factors:',
        '  - {path: leaders.propensityToTrust.mean, range: {min: 0, max: 1, steps: 5000}}',
        '  - {path: turnover.leaderRate, range: {min: 0, max: 0.5, steps: 5000}}',
        'design: {type: factorial}',
        'replications: 1',
        'seed: 1',
      ].join('\n'),
    );
    const r = cli(['sweep', 'huge.yaml', '--out', 'huge-out', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/huge\.yaml:6:\d+: error at design: the design has 25000000 points; the limit is 1,000,000/);
    expect(r.seconds).toBeLessThan(20);
    expect(existsSync(join(tmp, 'huge-out'))).toBe(false);
    noStack(r.err);
  });

  it('a plain text file given as a scenario or a base is described, never echoed', () => {
    writeFileSync(join(tmp, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\n');
    writeFileSync(
      join(tmp, 'leak.yaml'),
      'name: leak\nbase: secret.txt\nfactors: [{path: years, levels: [1]}]\ndesign: {type: factorial}\nreplications: 1\nseed: 1\n',
    );
    for (const args of [
      ['run', 'secret.txt', '--out', 'leak-run'],
      ['sweep', 'leak.yaml', '--out', 'leak-sweep'],
    ]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('not a scenario document: the file is plain text');
      expect(r.err).not.toContain('root:x');
      noStack(r.err);
    }
  });
});

describe('validate is the one gate for scenario and sweep files', () => {
  it('tells sweep files from scenario files, checks them as run and sweep would, and reports every file', () => {
    writeFileSync(
      join(tmp, 'grid.yaml'),
      'name: grid\nbase: ok.yaml\nfactors:\n  - {path: turnover.leaderRate, levels: [0.05, 0.1]}\ndesign: {type: factorial}\nreplications: 2\nseed: 1\n',
    );
    writeFileSync(
      join(tmp, 'badgrid.yaml'),
      'name: badgrid\nbase: ok.yaml\nfactors:\n  - {path: turnover.leaderRat, levels: [0.05]}\ndesign: {type: factorial}\nreplications: 1\nseed: 1\n',
    );
    const r = cli(['validate', 'ok.yaml', 'grid.yaml', 'badgrid.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('ok ok.yaml');
    expect(r.out).toContain('ok grid.yaml (sweep: 2 points, 4 runs)');
    expect(r.err).toMatch(/badgrid\.yaml:4:\d+: error at factors\[0\]\.path: 'turnover\.leaderRat' is not a scenario key path/);
    expect(r.err).not.toContain("unknown key 'factors'");
  });
});

describe('two sweeps into one folder', () => {
  it('the second is refused while the first writes; the first finishes with every run once', async () => {
    const sweep = join(tmp, 'slow.json');
    writeFileSync(
      sweep,
      JSON.stringify({
        name: 'slow',
        base: { fn: 'linear', x: { x1: 0, x2: 0 }, delayMs: 150 },
        factors: [{ path: 'x.x1', name: 'x1', levels: [0, 0.25, 0.5, 0.75, 1] }],
        design: { type: 'factorial' },
        replications: 4,
        seed: 2,
      }),
    );
    const out = join(tmp, 'slow-out');
    const args = [BIN, 'sweep', sweep, '--out', out, '--workers', '1', '--quiet', '--model', 'analytic'];
    const first = spawn(process.execPath, args, { cwd: tmp, stdio: 'ignore' });
    const firstDone = new Promise<number | null>((ok) => first.on('exit', ok));
    const lock = join(out, 'state', 'lock');
    for (let k = 0; k < 200 && !existsSync(lock); k++) await new Promise((ok) => setTimeout(ok, 50));
    expect(existsSync(lock)).toBe(true);
    for (const extra of [[], ['--resume']]) {
      const second = cli(['sweep', sweep, '--out', out, '--workers', '1', '--quiet', '--model', 'analytic', ...extra]);
      expect(second.code).not.toBe(0);
      expect(second.err).toMatch(/another process \(pid \d+\) is writing this sweep folder|already|exists/);
      noStack(second.err);
    }
    expect(await firstDone).toBe(0);
    const runs = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.split(',')[0])).size).toBe(20);
  }, 60_000);
});

describe('limits and encodings of input files', () => {
  it('a device given as a scenario or a base is refused, not read forever', () => {
    writeFileSync(
      join(tmp, 'zero.yaml'),
      'name: z\nbase: /dev/zero\nfactors: [{path: years, levels: [1]}]\ndesign: {type: factorial}\nreplications: 1\nseed: 1\n',
    );
    for (const args of [
      ['validate', 'zero.yaml'],
      ['run', '/dev/zero', '--out', 'dev-out'],
    ]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('not a regular file (a device, pipe or socket)');
      expect(r.seconds).toBeLessThan(20);
    }
    expect(existsSync(join(tmp, 'dev-out'))).toBe(false);
  });

  it('documents nested thousands deep are refused at the line where they go too deep (the parser would exhaust the stack)', () => {
    writeFileSync(join(tmp, 'flow.yaml'), `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    writeFileSync(join(tmp, 'flow.json'), `{"a": ${'['.repeat(20000)}${']'.repeat(20000)}}`);
    writeFileSync(join(tmp, 'block.yaml'), 'a:\n' + Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- \n`).join(''));
    const r = cli(['validate', 'flow.yaml', 'flow.json', 'block.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('flow.yaml:1:68: error: the document is nested too deeply');
    expect(r.err).toContain('flow.json:1:70: error: the document is nested too deeply');
    expect(r.err).toMatch(/block\.yaml:130:257: error: the document is nested too deeply/);
    noStack(r.err);
  });

  it('a file over the input size limit is refused from its size', () => {
    writeFileSync(join(tmp, 'big.yaml'), `years: 1\ndescription: "${'x'.repeat(17 * 1024 * 1024)}"\n`);
    const r = cli(['validate', 'big.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big\.yaml: error: the file is 17\.0 MiB; the limit for an input file is 16 MiB/);
    expect(r.seconds).toBeLessThan(20);
  });

  it('bytes that are not UTF-8 are refused at their line, not silently replaced', () => {
    writeFileSync(join(tmp, 'latin1.yaml'), Buffer.concat([Buffer.from('years: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const r = cli(['validate', 'latin1.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('latin1.yaml:2:1: error: the file is not valid UTF-8 text');
  });

  it('a scenario name too long for an output folder is refused by validate', () => {
    writeFileSync(join(tmp, 'longname.yaml'), `name: ${'a'.repeat(300)}\nyears: 1\n`);
    const r = cli(['run', 'longname.yaml', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error at name: text is too long \(expected text of at most 100 characters/);
    expect(existsSync(join(tmp, 'results'))).toBe(false);
  });
});

describe('faults of the environment (exit 3)', () => {
  it('a name too long for the file system: one line naming the fault, no stack trace, nothing left behind', () => {
    const r = cli(['run', 'ok.yaml', '--out', 'n'.repeat(300), '--quiet']);
    expect(r.code).toBe(3);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^error: the name is too long for the file system.*\[ENAMETOOLONG\]$/m);
    noStack(r.err);
    expect(readdirSync(tmp).filter((f) => f.includes('nnnnnnnn'))).toEqual([]);
  });

  it('a file where the output folder should be', () => {
    writeFileSync(join(tmp, 'afile'), '');
    const r = cli(['run', 'ok.yaml', '--out', 'afile/run', '--quiet']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^error: .*\[(EEXIST|ENOTDIR)\]$/m);
    noStack(r.err);
  });

  it('--debug adds the stack trace, wherever it stands on the line', () => {
    const r = cli(['run', 'ok.yaml', '--out', 'n'.repeat(300), '--quiet', '--debug']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^\s+at .+/m);
  });
});
