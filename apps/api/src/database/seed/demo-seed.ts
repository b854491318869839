import { type LifeDomain, type Role, SECTION_KINDS, type SectionKind, ZRM_DOMAINS } from '@gezinsplan/contracts';
import * as argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { FamilyMemberEntity } from '../../modules/families/family-member.entity';
import { FamilyEntity } from '../../modules/families/family.entity';
import { InvolvementEntity } from '../../modules/families/involvement.entity';
import { NetworkMemberEntity } from '../../modules/families/network-member.entity';
import { OrganisationEntity, TeamEntity } from '../../modules/organisations/organisation.entity';
import { PASSWORD_HASH_OPTIONS } from '../../modules/auth/password';
import { AgreementEntity, GoalEntity, ProgressNoteEntity } from '../../modules/plans/goal.entity';
import { PlanVersionAckEntity, PlanVersionEntity } from '../../modules/plans/plan-version.entity';
import { toPlanResponse } from '../../modules/plans/plan.mapper';
import { PlanEntity, PlanSectionEntity } from '../../modules/plans/plan.entity';
import { PlansRepository } from '../../modules/plans/plans.repository';
import { RegieAssignmentEntity } from '../../modules/regie/regie-assignment.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { ZrmAssessmentEntity } from '../../modules/zrm/zrm-assessment.entity';
import { seedOutcomes } from './outcomes-seed';

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
  // Parents marked with custody get custody (gezag) of every child of their family, recorded per child below.
  const custodians: FamilyMemberEntity[] = [];
  const member = async (
    f: FamilyEntity,
    name: string,
    role: FamilyMemberEntity['role'],
    birthDate: string,
    hasCustody = false,
  ) => {
    const saved = await m.save(m.create(FamilyMemberEntity, { familyId: f.id, name, role, birthDate }));
    if (hasCustody) custodians.push(saved);
    return saved;
  };
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

  for (const parent of custodians) {
    await m.query(
      `INSERT INTO custody (parent_member_id, child_member_id)
       SELECT $1, id FROM family_member WHERE family_id = $2 AND role = 'child'`,
      [parent.id, parent.familyId],
    );
  }

  await seedPlans(m, { deVries, janssen, bakker, elAmrani }, { sanne, noah, fleur, ruben, ingrid, horizon });
  await seedOutcomes(m, passwordHash, { deVries, janssen, horizon, kompas });
}

interface SeedFamilies {
  deVries: FamilyEntity;
  janssen: FamilyEntity;
  bakker: FamilyEntity;
  elAmrani: FamilyEntity;
}

