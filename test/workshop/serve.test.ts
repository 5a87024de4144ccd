/**
 * The workshop's static server under load: 200 clients fetching a 2 MB
 * bundle at once keep the server's memory flat (each built file is held once
 * and shared), unchanged files revalidate with 304, and nothing outside the
 * folder is served. The server runs in its own process so its peak memory
 * (VmHWM) is its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let server: ChildProcess;
let base: string;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; etag?: string }> {
  return new Promise((ok, fail) => {
    const req = request(base + path, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => ok({ status: res.statusCode ?? 0, bytes, etag: res.headers.etag }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Peak resident memory of a process, in MiB (Linux). */
function peakMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collabsim-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'workshop.js'), Buffer.alloc(2 * 1024 * 1024, 0x61));
  server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/workshop/serve.ts'), '--no-build', '--dir', dir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise<string>((ok, fail) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
}, 30_000);

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('workshop server', () => {
  it('200 concurrent clients of a 2 MB bundle keep its memory flat', async () => {
    const first = await get('/workshop.js');
    expect(first).toMatchObject({ status: 200, bytes: 2 * 1024 * 1024 });
    const before = peakMiB(server.pid!);
    const all = await Promise.all(Array.from({ length: 200 }, () => get('/workshop.js')));
    expect(all.every((r) => r.status === 200 && r.bytes === 2 * 1024 * 1024)).toBe(true);
    const after = peakMiB(server.pid!);
    // One copy per response would add 400 MiB; shared, the growth is socket buffers only.
    expect(after - before).toBeLessThan(100);
  }, 60_000);

  it('an unchanged file revalidates with 304; nothing outside the folder is served', async () => {
    const { etag } = await get('/index.html');
    expect(etag).toBeTruthy();
    expect((await get('/index.html', { 'If-None-Match': etag! })).status).toBe(304);
    // A traversal is refused (403) or, once the URL is normalised, looked up inside the folder (404): never served.
    expect([403, 404]).toContain((await get('/%2e%2e/%2e%2e/etc/passwd')).status);
    expect([403, 404]).toContain((await get('/..%2f..%2fetc%2fpasswd')).status);
    expect((await get('/nothing.js')).status).toBe(404);
  });
});
