import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUserActivation1795546486209 implements MigrationInterface {
  name = 'AddUserActivation1795546486209';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"app_user\" ADD \"activation_token_hash\" text");
    await q.query("ALTER TABLE \"app_user\" ADD \"activation_expires_at\" TIMESTAMP WITH TIME ZONE");
    await q.query("CREATE UNIQUE INDEX \"uq_app_user_activation_token\" ON \"app_user\"  (\"activation_token_hash\") ");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX \"public\".\"uq_app_user_activation_token\"");
    await q.query("ALTER TABLE \"app_user\" DROP COLUMN \"activation_expires_at\"");
    await q.query("ALTER TABLE \"app_user\" DROP COLUMN \"activation_token_hash\"");
  }
}
