import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlanFamilyIndex1795557452638 implements MigrationInterface {
  name = 'AddPlanFamilyIndex1795557452638';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX \"ix_plan_family_created\" ON \"plan\"  (\"family_id\", \"created_at\") ");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX \"public\".\"ix_plan_family_created\"");
  }
}
