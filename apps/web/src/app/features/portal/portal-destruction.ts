import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import type { DestructionRequestResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { refusalReasonLabel, REFUSAL_REASON_TEXTS } from '../family/family-retention';
import { RetentionApi } from '../family/retention-api';

const TEXTS = defineTexts(
  {
    title: 'Gegevens laten vernietigen',
    introParent:
      'Wij bewaren het dossier van uw gezin na het einde van de hulp 20 jaar. Zo staat het in de Jeugdwet. Bij een kinderbeschermingsmaatregel is dat langer. Daarna vernietigen wij alles vanzelf.',
    introYouth:
      'Wij bewaren jouw gegevens na het einde van de hulp 20 jaar. Zo staat het in de wet. Ben je 12 jaar of ouder? Dan mag je vragen om jouw eigen gegevens eerder te vernietigen.',
    howParent:
      'U mag vragen om het dossier eerder te vernietigen. De regisseur beslist binnen 3 maanden. Die mag alleen nee zeggen als de wet dat toestaat. Bijvoorbeeld als er een kinderbeschermingsmaatregel loopt, of als het bewaren heel belangrijk is voor iemand anders. U krijgt dan altijd de reden.',
    howYouth:
      'De regisseur beslist binnen 3 maanden. Die mag alleen nee zeggen als de wet dat toestaat. Je krijgt dan altijd de reden.',
    whatHappens:
      'Zegt de regisseur ja? Dan wissen wij de gegevens meteen. Dat kan niet meer terug. Wel bewaren wij dat u het vroeg en wat er besloten is, zonder uw gegevens. Ook de lijst van wie het dossier heeft bekeken blijft bewaard.',
    explanationLabel: 'Waarom wilt u dit? (mag leeg blijven)',
    explanationLabelYouth: 'Waarom wil je dit? (mag leeg blijven)',
    submitParent: 'Vraag om het dossier te vernietigen',
    submitYouth: 'Vraag om mijn gegevens te vernietigen',
    sent: 'Uw verzoek is verstuurd. De regisseur laat u weten wat er besloten is.',
    mine: 'Uw verzoeken',
    scopeFamily: 'Het hele dossier van het gezin',
    scopeOwn: 'Eigen gegevens',
    askedOn: 'Gevraagd op {date}',
    pending: 'De regisseur beslist nog',
    granted: 'Ja: de gegevens zijn vernietigd',
    refused: 'Nee',
    reason: 'Reden: {reason}',
    pendingNote: 'U heeft al een verzoek dat nog loopt.',
  },
  {
    title: 'Have data destroyed',
    introParent:
      "We keep your family's file for 20 years after the help has ended. That is what the Youth Act says. For a child-protection measure it is longer. After that we destroy everything automatically.",
    introYouth:
      'We keep your data for 20 years after the help has ended. That is what the law says. Are you 12 or older? Then you may ask for your own data to be destroyed earlier.',
    howParent:
      'You may ask for the file to be destroyed earlier. The case director decides within 3 months and may only say no when the law allows it. For example when a child-protection measure is running, or when keeping it is very important for someone else. You will always be told why.',
    howYouth:
      'The case director decides within 3 months and may only say no when the law allows it. You will always be told why.',
    whatHappens:
      'Does the case director say yes? Then we erase the data at once. That cannot be undone. We do keep that you asked and what was decided, without your data. The list of who looked at the file is kept too.',
    explanationLabel: 'Why do you want this? (may stay empty)',
    explanationLabelYouth: 'Why do you want this? (may stay empty)',
    submitParent: 'Ask to destroy the file',
    submitYouth: 'Ask to destroy my data',
    sent: 'Your request has been sent. The case director will let you know the decision.',
    mine: 'Your requests',
    scopeFamily: "The family's whole file",
    scopeOwn: 'Own data',
    askedOn: 'Asked on {date}',
    pending: 'The case director is still deciding',
    granted: 'Yes: the data has been destroyed',
    refused: 'No',
    reason: 'Reason: {reason}',
    pendingNote: 'You already have a request that is still open.',
  },
);

/** A parent (the whole file) or a youth from 12 (their own data) asks for early destruction, in plain words. */
@Component({
  selector: 'gp-portal-destruction',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="vernietigen-titel">
      <h2 id="vernietigen-titel" tabindex="-1">{{ t().title }}</h2>
      <p>{{ youth ? t().introYouth : t().introParent }}</p>
      <p>{{ youth ? t().howYouth : t().howParent }}</p>
      <p>{{ t().whatHappens }}</p>
      @if (sent()) {
        <p class="gp-alert gp-alert--success" role="status">{{ t().sent }}</p>
      }
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
      @if (hasPending()) {
        <p class="gp-muted">{{ t().pendingNote }}</p>
      } @else {
        <form (submit)="submit($event, explanation.value)" novalidate>
          <div class="gp-field">
            <label for="vernietigen-waarom">{{ youth ? t().explanationLabelYouth : t().explanationLabel }}</label>
            <textarea #explanation id="vernietigen-waarom" rows="3" maxlength="2000"></textarea>
          </div>
          <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
            {{ youth ? t().submitYouth : t().submitParent }}
          </button>
        </form>
      }
      @if (requests().length > 0) {
        <h3>{{ t().mine }}</h3>
        <ul class="list">
          @for (req of requests(); track req.id) {
            <li class="gp-card">
              <p>
                <strong>{{ req.scope === 'family' ? t().scopeFamily : t().scopeOwn }}</strong>
                · {{ fill(t().askedOn, { date: i18n.date(req.requestedAt) }) }}
              </p>
              <p>
                <span class="gp-badge" [class.gp-badge--warning]="req.status === 'pending'">
                  {{ req.status === 'pending' ? t().pending : req.status === 'granted' ? t().granted : t().refused }}
                </span>
              </p>
              @if (req.reasonCode) {
                <p>{{ fill(t().reason, { reason: reasonLabel(req.reasonCode) }) }}</p>
              }
              @if (req.note) {
                <p>{{ req.note }}</p>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .list {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .list p {
      margin: 0 0 var(--gp-space-1);
    }
    textarea {
      width: 100%;
    }
  `,
})
export class PortalDestruction {
  readonly familyId = input.required<string>();
  private readonly api = inject(RetentionApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  private readonly reasonTexts = this.i18n.texts(REFUSAL_REASON_TEXTS);
  protected readonly fill = fill;
  protected readonly youth = inject(Session).user()?.role === 'youth';
  protected readonly requests = signal<DestructionRequestResponse[]>([]);
  protected readonly hasPending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      this.familyId();
      untracked(() => void this.load());
    });
  }

  protected reasonLabel(code: Parameters<typeof refusalReasonLabel>[1]): string {
    return refusalReasonLabel(this.reasonTexts(), code);
  }

  private async load(): Promise<void> {
    try {
      const list = await firstValueFrom(this.api.requests(this.familyId()));
      this.requests.set(list);
      this.hasPending.set(list.some((r) => r.status === 'pending'));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  protected async submit(event: Event, explanation: string): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(
        this.api.request(this.familyId(), explanation.trim() ? { explanation: explanation.trim() } : {}),
      );
      this.sent.set(true);
      await this.load();
      setTimeout(() => document.getElementById('vernietigen-titel')?.focus());
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
