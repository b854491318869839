import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import type { FamilyMemberResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { PortalApi } from './portal-api';

const TEXTS = defineTexts(
  {
    title: 'Wat zien uw ouders?',
    intro: 'U bent 16 jaar of ouder. U bepaalt zelf of uw ouders uw doelen in het plan mogen zien.',
    label: 'Mijn ouders mogen mijn doelen zien',
    on: 'Uw ouders kunnen uw doelen nu zien.',
    off: 'Uw ouders kunnen uw doelen nu niet zien.',
    busy: 'Bezig met opslaan…',
  },
  {
    title: 'What do your parents see?',
    intro: 'You are 16 or older. You decide yourself whether your parents may see your goals in the plan.',
    label: 'My parents may see my goals',
    on: 'Your parents can now see your goals.',
    off: 'Your parents cannot see your goals now.',
    busy: 'Saving…',
  },
);

/** A youth from 16 decides whether their parents see their data (PUT /api/me/sharing). */
@Component({
  selector: 'gp-portal-sharing',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="delen-titel">
      <h2 id="delen-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>
      <label class="toggle" for="delen">
        <input
          id="delen"
          type="checkbox"
          role="switch"
          [checked]="shares()"
          [disabled]="busy()"
          (change)="set($any($event.target).checked)"
        />
        <span>{{ t().label }}</span>
      </label>
      <p role="status" class="state">{{ busy() ? t().busy : shares() ? t().on : t().off }}</p>
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
    </section>
  `,
  styles: `
    .toggle {
      display: inline-flex;
      align-items: center;
      gap: var(--gp-space-2);
      min-height: 44px;
      font-weight: 700;
      cursor: pointer;
    }
    .toggle input {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
    }
  `,
})
export class PortalSharing {
  readonly member = input.required<FamilyMemberResponse>();
  private readonly api = inject(PortalApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly shares = linkedSignal(() => this.member().sharesWithParents === true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async set(sharesWithParents: boolean): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const member = await firstValueFrom(this.api.sharing({ sharesWithParents }));
      this.shares.set(member.sharesWithParents === true);
    } catch (err) {
      this.shares.set(!sharesWithParents);
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
