import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './global-setup';

/** The built server, as `npm start` and the Docker image run it. */
export const MAIN = resolve(__dirname, '../../../../dist/apps/api/apps/api/src/main.js');
const BOOT_MS = 90_000;

export interface ApiProcess {
  child: ChildProcess;
  port: number;
  /** SIGTERM as a process manager would; 'closed' when main.ts shut down cleanly (exit code 0), else 'killed'. */
  stop(): Promise<'closed' | 'killed' | 'not running'>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

/** Starts `dist/.../main.js` on a free port against the run's test database (no web app, no migrations, no seed). */
export async function startApiProcess(name: string, env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npx nx run api:build)`);
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), `gezinsplan-${name}-`));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      PORT: String(port),
      FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), // as in test-app.ts
      MIGRATE_ON_BOOT: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: scratch,
      WEB_DIST_DIR: scratch, // no web app: API only
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async (): Promise<'closed' | 'killed' | 'not running'> => {
    if (child.exitCode !== null || child.signalCode !== null) return 'not running';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, 25_000);
    const { code, signal } = await exited;
    clearTimeout(timer);
    rmSync(scratch, { recursive: true, force: true });
    return !killed && code === 0 && signal === null ? 'closed' : 'killed';
  };
  return new Promise((resolvePromise, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail(`not running after ${BOOT_MS} ms`), BOOT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.TEST_LOG_LEVEL) process.stderr.write(`[${name}] ${chunk.toString()}`);
      if (output.includes('Gezinsplan is running')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolvePromise({ child, port, stop, output: () => output });
      }
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
