import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSessionsAndSecondFactor1795556416294 implements MigrationInterface {
  name = 'AddSessionsAndSecondFactor1795556416294';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"auth_session\" (\"id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"method\" text NOT NULL, \"second_factor\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_19354ed146424a728c1112a8cbf\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_auth_session_user\" ON \"auth_session\"  (\"user_id\") ");
    await q.query("CREATE TABLE \"user_totp\" (\"user_id\" uuid NOT NULL, \"secret_encrypted\" text NOT NULL, \"confirmed_at\" TIMESTAMP WITH TIME ZONE, \"last_step\" bigint, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_04aa6aca4a656f0d4e1fd30ab10\" PRIMARY KEY (\"user_id\"))");
    await q.query("CREATE TABLE \"recovery_code\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"code_hash\" text NOT NULL, \"used_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b7f1e23329e93a80e25fd281922\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_recovery_code_user\" ON \"recovery_code\"  (\"user_id\") ");
    await q.query("ALTER TABLE \"auth_session\" ADD CONSTRAINT \"fk_auth_session_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"user_totp\" ADD CONSTRAINT \"fk_user_totp_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"recovery_code\" ADD CONSTRAINT \"fk_recovery_code_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // Sessions that are live now keep working: one auth_session per session of unrevoked refresh tokens.
    await q.query(
      `INSERT INTO auth_session (id, user_id, method, created_at, last_seen_at)
       SELECT session_id, min(user_id::text)::uuid, 'password', min(created_at), max(created_at)
         FROM refresh_token WHERE revoked_at IS NULL GROUP BY session_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"recovery_code\" DROP CONSTRAINT \"fk_recovery_code_user\"");
    await q.query("ALTER TABLE \"user_totp\" DROP CONSTRAINT \"fk_user_totp_user\"");
    await q.query("ALTER TABLE \"auth_session\" DROP CONSTRAINT \"fk_auth_session_user\"");
    await q.query("DROP INDEX \"public\".\"ix_recovery_code_user\"");
    await q.query("DROP TABLE \"recovery_code\"");
    await q.query("DROP TABLE \"user_totp\"");
    await q.query("DROP INDEX \"public\".\"ix_auth_session_user\"");
    await q.query("DROP TABLE \"auth_session\"");
  }
}
