import { type IjwStopReason, LIFE_DOMAINS, type Role, ZRM_DOMAINS } from '@gezinsplan/contracts';
import type { EntityManager } from 'typeorm';
import { FamilyMemberEntity } from '../../modules/families/family-member.entity';
import { FamilyEntity } from '../../modules/families/family.entity';
import { InvolvementEntity } from '../../modules/families/involvement.entity';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { AllocationEntity, AllocationGoalEntity } from '../../modules/outcomes/allocation.entity';
import { ComplaintEntity, EvaluationEntity, EvaluationGoalEntity } from '../../modules/outcomes/evaluation.entity';
import { GoalEntity } from '../../modules/plans/goal.entity';
import { PlanVersionEntity } from '../../modules/plans/plan-version.entity';
import { toPlanResponse } from '../../modules/plans/plan.mapper';
import { PlanEntity, PlanSectionEntity } from '../../modules/plans/plan.entity';
import { PlansRepository } from '../../modules/plans/plans.repository';
import { RegieAssignmentEntity } from '../../modules/regie/regie-assignment.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { ZrmAssessmentEntity } from '../../modules/zrm/zrm-assessment.entity';

const day = (start: string, plus: number) => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plus);
  return d.toISOString().slice(0, 10);
};

/**
 * Help allocated, evaluations and complaints for the outcome dashboards: on the demo families, and on twelve
 * invented families in Kerkrade and Sittard-Geleen (municipalities without a demo access-team account, with two
 * invented providers, so none of the existing demo accounts sees them). Enough families per group that the
 * region's figures are not suppressed.
 */
