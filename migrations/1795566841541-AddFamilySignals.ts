import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns the stored signals are computed from, per table (inserts and deletes of plan, agreement and
 * involvement rows count too; a goal is inserted without agreements and deleted with them).
 */
const SIGNAL_INPUTS: [string, string[]][] = [
  ['plan', ['family_id', 'status', 'evaluation_date', 'current_version_number', 'created_at']],
  ['goal', ['family_id', 'plan_id']],
  ['agreement', ['family_id', 'goal_id', 'status', 'due_date']],
  ['involvement', ['family_id', 'organisation_id', 'until', 'consent_withdrawn_at']],
];

/**
 * Stores the inputs of the worklist signals on `family` (issue 7: the worklist evaluated the signal subqueries
 * for every visible family on each request). One definition, the view `family_signal_source`, computes them
 * for any set of families; database triggers on plan, goal, agreement and involvement refresh a family's
 * stored values at commit (so every write path keeps them right), `family_signal_refresh_all()` refreshes all
 * families in one set-based statement (this migration's backfill and the scale seed, which inserts with
 * triggers off). The values are dates, not verdicts: the worklist compares them with current_date when read.
 */
export class AddFamilySignals1795566841541 implements MigrationInterface {
  name = 'AddFamilySignals1795566841541';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "family" ADD "signal_plan_status" text');
    await q.query('ALTER TABLE "family" ADD "signal_evaluation_date" date');
    await q.query('ALTER TABLE "family" ADD "signal_open_due" date');
    await q.query('ALTER TABLE "family" ADD "signal_one_plan_until" date');
    // plan_status: the living plan's status, else the latest plan's (as FamiliesRepository's planStatus).
    // evaluation_date: the living plan's evaluation date while the plan is not evaluated.
    // open_due: the earliest due date of the open agreements of the living plan's goals.
    // one_plan_until: without an agreed version of the living plan, the last day on which more than two
    //   organisations are involved (consent not withdrawn): the third-latest per-organisation `until`, with
    //   'infinity' for open-ended involvements; NULL when there are never more than two.
    await q.query(`CREATE VIEW family_signal_source AS
      SELECT f.id AS family_id,
             lt.status AS plan_status,
             CASE WHEN lv.status <> 'evaluated' THEN lv.evaluation_date END AS evaluation_date,
             du.open_due,
             CASE WHEN lv.current_version_number IS NULL THEN og.one_plan_until END AS one_plan_until
        FROM family f
        LEFT JOIN (SELECT DISTINCT ON (p.family_id) p.family_id, p.status FROM plan p
                    ORDER BY p.family_id, (p.status = 'closed'), p.created_at DESC) lt ON lt.family_id = f.id
        LEFT JOIN plan lv ON lv.family_id = f.id AND lv.status <> 'closed'
        LEFT JOIN (SELECT a.family_id, min(a.due_date) AS open_due
                     FROM agreement a
                     JOIN goal g ON g.id = a.goal_id
                     JOIN plan p ON p.id = g.plan_id AND p.family_id = a.family_id AND p.status <> 'closed'
                    WHERE a.status = 'open' AND a.due_date IS NOT NULL
                    GROUP BY a.family_id) du ON du.family_id = f.id
        LEFT JOIN (SELECT o.family_id, (array_agg(o.until ORDER BY o.until DESC))[3] AS one_plan_until
                     FROM (SELECT i.family_id, i.organisation_id, max(coalesce(i.until, 'infinity'::date)) AS until
                             FROM involvement i
                            WHERE i.consent_withdrawn_at IS NULL
                            GROUP BY i.family_id, i.organisation_id) o
                    GROUP BY o.family_id) og ON og.family_id = f.id`);
    await q.query(`CREATE FUNCTION family_signal_refresh_all() RETURNS bigint LANGUAGE sql AS $$
      WITH changed AS (
        UPDATE family f
           SET signal_plan_status = s.plan_status, signal_evaluation_date = s.evaluation_date,
               signal_open_due = s.open_due, signal_one_plan_until = s.one_plan_until
          FROM family_signal_source s
         WHERE s.family_id = f.id
           AND (f.signal_plan_status, f.signal_evaluation_date, f.signal_open_due, f.signal_one_plan_until)
               IS DISTINCT FROM (s.plan_status, s.evaluation_date, s.open_due, s.one_plan_until)
        RETURNING 1)
      SELECT count(*) FROM changed $$`);
    await q.query(`CREATE FUNCTION family_signal_refresh(fid uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF fid IS NULL THEN RETURN; END IF;
        -- Serialise refreshes of one family: after the lock, the next statement's snapshot holds everything
        -- committed before it (READ COMMITTED), so a concurrent writer's change is never overwritten.
        PERFORM 1 FROM family WHERE id = fid FOR NO KEY UPDATE;
        UPDATE family f
           SET signal_plan_status = s.plan_status, signal_evaluation_date = s.evaluation_date,
               signal_open_due = s.open_due, signal_one_plan_until = s.one_plan_until
          FROM family_signal_source s
         WHERE f.id = fid AND s.family_id = fid
           AND (f.signal_plan_status, f.signal_evaluation_date, f.signal_open_due, f.signal_one_plan_until)
               IS DISTINCT FROM (s.plan_status, s.evaluation_date, s.open_due, s.one_plan_until);
      END $$`);
    await q.query(`CREATE FUNCTION family_signal_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM family_signal_refresh(OLD.family_id); END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.family_id IS DISTINCT FROM OLD.family_id) THEN
          PERFORM family_signal_refresh(NEW.family_id);
        END IF;
        RETURN NULL;
      END $$`);
    // At commit (deferred): all of the transaction's row locks are taken by then, so the family lock is the
    // last one it waits for, and a transaction that writes many rows of one family sees one consistent state.
    // Updates only when a column the signals read changes (a goal's title or a plan's version number: nothing).
    for (const [table, columns] of SIGNAL_INPUTS) {
      if (table !== 'goal') {
        await q.query(`CREATE CONSTRAINT TRIGGER family_signal_${table} AFTER INSERT OR DELETE ON "${table}"
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION family_signal_on_change()`);
      }
      const row = (side: string) => `(${columns.map((c) => `${side}.${c}`).join(', ')})`;
      await q.query(`CREATE CONSTRAINT TRIGGER family_signal_${table}_update AFTER UPDATE ON "${table}"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${row('OLD')} IS DISTINCT FROM ${row('NEW')})
        EXECUTE FUNCTION family_signal_on_change()`);
    }
    // Backfill in one set-based statement, before the indexes exist (cheaper than maintaining them row by row).
    await q.query('SELECT family_signal_refresh_all()');
    await q.query(
      'CREATE INDEX "ix_family_worklist_one_plan" ON "family"  ("municipality", "signal_one_plan_until") WHERE "signal_one_plan_until" IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX "ix_family_worklist_evaluation" ON "family"  ("municipality", "signal_evaluation_date", "signal_open_due") WHERE "signal_evaluation_date" IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX "ix_family_worklist_open_due" ON "family"  ("municipality", "signal_open_due") WHERE "signal_open_due" IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX "ix_family_worklist_plan_status" ON "family"  ("municipality", "signal_plan_status", "display_name", "id") ',
    );
    await q.query(
      `CREATE INDEX "ix_family_worklist_name" ON "family" ("municipality", "display_name", "id")
         INCLUDE ("signal_plan_status", "signal_evaluation_date", "signal_open_due", "signal_one_plan_until")`,
    );
    // The name search (`q`, a substring) through a trigram index. pg_trgm is a trusted extension (PostgreSQL 13+),
    // so the database owner may create it; where the role may not, the search stays correct, only slower.
    await q.query(`DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm not available: the worklist name search runs without its trigram index';
      END $$`);
    await q.query(`DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          CREATE INDEX "ix_family_worklist_name_trgm" ON "family" USING gin ("display_name" gin_trgm_ops);
        END IF;
      END $$`);
    await q.query('ANALYZE "family"');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of SIGNAL_INPUTS) {
      if (table !== 'goal') await q.query(`DROP TRIGGER family_signal_${table} ON "${table}"`);
      await q.query(`DROP TRIGGER family_signal_${table}_update ON "${table}"`);
    }
    await q.query('DROP FUNCTION family_signal_on_change()');
    await q.query('DROP FUNCTION family_signal_refresh(uuid)');
    await q.query('DROP FUNCTION family_signal_refresh_all()');
    await q.query('DROP VIEW family_signal_source');
    await q.query('DROP INDEX IF EXISTS "public"."ix_family_worklist_name_trgm"'); // pg_trgm stays installed
    await q.query('DROP INDEX "public"."ix_family_worklist_name"');
    await q.query('DROP INDEX "public"."ix_family_worklist_plan_status"');
    await q.query('DROP INDEX "public"."ix_family_worklist_open_due"');
    await q.query('DROP INDEX "public"."ix_family_worklist_evaluation"');
    await q.query('DROP INDEX "public"."ix_family_worklist_one_plan"');
    await q.query('ALTER TABLE "family" DROP COLUMN "signal_one_plan_until"');
    await q.query('ALTER TABLE "family" DROP COLUMN "signal_open_due"');
    await q.query('ALTER TABLE "family" DROP COLUMN "signal_evaluation_date"');
    await q.query('ALTER TABLE "family" DROP COLUMN "signal_plan_status"');
  }
}
