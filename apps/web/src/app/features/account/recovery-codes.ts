import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { defineTexts, I18n } from '../../core/i18n';

const TEXTS = defineTexts(
  {
    heading: 'Uw herstelcodes',
    intro:
      'Kunt u de authenticator-app een keer niet gebruiken, bijvoorbeeld omdat u een nieuwe telefoon heeft? Log dan in met een van deze codes. Elke code werkt één keer.',
    once: 'U ziet deze codes nu één keer. Bewaar ze op een veilige plek, bijvoorbeeld in een wachtwoordkluis of op papier.',
    listLabel: 'Herstelcodes',
    saved: 'Ik heb de herstelcodes bewaard',
    savedMissing: 'Vink aan dat u de codes heeft bewaard.',
    continue: 'Doorgaan',
  },
  {
    heading: 'Your recovery codes',
    intro:
      'If you cannot use the authenticator app for once, for example because you have a new phone, log in with one of these codes. Each code works once.',
    once: 'You see these codes only this once. Keep them somewhere safe, for example in a password manager or on paper.',
    listLabel: 'Recovery codes',
    saved: 'I have saved the recovery codes',
    savedMissing: 'Tick the box to confirm you saved the codes.',
    continue: 'Continue',
  },
);

/** The ten recovery codes, shown once, with an "I saved them" step before going on. */
@Component({
  selector: 'gp-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="codes" aria-labelledby="codes-kop">
      <h2 id="codes-kop" tabindex="-1">{{ t().heading }}</h2>
      <p>{{ t().intro }}</p>
      <p class="gp-alert gp-alert--warning">{{ t().once }}</p>
      <ol class="codes__list" [attr.aria-label]="t().listLabel" data-testid="recovery-codes">
        @for (code of codes(); track code) {
          <li>
            <code>{{ code }}</code>
          </li>
        }
      </ol>
      <div class="codes__check">
        <input
          id="codes-saved"
          type="checkbox"
          [checked]="saved()"
          (change)="toggle($event)"
          [attr.aria-invalid]="missing()"
          [attr.aria-describedby]="missing() ? 'codes-saved-fout' : null"
        />
        <label for="codes-saved">{{ t().saved }}</label>
      </div>
      @if (missing()) {
        <p class="gp-field__error" id="codes-saved-fout" role="alert">{{ t().savedMissing }}</p>
      }
      <button type="button" class="gp-button" (click)="continue()">{{ t().continue }}</button>
    </section>
  `,
  styles: `
    .codes__list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: var(--gp-space-2);
      padding-left: 1.5rem;
      font-size: 1.05rem;
    }
    .codes__check {
      display: flex;
      align-items: center;
      gap: var(--gp-space-2);
      min-height: 44px;
      margin-bottom: var(--gp-space-2);
    }
    .codes__check input {
      width: 1.5rem;
      height: 1.5rem;
    }
  `,
})
export class RecoveryCodesComponent {
  protected readonly t = inject(I18n).texts(TEXTS);
  readonly codes = input.required<string[]>();
  readonly done = output<void>();
  protected readonly saved = signal(false);
  protected readonly missing = signal(false);

  protected toggle(event: Event): void {
    this.saved.set((event.target as HTMLInputElement).checked);
    if (this.saved()) this.missing.set(false);
  }

  protected continue(): void {
    if (!this.saved()) {
      this.missing.set(true);
      return;
    }
    this.done.emit();
  }
}
