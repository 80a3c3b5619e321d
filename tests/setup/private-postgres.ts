// A throwaway PostgreSQL cluster of its own (initdb into a temp dir, trust auth,
// a spare port), for fault tests that stop and start the database server — the
// shared server on 5432 is never touched. Needs PostgreSQL's binaries
// (PG_BIN, else /usr/lib/postgresql/<newest>/bin); as root, the cluster runs as
// the `postgres` user, since initdb refuses root.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './instances.ts';

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin');
  throw new Error('no PostgreSQL binaries: set PG_BIN to the directory holding initdb and pg_ctl');
}

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): void;
  /** `pg_ctl stop -m fast`: every connection is cut. */
  stop(): void;
  /** Stops the server and removes the cluster. */
  destroy(): void;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const port = 55_432 + Math.floor(Math.random() * 5_000);
  const free = await freePort(); // fallback if the random one is taken
  const chosen = (await isFree(port)) ? port : free;
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${chosen} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  let destroyed = false;
  const pg: PrivatePostgres = {
    port: chosen,
    url: `postgres://postgres@127.0.0.1:${chosen}/postgres`,
    start: () => void run('pg_ctl', ['start', '-w', '-D', data, '-o', options, '-l', join(dir, 'log')]),
    stop: () => void run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        run('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', data]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  process.once('exit', () => pg.destroy());
  return pg;
}

async function isFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
