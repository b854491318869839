import type { SsoConfigResponse, SsoOrganisationOption } from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { updateIfVersion } from '../../database/versioned';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../organisations/admin-rules';
import { OrganisationEntity } from '../organisations/organisation.entity';
import type { SsoConfigDto } from './sso.dto';
import { OrganisationSsoEntity } from './sso.entity';

/** The base URL browsers reach the app on: PUBLIC_URL, or http://localhost:PORT. */
export const publicUrl = (env: Env) => (env.PUBLIC_URL || `http://localhost:${env.PORT}`).replace(/\/+$/, '');
export const redirectUriOf = (env: Env) => `${publicUrl(env)}/api/auth/sso/callback`;

/** Per-organisation SSO configuration (admin). The client secret is encrypted at rest and never answered. */
@Injectable()
export class SsoConfigService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async get(organisationId: string): Promise<SsoConfigResponse> {
    if (!(await this.ds.getRepository(OrganisationEntity).existsBy({ id: organisationId }))) {
      throw notFound('Organisation');
    }
    return this.toResponse(organisationId, await this.find(organisationId));
  }

  /**
   * Creates (If-Match "0") or changes the configuration if nobody changed it since `expected`. The secret is
   * required when creating and kept when omitted later.
   */
  async put(actor: Actor, organisationId: string, expected: number, dto: SsoConfigDto): Promise<SsoConfigResponse> {
    if (!(await this.ds.getRepository(OrganisationEntity).existsBy({ id: organisationId }))) {
      throw notFound('Organisation');
    }
    const current = await this.find(organisationId);
    if (!current && dto.clientSecret === undefined) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Invalid input: clientSecret', [
        { field: 'clientSecret', messages: ['clientSecret is required when configuring SSO for the first time'] },
      ]);
    }
    const changes = {
      issuer: dto.issuer.replace(/\/+$/, ''),
      clientId: dto.clientId,
      enabled: dto.enabled,
      claim: dto.claim ?? current?.claim ?? 'email',
      ...(dto.clientSecret === undefined ? {} : { clientSecretEncrypted: this.cipher.encrypt(dto.clientSecret) }),
    };
    const details = {
      issuer: changes.issuer,
      clientId: changes.clientId,
      enabled: changes.enabled,
      claim: changes.claim,
      secretChanged: dto.clientSecret !== undefined,
      expectedVersion: expected,
    };
    try {
      const outcome = await this.ds.transaction(async (m) => {
        let ok: boolean;
        if (!current) {
          ok = expected === 0;
          if (ok)
            await m.insert(OrganisationSsoEntity, {
              organisationId,
              ...changes,
              clientSecretEncrypted: changes.clientSecretEncrypted ?? '',
            });
        } else {
          ok = await updateIfVersion(m, OrganisationSsoEntity, current.id, expected, changes);
        }
        const saved = await this.find(organisationId, m);
        await this.audit.record(
          actor,
          {
            resource: 'organisation_sso',
            action: current ? 'update' : 'create',
            result: ok ? 'success' : 'conflict',
            subjectId: organisationId,
            details: { ...details, currentVersion: saved?.version ?? 0 },
          },
          m,
        );
        return { ok, response: this.toResponse(organisationId, saved) };
      });
      if (!outcome.ok) throw versionConflict(outcome.response.version, outcome.response);
      return outcome.response;
    } catch (error) {
      if (isUniqueViolation(error)) {
        const now = await this.get(organisationId);
        throw versionConflict(now.version, now);
      }
      throw error;
    }
  }

  /** The organisations offering SSO, for the login page: id and name only. */
  async offering(): Promise<SsoOrganisationOption[]> {
    const rows: { id: string; name: string }[] = await this.ds.query(
      `SELECT o.id, o.name FROM organisation_sso s JOIN organisation o ON o.id = s.organisation_id
        WHERE s.enabled ORDER BY o.name`,
    );
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  /** The enabled configuration with its decrypted secret, for a login; null when absent or disabled. */
  async enabledConfig(
    organisationId: string,
  ): Promise<{ issuer: string; clientId: string; clientSecret: string; claim: OrganisationSsoEntity['claim'] } | null> {
    const row = await this.find(organisationId);
    if (!row?.enabled) return null;
    return {
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: this.cipher.decrypt(row.clientSecretEncrypted),
      claim: row.claim,
    };
  }

  private find(organisationId: string, m: EntityManager = this.ds.manager): Promise<OrganisationSsoEntity | null> {
    return m.getRepository(OrganisationSsoEntity).findOne({ where: { organisationId } });
  }

  private toResponse(organisationId: string, row: OrganisationSsoEntity | null): SsoConfigResponse {
    return {
      organisationId,
      configured: row !== null,
      issuer: row?.issuer ?? '',
      clientId: row?.clientId ?? '',
      clientSecretSet: (row?.clientSecretEncrypted ?? '') !== '',
      enabled: row?.enabled ?? false,
      claim: row?.claim ?? 'email',
      redirectUri: redirectUriOf(this.env),
      version: row?.version ?? 0,
    };
  }
}