export async function seedOutcomes(
  m: EntityManager,
  passwordHash: string,
  demo: { deVries: FamilyEntity; janssen: FamilyEntity; horizon: OrganisationEntity; kompas: OrganisationEntity },
): Promise<void> {
  const fleur = await m.findOneByOrFail(UserEntity, { email: 'toegang@heerlen.demo' });
  const ruben = await m.findOneByOrFail(UserEntity, { email: 'toegang@maastricht.demo' });
  const noah = await m.findOneByOrFail(FamilyMemberEntity, { name: 'Noah de Vries' });
  const daan = await m.findOneByOrFail(FamilyMemberEntity, { name: 'Daan Janssen' });
  const [school] = await m.find(GoalEntity, { where: { familyId: demo.deVries.id, lifeDomain: 'education' } });

  // De Vries: guidance from Horizon for Noah, started (the plan was agreed first).
  const guidance = await m.save(
    m.create(AllocationEntity, {
      familyId: demo.deVries.id,
      youthMemberId: noah.id,
      providerOrganisationId: demo.horizon.id,
      arrangement: 'guidance',
      status: 'started',
      requestDate: '2026-09-11',
      decisionDate: '2026-09-15',
      startDate: '2026-09-18',
      plannedEndDate: '2027-03-15',
      createdByUserId: fleur.id,
    }),
  );
  await m.insert(AllocationGoalEntity, { allocationId: guidance.id, goalId: school.id });
  // Janssen: crisis help from Kompas before the plan was agreed; the plan is now overdue.
  await m.insert(AllocationEntity, {
    familyId: demo.janssen.id,
    youthMemberId: daan.id,
    providerOrganisationId: demo.kompas.id,
    arrangement: 'crisis',
    status: 'started',
    requestDate: '2026-10-01',
    decisionDate: '2026-10-01',
    startDate: '2026-10-02',
    crisisWithoutPlan: true,
    planDueDate: '2026-10-15',
    createdByUserId: ruben.id,
  });

  const org = (name: string, type: OrganisationEntity['type'], municipality: string | null = null) =>
    m.save(m.create(OrganisationEntity, { name, type, municipality }));
  const providers = [await org('Parkstad Jeugdzorg', 'provider'), await org('Maasland Gezinshulp', 'provider')];
  const regisseurs: Record<string, UserEntity> = {};
  for (const [municipality, email, name] of [
    ['Kerkrade', 'toegang@kerkrade.demo', 'Lieke Ramakers'],
    ['Sittard-Geleen', 'toegang@sittard-geleen.demo', 'Tom Janssens'],
  ] as const) {
    const team = await org(`Gemeente ${municipality} – Toegangsteam Jeugd`, 'municipality', municipality);
    regisseurs[municipality] = await m.save(
      m.create(UserEntity, {
        email,
        displayName: name,
        role: 'access_team' as Role,
        passwordHash,
        organisationId: team.id,
      }),
    );
  }

  const surnames = [
    'Custers',
    'Dassen',
    'Frijns',
    'Gielen',
    'Hermans',
    'Kessels',
    'Lemmens',
    'Meijers',
    'Notermans',
    'Ortmans',
    'Pelzer',
    'Quaedvlieg',
  ];
  const decisionDays = [2, 4, 6, 8, 10, 3, 5, 7, 9, 12, 1, 6];
  const stopReasons: IjwStopReason[] = ['31', '32', '31', '34', '31', '33'];
  let endedCount = 0;
  const repo = new PlansRepository(m.connection);
  for (const [i, surname] of surnames.entries()) {
    const municipality = i < 6 ? 'Kerkrade' : 'Sittard-Geleen';
    const regisseur = regisseurs[municipality];
    const provider = providers[i % 2];
    const family = await m.save(
      m.create(FamilyEntity, { displayName: surname, municipality, regisseurUserId: regisseur.id, status: 'active' }),
    );
    const parent = await m.save(
      m.create(FamilyMemberEntity, {
        familyId: family.id,
        name: `Ouder ${surname}`,
        role: 'parent',
        birthDate: `198${i % 10}-03-0${(i % 9) + 1}`,
      }),
    );
    const child = await m.save(
      m.create(FamilyMemberEntity, {
        familyId: family.id,
        name: `Kind ${surname}`,
        role: 'child',
        birthDate: `201${i % 10}-06-1${i % 10}`,
      }),
    );
    await m.insert(InvolvementEntity, {
      familyId: family.id,
      organisationId: provider.id,
      since: '2026-01-05',
      consentGivenAt: new Date('2026-01-05T10:00:00Z'),
      consentGivenBy: parent.name,
    });
    await m.insert(RegieAssignmentEntity, {
      familyId: family.id,
      userId: regisseur.id,
      reason: 'Regisseur bij aanmelding',
      startedAt: new Date('2026-01-05T09:00:00Z'),
    });
    const agreed = i % 4 !== 3;
    const plan = await m.save(
      m.create(PlanEntity, { familyId: family.id, evaluationDate: i === 5 ? '2026-09-01' : '2027-06-01' }),
    );
    await m.insert(PlanSectionEntity, { planId: plan.id, kind: 'wish', content: 'Rust en regelmaat in huis.' });
    const goals = [];
    for (const [g, title] of ['Kind gaat met plezier naar school', 'Ouder heeft overzicht over de post'].entries()) {
      goals.push(
        await m.save(
          m.create(GoalEntity, {
            planId: plan.id,
            familyId: family.id,
            title,
            lifeDomain: g === 0 ? LIFE_DOMAINS[(i % 3) * 2] : 'finances',
            priority: g + 1,
            status: 'in_progress',
          }),
        ),
      );
    }
    if (agreed) {
      const snapshot = toPlanResponse(await repo.parts(plan, m));
      await m.insert(PlanVersionEntity, {
        planId: plan.id,
        familyId: family.id,
        number: 1,
        snapshot: { ...snapshot, status: 'agreed', currentVersionNumber: 1 },
        approvedByUserId: regisseur.id,
        onBehalfReason: 'Ouder akkoord in het gesprek',
        approvedAt: new Date(`${day('2026-01-02', i * 14)}T10:00:00Z`),
      });
      await m.update(PlanEntity, { id: plan.id }, { status: 'in_progress', currentVersionNumber: 1 });
    }
    const requestDate = day('2026-01-05', i * 14);
    const decisionDate = day(requestDate, decisionDays[i]);
    const startDate = day(decisionDate, 10);
    const ended = i % 3 === 0 || i % 4 === 1 ? day(startDate, 90) : null;
    const endReason = ended ? stopReasons[endedCount++ % stopReasons.length] : null;
    const allocation = await m.save(
      m.create(AllocationEntity, {
        familyId: family.id,
        youthMemberId: child.id,
        providerOrganisationId: provider.id,
        arrangement: (['guidance', 'treatment', 'dyslexia_care', 'respite'] as const)[i % 4],
        status: ended ? 'stopped' : 'started',
        requestDate,
        decisionDate,
        startDate,
        plannedEndDate: day(startDate, 180),
        endDate: ended,
        endReason,
        createdByUserId: regisseur.id,
      }),
    );
    await m.insert(AllocationGoalEntity, { allocationId: allocation.id, goalId: goals[0].id });

    if (agreed && i % 2 === 0) {
      const outcomes = (['achieved', 'partly_achieved', 'not_achieved'] as const).slice(0, 2);
      const evaluation = await m.save(
        m.create(EvaluationEntity, {
          familyId: family.id,
          planId: plan.id,
          planVersionNumber: 1,
          evaluatedOn: day(startDate, 90),
          evaluatedByUserId: regisseur.id,
          satisfactionScore: 6 + (i % 5),
          satisfactionBy: 'parent',
          satisfactionRecordedAt: new Date(`${day(startDate, 92)}T12:00:00Z`),
        }),
      );
      for (const [g, goal] of goals.entries()) {
        const outcome = outcomes[(i + g) % 2];
        await m.insert(EvaluationGoalEntity, {
          evaluationId: evaluation.id,
          goalId: goal.id,
          lifeDomain: goal.lifeDomain,
          outcome,
        });
        await m.update(GoalEntity, { id: goal.id }, { status: outcome });
      }
      await m.update(PlanEntity, { id: plan.id }, { status: 'evaluated' });
    }
    if (i === 1 || i === 7) {
      await m.insert(ComplaintEntity, {
        familyId: family.id,
        receivedOn: day(startDate, 20),
        subject: 'Wachttijd tot de start van de hulp',
        registeredByUserId: regisseur.id,
      });
    }
    if (i % 2 === 1) {
      for (const [n, assessedOn] of [requestDate, day(requestDate, 150)].entries()) {
        await m.insert(ZrmAssessmentEntity, {
          familyId: family.id,
          memberId: parent.id,
          edition: 'zrm-11',
          assessedOn,
          assessedByUserId: regisseur.id,
          scores: Object.fromEntries(ZRM_DOMAINS['zrm-11'].map((d, k) => [d, Math.min(5, 2 + ((k + i) % 3) + n)])),
        });
      }
    }
  }
}
