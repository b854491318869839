import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPrivacyRights1795556432188 implements MigrationInterface {
  name = 'AddPrivacyRights1795556432188';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"correction_request\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"requested_by_user_id\" uuid NOT NULL, \"what_is_wrong\" text NOT NULL, \"should_be\" text NOT NULL, \"item_type\" text, \"item_id\" uuid, \"status\" text NOT NULL DEFAULT 'open', \"answer\" text, \"answered_by_user_id\" uuid, \"answered_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_correction_request_item_type\" CHECK (\"item_type\" IS NULL OR \"item_type\" IN ('family', 'member', 'plan', 'goal', 'agreement', 'zrm', 'other')), CONSTRAINT \"ck_correction_request_status\" CHECK (\"status\" IN ('open', 'granted', 'refused')), CONSTRAINT \"PK_f27fae3589d868eb5ebd6f6425d\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_correction_request_family\" ON \"correction_request\"  (\"family_id\") ");
    await q.query("CREATE TABLE \"correction_request_event\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"request_id\" uuid NOT NULL, \"event\" text NOT NULL, \"text\" text NOT NULL, \"user_id\" uuid, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_f4db03230c5cafd862a8cddefe0\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_correction_request_event_request\" ON \"correction_request_event\"  (\"request_id\") ");
    await q.query("CREATE TABLE \"emergency_access\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"family_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"organisation_id\" uuid, \"reason\" text NOT NULL, \"granted_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_df6a3cc6b2bd3f218edb410a3f3\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_emergency_access_family\" ON \"emergency_access\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_emergency_access_user_family\" ON \"emergency_access\"  (\"user_id\", \"family_id\") ");
    await q.query("ALTER TABLE \"correction_request\" ADD CONSTRAINT \"fk_correction_request_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"correction_request_event\" ADD CONSTRAINT \"fk_correction_request_event_request\" FOREIGN KEY (\"request_id\") REFERENCES \"correction_request\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"emergency_access\" ADD CONSTRAINT \"fk_emergency_access_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"emergency_access\" DROP CONSTRAINT \"fk_emergency_access_family\"");
    await q.query("ALTER TABLE \"correction_request_event\" DROP CONSTRAINT \"fk_correction_request_event_request\"");
    await q.query("ALTER TABLE \"correction_request\" DROP CONSTRAINT \"fk_correction_request_family\"");
    await q.query("DROP INDEX \"public\".\"ix_emergency_access_user_family\"");
    await q.query("DROP INDEX \"public\".\"ix_emergency_access_family\"");
    await q.query("DROP TABLE \"emergency_access\"");
    await q.query("DROP INDEX \"public\".\"ix_correction_request_event_request\"");
    await q.query("DROP TABLE \"correction_request_event\"");
    await q.query("DROP INDEX \"public\".\"ix_correction_request_family\"");
    await q.query("DROP TABLE \"correction_request\"");
  }
}
