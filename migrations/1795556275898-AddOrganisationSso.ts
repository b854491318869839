import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOrganisationSso1795556275898 implements MigrationInterface {
  name = 'AddOrganisationSso1795556275898';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"organisation_sso\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"organisation_id\" uuid NOT NULL, \"issuer\" text NOT NULL, \"client_id\" text NOT NULL, \"client_secret_encrypted\" text NOT NULL, \"enabled\" boolean NOT NULL DEFAULT false, \"claim\" text NOT NULL DEFAULT 'email', CONSTRAINT \"ck_organisation_sso_claim\" CHECK (\"claim\" IN ('email', 'sub')), CONSTRAINT \"PK_74768619ed5714ef47ee2e595b1\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_organisation_sso_organisation\" ON \"organisation_sso\"  (\"organisation_id\") ");
    await q.query("CREATE TABLE \"user_sso_link\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"issuer\" text NOT NULL, \"subject\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_login_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_1ffbf73a6c9d4187862d0b8b36d\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_user_sso_link_user_issuer\" ON \"user_sso_link\"  (\"user_id\", \"issuer\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_user_sso_link_subject\" ON \"user_sso_link\"  (\"issuer\", \"subject\") ");
    await q.query("CREATE TABLE \"sso_login_state\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"state_hash\" text NOT NULL, \"binding_hash\" text NOT NULL, \"organisation_id\" uuid NOT NULL, \"nonce\" text NOT NULL, \"code_verifier\" text NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_5048d190bcc3f8eabfba0e97339\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_sso_login_state_state\" ON \"sso_login_state\"  (\"state_hash\") ");
    await q.query("CREATE INDEX \"ix_sso_login_state_expires\" ON \"sso_login_state\"  (\"expires_at\") ");
    await q.query("ALTER TABLE \"organisation_sso\" ADD CONSTRAINT \"fk_organisation_sso_organisation\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"user_sso_link\" ADD CONSTRAINT \"fk_user_sso_link_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"sso_login_state\" ADD CONSTRAINT \"fk_sso_login_state_organisation\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"sso_login_state\" DROP CONSTRAINT \"fk_sso_login_state_organisation\"");
    await q.query("ALTER TABLE \"user_sso_link\" DROP CONSTRAINT \"fk_user_sso_link_user\"");
    await q.query("ALTER TABLE \"organisation_sso\" DROP CONSTRAINT \"fk_organisation_sso_organisation\"");
    await q.query("DROP INDEX \"public\".\"ix_sso_login_state_expires\"");
    await q.query("DROP INDEX \"public\".\"uq_sso_login_state_state\"");
    await q.query("DROP TABLE \"sso_login_state\"");
    await q.query("DROP INDEX \"public\".\"uq_user_sso_link_subject\"");
    await q.query("DROP INDEX \"public\".\"uq_user_sso_link_user_issuer\"");
    await q.query("DROP TABLE \"user_sso_link\"");
    await q.query("DROP INDEX \"public\".\"uq_organisation_sso_organisation\"");
    await q.query("DROP TABLE \"organisation_sso\"");
  }
}
