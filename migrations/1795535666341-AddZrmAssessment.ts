import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddZrmAssessment1795535666341 implements MigrationInterface {
  name = 'AddZrmAssessment1795535666341';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"zrm_assessment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"family_id\" uuid NOT NULL, \"member_id\" uuid NOT NULL, \"edition\" text NOT NULL, \"assessed_on\" date NOT NULL, \"assessed_by_user_id\" uuid NOT NULL, \"scores\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_zrm_assessment_edition\" CHECK (\"edition\" IN ('zrm-11', 'zrm-2017')), CONSTRAINT \"PK_c1575dd4051bcc8fbded0ca0121\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_zrm_assessment_family\" ON \"zrm_assessment\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_zrm_assessment_member_date\" ON \"zrm_assessment\"  (\"member_id\", \"assessed_on\") ");
    await q.query("ALTER TABLE \"zrm_assessment\" ADD CONSTRAINT \"fk_zrm_assessment_member\" FOREIGN KEY (\"member_id\") REFERENCES \"family_member\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"zrm_assessment\" ADD CONSTRAINT \"fk_zrm_assessment_assessor\" FOREIGN KEY (\"assessed_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"zrm_assessment\" DROP CONSTRAINT \"fk_zrm_assessment_assessor\"");
    await q.query("ALTER TABLE \"zrm_assessment\" DROP CONSTRAINT \"fk_zrm_assessment_member\"");
    await q.query("DROP INDEX \"public\".\"ix_zrm_assessment_member_date\"");
    await q.query("DROP INDEX \"public\".\"ix_zrm_assessment_family\"");
    await q.query("DROP TABLE \"zrm_assessment\"");
  }
}
