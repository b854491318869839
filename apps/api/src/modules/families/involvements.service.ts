import type { InvolvementResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { LiveService } from '../live/live.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { GiveConsentDto, InvolveOrganisationDto } from './dto/register-family.dto';
import { InvolvementEntity } from './involvement.entity';

interface Row {
  id: string;
  organisation_id: string;
  name: string;
  type: string;
  since: string;
  until: string | null;
  consent_given_at: Date | null;
  consent_given_by: string | null;
  consent_withdrawn_at: Date | null;
}

/** Organisations involved with a family (betrokkenheid) and the family's consent (toestemming). */
@Injectable()
export class InvolvementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly live: LiveService,
  ) {}

  async list(actor: Actor, familyId: string): Promise<InvolvementResponse[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'involvement', action: 'list' });
    await this.audit.record(actor, { resource: 'involvement', action: 'list', result: 'success', familyId, basis });
    return (await this.rows(familyId)).map(toResponse);
  }

  async involve(actor: Actor, familyId: string, dto: InvolveOrganisationDto): Promise<InvolvementResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'involvement', action: 'create' });
    const [org]: { type: string }[] = await this.ds.query('SELECT type FROM organisation WHERE id = $1', [
      dto.organisationId,
    ]);
    if (!org || !['provider', 'gi', 'other'].includes(org.type)) {
      throw new AppError(422, 'UNPROCESSABLE', 'Only care providers, GIs and other organisations can be involved', [
        { field: 'organisationId', messages: ['not a provider, GI or other organisation'] },
      ]);
    }
    const id = await this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(InvolvementEntity, {
          familyId,
          organisationId: dto.organisationId,
          since: new Date().toISOString().slice(0, 10),
          consentGivenAt: dto.consentGivenBy ? new Date() : null,
          consentGivenBy: dto.consentGivenBy ?? null,
        }),
      );
      await this.events.changed(
        actor,
        {
          audit: { resource: 'involvement', action: 'create', basis, subjectId: saved.id },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'involvement', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: 'heeft een organisatie bij het gezin betrokken',
        },
        m,
      );
      return saved.id;
    });
    return this.one(familyId, id);
  }

  async giveConsent(actor: Actor, involvementId: string, dto: GiveConsentDto): Promise<InvolvementResponse> {
    return this.setConsent(actor, involvementId, 'give', dto.givenBy);
  }

  /** Withdrawing consent ends the organisation's access at once (every query checks it). */
  async withdrawConsent(actor: Actor, involvementId: string): Promise<InvolvementResponse> {
    return this.setConsent(actor, involvementId, 'withdraw', null);
  }

  private async setConsent(actor: Actor, involvementId: string, kind: 'give' | 'withdraw', givenBy: string | null) {
    const [inv]: { family_id: string }[] = await this.ds.query('SELECT family_id FROM involvement WHERE id = $1', [
      involvementId,
    ]);
    if (!inv) throw notFound('Involvement');
    const familyId = inv.family_id;
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'involvement', action: 'update' });
    if (actor.role === 'parent' && actor.familyId !== familyId) throw notFound('Involvement');
    await this.ds.transaction(async (m) => {
      if (kind === 'give') {
        await m.query(
          `UPDATE involvement SET consent_given_at = now(), consent_given_by = $2, consent_withdrawn_at = NULL,
                  version = version + 1, updated_at = now() WHERE id = $1`,
          [involvementId, givenBy],
        );
      } else {
        await m.query(
          'UPDATE involvement SET consent_withdrawn_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND consent_withdrawn_at IS NULL',
          [involvementId],
        );
      }
      await this.events.changed(
        actor,
        {
          audit: {
            resource: 'consent',
            action: 'update',
            basis,
            subjectId: involvementId,
            details: { consent: kind },
          },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'involvement', id: involvementId },
          action: 'updated',
          version: null,
          summary:
            kind === 'give' ? 'heeft toestemming vastgelegd' : 'heeft de toestemming voor een organisatie ingetrokken',
        },
        m,
      );
    });
    // Access ends at once: REST checks consent on every request; the live channel re-checks its viewers now.
    if (kind === 'withdraw') await this.live.revalidateFamily(familyId);
    return this.one(familyId, involvementId);
  }

  private async one(familyId: string, id: string): Promise<InvolvementResponse> {
    const row = (await this.rows(familyId)).find((r) => r.id === id);
    if (!row) throw notFound('Involvement');
    return toResponse(row);
  }

  private rows(familyId: string): Promise<Row[]> {
    return this.ds.query(
      `SELECT i.id, i.organisation_id, o.name, o.type, i.since::text, i.until::text, i.consent_given_at, i.consent_given_by, i.consent_withdrawn_at
         FROM involvement i JOIN organisation o ON o.id = i.organisation_id
        WHERE i.family_id = $1 ORDER BY i.created_at`,
      [familyId],
    );
  }
}

function toResponse(r: Row): InvolvementResponse {
  const active = r.consent_given_at !== null && r.consent_withdrawn_at === null;
  return {
    id: r.id,
    organisation: { id: r.organisation_id, name: r.name, type: r.type },
    since: r.since,
    until: r.until,
    consent: {
      status: r.consent_withdrawn_at ? 'withdrawn' : active ? 'given' : 'pending',
      givenBy: r.consent_given_by,
      givenAt: r.consent_given_at ? new Date(r.consent_given_at).toISOString() : null,
      withdrawnAt: r.consent_withdrawn_at ? new Date(r.consent_withdrawn_at).toISOString() : null,
    },
  };
}
