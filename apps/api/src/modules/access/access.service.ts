import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/actor';

/** One disjoint part of a caller's families (see AccessService.scopeParts). */
export interface ScopePart {
  sql: string;
  params: Record<string, unknown>;
  municipality?: string;
}

/** The authorisation a family access rests on; written into every audit row. */
export type AccessBasis = 'municipality' | 'involvement-consent' | 'regisseur' | 'own-family' | 'emergency' | 'none';

/** Roles that may break the glass (emergency access) to a family they are not involved with. */
const EMERGENCY_ROLES: readonly string[] = ['access_team', 'provider', 'gi'];

/**
 * The one answer to "may this user touch this family?", as set-based SQL so lists and single reads use the
 * same rule:
 * - access team: families of their own municipality;
 * - provider / GI: families their organisation is involved with, while the family's consent stands;
 * - any professional who is the family's regisseur;
 * - parent / youth: their own family (a youth from 12);
 * - policy / admin: no case data at all;
 * - on top, for access team / provider / GI: an active emergency access grant (break the glass), recorded
 *   with basis `emergency` and flagged in the audit row. Lists (the worklist) leave such families out.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Adds the visibility rule for family alias `f` to a query. */
  scopeFamilies<T extends object>(
    qb: SelectQueryBuilder<T>,
    who: Principal,
    alias = 'f',
    options: { emergency?: boolean } = {},
  ): SelectQueryBuilder<T> {
    const p = { accessUserId: who.userId, accessOrgId: who.organisationId, accessFamilyId: who.familyId };
    const glass = options.emergency === false ? '' : ` OR ${ACTIVE_EMERGENCY(alias)}`;
    switch (who.role) {
      case 'access_team':
        return qb.andWhere(
          `(${alias}.municipality = (SELECT o.municipality FROM organisation o WHERE o.id = :accessOrgId)
            OR ${alias}.regisseur_user_id = :accessUserId${glass})`,
          p,
        );
      case 'provider':
      case 'gi':
        return qb.andWhere(`(${ACTIVE_INVOLVEMENT(alias)} OR ${alias}.regisseur_user_id = :accessUserId${glass})`, p);
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

  /**
   * The families of `scopeFamilies(who, alias, { emergency: false })` as disjoint parts whose union is that
   * scope, so a list can read each part along its own index (the worklist: the access team's municipality in
   * name order, its own regie families elsewhere). A part with `municipality` is exactly
   * `alias.municipality = municipality`. Parents and youths (one family) and roles without a scope: no parts.
   */
  async scopeParts(who: Principal, alias = 'f'): Promise<ScopePart[]> {
    const p = { accessUserId: who.userId, accessOrgId: who.organisationId };
    switch (who.role) {
      case 'access_team': {
        const rows: { municipality: string | null }[] = who.organisationId
          ? await this.ds.query('SELECT municipality FROM organisation WHERE id = $1', [who.organisationId])
          : [];
        const municipality = rows[0]?.municipality ?? null;
        const own = {
          sql: `${alias}.regisseur_user_id = :accessUserId AND ${alias}.municipality IS DISTINCT FROM :accessMunicipality`,
          params: { ...p, accessMunicipality: municipality },
        };
        if (municipality === null) return [own];
        return [
          {
            sql: `${alias}.municipality = :accessMunicipality`,
            params: { accessMunicipality: municipality },
            municipality,
          },
          own,
        ];
      }
      case 'provider':
      case 'gi':
        return [{ sql: `(${ACTIVE_INVOLVEMENT(alias)} OR ${alias}.regisseur_user_id = :accessUserId)`, params: p }];
      default:
        return [];
    }
  }

  /**
   * Whether the caller sees this family only through an active emergency grant (not through the ordinary
   * rule). One indexed lookup; a second query only when a grant exists.
   */
  async onlyByEmergency(who: Principal, familyId: string, manager: EntityManager = this.ds.manager): Promise<boolean> {
    if (!EMERGENCY_ROLES.includes(who.role)) return false;
    const grant: unknown[] = await manager.query(
      'SELECT 1 FROM emergency_access WHERE user_id = $1 AND family_id = $2 AND expires_at > now() LIMIT 1',
      [who.userId, familyId],
    );
    if (grant.length === 0) return false;
    const qb = manager.createQueryBuilder().select('f.id').from('family', 'f').where('f.id = :familyId', { familyId });
    this.scopeFamilies(qb, who, 'f', { emergency: false });
    return (await qb.getRawOne()) === undefined;
  }

  /** The basis of an access to one family, emergency access included. */
  async basisForFamily(
    who: Principal,
    family: { id: string; regisseurUserId: string | null },
    manager?: EntityManager,
  ): Promise<AccessBasis> {
    if (family.regisseurUserId !== who.userId && (await this.onlyByEmergency(who, family.id, manager))) {
      return 'emergency';
    }
    return this.basisFor(who, family.regisseurUserId);
  }

  /** The basis to record for an access that the scope allowed (lists: never an emergency grant). */
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

/** An emergency access grant of the caller for the family that has not expired. */
const ACTIVE_EMERGENCY = (alias: string) => `EXISTS (
  SELECT 1 FROM emergency_access ea
   WHERE ea.family_id = ${alias}.id AND ea.user_id = :accessUserId AND ea.expires_at > now())`;
