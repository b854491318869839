import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { defineTexts, I18n } from '../../core/i18n';
import { PortalAccessLog } from '../portal/portal-access-log';

const TEXTS = defineTexts(
  {
    title: 'Toegangslog (NEN 7513)',
    intro: 'Wie het dossier heeft bekeken of gewijzigd, op welke grond, en of noodtoegang is gebruikt.',
    show: 'Toegangslog tonen',
    hide: 'Toegangslog verbergen',
  },
  {
    title: 'Access log (NEN 7513)',
    intro: 'Who looked at or changed the file, on which basis, and whether emergency access was used.',
    show: 'Show access log',
    hide: 'Hide access log',
  },
);

/** The regisseur's view of the family's access log, opened on request (each opening is itself logged). */
@Component({
  selector: 'gp-family-access-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PortalAccessLog],
  template: `
    <section aria-labelledby="toegangslog-titel" class="gp-card">
      <h2 id="toegangslog-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>
      <button
        type="button"
        class="gp-button gp-button--secondary"
        [attr.aria-expanded]="open()"
        aria-controls="toegangslog-inhoud"
        (click)="open.set(!open())"
      >
        {{ open() ? t().hide : t().show }}
      </button>
      <div id="toegangslog-inhoud">
        @if (open()) {
          <gp-portal-access-log [familyId]="familyId()" />
        }
      </div>
    </section>
  `,
  styles: `
    .gp-button {
      min-height: 44px;
      margin-bottom: var(--gp-space-3);
    }
  `,
})
export class FamilyAccessLog {
  readonly familyId = input.required<string>();
  protected readonly t = inject(I18n).texts(TEXTS);
  protected readonly open = signal(false);
}
