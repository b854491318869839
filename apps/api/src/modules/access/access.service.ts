import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/actor';

/** The authorisation a family access rests on; written into every audit row. */
export type AccessBasis = 'municipality' | 'involvement-consent' | 'regisseur' | 'own-family' | 'none';

/**
 * The one answer to "may this user touch this family?", as set-based SQL so lists and single reads use the
 * same rule:
 * - access team: families of their own municipality;
 * - provider / GI: families their organisation is involved with, while the family's consent stands;
 * - any professional who is the family's regisseur;
 * - parent / youth: their own family (a youth from 12);
 * - policy / admin: no case data at all.
 */
@Injectable()
export class AccessService {
  /** Adds the visibility rule for family alias `f` to a query. */
  scopeFamilies<T extends object>(qb: SelectQueryBuilder<T>, who: Principal, alias = 'f'): SelectQueryBuilder<T> {
    const p = { accessUserId: who.userId, accessOrgId: who.organisationId, accessFamilyId: who.familyId };
    switch (who.role) {
      case 'access_team':
        return qb.andWhere(
          `(${alias}.municipality = (SELECT o.municipality FROM organisation o WHERE o.id = :accessOrgId)
            OR ${alias}.regisseur_user_id = :accessUserId)`,
          p,
        );
      case 'provider':
      case 'gi':
        return qb.andWhere(`(${ACTIVE_INVOLVEMENT(alias)} OR ${alias}.regisseur_user_id = :accessUserId)`, p);
      case 'parent':
        return qb.andWhere(`${alias}.id = :accessFamilyId`, p);
      case 'youth':
        return qb.andWhere(
          `${alias}.id = :accessFamilyId AND EXISTS (SELECT 1 FROM family_member me JOIN app_user u ON u.family_member_id = me.id
             WHERE u.id = :accessUserId AND me.birth_date <= (current_date - interval '12 years'))`,
          p,
        );
      default:
        return qb.andWhere('false');
    }
  }

  /** The basis to record for an access that the scope allowed. */
  basisFor(who: Principal, regisseurUserId: string | null): AccessBasis {
    if (regisseurUserId === who.userId) return 'regisseur';
    switch (who.role) {
      case 'access_team':
        return 'municipality';
      case 'provider':
      case 'gi':
        return 'involvement-consent';
      case 'parent':
      case 'youth':
        return 'own-family';
      default:
        return 'none';
    }
  }
}

/** An involvement of the caller's organisation that is current and has the family's consent. */
const ACTIVE_INVOLVEMENT = (alias: string) => `EXISTS (
  SELECT 1 FROM involvement i
   WHERE i.family_id = ${alias}.id AND i.organisation_id = :accessOrgId
     AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL
     AND (i.until IS NULL OR i.until >= current_date))`;
