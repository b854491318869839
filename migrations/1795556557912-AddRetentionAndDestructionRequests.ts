import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRetentionAndDestructionRequests1795556557912 implements MigrationInterface {
  name = 'AddRetentionAndDestructionRequests1795556557912';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"destruction_request\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"member_id\" uuid, \"requested_by_user_id\" uuid, \"requester_role\" text NOT NULL, \"scope\" text NOT NULL, \"explanation\" text, \"status\" text NOT NULL DEFAULT 'pending', \"decision_reason_code\" text, \"decision_note\" text, \"decided_by_user_id\" uuid, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"erased_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_destruction_request_requester_role\" CHECK (\"requester_role\" IN ('parent', 'youth')), CONSTRAINT \"ck_destruction_request_reason\" CHECK (\"decision_reason_code\" IS NULL OR \"decision_reason_code\" IN ('child-protection-measure', 'interest-of-another', 'legal-obligation', 'help-ongoing', 'other')), CONSTRAINT \"ck_destruction_request_status\" CHECK (\"status\" IN ('pending', 'granted', 'refused')), CONSTRAINT \"ck_destruction_request_scope\" CHECK (\"scope\" IN ('family', 'own-data')), CONSTRAINT \"PK_7f447d3d509acf1bdf9f66cec34\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_destruction_request_family\" ON \"destruction_request\"  (\"family_id\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_destruction_request_pending\" ON \"destruction_request\"  (\"family_id\", \"member_id\", \"scope\") WHERE \"status\" = 'pending' AND \"member_id\" IS NOT NULL");
    await q.query("ALTER TABLE \"family\" ADD \"help_ended_on\" date");
    await q.query("ALTER TABLE \"family\" ADD \"closed_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("ALTER TABLE \"family\" ADD \"child_protection\" boolean NOT NULL DEFAULT false");
    await q.query("ALTER TABLE \"family\" ADD CONSTRAINT \"ck_family_closed_help_ended\" CHECK (\"status\" <> 'closed' OR \"help_ended_on\" IS NOT NULL)");
    // Comment texts and complaint subjects are stored encrypted now (longer than the plain text; the DTOs limit
    // the plain text). TypeORM's diff does not see changed CHECK expressions: written by hand.
    await q.query('ALTER TABLE "plan_comment" DROP CONSTRAINT "ck_plan_comment_text"');
    await q.query('ALTER TABLE "plan_comment" ADD CONSTRAINT "ck_plan_comment_text" CHECK (length("text") BETWEEN 1 AND 12000)');
    await q.query('ALTER TABLE "complaint" DROP CONSTRAINT "ck_complaint_subject"');
    await q.query('ALTER TABLE "complaint" ADD CONSTRAINT "ck_complaint_subject" CHECK (length("subject") BETWEEN 1 AND 4000)');
  }

  async down(q: QueryRunner): Promise<void> {
    // Restoring the plain-text limits needs the notes decrypted first (they are longer when encrypted).
    await q.query('ALTER TABLE "complaint" DROP CONSTRAINT "ck_complaint_subject"');
    await q.query('ALTER TABLE "complaint" ADD CONSTRAINT "ck_complaint_subject" CHECK (length(btrim("subject")) BETWEEN 1 AND 500)');
    await q.query('ALTER TABLE "plan_comment" DROP CONSTRAINT "ck_plan_comment_text"');
    await q.query('ALTER TABLE "plan_comment" ADD CONSTRAINT "ck_plan_comment_text" CHECK (length(btrim("text")) BETWEEN 1 AND 2000)');
    await q.query("ALTER TABLE \"family\" DROP CONSTRAINT \"ck_family_closed_help_ended\"");
    await q.query("ALTER TABLE \"family\" DROP COLUMN \"child_protection\"");
    await q.query("ALTER TABLE \"family\" DROP COLUMN \"closed_at\"");
    await q.query("ALTER TABLE \"family\" DROP COLUMN \"help_ended_on\"");
    await q.query("DROP INDEX \"public\".\"uq_destruction_request_pending\"");
    await q.query("DROP INDEX \"public\".\"ix_destruction_request_family\"");
    await q.query("DROP TABLE \"destruction_request\"");
  }
}
