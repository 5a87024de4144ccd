/**
 * Serve the built workshop on 127.0.0.1 (a tiny static server; no network
 * beyond the local machine). By default it builds first.
 *
 *   tsx src/workshop/serve.ts [--port 8080] [--dir workshop-dist] [--no-build]
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkshop, DEFAULT_OUT } from './build.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface ServeOptions {
  dir?: string;
  port?: number;
}

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
}

/**
 * The built files, held in memory once each and shared by every response
 * (re-read only when a file changes on disk), so memory stays flat however
 * many clients load the 2 MB bundle at once.
 */
function fileCache(): (file: string) => Promise<Cached | null> {
  const cache = new Map<string, Cached>();
  return async (file) => {
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const body = await readFile(file).catch(() => null);
    if (!body) return null;
    const entry = { mtimeMs: st.mtimeMs, size: body.length, body, etag: `"${body.length.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"` };
    cache.set(file, entry);
    return entry;
  };
}

/** Serve a folder on 127.0.0.1; port 0 picks a free port. */
export async function serveWorkshop(opts: ServeOptions = {}): Promise<{ url: string; port: number; server: Server; close: () => Promise<void> }> {
  const root = resolve(opts.dir ?? DEFAULT_OUT);
  const load = fileCache();
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const rel = normalize(path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
      const file = join(root, rel);
      if (!(file === root || file.startsWith(root + sep))) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const st = await stat(file).catch(() => null);
      const target = st?.isDirectory() ? join(file, 'index.html') : file;
      const hit = await load(target);
      if (!hit) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const headers = { ETag: hit.etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
      if (req.headers['if-none-match'] === hit.etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream', 'Content-Length': hit.body.length });
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    } catch {
      res.writeHead(400).end('bad request');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 8080);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

interface ServeArgs {
  port: number;
  dir?: string;
  build: boolean;
}

function parseArgs(argv: string[]): ServeArgs {
  const o: ServeArgs = { port: 8080, build: true };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const val = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++k] ?? ''));
    if (a === '--port' || a.startsWith('--port=')) {
      const p = Number(val());
      if (!Number.isInteger(p) || p < 0 || p > 65535) {
        process.stderr.write(`--port must be a whole number from 0 to 65535\n`);
        process.exit(2);
      }
      o.port = p;
    } else if (a === '--dir' || a.startsWith('--dir=')) o.dir = val();
    else if (a === '--no-build') o.build = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: tsx src/workshop/serve.ts [--port 8080] [--dir workshop-dist] [--no-build]\n');
      process.exit(0);
    } else {
      process.stderr.write(`unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const o = parseArgs(process.argv.slice(2));
  try {
    if (o.build) await buildWorkshop({ outDir: o.dir });
    const s = await serveWorkshop({ dir: o.dir, port: o.port });
    process.stdout.write(`collabsim workshop: open ${s.url} (Ctrl+C to stop)\n`);
    const stop = () => void s.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    const inUse = e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
    process.stderr.write(inUse ? `port ${o.port} is in use: choose another with --port\n` : `workshop failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
