import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFamilyPlan1795535203086 implements MigrationInterface {
  name = 'AddFamilyPlan1795535203086';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"notification\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"family_id\" uuid, \"kind\" text NOT NULL, \"message\" text NOT NULL, \"item_type\" text, \"item_id\" uuid, \"actor_user_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"read_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_705b6c7cdf9b2c2ff7ac7872cb7\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_notification_user_time\" ON \"notification\"  (\"user_id\", \"created_at\") ");
    await q.query("CREATE TABLE \"plan\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"status\" text NOT NULL DEFAULT 'draft', \"evaluation_date\" date, \"revision\" integer NOT NULL DEFAULT '1', \"current_version_number\" integer, \"closed_reason\" text, \"handed_over_to\" text, CONSTRAINT \"ck_plan_status\" CHECK (\"status\" IN ('draft', 'agreed', 'in_progress', 'evaluated', 'closed')), CONSTRAINT \"PK_54a2b686aed3b637654bf7ddbb3\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_plan_living_per_family\" ON \"plan\"  (\"family_id\") WHERE \"status\" <> 'closed'");
    await q.query("CREATE TABLE \"plan_section\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"plan_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"content\" text NOT NULL DEFAULT '', \"restricted_to\" uuid array NOT NULL DEFAULT '{}', CONSTRAINT \"ck_plan_section_kind\" CHECK (\"kind\" IN ('going_well', 'worries', 'wish', 'strengths', 'safety')), CONSTRAINT \"PK_46ce0afc710ff959e1f78ff86e2\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_plan_section_kind\" ON \"plan_section\"  (\"plan_id\", \"kind\") ");
    await q.query("CREATE TABLE \"goal\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"plan_id\" uuid NOT NULL, \"family_id\" uuid NOT NULL, \"title\" text NOT NULL, \"life_domain\" text NOT NULL, \"priority\" integer NOT NULL, \"target_date\" date, \"status\" text NOT NULL DEFAULT 'open', \"member_ids\" uuid array NOT NULL DEFAULT '{}', \"zrm_domain\" text, \"safety_condition\" boolean NOT NULL DEFAULT false, \"proposed_by_user_id\" uuid, CONSTRAINT \"ck_goal_title\" CHECK (length(btrim(\"title\")) BETWEEN 1 AND 300), CONSTRAINT \"ck_goal_status\" CHECK (\"status\" IN ('proposed', 'open', 'in_progress', 'achieved', 'partly_achieved', 'not_achieved', 'declined')), CONSTRAINT \"ck_goal_life_domain\" CHECK (\"life_domain\" IN ('housing', 'finances', 'parenting', 'free_time', 'physical_health', 'mental_health', 'family_system', 'participation', 'safety', 'work', 'education')), CONSTRAINT \"PK_88c8e2b461b711336c836b1e130\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_goal_plan\" ON \"goal\"  (\"plan_id\") ");
    await q.query("CREATE INDEX \"ix_goal_family\" ON \"goal\"  (\"family_id\") ");
    await q.query("CREATE TABLE \"agreement\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"goal_id\" uuid NOT NULL, \"family_id\" uuid NOT NULL, \"description\" text NOT NULL, \"owner_type\" text NOT NULL, \"owner_id\" uuid, \"owner_label\" text NOT NULL, \"due_date\" date, \"status\" text NOT NULL DEFAULT 'open', CONSTRAINT \"ck_agreement_description\" CHECK (length(btrim(\"description\")) BETWEEN 1 AND 1000), CONSTRAINT \"ck_agreement_owner_type\" CHECK (\"owner_type\" IN ('family_member', 'network_member', 'organisation', 'professional')), CONSTRAINT \"ck_agreement_status\" CHECK (\"status\" IN ('open', 'done', 'cancelled')), CONSTRAINT \"PK_e7537188219eeef56233a609753\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_agreement_goal\" ON \"agreement\"  (\"goal_id\") ");
    await q.query("CREATE INDEX \"ix_agreement_family\" ON \"agreement\"  (\"family_id\") ");
    await q.query("CREATE TABLE \"progress_note\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"goal_id\" uuid NOT NULL, \"family_id\" uuid NOT NULL, \"author_user_id\" uuid NOT NULL, \"organisation_id\" uuid, \"note\" text NOT NULL, \"score\" integer NOT NULL, \"noted_on\" date NOT NULL, \"restricted_to\" uuid array NOT NULL DEFAULT '{}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_progress_note_score\" CHECK (\"score\" BETWEEN 1 AND 10), CONSTRAINT \"PK_488fe35738efec59c637aee3cd5\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_progress_note_family\" ON \"progress_note\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_progress_note_goal_time\" ON \"progress_note\"  (\"goal_id\", \"created_at\") ");
    await q.query("CREATE TABLE \"plan_version\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"plan_id\" uuid NOT NULL, \"family_id\" uuid NOT NULL, \"number\" integer NOT NULL, \"snapshot\" jsonb NOT NULL, \"approved_by_user_id\" uuid NOT NULL, \"on_behalf_reason\" text, \"approved_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_253721b12e51a0be8fffb64ded9\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_plan_version_family\" ON \"plan_version\"  (\"family_id\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_plan_version_number\" ON \"plan_version\"  (\"plan_id\", \"number\") ");
    await q.query("CREATE TABLE \"plan_version_ack\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"acknowledged_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3de5beefe90904c54f6d4b88575\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"uq_plan_version_ack_org\" ON \"plan_version_ack\"  (\"version_id\", \"organisation_id\") ");
    await q.query("CREATE TABLE \"regie_assignment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"family_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"ended_at\" TIMESTAMP WITH TIME ZONE, \"reason\" text NOT NULL, \"assigned_by_user_id\" uuid, CONSTRAINT \"ck_regie_assignment_period\" CHECK (\"ended_at\" IS NULL OR \"ended_at\" >= \"started_at\"), CONSTRAINT \"PK_472b0488b0702f16c2f2216cf64\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_regie_assignment_family\" ON \"regie_assignment\"  (\"family_id\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_regie_assignment_current\" ON \"regie_assignment\"  (\"family_id\") WHERE \"ended_at\" IS NULL");
    await q.query("ALTER TABLE \"plan\" ADD CONSTRAINT \"fk_plan_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"plan_section\" ADD CONSTRAINT \"fk_plan_section_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"plan\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"goal\" ADD CONSTRAINT \"fk_goal_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"plan\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"agreement\" ADD CONSTRAINT \"fk_agreement_goal\" FOREIGN KEY (\"goal_id\") REFERENCES \"goal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"progress_note\" ADD CONSTRAINT \"fk_progress_note_goal\" FOREIGN KEY (\"goal_id\") REFERENCES \"goal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"progress_note\" ADD CONSTRAINT \"fk_progress_note_author\" FOREIGN KEY (\"author_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"plan_version\" ADD CONSTRAINT \"fk_plan_version_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"plan\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"plan_version\" ADD CONSTRAINT \"fk_plan_version_approver\" FOREIGN KEY (\"approved_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"plan_version_ack\" ADD CONSTRAINT \"fk_plan_version_ack_version\" FOREIGN KEY (\"version_id\") REFERENCES \"plan_version\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"regie_assignment\" ADD CONSTRAINT \"fk_regie_assignment_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"regie_assignment\" ADD CONSTRAINT \"fk_regie_assignment_user\" FOREIGN KEY (\"user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Existing families (registered before plans existed) get their living draft plan and regie history.
    await q.query(`INSERT INTO "plan" ("family_id") SELECT "id" FROM "family"`);
    await q.query(`INSERT INTO "plan_section" ("plan_id", "kind")
      SELECT p."id", k.kind FROM "plan" p
      CROSS JOIN unnest(ARRAY['going_well', 'worries', 'wish', 'strengths', 'safety']) AS k(kind)`);
    await q.query(`INSERT INTO "regie_assignment" ("family_id", "user_id", "started_at", "reason")
      SELECT "id", "regisseur_user_id", "created_at", 'Regisseur bij aanmelding' FROM "family"
      WHERE "regisseur_user_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"regie_assignment\" DROP CONSTRAINT \"fk_regie_assignment_user\"");
    await q.query("ALTER TABLE \"regie_assignment\" DROP CONSTRAINT \"fk_regie_assignment_family\"");
    await q.query("ALTER TABLE \"plan_version_ack\" DROP CONSTRAINT \"fk_plan_version_ack_version\"");
    await q.query("ALTER TABLE \"plan_version\" DROP CONSTRAINT \"fk_plan_version_approver\"");
    await q.query("ALTER TABLE \"plan_version\" DROP CONSTRAINT \"fk_plan_version_plan\"");
    await q.query("ALTER TABLE \"progress_note\" DROP CONSTRAINT \"fk_progress_note_author\"");
    await q.query("ALTER TABLE \"progress_note\" DROP CONSTRAINT \"fk_progress_note_goal\"");
    await q.query("ALTER TABLE \"agreement\" DROP CONSTRAINT \"fk_agreement_goal\"");
    await q.query("ALTER TABLE \"goal\" DROP CONSTRAINT \"fk_goal_plan\"");
    await q.query("ALTER TABLE \"plan_section\" DROP CONSTRAINT \"fk_plan_section_plan\"");
    await q.query("ALTER TABLE \"plan\" DROP CONSTRAINT \"fk_plan_family\"");
    await q.query("DROP INDEX \"public\".\"uq_regie_assignment_current\"");
    await q.query("DROP INDEX \"public\".\"ix_regie_assignment_family\"");
    await q.query("DROP TABLE \"regie_assignment\"");
    await q.query("DROP INDEX \"public\".\"uq_plan_version_ack_org\"");
    await q.query("DROP TABLE \"plan_version_ack\"");
    await q.query("DROP INDEX \"public\".\"uq_plan_version_number\"");
    await q.query("DROP INDEX \"public\".\"ix_plan_version_family\"");
    await q.query("DROP TABLE \"plan_version\"");
    await q.query("DROP INDEX \"public\".\"ix_progress_note_goal_time\"");
    await q.query("DROP INDEX \"public\".\"ix_progress_note_family\"");
    await q.query("DROP TABLE \"progress_note\"");
    await q.query("DROP INDEX \"public\".\"ix_agreement_family\"");
    await q.query("DROP INDEX \"public\".\"ix_agreement_goal\"");
    await q.query("DROP TABLE \"agreement\"");
    await q.query("DROP INDEX \"public\".\"ix_goal_family\"");
    await q.query("DROP INDEX \"public\".\"ix_goal_plan\"");
    await q.query("DROP TABLE \"goal\"");
    await q.query("DROP INDEX \"public\".\"uq_plan_section_kind\"");
    await q.query("DROP TABLE \"plan_section\"");
    await q.query("DROP INDEX \"public\".\"uq_plan_living_per_family\"");
    await q.query("DROP TABLE \"plan\"");
    await q.query("DROP INDEX \"public\".\"ix_notification_user_time\"");
    await q.query("DROP TABLE \"notification\"");
  }
}
