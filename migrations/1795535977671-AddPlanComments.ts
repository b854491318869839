import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlanComments1795535977671 implements MigrationInterface {
  name = 'AddPlanComments1795535977671';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"plan_comment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"family_id\" uuid NOT NULL, \"goal_id\" uuid, \"agreement_id\" uuid, \"author_user_id\" uuid NOT NULL, \"text\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_plan_comment_text\" CHECK (length(btrim(\"text\")) BETWEEN 1 AND 2000), CONSTRAINT \"ck_plan_comment_target\" CHECK ((\"goal_id\" IS NULL) <> (\"agreement_id\" IS NULL)), CONSTRAINT \"PK_eda38f2e42a15386ab9c62bc71f\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_plan_comment_family\" ON \"plan_comment\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_plan_comment_goal\" ON \"plan_comment\"  (\"goal_id\") ");
    await q.query("CREATE INDEX \"ix_plan_comment_agreement\" ON \"plan_comment\"  (\"agreement_id\") ");
    await q.query("ALTER TABLE \"plan_comment\" ADD CONSTRAINT \"fk_plan_comment_author\" FOREIGN KEY (\"author_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"plan_comment\" DROP CONSTRAINT \"fk_plan_comment_author\"");
    await q.query("DROP INDEX \"public\".\"ix_plan_comment_agreement\"");
    await q.query("DROP INDEX \"public\".\"ix_plan_comment_goal\"");
    await q.query("DROP INDEX \"public\".\"ix_plan_comment_family\"");
    await q.query("DROP TABLE \"plan_comment\"");
  }
}
