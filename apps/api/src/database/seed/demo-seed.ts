import type { Role } from '@gezinsplan/contracts';
import * as argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { FamilyMemberEntity } from '../../modules/families/family-member.entity';
import { FamilyEntity } from '../../modules/families/family.entity';
import { InvolvementEntity } from '../../modules/families/involvement.entity';
import { OrganisationEntity, TeamEntity } from '../../modules/organisations/organisation.entity';
import { PASSWORD_HASH_OPTIONS } from '../../modules/auth/password';
import { UserEntity } from '../../modules/users/user.entity';

/** Every demo account uses this password (README). Demo data only: invented people and organisations. */
export const DEMO_PASSWORD = 'Gezinsplan-demo-2026';

/** Seeds the demo region into an empty database, in one transaction. Does nothing when data exists. */
export async function seedDemo(ds: DataSource): Promise<string> {
  const count = await ds.getRepository(OrganisationEntity).count();
  if (count > 0) return 'Demo data not seeded: the database already holds organisations';
  const passwordHash = await argon2.hash(DEMO_PASSWORD, PASSWORD_HASH_OPTIONS);
  await ds.transaction((m) => seedInto(m, passwordHash));
  return 'Demo data seeded';
}

async function seedInto(m: EntityManager, passwordHash: string): Promise<void> {
  const org = async (name: string, type: OrganisationEntity['type'], municipality: string | null = null) =>
    m.save(m.create(OrganisationEntity, { name, type, municipality }));
  const team = async (organisation: OrganisationEntity, name: string) =>
    m.save(m.create(TeamEntity, { organisationId: organisation.id, name }));

  const heerlen = await org('Gemeente Heerlen – Toegangsteam Jeugd en Gezin', 'municipality', 'Heerlen');
  const maastricht = await org('Gemeente Maastricht – Toegangsteam Jeugd', 'municipality', 'Maastricht');
  const region = await org('Regio Zuid-Limburg – Beleid Jeugd', 'municipality');
  const horizon = await org('Horizon Jeugdhulp', 'provider');
  const kompas = await org('Kompas Gezinsbegeleiding', 'provider');
  const gi = await org('Stichting Veilig Opgroeien Zuid', 'gi');
  const beheer = await org('Gezinsplan Functioneel Beheer', 'other');
  const heerlenNoord = await team(heerlen, 'Wijkteam Heerlen-Noord');
  const maastrichtZuid = await team(maastricht, 'Team Jeugd Maastricht-Zuid');
  await team(horizon, 'Ambulante gezinsbehandeling');

  const user = async (
    email: string,
    displayName: string,
    role: Role,
    where: { organisation?: OrganisationEntity; teamId?: string; member?: FamilyMemberEntity },
  ) =>
    m.save(
      m.create(UserEntity, {
        email,
        displayName,
        role,
        passwordHash,
        organisationId: where.organisation?.id ?? null,
        teamId: where.teamId ?? null,
        familyMemberId: where.member?.id ?? null,
      }),
    );

  const fleur = await user('toegang@heerlen.demo', 'Fleur Hendriks', 'access_team', {
    organisation: heerlen,
    teamId: heerlenNoord.id,
  });
  const ruben = await user('toegang@maastricht.demo', 'Ruben Claessens', 'access_team', {
    organisation: maastricht,
    teamId: maastrichtZuid.id,
  });
  await user('zorg@horizon.demo', 'Jolien Bakker', 'provider', { organisation: horizon });
  await user('zorg@kompas.demo', 'Mehmet Yilmaz', 'provider', { organisation: kompas });
  const ingrid = await user('gi@jeugdbescherming.demo', 'Ingrid Coenen', 'gi', { organisation: gi });
  await user('beleid@zuidlimburg.demo', 'Pieter Smeets', 'policy', { organisation: region });
  await user('beheer@gezinsplan.demo', 'Karin Wouters', 'admin', { organisation: beheer });

  const family = async (displayName: string, municipality: string, teamId: string | null, regisseurUserId: string) =>
    m.save(m.create(FamilyEntity, { displayName, municipality, teamId, regisseurUserId, status: 'active' }));
  const member = async (
    f: FamilyEntity,
    name: string,
    role: FamilyMemberEntity['role'],
    birthDate: string,
    hasCustody = false,
  ) => m.save(m.create(FamilyMemberEntity, { familyId: f.id, name, role, birthDate, hasCustody }));
  const involve = async (f: FamilyEntity, o: OrganisationEntity, consentGivenBy: string, withdrawn = false) =>
    m.save(
      m.create(InvolvementEntity, {
        familyId: f.id,
        organisationId: o.id,
        since: '2026-03-02',
        consentGivenAt: new Date('2026-03-02T10:00:00Z'),
        consentGivenBy,
        consentWithdrawnAt: withdrawn ? new Date('2026-09-15T09:00:00Z') : null,
      }),
    );

  // De Vries, Heerlen: Horizon involved with consent; Kompas not involved.
  const deVries = await family('De Vries', 'Heerlen', heerlenNoord.id, fleur.id);
  const sanne = await member(deVries, 'Sanne de Vries', 'parent', '1987-02-11', true);
  await member(deVries, 'Mark de Vries', 'parent', '1985-08-30', true);
  const noah = await member(deVries, 'Noah de Vries', 'child', '2012-05-14');
  await member(deVries, 'Lotte de Vries', 'child', '2019-10-03');
  await involve(deVries, horizon, 'Sanne de Vries');
  await user('ouder@devries.demo', 'Sanne de Vries', 'parent', { member: sanne });
  await user('jeugd@devries.demo', 'Noah de Vries', 'youth', { member: noah });

  // Janssen, Maastricht: Kompas involved with consent.
  const janssen = await family('Janssen', 'Maastricht', maastrichtZuid.id, ruben.id);
  const anouk = await member(janssen, 'Anouk Janssen', 'parent', '1990-06-21', true);
  await member(janssen, 'Daan Janssen', 'child', '2016-01-09');
  await involve(janssen, kompas, 'Anouk Janssen');
  await user('ouder@janssen.demo', 'Anouk Janssen', 'parent', { member: anouk });

  // Bakker, Heerlen: under a child-protection measure, the GI is regisseur; Horizon's consent was withdrawn.
  const bakker = await family('Bakker', 'Heerlen', heerlenNoord.id, ingrid.id);
  await member(bakker, 'Ilse Bakker', 'parent', '1992-12-01', true);
  await member(bakker, 'Finn Bakker', 'child', '2014-07-18');
  await involve(bakker, gi, 'Kinderrechter (ondertoezichtstelling)');
  await involve(bakker, horizon, 'Ilse Bakker', true);

  // El Amrani, Maastricht: just registered, nobody involved yet.
  const elAmrani = await family('El Amrani', 'Maastricht', maastrichtZuid.id, ruben.id);
  await member(elAmrani, 'Yasmina El Amrani', 'parent', '1989-04-04', true);
  await member(elAmrani, 'Sami El Amrani', 'child', '2017-11-27');
  await m.update(FamilyEntity, { id: elAmrani.id }, { status: 'registered' });
}
