import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMemberBsnAndSharing1795538233621 implements MigrationInterface {
  name = 'AddMemberBsnAndSharing1795538233621';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"family_member\" ADD \"citizen_service_number_encrypted\" text");
    await q.query("ALTER TABLE \"family_member\" ADD \"shares_with_parents\" boolean");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"family_member\" DROP COLUMN \"shares_with_parents\"");
    await q.query("ALTER TABLE \"family_member\" DROP COLUMN \"citizen_service_number_encrypted\"");
  }
}
