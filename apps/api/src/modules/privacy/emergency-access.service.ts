import type { EmergencyAccessGrant } from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError } from '../../common/errors/app-error';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { NotificationEntity } from '../notifications/notification.entity';
import type { RequestEmergencyAccessDto } from './privacy.dto';
import { EmergencyAccessEntity } from './privacy.entities';

const RESOURCE = 'emergency-access';

interface GrantRow {
  id: string;
  family_id: string;
  family_name: string;
  user_id: string;
  user_name: string | null;
  organisation_name: string | null;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  active: boolean;
}

/**
 * Break the glass. A professional (access team, provider, GI) who cannot see a family names a member by
 * citizen service number and date of birth, and a reason. Both must match one member; then a grant for
 * EMERGENCY_ACCESS_MINUTES opens the family through AccessService (basis `emergency`, every audit row
 * flagged), and the regisseur is notified.
 *
 * Against enumeration: a miss and an unknown person answer the same 404; a hit creates a grant (which the
 * family and the regisseur see), so probing costs a visible grant. Every attempt, hit or miss, is audited
 * and counts towards EMERGENCY_ACCESS_PER_HOUR per professional (429 beyond). The BSN itself is never
 * stored in the audit row or logged.
 */
@Injectable()
export class EmergencyAccessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async request(actor: Actor, dto: RequestEmergencyAccessDto): Promise<EmergencyAccessGrant> {
    // Rate limit on every attempt in the last hour, counted from the audit trail (hits and misses alike).
    const [{ n }]: { n: string }[] = await this.ds.query(
      `SELECT count(*) AS n FROM audit_log
        WHERE user_id = $1 AND resource = $2 AND action = 'create' AND occurred_at > now() - interval '1 hour'`,
      [actor.userId, RESOURCE],
    );
    if (Number(n) >= this.env.EMERGENCY_ACCESS_PER_HOUR) {
      await this.audit.record(actor, {
        resource: RESOURCE,
        action: 'read',
        result: 'denied',
        details: { reason: 'rate-limited' },
      });
      throw new AppError(429, 'RATE_LIMITED', 'Too many emergency access requests; try again later');
    }
    const familyId = await this.findFamily(dto.citizenServiceNumber, dto.birthDate);
    if (!familyId) {
      await this.audit.record(actor, {
        resource: RESOURCE,
        action: 'create',
        result: 'denied',
        details: { reason: 'no-match', birthDate: dto.birthDate },
      });
      throw new AppError(404, 'NOT_FOUND', 'No file found for this citizen service number and date of birth');
    }
    const qb = this.ds.createQueryBuilder().select('f.id').from('family', 'f').where('f.id = :familyId', { familyId });
    this.access.scopeFamilies(qb, actor, 'f', { emergency: false });
    if ((await qb.getRawOne()) !== undefined) {
      await this.audit.record(actor, {
        resource: RESOURCE,
        action: 'create',
        result: 'denied',
        familyId,
        details: { reason: 'already-accessible' },
      });
      throw new AppError(422, 'UNPROCESSABLE', 'You can already open this file; emergency access is not needed', {
        familyId,
      });
    }
    const minutes = this.env.EMERGENCY_ACCESS_MINUTES;
    const id = await this.ds.transaction(async (m) => {
      const [family]: { display_name: string; regisseur_user_id: string | null }[] = await m.query(
        'SELECT display_name, regisseur_user_id FROM family WHERE id = $1',
        [familyId],
      );
      const saved = await m.getRepository(EmergencyAccessEntity).save({
        familyId,
        userId: actor.userId,
        organisationId: actor.organisationId,
        reason: dto.reason,
        expiresAt: new Date(Date.now() + minutes * 60_000),
      });
      await this.audit.record(
        actor,
        {
          resource: RESOURCE,
          action: 'create',
          result: 'success',
          familyId,
          subjectId: saved.id,
          basis: 'emergency',
          emergency: true,
          details: { reason: dto.reason, minutes },
        },
        m,
      );
      if (family.regisseur_user_id) {
        const [org]: { name: string | null }[] = await m.query('SELECT name FROM organisation WHERE id = $1', [
          actor.organisationId,
        ]);
        await m.getRepository(NotificationEntity).insert({
          userId: family.regisseur_user_id,
          familyId,
          kind: 'emergency-access',
          message: `Noodtoegang: ${actor.displayName}${org?.name ? ` (${org.name})` : ''} heeft het dossier van ${family.display_name} geopend. Reden: ${dto.reason}`,
          itemType: RESOURCE,
          itemId: saved.id,
          actorUserId: actor.userId,
        });
      }
      return saved.id;
    });
    const [grant] = await this.grants('g.id = $1', [id]);
    return grant;
  }

  /** The caller's grants that are still active. */
  async mine(actor: Actor): Promise<EmergencyAccessGrant[]> {
    return this.grants('g.user_id = $1 AND g.expires_at > now()', [actor.userId]);
  }

  /** Every grant ever given for a family (for the family's export and the regisseur). */
  forFamily(familyId: string): Promise<EmergencyAccessGrant[]> {
    return this.grants('g.family_id = $1', [familyId]);
  }

  /**
   * The family of the member with this BSN and date of birth. Citizen service numbers are encrypted with a
   * random IV (no lookup by ciphertext), so the date of birth narrows the candidates and each candidate's
   * number is decrypted and compared in constant time.
   */
  private async findFamily(bsn: string, birthDate: string): Promise<string | null> {
    const rows: { family_id: string; enc: string }[] = await this.ds.query(
      `SELECT family_id, citizen_service_number_encrypted AS enc FROM family_member
        WHERE birth_date = $1 AND citizen_service_number_encrypted IS NOT NULL`,
      [birthDate],
    );
    const wanted = Buffer.from(bsn);
    let found: string | null = null;
    for (const r of rows) {
      let plain: Buffer;
      try {
        plain = Buffer.from(this.cipher.decrypt(r.enc));
      } catch {
        continue;
      }
      if (plain.length === wanted.length && timingSafeEqual(plain, wanted)) found ??= r.family_id;
    }
    return found;
  }

  private async grants(where: string, params: unknown[]): Promise<EmergencyAccessGrant[]> {
    const rows: GrantRow[] = await this.ds.query(
      `SELECT g.id, g.family_id, f.display_name AS family_name, g.user_id, u.display_name AS user_name,
              o.name AS organisation_name, g.reason, g.granted_at, g.expires_at, g.expires_at > now() AS active
         FROM emergency_access g
         JOIN family f ON f.id = g.family_id
         LEFT JOIN app_user u ON u.id = g.user_id
         LEFT JOIN organisation o ON o.id = g.organisation_id
        WHERE ${where}
        ORDER BY g.granted_at DESC`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      familyId: r.family_id,
      familyName: r.family_name,
      userId: r.user_id,
      userName: r.user_name,
      organisation: r.organisation_name,
      reason: r.reason,
      grantedAt: new Date(r.granted_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      active: r.active,
    }));
  }
}
