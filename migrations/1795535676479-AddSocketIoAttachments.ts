import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the table the Socket.IO PostgreSQL adapter (live updates across API instances) uses for
 * payloads too large for NOTIFY or containing binary data. It has no entity: only the adapter reads and
 * writes it, and it deletes rows older than 30 seconds itself.
 */
export class AddSocketIoAttachments1795535676479 implements MigrationInterface {
  name = 'AddSocketIoAttachments1795535676479';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "socket_io_attachments" ("id" bigserial UNIQUE, "created_at" timestamptz DEFAULT now(), "payload" bytea)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "socket_io_attachments"');
  }
}