/** Plans in different stages, so every screen has something real to show. */
async function seedPlans(
  m: EntityManager,
  f: SeedFamilies,
  p: {
    sanne: FamilyMemberEntity;
    noah: FamilyMemberEntity;
    fleur: UserEntity;
    ruben: UserEntity;
    ingrid: UserEntity;
    horizon: OrganisationEntity;
  },
): Promise<void> {
  const plans = new Map<string, PlanEntity>();
  for (const family of Object.values(f)) {
    await m.insert(RegieAssignmentEntity, {
      familyId: family.id,
      userId: family.regisseurUserId as string,
      reason: 'Regisseur bij aanmelding',
      startedAt: new Date('2026-03-02T09:00:00Z'),
    });
    const plan = await m.save(m.create(PlanEntity, { familyId: family.id }));
    await m.insert(
      PlanSectionEntity,
      SECTION_KINDS.map((kind) => ({ planId: plan.id, kind })),
    );
    plans.set(family.id, plan);
  }
  const section = (family: FamilyEntity, kind: SectionKind, content: string) =>
    m.update(PlanSectionEntity, { planId: plans.get(family.id)?.id, kind }, { content });
  let priority = 0;
  const goal = (family: FamilyEntity, title: string, lifeDomain: LifeDomain, extra: Partial<GoalEntity> = {}) =>
    m.save(
      m.create(GoalEntity, {
        planId: plans.get(family.id)?.id,
        familyId: family.id,
        title,
        lifeDomain,
        priority: ++priority,
        ...extra,
      }),
    );
  const agreement = (
    g: GoalEntity,
    description: string,
    ownerType: AgreementEntity['ownerType'],
    ownerLabel: string,
    dueDate: string,
    ownerId: string | null = null,
  ) =>
    m.save(
      m.create(AgreementEntity, {
        goalId: g.id,
        familyId: g.familyId,
        description,
        ownerType,
        ownerLabel,
        ownerId,
        dueDate,
      }),
    );

  // De Vries: agreed plan (version 1) with goals in three life domains, agreements and progress.
  await section(f.deVries, 'going_well', 'Sanne en Mark zijn betrokken ouders. Lotte gaat met plezier naar de opvang.');
  await section(
    f.deVries,
    'worries',
    'Noah gaat sinds de zomer vaak niet naar school en zit veel op zijn kamer. Sinds Mark zijn baan verloor zijn er schulden.',
  );
  await section(
    f.deVries,
    'wish',
    'Rust in huis, Noah weer elke dag naar school, en geen brieven meer van deurwaarders.',
  );
  await section(
    f.deVries,
    'strengths',
    'Oma Ria woont om de hoek en helpt graag. Buurvrouw Petra haalt Lotte soms op van de opvang.',
  );
  await section(f.deVries, 'safety', 'Er zijn geen zorgen over de veiligheid van de kinderen.');
  const school = await goal(f.deVries, 'Noah gaat weer elke dag naar school', 'education', {
    memberIds: [p.noah.id],
    targetDate: '2027-02-01',
    status: 'in_progress',
    zrmDomain: 'daytime_activities',
  });
  const money = await goal(f.deVries, 'Het gezin heeft overzicht over de schulden', 'finances', {
    targetDate: '2027-04-01',
    zrmDomain: 'finances',
  });
  await goal(f.deVries, 'Meer rust in huis na schooltijd', 'parenting', { targetDate: '2027-03-01' });
  await agreement(
    school,
    'Wekelijks gesprek met Noah over school en vrienden',
    'organisation',
    'Horizon Jeugdhulp',
    '2027-01-31',
    p.horizon.id,
  );
  await agreement(
    school,
    'Sanne belt elke vrijdag met de mentor van Noah',
    'family_member',
    'Sanne de Vries',
    '2026-12-18',
    p.sanne.id,
  );
  const oma = await m.save(
    m.create(NetworkMemberEntity, {
      familyId: f.deVries.id,
      name: 'Oma Ria',
      relation: 'grootmoeder',
      contact: '045-0000000',
    }),
  );
  await m.insert(NetworkMemberEntity, { familyId: f.deVries.id, name: 'Petra', relation: 'buurvrouw', contact: null });
  await agreement(
    money,
    'Oma Ria helpt elke week met het ordenen van de post',
    'network_member',
    'Oma Ria',
    '2026-12-31',
    oma.id,
  );
  await agreement(
    money,
    'Aanmelden bij de schuldhulpverlening van de gemeente',
    'professional',
    'Fleur Hendriks',
    '2026-11-01',
    p.fleur.id,
  );
  const jolien = await m.findOneByOrFail(UserEntity, { email: 'zorg@horizon.demo' });
  for (const [notedOn, score, note] of [
    ['2026-09-18', 3, 'Noah was deze week twee dagen op school. Hij vindt het moeilijk om de dag te beginnen.'],
    ['2026-10-16', 5, 'Noah was drie dagen op school en heeft zelf contact gezocht met een klasgenoot.'],
    ['2026-11-13', 6, 'Vier van de vijf dagen op school. Hij gaat weer mee met voetbaltraining.'],
  ] as const) {
    await m.insert(ProgressNoteEntity, {
      goalId: school.id,
      familyId: f.deVries.id,
      authorUserId: jolien.id,
      organisationId: p.horizon.id,
      note,
      score,
      notedOn,
      createdAt: new Date(`${notedOn}T15:00:00Z`),
    });
  }
  const deVriesPlan = plans.get(f.deVries.id) as PlanEntity;
  await m.update(PlanEntity, { id: deVriesPlan.id }, { evaluationDate: '2027-03-15' });
  const fresh = await m.findOneByOrFail(PlanEntity, { id: deVriesPlan.id });
  const snapshot = toPlanResponse(await new PlansRepository(m.connection).parts(fresh, m));
  const approver = await m.findOneByOrFail(UserEntity, { email: 'ouder@devries.demo' });
  const version = await m.save(
    m.create(PlanVersionEntity, {
      planId: fresh.id,
      familyId: f.deVries.id,
      number: 1,
      snapshot: { ...snapshot, status: 'agreed', currentVersionNumber: 1 },
      approvedByUserId: approver.id,
      approvedAt: new Date('2026-09-10T10:30:00Z'),
    }),
  );
  await m.insert(PlanVersionAckEntity, { versionId: version.id, organisationId: p.horizon.id, userId: jolien.id });
  await m.update(PlanEntity, { id: fresh.id }, { status: 'in_progress', currentVersionNumber: 1 });

  // Two ZRM assessments of Sanne, so the change over time shows.
  const zrm = (assessedOn: string, scores: number[]) =>
    m.insert(ZrmAssessmentEntity, {
      familyId: f.deVries.id,
      memberId: p.sanne.id,
      edition: 'zrm-11',
      assessedOn,
      assessedByUserId: p.fleur.id,
      scores: Object.fromEntries(ZRM_DOMAINS['zrm-11'].map((d, i) => [d, scores[i]])),
    });
  await zrm('2026-03-02', [1, 3, 4, 2, 2, 4, 5, 4, 3, 2, 5]);
  await zrm('2026-11-02', [2, 3, 4, 3, 3, 4, 5, 4, 4, 3, 5]);

  // Janssen: a draft plan being written.
  priority = 0;
  await section(
    f.janssen,
    'worries',
    'Daan heeft veel driftbuien, thuis en op school. Anouk is moe en staat er alleen voor.',
  );
  await section(f.janssen, 'wish', 'Dat Daan zich beter voelt en dat Anouk af en toe tijd voor zichzelf heeft.');
  await goal(f.janssen, 'Daan leert omgaan met boosheid', 'mental_health', { targetDate: '2027-05-01' });
  await goal(f.janssen, 'Anouk heeft één middag per week voor zichzelf', 'family_system');

  // Bakker: under a measure; the GI set a safety condition.
  priority = 0;
  await section(
    f.bakker,
    'safety',
    'Er is een ondertoezichtstelling. Finn slaapt niet bij zijn vader zolang de maatregel loopt.',
  );
  await goal(f.bakker, 'Finn woont veilig thuis bij zijn moeder', 'safety', {
    safetyCondition: true,
    status: 'in_progress',
  });
}
