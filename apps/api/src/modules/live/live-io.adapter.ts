import type { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import { Server, type ServerOptions } from 'socket.io';
import type { DataSource } from 'typeorm';

/** How long close() waits for the adapter's LISTEN connection to finish setting up before closing anyway. */
const SETUP_WAIT_MS = 5000;

/**
 * Socket.IO for Nest with the PostgreSQL adapter: rooms, broadcasts and fetchSockets() span every API instance
 * on the same database (LISTEN/NOTIFY; large payloads go through the `socket_io_attachments` table). It uses a
 * small pool of its own, opened with the first server and ended when the app closes.
 */
export class LiveIoAdapter extends IoAdapter {
  private pool: Pool | null = null;

  constructor(
    app: INestApplication,
    private readonly databaseUrl: string,
    private readonly channelPrefix: string,
  ) {
    super(app);
  }

  /** The adapter for the app's own database (the url the DataSource was created with). */
  static forDataSource(app: INestApplication, dataSource: DataSource, channelPrefix: string): LiveIoAdapter {
    const url = (dataSource.options as { url?: string }).url;
    if (!url) throw new Error('LiveIoAdapter needs a DataSource created from a url');
    return new LiveIoAdapter(app, url, channelPrefix);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const adapter = createAdapter(this.openPool(), {
      // Instances with the same prefix on the same database form one cluster (rooms, presence, events).
      channelPrefix: this.channelPrefix,
      errorHandler: (err) => this.logger.warn({ err }, 'Socket.IO PostgreSQL adapter error'),
    });
    // createAdapter's declared return type differs from Socket.IO's AdapterConstructor; it is one.
    return super.createIOServer(port, { ...options, adapter } as unknown as ServerOptions);
  }

  override async close(server: Server): Promise<void> {
    if (server instanceof Server) {
      // Closing while the adapter is still acquiring its LISTEN connection would leave that connection
      // checked out for ever (and pool.end() waiting for it), so let it finish first.
      await listening(server, SETUP_WAIT_MS);
      // The adapter's goodbye (ADAPTER_CLOSE) must be the last message the other instances get from us: one
      // that overtook it (sent concurrently over another connection) would make them count this instance
      // again, and wait for its answers in vain until its heartbeat times out. So let sends in flight finish.
      if (this.pool) await idle(this.pool, SETUP_WAIT_MS);
    }
    await super.close(server);
  }

  override async dispose(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
    await super.dispose();
  }

  private openPool(): Pool {
    if (this.pool) return this.pool;
    // Two connections: one the adapter keeps for LISTEN, one for everything it sends. One sending connection
    // keeps NOTIFYs, and so this instance's broadcasts (delivered locally only once published), in order.
    const pool = new Pool({ connectionString: this.databaseUrl, max: 2, application_name: 'gezinsplan-live' });
    // The adapter keeps its LISTEN connection checked out and, when that connection is lost, takes a new one
    // without releasing the old. So: an error on it must not crash the process, and a lost connection is
    // handed back (as broken) so that it does not occupy a place in the pool for ever.
    pool.on('error', (err) => this.logger.warn({ err }, 'Socket.IO adapter: idle database connection failed'));
    pool.on('connect', (client) => {
      client.on('error', (err) => this.logger.warn({ err }, 'Socket.IO adapter: database connection failed'));
      client.once('end', () => {
        try {
          client.release(new Error('connection ended'));
        } catch {
          // it was not checked out: the pool has dealt with it
        }
      });
    });
    this.pool = pool;
    return pool;
  }
}

/** Resolves once nothing but the LISTEN connection is in use or waited for, or after `ms`. */
async function idle(pool: Pool, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while ((pool.waitingCount > 0 || pool.totalCount - pool.idleCount > 1) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Resolves once the PostgreSQL adapter's pub/sub client holds its LISTEN connection, or after `ms`. Reads a
 * private field of @socket.io/postgres-adapter 0.5.0 (PostgresAdapter.client.client); when that field is
 * missing it does not wait.
 */
async function listening(server: Server, ms: number): Promise<void> {
  const pubSub = (server.of('/').adapter as unknown as { client?: { client?: unknown } }).client;
  if (!pubSub || !('client' in pubSub || 'pool' in pubSub)) return;
  const deadline = Date.now() + ms;
  while (pubSub.client === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
