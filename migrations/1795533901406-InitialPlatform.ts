import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPlatform1795533901406 implements MigrationInterface {
  name = 'InitialPlatform1795533901406';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"audit_log\" (\"id\" BIGSERIAL NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"user_id\" uuid, \"user_role\" text, \"organisation_id\" uuid, \"family_id\" uuid, \"subject_id\" uuid, \"resource\" text NOT NULL, \"action\" text NOT NULL, \"result\" text NOT NULL, \"basis\" text, \"emergency\" boolean NOT NULL DEFAULT false, \"ip\" text, \"request_id\" text, \"details\" jsonb, CONSTRAINT \"ck_audit_log_result\" CHECK (\"result\" IN ('success', 'denied', 'conflict', 'failed')), CONSTRAINT \"ck_audit_log_action\" CHECK (\"action\" IN ('read', 'list', 'create', 'update', 'delete', 'login', 'logout')), CONSTRAINT \"PK_07fefa57f7f5ab8fc3f52b3ed0b\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_audit_log_family_time\" ON \"audit_log\"  (\"family_id\", \"occurred_at\") ");
    await q.query("CREATE TABLE \"organisation\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"name\" text NOT NULL, \"type\" text NOT NULL, \"municipality\" text, CONSTRAINT \"ck_organisation_type\" CHECK (\"type\" IN ('municipality', 'provider', 'gi', 'other')), CONSTRAINT \"PK_c725ae234ef1b74cce43d2d00c1\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_organisation_name\" ON \"organisation\"  (\"name\") ");
    await q.query("CREATE TABLE \"team\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"organisation_id\" uuid NOT NULL, \"name\" text NOT NULL, CONSTRAINT \"PK_f57d8293406df4af348402e4b74\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_team_organisation_name\" ON \"team\"  (\"organisation_id\", \"name\") ");
    await q.query("CREATE TABLE \"family\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"display_name\" text NOT NULL, \"municipality\" text NOT NULL, \"status\" text NOT NULL DEFAULT 'registered', \"team_id\" uuid, \"regisseur_user_id\" uuid, CONSTRAINT \"ck_family_display_name\" CHECK (length(btrim(\"display_name\")) BETWEEN 1 AND 120), CONSTRAINT \"ck_family_status\" CHECK (\"status\" IN ('registered', 'active', 'closed')), CONSTRAINT \"PK_ba386a5a59c3de8593cda4e5626\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_family_municipality\" ON \"family\"  (\"municipality\") ");
    await q.query("CREATE INDEX \"ix_family_regisseur\" ON \"family\"  (\"regisseur_user_id\") ");
    await q.query("CREATE TABLE \"family_member\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"role\" text NOT NULL, \"name\" text NOT NULL, \"birth_date\" date NOT NULL, \"has_custody\" boolean NOT NULL DEFAULT false, CONSTRAINT \"ck_family_member_role\" CHECK (\"role\" IN ('parent', 'carer', 'step_parent', 'foster_parent', 'child', 'other')), CONSTRAINT \"PK_a391876af9dee0ed209028b0176\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_family_member_family\" ON \"family_member\"  (\"family_id\") ");
    await q.query("CREATE TABLE \"app_user\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"email\" text NOT NULL, \"password_hash\" text NOT NULL, \"display_name\" text NOT NULL, \"role\" text NOT NULL, \"organisation_id\" uuid, \"team_id\" uuid, \"family_member_id\" uuid, \"active\" boolean NOT NULL DEFAULT true, CONSTRAINT \"ck_app_user_belongs\" CHECK ((\"role\" IN ('parent', 'youth') AND \"family_member_id\" IS NOT NULL AND \"organisation_id\" IS NULL)\n   OR (\"role\" NOT IN ('parent', 'youth') AND \"organisation_id\" IS NOT NULL AND \"family_member_id\" IS NULL)), CONSTRAINT \"ck_app_user_email_lower\" CHECK (\"email\" = lower(\"email\")), CONSTRAINT \"ck_app_user_role\" CHECK (\"role\" IN ('access_team', 'provider', 'gi', 'parent', 'youth', 'policy', 'admin')), CONSTRAINT \"PK_22a5c4a3d9b2fb8e4e73fc4ada1\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_app_user_email\" ON \"app_user\"  (\"email\") ");
    await q.query("CREATE INDEX \"ix_app_user_organisation\" ON \"app_user\"  (\"organisation_id\") ");
    await q.query("CREATE INDEX \"ix_app_user_family_member\" ON \"app_user\"  (\"family_member_id\") ");
    await q.query("CREATE TABLE \"refresh_token\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"token_hash\" text NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"rotated_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_b575dd3c21fb0831013c909e7fe\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_refresh_token_user\" ON \"refresh_token\"  (\"user_id\") ");
    await q.query("CREATE INDEX \"ix_refresh_token_session\" ON \"refresh_token\"  (\"session_id\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_refresh_token_hash\" ON \"refresh_token\"  (\"token_hash\") ");
    await q.query("CREATE TABLE \"login_attempt\" (\"email_key\" text NOT NULL, \"failed_count\" integer NOT NULL DEFAULT '0', \"locked_until\" TIMESTAMP WITH TIME ZONE, \"last_failed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_b14681e675deb7cd8f31eb63a48\" PRIMARY KEY (\"email_key\"))");
    await q.query("CREATE TABLE \"involvement\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"since\" date NOT NULL, \"until\" date, \"consent_given_at\" TIMESTAMP WITH TIME ZONE, \"consent_given_by\" text, \"consent_withdrawn_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_6ba245aa0ab9f1aca6c5e2f7b5c\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_involvement_family\" ON \"involvement\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_involvement_organisation_family\" ON \"involvement\"  (\"organisation_id\", \"family_id\") ");
    await q.query("ALTER TABLE \"team\" ADD CONSTRAINT \"fk_team_organisation\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"family\" ADD CONSTRAINT \"fk_family_team\" FOREIGN KEY (\"team_id\") REFERENCES \"team\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"family\" ADD CONSTRAINT \"fk_family_regisseur\" FOREIGN KEY (\"regisseur_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"family_member\" ADD CONSTRAINT \"fk_family_member_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"fk_app_user_organisation\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"fk_app_user_team\" FOREIGN KEY (\"team_id\") REFERENCES \"team\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"app_user\" ADD CONSTRAINT \"fk_app_user_family_member\" FOREIGN KEY (\"family_member_id\") REFERENCES \"family_member\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"refresh_token\" ADD CONSTRAINT \"fk_refresh_token_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"involvement\" ADD CONSTRAINT \"fk_involvement_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"involvement\" ADD CONSTRAINT \"fk_involvement_organisation\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // NEN 7513: the access log is append-only for every database user, the application's included.
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
    await q.query(`DROP TRIGGER audit_log_no_update_delete ON "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query("ALTER TABLE \"involvement\" DROP CONSTRAINT \"fk_involvement_organisation\"");
    await q.query("ALTER TABLE \"involvement\" DROP CONSTRAINT \"fk_involvement_family\"");
    await q.query("ALTER TABLE \"refresh_token\" DROP CONSTRAINT \"fk_refresh_token_user\"");
    await q.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"fk_app_user_family_member\"");
    await q.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"fk_app_user_team\"");
    await q.query("ALTER TABLE \"app_user\" DROP CONSTRAINT \"fk_app_user_organisation\"");
    await q.query("ALTER TABLE \"family_member\" DROP CONSTRAINT \"fk_family_member_family\"");
    await q.query("ALTER TABLE \"family\" DROP CONSTRAINT \"fk_family_regisseur\"");
    await q.query("ALTER TABLE \"family\" DROP CONSTRAINT \"fk_family_team\"");
    await q.query("ALTER TABLE \"team\" DROP CONSTRAINT \"fk_team_organisation\"");
    await q.query("DROP INDEX \"public\".\"ix_involvement_organisation_family\"");
    await q.query("DROP INDEX \"public\".\"ix_involvement_family\"");
    await q.query("DROP TABLE \"involvement\"");
    await q.query("DROP TABLE \"login_attempt\"");
    await q.query("DROP INDEX \"public\".\"uq_refresh_token_hash\"");
    await q.query("DROP INDEX \"public\".\"ix_refresh_token_session\"");
    await q.query("DROP INDEX \"public\".\"ix_refresh_token_user\"");
    await q.query("DROP TABLE \"refresh_token\"");
    await q.query("DROP INDEX \"public\".\"ix_app_user_family_member\"");
    await q.query("DROP INDEX \"public\".\"ix_app_user_organisation\"");
    await q.query("DROP INDEX \"public\".\"uq_app_user_email\"");
    await q.query("DROP TABLE \"app_user\"");
    await q.query("DROP INDEX \"public\".\"ix_family_member_family\"");
    await q.query("DROP TABLE \"family_member\"");
    await q.query("DROP INDEX \"public\".\"ix_family_regisseur\"");
    await q.query("DROP INDEX \"public\".\"ix_family_municipality\"");
    await q.query("DROP TABLE \"family\"");
    await q.query("DROP INDEX \"public\".\"uq_team_organisation_name\"");
    await q.query("DROP TABLE \"team\"");
    await q.query("DROP INDEX \"public\".\"uq_organisation_name\"");
    await q.query("DROP TABLE \"organisation\"");
    await q.query("DROP INDEX \"public\".\"ix_audit_log_family_time\"");
    await q.query("DROP TABLE \"audit_log\"");
  }
}
