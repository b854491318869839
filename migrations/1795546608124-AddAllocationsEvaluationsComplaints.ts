import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAllocationsEvaluationsComplaints1795546608124 implements MigrationInterface {
  name = 'AddAllocationsEvaluationsComplaints1795546608124';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"allocation\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"youth_member_id\" uuid NOT NULL, \"provider_organisation_id\" uuid NOT NULL, \"arrangement\" text NOT NULL, \"status\" text NOT NULL DEFAULT 'requested', \"request_date\" date NOT NULL, \"decision_date\" date, \"start_date\" date, \"planned_end_date\" date, \"end_date\" date, \"end_reason\" text, \"crisis_without_plan\" boolean NOT NULL DEFAULT false, \"plan_due_date\" date, \"created_by_user_id\" uuid NOT NULL, CONSTRAINT \"ck_allocation_end_after_start\" CHECK (\"end_date\" IS NULL OR (\"start_date\" IS NOT NULL AND \"end_date\" >= \"start_date\" AND \"end_reason\" IS NOT NULL)), CONSTRAINT \"ck_allocation_start_after_decision\" CHECK (\"start_date\" IS NULL OR (\"decision_date\" IS NOT NULL AND \"start_date\" >= \"decision_date\")), CONSTRAINT \"ck_allocation_decision_after_request\" CHECK (\"decision_date\" IS NULL OR \"decision_date\" >= \"request_date\"), CONSTRAINT \"ck_allocation_end_reason\" CHECK (\"end_reason\" IS NULL OR \"end_reason\" IN ('02', '20', '31', '32', '33', '34', '35', '36', '37', '38', '39')), CONSTRAINT \"ck_allocation_status\" CHECK (\"status\" IN ('requested', 'allocated', 'started', 'stopped')), CONSTRAINT \"ck_allocation_arrangement\" CHECK (\"arrangement\" IN ('treatment', 'guidance', 'foster_care', 'dyslexia_care', 'supervised_contact', 'case_direction', 'crisis', 'residential', 'respite')), CONSTRAINT \"PK_7df89c736595e454b6ae07264fe\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_allocation_family\" ON \"allocation\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_allocation_youth_request\" ON \"allocation\"  (\"youth_member_id\", \"request_date\") ");
    await q.query("CREATE INDEX \"ix_allocation_provider_decision\" ON \"allocation\"  (\"provider_organisation_id\", \"decision_date\") ");
    await q.query("CREATE INDEX \"ix_allocation_end_date\" ON \"allocation\"  (\"end_date\") WHERE \"end_date\" IS NOT NULL");
    await q.query("CREATE INDEX \"ix_allocation_request_date\" ON \"allocation\"  (\"request_date\") ");
    await q.query("CREATE TABLE \"allocation_goal\" (\"allocation_id\" uuid NOT NULL, \"goal_id\" uuid NOT NULL, CONSTRAINT \"PK_47212ff21763d7c56f6e18c5390\" PRIMARY KEY (\"allocation_id\", \"goal_id\"))");
    await q.query("CREATE INDEX \"ix_allocation_goal_goal\" ON \"allocation_goal\"  (\"goal_id\") ");
    await q.query("CREATE TABLE \"evaluation\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"plan_id\" uuid NOT NULL, \"plan_version_number\" integer NOT NULL, \"evaluated_on\" date NOT NULL, \"evaluated_by_user_id\" uuid NOT NULL, \"satisfaction_score\" integer, \"satisfaction_remark\" text, \"satisfaction_by\" text, \"satisfaction_recorded_by_user_id\" uuid, \"satisfaction_recorded_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"ck_evaluation_satisfaction_by\" CHECK (\"satisfaction_by\" IS NULL OR \"satisfaction_by\" IN ('parent', 'professional')), CONSTRAINT \"ck_evaluation_satisfaction_score\" CHECK (\"satisfaction_score\" IS NULL OR \"satisfaction_score\" BETWEEN 1 AND 10), CONSTRAINT \"PK_b72edd439b9db736f55b584fa54\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_evaluation_family\" ON \"evaluation\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_evaluation_plan_version\" ON \"evaluation\"  (\"plan_id\", \"plan_version_number\") ");
    await q.query("CREATE INDEX \"ix_evaluation_evaluated_on\" ON \"evaluation\"  (\"evaluated_on\") ");
    await q.query("CREATE TABLE \"evaluation_goal\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"evaluation_id\" uuid NOT NULL, \"goal_id\" uuid NOT NULL, \"life_domain\" text NOT NULL, \"outcome\" text NOT NULL, \"note\" text, CONSTRAINT \"ck_evaluation_goal_life_domain\" CHECK (\"life_domain\" IN ('housing', 'finances', 'parenting', 'free_time', 'physical_health', 'mental_health', 'family_system', 'participation', 'safety', 'work', 'education')), CONSTRAINT \"ck_evaluation_goal_outcome\" CHECK (\"outcome\" IN ('achieved', 'partly_achieved', 'not_achieved')), CONSTRAINT \"PK_488cc65f7d3352152289bf50735\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_evaluation_goal_goal\" ON \"evaluation_goal\"  (\"goal_id\") ");
    await q.query("CREATE UNIQUE INDEX \"uq_evaluation_goal\" ON \"evaluation_goal\"  (\"evaluation_id\", \"goal_id\") ");
    await q.query("CREATE TABLE \"complaint\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"family_id\" uuid NOT NULL, \"received_on\" date NOT NULL, \"subject\" text NOT NULL, \"registered_by_user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"ck_complaint_subject\" CHECK (length(btrim(\"subject\")) BETWEEN 1 AND 500), CONSTRAINT \"PK_a9c8dbc2ab4988edcc2ff0a7337\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_complaint_family\" ON \"complaint\"  (\"family_id\") ");
    await q.query("CREATE INDEX \"ix_complaint_received_on\" ON \"complaint\"  (\"received_on\") ");
    await q.query("ALTER TABLE \"allocation\" ADD CONSTRAINT \"fk_allocation_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"allocation\" ADD CONSTRAINT \"fk_allocation_youth\" FOREIGN KEY (\"youth_member_id\") REFERENCES \"family_member\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"allocation\" ADD CONSTRAINT \"fk_allocation_provider\" FOREIGN KEY (\"provider_organisation_id\") REFERENCES \"organisation\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"allocation\" ADD CONSTRAINT \"fk_allocation_created_by\" FOREIGN KEY (\"created_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"allocation_goal\" ADD CONSTRAINT \"fk_allocation_goal_allocation\" FOREIGN KEY (\"allocation_id\") REFERENCES \"allocation\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"allocation_goal\" ADD CONSTRAINT \"fk_allocation_goal_goal\" FOREIGN KEY (\"goal_id\") REFERENCES \"goal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"evaluation\" ADD CONSTRAINT \"fk_evaluation_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"evaluation\" ADD CONSTRAINT \"fk_evaluation_plan\" FOREIGN KEY (\"plan_id\") REFERENCES \"plan\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"evaluation\" ADD CONSTRAINT \"fk_evaluation_evaluated_by\" FOREIGN KEY (\"evaluated_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"evaluation_goal\" ADD CONSTRAINT \"fk_evaluation_goal_evaluation\" FOREIGN KEY (\"evaluation_id\") REFERENCES \"evaluation\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"evaluation_goal\" ADD CONSTRAINT \"fk_evaluation_goal_goal\" FOREIGN KEY (\"goal_id\") REFERENCES \"goal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"fk_complaint_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"fk_complaint_registered_by\" FOREIGN KEY (\"registered_by_user_id\") REFERENCES \"app_user\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"fk_complaint_registered_by\"");
    await q.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"fk_complaint_family\"");
    await q.query("ALTER TABLE \"evaluation_goal\" DROP CONSTRAINT \"fk_evaluation_goal_goal\"");
    await q.query("ALTER TABLE \"evaluation_goal\" DROP CONSTRAINT \"fk_evaluation_goal_evaluation\"");
    await q.query("ALTER TABLE \"evaluation\" DROP CONSTRAINT \"fk_evaluation_evaluated_by\"");
    await q.query("ALTER TABLE \"evaluation\" DROP CONSTRAINT \"fk_evaluation_plan\"");
    await q.query("ALTER TABLE \"evaluation\" DROP CONSTRAINT \"fk_evaluation_family\"");
    await q.query("ALTER TABLE \"allocation_goal\" DROP CONSTRAINT \"fk_allocation_goal_goal\"");
    await q.query("ALTER TABLE \"allocation_goal\" DROP CONSTRAINT \"fk_allocation_goal_allocation\"");
    await q.query("ALTER TABLE \"allocation\" DROP CONSTRAINT \"fk_allocation_created_by\"");
    await q.query("ALTER TABLE \"allocation\" DROP CONSTRAINT \"fk_allocation_provider\"");
    await q.query("ALTER TABLE \"allocation\" DROP CONSTRAINT \"fk_allocation_youth\"");
    await q.query("ALTER TABLE \"allocation\" DROP CONSTRAINT \"fk_allocation_family\"");
    await q.query("DROP INDEX \"public\".\"ix_complaint_received_on\"");
    await q.query("DROP INDEX \"public\".\"ix_complaint_family\"");
    await q.query("DROP TABLE \"complaint\"");
    await q.query("DROP INDEX \"public\".\"uq_evaluation_goal\"");
    await q.query("DROP INDEX \"public\".\"ix_evaluation_goal_goal\"");
    await q.query("DROP TABLE \"evaluation_goal\"");
    await q.query("DROP INDEX \"public\".\"ix_evaluation_evaluated_on\"");
    await q.query("DROP INDEX \"public\".\"ix_evaluation_plan_version\"");
    await q.query("DROP INDEX \"public\".\"ix_evaluation_family\"");
    await q.query("DROP TABLE \"evaluation\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_goal_goal\"");
    await q.query("DROP TABLE \"allocation_goal\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_request_date\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_end_date\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_provider_decision\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_youth_request\"");
    await q.query("DROP INDEX \"public\".\"ix_allocation_family\"");
    await q.query("DROP TABLE \"allocation\"");
  }
}
