import type { FamilyDetail, FamilyMemberResponse, FamilySummary } from '@gezinsplan/contracts';
import type { FamilyMemberEntity } from './family-member.entity';
import type { FamilyEntity } from './family.entity';

/** What a family summary is made of: a family entity, or a worklist row read without one (FamiliesRepository). */
export type FamilySummarySource = Pick<
  FamilyEntity,
  | 'id'
  | 'displayName'
  | 'municipality'
  | 'status'
  | 'version'
  | 'updatedAt'
  | 'regisseurUserId'
  | 'needsOnePlan'
  | 'planStatus'
  | 'overdueAgreements'
  | 'evaluationDate'
  | 'evaluationDue'
> & { regisseur?: { id: string; displayName: string } | null };

export function toFamilySummary(f: FamilySummarySource): FamilySummary {
  return {
    id: f.id,
    displayName: f.displayName,
    municipality: f.municipality,
    status: f.status,
    version: f.version,
    updatedAt: f.updatedAt.toISOString(),
    needsOnePlan: f.needsOnePlan ?? false,
    planStatus: f.planStatus ?? null,
    overdueAgreements: f.overdueAgreements ?? 0,
    evaluationDate: f.evaluationDate ?? null,
    evaluationDue: f.evaluationDue ?? false,
    regisseur: f.regisseur ? { userId: f.regisseur.id, displayName: f.regisseur.displayName } : null,
  };
}

/** `revealBsn` decrypts citizen service numbers; pass it only for readers entitled to them (access team). */
export function toFamilyDetail(f: FamilyEntity, revealBsn?: (stored: string) => string): FamilyDetail {
  return {
    ...toFamilySummary(f),
    createdAt: f.createdAt.toISOString(),
    members: [...(f.members ?? [])].sort(byRoleThenBirth).map((m) => toMember(m, revealBsn)),
    network: [...(f.network ?? [])]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => ({ id: n.id, name: n.name, relation: n.relation, contact: n.contact, version: n.version })),
  };
}

export function toMember(m: FamilyMemberEntity, revealBsn?: (stored: string) => string): FamilyMemberResponse {
  return {
    id: m.id,
    role: m.role,
    name: m.name,
    birthDate: m.birthDate,
    hasCustody: (m.custodyOf ?? []).length > 0,
    custodyOf: m.custodyOf ?? [],
    sharesWithParents: m.sharesWithParents,
    ...(revealBsn
      ? { citizenServiceNumber: m.citizenServiceNumberEncrypted ? revealBsn(m.citizenServiceNumberEncrypted) : null }
      : {}),
  };
}

const byRoleThenBirth = (a: FamilyMemberEntity, b: FamilyMemberEntity) =>
  Number(a.role === 'child') - Number(b.role === 'child') || a.birthDate.localeCompare(b.birthDate);
