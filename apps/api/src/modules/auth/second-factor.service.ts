import { RECOVERY_CODE_COUNT, type TotpEnrolment } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { returnedRows } from '../../database/sql';
import { RecoveryCodeEntity, UserTotpEntity } from './auth-session.entity';

const PERIOD_SECONDS = 30;
/** Recovery codes: 12 characters from an alphabet without look-alikes (about 60 bits), shown as xxxx-xxxx-xxxx. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export type CodeCheck = 'ok' | 'wrong' | 'reused';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with the secret encrypted at rest, and one-time recovery codes of
 * which only a salted SHA-256 is kept. A code is accepted one step either side of now (clock drift), and
 * never twice: the accepted step is stored and a code of that step or an earlier one is refused.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async isEnabled(userId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const row = await m.getRepository(UserTotpEntity).findOne({ where: { userId } });
    return !!row?.confirmedAt;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const [row] = returnedRows<{ n: number }>(
      await this.ds.query('SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NULL', [
        userId,
      ]),
    );
    return row?.n ?? 0;
  }

  /** A new pending secret (replacing an earlier pending one); the confirmed one, if any, is untouched. */
  async start(userId: string, label: string): Promise<TotpEnrolment> {
    const secret = new Secret({ size: 20 });
    await this.ds.query(
      `INSERT INTO user_totp (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = EXCLUDED.secret_encrypted, last_step = NULL,
                                           created_at = now()
        WHERE user_totp.confirmed_at IS NULL`,
      [userId, this.cipher.encrypt(secret.base32)],
    );
    const otpauthUri = totpFor(secret, label).toString();
    const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      secret: secret.base32,
      otpauthUri,
      qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /** Confirms a pending secret with its first code; returns the recovery codes (shown once). */
  async confirm(m: EntityManager, userId: string, code: string): Promise<string[] | CodeCheck> {
    const row = await m.getRepository(UserTotpEntity).findOne({ where: { userId } });
    if (!row || row.confirmedAt) return 'wrong';
    const check = await this.accept(m, row, code);
    if (check !== 'ok') return check;
    await m.query('UPDATE user_totp SET confirmed_at = now() WHERE user_id = $1', [userId]);
    return this.newRecoveryCodes(m, userId);
  }

  /** Checks a code of a confirmed secret, and uses it up. */
  async verify(m: EntityManager, userId: string, code: string): Promise<CodeCheck> {
    const row = await m.getRepository(UserTotpEntity).findOne({ where: { userId } });
    if (!row?.confirmedAt) return 'wrong';
    return this.accept(m, row, code);
  }

  /** Uses up one recovery code; false when it is unknown or was used before. */
  async useRecoveryCode(m: EntityManager, userId: string, code: string): Promise<boolean> {
    const used = returnedRows<{ id: string }>(
      await m.query(
        `UPDATE recovery_code SET used_at = now()
          WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
        [userId, recoveryHash(userId, normaliseRecoveryCode(code))],
      ),
    );
    return used.length === 1;
  }

  /** Replaces all recovery codes of a user by ten new ones. */
  async newRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    await m.query('DELETE FROM recovery_code WHERE user_id = $1', [userId]);
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
    });
    await m.insert(
      RecoveryCodeEntity,
      codes.map((c) => ({ userId, codeHash: recoveryHash(userId, normaliseRecoveryCode(c)) })),
    );
    return codes;
  }

  async remove(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM recovery_code WHERE user_id = $1', [userId]);
    await m.query('DELETE FROM user_totp WHERE user_id = $1', [userId]);
  }

  private async accept(m: EntityManager, row: UserTotpEntity, code: string): Promise<CodeCheck> {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return 'wrong';
    const totp = totpFor(Secret.fromBase32(this.cipher.decrypt(row.secretEncrypted)), '');
    const now = Date.now();
    const delta = totp.validate({ token, timestamp: now, window: 1 });
    if (delta === null) return 'wrong';
    const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
    // One conditional UPDATE: two racing requests with the same code cannot both get through.
    const accepted = returnedRows<{ user_id: string }>(
      await m.query(
        `UPDATE user_totp SET last_step = $2
          WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2) RETURNING user_id`,
        [row.userId, step],
      ),
    );
    return accepted.length === 1 ? 'ok' : 'reused';
  }
}

function totpFor(secret: Secret, label: string): TOTP {
  return new TOTP({ issuer: 'Gezinsplan', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function recoveryHash(userId: string, normalised: string): string {
  return createHash('sha256').update(`${userId}:${normalised}`).digest('hex');
}
