import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordCustodyPerChild1795538805759 implements MigrationInterface {
  name = 'RecordCustodyPerChild1795538805759';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"custody\" (\"parent_member_id\" uuid NOT NULL, \"child_member_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_28ccb1fd21808529ae17c1ed1fe\" PRIMARY KEY (\"parent_member_id\", \"child_member_id\"))");
    // Custody recorded per parent as a flag becomes custody of each child of that parent's family.
    await q.query(`INSERT INTO "custody" ("parent_member_id", "child_member_id")
      SELECT p."id", c."id" FROM "family_member" p
      JOIN "family_member" c ON c."family_id" = p."family_id" AND c."role" = 'child'
      WHERE p."has_custody" AND p."role" <> 'child'`);
    await q.query("ALTER TABLE \"family_member\" DROP COLUMN \"has_custody\"");
    await q.query("ALTER TABLE \"custody\" ADD CONSTRAINT \"fk_custody_parent\" FOREIGN KEY (\"parent_member_id\") REFERENCES \"family_member\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"custody\" ADD CONSTRAINT \"fk_custody_child\" FOREIGN KEY (\"child_member_id\") REFERENCES \"family_member\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE \"custody\" DROP CONSTRAINT \"fk_custody_child\"");
    await q.query("ALTER TABLE \"custody\" DROP CONSTRAINT \"fk_custody_parent\"");
    await q.query("ALTER TABLE \"family_member\" ADD \"has_custody\" boolean NOT NULL DEFAULT false");
    await q.query(`UPDATE "family_member" m SET "has_custody" = true
      WHERE EXISTS (SELECT 1 FROM "custody" k WHERE k."parent_member_id" = m."id")`);
    await q.query("DROP TABLE \"custody\"");
  }
}
