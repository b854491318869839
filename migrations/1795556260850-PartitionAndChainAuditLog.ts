import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 6 and 7: the audit log becomes tamper-evident (hash chain columns, sealed after insert) and is
 * range-partitioned by month on occurred_at (the primary key therefore includes occurred_at). Existing rows move
 * into the new partitions. `audit_log_ensure_partitions(from, to)` creates monthly partitions (moving rows that
 * already landed in the DEFAULT partition); the API calls it at boot and monthly, bulk seeders before inserting.
 * The append-only trigger keeps forbidding UPDATE and DELETE, except the one-time seal (NULL -> chain values
 * with every other column unchanged). Retention drops whole partitions (`purgeAuditBefore`), recorded in
 * audit_purge.
 */
export class PartitionAndChainAuditLog1795556260850 implements MigrationInterface {
  name = 'PartitionAndChainAuditLog1795556260850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_purge" ("id" BIGSERIAL NOT NULL, "purged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "before" TIMESTAMP WITH TIME ZONE NOT NULL, "partitions" text array NOT NULL, "rows" bigint NOT NULL, "stretches" jsonb NOT NULL, "mac" text NOT NULL, CONSTRAINT "PK_86812ef38610ef33ffd884f9158" PRIMARY KEY ("id"))`,
    );
    // The old table steps aside (its names are freed), keeping the id sequence for the new one.
    await q.query(`ALTER TABLE "audit_log" RENAME TO "audit_log_unpartitioned"`);
    await q.query(`ALTER INDEX "ix_audit_log_family_time" RENAME TO "ix_audit_log_unpartitioned_family_time"`);
    await q.query(
      `ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" TO "pk_audit_log_unpartitioned"`,
    );
    await q.query(`ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "ck_audit_log_action" TO "ck_old_action"`);
    await q.query(`ALTER TABLE "audit_log_unpartitioned" RENAME CONSTRAINT "ck_audit_log_result" TO "ck_old_result"`);
    await q.query(
      `CREATE TABLE "audit_log" ("id" bigint NOT NULL DEFAULT nextval('audit_log_id_seq'::regclass), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "user_role" text, "organisation_id" uuid, "family_id" uuid, "subject_id" uuid, "resource" text NOT NULL, "action" text NOT NULL, "result" text NOT NULL, "basis" text, "emergency" boolean NOT NULL DEFAULT false, "ip" text, "request_id" text, "details" jsonb, "chain_seq" bigint, "chain_prev" text, "chain_hash" text, "chain_sealed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_audit_log_result" CHECK ("result" IN ('success', 'denied', 'conflict', 'failed')), CONSTRAINT "ck_audit_log_action" CHECK ("action" IN ('read', 'list', 'create', 'update', 'delete', 'login', 'logout')), CONSTRAINT "PK_49f457de5136e73313ecde8ae43" PRIMARY KEY ("id", "occurred_at")) PARTITION BY RANGE ("occurred_at")`,
    );
    await q.query(`ALTER SEQUENCE "audit_log_id_seq" OWNED BY "audit_log"."id"`);
    await q.query(`CREATE INDEX "ix_audit_log_family_time" ON "audit_log" ("family_id", "occurred_at")`);
    await q.query(`CREATE INDEX "ix_audit_log_chain" ON "audit_log" ("chain_seq", "id")`);
    await q.query(`CREATE INDEX "ix_audit_log_unsealed" ON "audit_log" ("id") WHERE "chain_seq" IS NULL`);
    await q.query(`CREATE TABLE "audit_log_default" PARTITION OF "audit_log" DEFAULT`);

    await q.query(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The one update allowed: sealing an unsealed row, every other column unchanged.
        IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND OLD.chain_hash IS NULL AND OLD.chain_prev IS NULL
           AND OLD.chain_sealed_at IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.chain_hash IS NOT NULL
           AND NEW.chain_prev IS NOT NULL AND NEW.chain_sealed_at IS NOT NULL
           -- Every other column, listed (a new audit_log column must be added here and to the hashed content).
           AND (NEW.id, NEW.occurred_at, NEW.user_id, NEW.user_role, NEW.organisation_id, NEW.family_id,
                NEW.subject_id, NEW.resource, NEW.action, NEW.result, NEW.basis, NEW.emergency, NEW.ip,
                NEW.request_id, NEW.details)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.occurred_at, OLD.user_id, OLD.user_role, OLD.organisation_id, OLD.family_id,
                OLD.subject_id, OLD.resource, OLD.action, OLD.result, OLD.basis, OLD.emergency, OLD.ip,
                OLD.request_id, OLD.details) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    // Statement triggers are not inherited by partitions: every partition gets its own TRUNCATE guard.
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log_default"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await q.query(`CREATE FUNCTION audit_log_ensure_partitions(p_from date, p_to date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        m date := date_trunc('month', p_from)::date;
        last date := date_trunc('month', p_to)::date;
        part text;
        created integer := 0;
      BEGIN
        WHILE m <= last LOOP
          part := format('audit_log_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
          IF to_regclass(format('public.%I', part)) IS NULL THEN
            IF EXISTS (SELECT 1 FROM audit_log_default WHERE occurred_at >= m AND occurred_at < (m + interval '1 month')) THEN
              -- Rows of this month already sit in the DEFAULT partition: move them into the new one.
              EXECUTE format('CREATE TABLE %I (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
              ALTER TABLE audit_log_default DISABLE TRIGGER audit_log_no_update_delete;
              EXECUTE format('WITH moved AS (DELETE FROM audit_log_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                m, m + interval '1 month', part);
              ALTER TABLE audit_log_default ENABLE TRIGGER audit_log_no_update_delete;
              EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                part, m, (m + interval '1 month')::date);
            ELSE
              EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                part, m, (m + interval '1 month')::date);
            END IF;
            EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()', part);
            created := created + 1;
          END IF;
          m := (m + interval '1 month')::date;
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(`COMMENT ON FUNCTION audit_log_ensure_partitions(date, date) IS
      'Creates the monthly partitions audit_log_yYYYYmMM for every month from p_from to p_to (inclusive) that does not exist yet, moving rows of those months out of audit_log_default. Idempotent; returns the number created.'`);
    await q.query(`SELECT audit_log_ensure_partitions(
      LEAST(COALESCE((SELECT min(occurred_at) FROM audit_log_unpartitioned), now()), now())::date,
      (GREATEST(COALESCE((SELECT max(occurred_at) FROM audit_log_unpartitioned), now()), now()) + interval '3 months')::date)`);
    await q.query(
      `INSERT INTO "audit_log" ("id", "occurred_at", "user_id", "user_role", "organisation_id", "family_id", "subject_id", "resource", "action", "result", "basis", "emergency", "ip", "request_id", "details")
       SELECT "id", "occurred_at", "user_id", "user_role", "organisation_id", "family_id", "subject_id", "resource", "action", "result", "basis", "emergency", "ip", "request_id", "details"
       FROM "audit_log_unpartitioned" ORDER BY "id"`,
    );
    await q.query(`DROP TABLE "audit_log_unpartitioned"`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to one plain table; the chain columns and the purge log go (the rows stay).
    await q.query(`ALTER TABLE "audit_log" RENAME TO "audit_log_partitioned"`);
    await q.query(`ALTER INDEX "ix_audit_log_family_time" RENAME TO "ix_audit_log_partitioned_family_time"`);
    await q.query(
      `ALTER TABLE "audit_log_partitioned" RENAME CONSTRAINT "PK_49f457de5136e73313ecde8ae43" TO "pk_audit_log_partitioned"`,
    );
    await q.query(`ALTER TABLE "audit_log_partitioned" RENAME CONSTRAINT "ck_audit_log_action" TO "ck_new_action"`);
    await q.query(`ALTER TABLE "audit_log_partitioned" RENAME CONSTRAINT "ck_audit_log_result" TO "ck_new_result"`);
    await q.query(
      `CREATE TABLE "audit_log" ("id" bigint NOT NULL DEFAULT nextval('audit_log_id_seq'::regclass), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "user_role" text, "organisation_id" uuid, "family_id" uuid, "subject_id" uuid, "resource" text NOT NULL, "action" text NOT NULL, "result" text NOT NULL, "basis" text, "emergency" boolean NOT NULL DEFAULT false, "ip" text, "request_id" text, "details" jsonb, CONSTRAINT "ck_audit_log_result" CHECK ("result" IN ('success', 'denied', 'conflict', 'failed')), CONSTRAINT "ck_audit_log_action" CHECK ("action" IN ('read', 'list', 'create', 'update', 'delete', 'login', 'logout')), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `INSERT INTO "audit_log" ("id", "occurred_at", "user_id", "user_role", "organisation_id", "family_id", "subject_id", "resource", "action", "result", "basis", "emergency", "ip", "request_id", "details")
       SELECT "id", "occurred_at", "user_id", "user_role", "organisation_id", "family_id", "subject_id", "resource", "action", "result", "basis", "emergency", "ip", "request_id", "details"
       FROM "audit_log_partitioned" ORDER BY "id"`,
    );
    await q.query(`ALTER SEQUENCE "audit_log_id_seq" OWNED BY "audit_log"."id"`);
    await q.query(`DROP TABLE "audit_log_partitioned"`);
    await q.query(`DROP FUNCTION audit_log_ensure_partitions(date, date)`);
    await q.query(`CREATE INDEX "ix_audit_log_family_time" ON "audit_log"  ("family_id", "occurred_at") `);
    await q.query(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE "audit_purge"`);
  }
}
