import type { Role } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/auth/password';

/** Test data made per test, so specs that change things never disturb the shared demo data. */

export async function idOf(
  ds: DataSource,
  table: 'family' | 'organisation' | 'app_user',
  where: string,
  value: string,
): Promise<string> {
  const rows: { id: string }[] = await ds.query(`SELECT id FROM ${table} WHERE ${where} = $1`, [value]);
  if (rows.length !== 1) throw new Error(`expected one ${table} with ${where} = ${value}, found ${rows.length}`);
  return rows[0].id;
}

export const familyId = (ds: DataSource, name: string) => idOf(ds, 'family', 'display_name', name);
export const organisationId = (ds: DataSource, name: string) => idOf(ds, 'organisation', 'name', name);
export const userId = (ds: DataSource, email: string) => idOf(ds, 'app_user', 'email', email);

export async function createFamily(
  ds: DataSource,
  {
    municipality = 'Heerlen',
    displayName = `Testgezin ${randomUUID().slice(0, 8)}`,
    regisseurUserId = null as string | null,
  } = {},
): Promise<string> {
  const [row]: { id: string }[] = await ds.query(
    `INSERT INTO family (display_name, municipality, status, regisseur_user_id) VALUES ($1, $2, 'active', $3) RETURNING id`,
    [displayName, municipality, regisseurUserId],
  );
  return row.id;
}

export async function involve(ds: DataSource, family: string, organisation: string, consent = true): Promise<string> {
  const [row]: { id: string }[] = await ds.query(
    `INSERT INTO involvement (family_id, organisation_id, since, consent_given_at, consent_given_by)
     VALUES ($1, $2, current_date, CASE WHEN $3 THEN now() END, CASE WHEN $3 THEN 'ouder' END) RETURNING id`,
    [family, organisation, consent],
  );
  return row.id;
}

export async function createProfessional(
  ds: DataSource,
  role: Role,
  organisation: string,
  password: string,
): Promise<string> {
  const email = `${role}-${randomUUID().slice(0, 8)}@test.demo`;
  await ds.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
    [email, await hashPassword(password), 'Test Gebruiker', role, organisation],
  );
  return email;
}

export interface AuditRow {
  user_id: string | null;
  user_role: string | null;
  organisation_id: string | null;
  family_id: string | null;
  resource: string;
  action: string;
  result: string;
  basis: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

export function auditRowsFor(ds: DataSource, requestId: string): Promise<AuditRow[]> {
  return ds.query(`SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id`, [requestId]);
}

/** A parent account (with custody) in a family registered during a test; accounts are made by admins later. */
export async function createParent(
  ds: DataSource,
  family: string,
  name: string,
  password: string,
): Promise<{ email: string; userId: string; memberId: string }> {
  const [member]: { id: string }[] = await ds.query(
    `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'parent', $2, '1990-01-01') RETURNING id`,
    [family, name],
  );
  await grantCustody(ds, member.id, family);
  const email = `ouder-${randomUUID().slice(0, 8)}@test.demo`;
  const [user]: { id: string }[] = await ds.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, family_member_id) VALUES ($1, $2, $3, 'parent', $4) RETURNING id`,
    [email, await hashPassword(password), name, member.id],
  );
  return { email, userId: user.id, memberId: member.id };
}

/** A family member with a login of role `parent` or `youth`. */
export async function createMemberWithLogin(
  ds: DataSource,
  family: string,
  opts: { role: 'parent' | 'youth'; name: string; birthDate: string; hasCustody?: boolean; password: string },
): Promise<{ email: string; userId: string; memberId: string }> {
  const [member]: { id: string }[] = await ds.query(
    `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, $2, $3, $4) RETURNING id`,
    [family, opts.role === 'youth' ? 'child' : 'parent', opts.name, opts.birthDate],
  );
  if (opts.hasCustody) await grantCustody(ds, member.id, family);
  const email = `${opts.role}-${randomUUID().slice(0, 8)}@test.demo`;
  const [user]: { id: string }[] = await ds.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, family_member_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email, await hashPassword(opts.password), opts.name, opts.role, member.id],
  );
  return { email, userId: user.id, memberId: member.id };
}

/** Custody of every child now in the family (create the children first). */
export async function grantCustody(ds: DataSource, parentMemberId: string, family: string): Promise<void> {
  await ds.query(
    `INSERT INTO custody (parent_member_id, child_member_id)
     SELECT $1, id FROM family_member WHERE family_id = $2 AND role = 'child' ON CONFLICT DO NOTHING`,
    [parentMemberId, family],
  );
}
