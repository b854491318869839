import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { type EmergencyAccessGrant, PERMISSIONS } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { PrivacyApi } from './privacy-api';

const TEXTS = defineTexts(
  {
    active:
      'U gebruikt noodtoegang tot dit dossier, tot {until}. Alles wat u bekijkt wordt vastgelegd en is zichtbaar voor het gezin en de regisseur. Reden: {reason}',
  },
  {
    active:
      'You are using emergency access to this file, until {until}. Everything you look at is recorded and visible to the family and the case director. Reason: {reason}',
  },
);

/** A warning on the family page while the professional sees it through emergency access. */
@Component({
  selector: 'gp-emergency-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (grant(); as g) {
      <p class="gp-alert gp-alert--warning" role="status" data-testid="noodtoegang-banner">
        {{ fill(t().active, { until: i18n.dateTime(g.expiresAt), reason: g.reason }) }}
      </p>
    }
  `,
})
export class EmergencyBanner {
  readonly familyId = input.required<string>();
  private readonly api = inject(PrivacyApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly grant = signal<EmergencyAccessGrant | null>(null);

  constructor() {
    effect(() => {
      const id = this.familyId();
      if (!this.session.can(PERMISSIONS.emergencyAccess)) return;
      untracked(async () => {
        try {
          const grants = await firstValueFrom(this.api.myEmergency());
          this.grant.set(grants.find((g) => g.familyId === id && g.active) ?? null);
        } catch {
          this.grant.set(null);
        }
      });
    });
  }
}
