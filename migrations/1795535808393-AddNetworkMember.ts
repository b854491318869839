import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNetworkMember1795535808393 implements MigrationInterface {
  name = 'AddNetworkMember1795535808393';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"network_member\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"family_id\" uuid NOT NULL, \"name\" text NOT NULL, \"relation\" text NOT NULL, \"contact\" text, CONSTRAINT \"PK_ea950406ee62d4ba1a75a103a67\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"ix_network_member_family\" ON \"network_member\"  (\"family_id\") ");
    await q.query("ALTER TABLE \"network_member\" ADD CONSTRAINT \"fk_network_member_family\" FOREIGN KEY (\"family_id\") REFERENCES \"family\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"network_member\" DROP CONSTRAINT \"fk_network_member_family\"");
    await q.query("DROP INDEX \"public\".\"ix_network_member_family\"");
    await q.query("DROP TABLE \"network_member\"");
  }
}
