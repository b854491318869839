import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import {
  DESTRUCTION_REFUSAL_REASONS,
  type DestructionRefusalReason,
  type DestructionRequestResponse,
  type FamilyRetention,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { RetentionApi } from './retention-api';

const TEXTS = defineTexts(
  {
    title: 'Dossier en bewaartermijn',
    open: 'Het dossier is open.',
    closed: 'Het dossier is gesloten. De hulp is beëindigd op {date}.',
    ruleYouthCare: 'Jeugdhulp: bewaard tot {date} (20 jaar na het einde van de hulp), daarna automatisch vernietigd.',
    ruleProtection:
      'Kinderbeschermingsmaatregel: bewaard tot {date} (30 jaar nadat de jongste jeugdige 18 werd), daarna automatisch vernietigd.',
    closeTitle: 'Dossier sluiten',
    closeIntro: 'Sluit het dossier als de hulp is beëindigd. Tot de vernietiging kunt u het weer openen.',
    helpEnded: 'Datum einde hulp',
    helpEndedMissing: 'Vul een datum in die niet in de toekomst ligt.',
    protection: 'Dit is een dossier van een kinderbeschermingsmaatregel',
    protectionHint: 'Leeg laten: het systeem kijkt of een gecertificeerde instelling betrokken was.',
    closeButton: 'Dossier sluiten',
    reopenButton: 'Dossier weer openen',
    closedDone: 'Het dossier is gesloten.',
    reopenedDone: 'Het dossier is weer open.',
    conflict: 'Iemand anders heeft het gezin intussen gewijzigd. Bekijk de actuele stand en probeer het opnieuw.',
    requestsTitle: 'Verzoeken om vernietiging',
    noRequests: 'Er zijn geen verzoeken om vernietiging.',
    scopeFamily: 'Het hele dossier',
    scopeOwn: 'Eigen gegevens',
    byParent: 'ouder',
    byYouth: 'jeugdige',
    requested: 'Gevraagd op {date} door {name} ({role})',
    requestedAnonymous: 'Gevraagd op {date} ({role})',
    explanation: 'Toelichting: {text}',
    statusPending: 'Wacht op besluit',
    statusGranted: 'Toegekend: gegevens vernietigd',
    statusRefused: 'Afgewezen',
    reason: 'Reden: {reason}',
    decisionTitle: 'Besluit',
    grant: 'Toekennen en nu vernietigen',
    refuse: 'Afwijzen',
    grantWarning: 'Toekennen vernietigt de gegevens direct. Dit kan niet ongedaan worden gemaakt.',
    reasonLabel: 'Reden van afwijzing',
    chooseReason: 'Kies een reden',
    reasonMissing: 'Kies een reden om af te wijzen.',
    noteLabel: 'Uitleg voor de aanvrager',
    noteMissing: 'Leg de reden “anders” uit.',
    decided: 'Het besluit is vastgelegd.',
    erased: 'De gegevens zijn vernietigd.',
  },
  {
    title: 'File and retention',
    open: 'The file is open.',
    closed: 'The file is closed. The help ended on {date}.',
    ruleYouthCare: 'Youth care: kept until {date} (20 years after the help ended), then destroyed automatically.',
    ruleProtection:
      'Child-protection measure: kept until {date} (30 years after the youngest youth turned 18), then destroyed automatically.',
    closeTitle: 'Close the file',
    closeIntro: 'Close the file when the help has ended. Until it is destroyed you can reopen it.',
    helpEnded: 'Date the help ended',
    helpEndedMissing: 'Enter a date that is not in the future.',
    protection: 'This is the file of a child-protection measure',
    protectionHint: 'Leave empty: the system checks whether a certified institution was involved.',
    closeButton: 'Close the file',
    reopenButton: 'Reopen the file',
    closedDone: 'The file has been closed.',
    reopenedDone: 'The file is open again.',
    conflict: 'Someone else has just changed the family. Look at the current state and try again.',
    requestsTitle: 'Requests for destruction',
    noRequests: 'There are no requests for destruction.',
    scopeFamily: 'The whole file',
    scopeOwn: 'Own data',
    byParent: 'parent',
    byYouth: 'youth',
    requested: 'Asked on {date} by {name} ({role})',
    requestedAnonymous: 'Asked on {date} ({role})',
    explanation: 'Explanation: {text}',
    statusPending: 'Waiting for a decision',
    statusGranted: 'Granted: data destroyed',
    statusRefused: 'Refused',
    reason: 'Reason: {reason}',
    decisionTitle: 'Decision',
    grant: 'Grant and destroy now',
    refuse: 'Refuse',
    grantWarning: 'Granting destroys the data at once. This cannot be undone.',
    reasonLabel: 'Reason for refusing',
    chooseReason: 'Choose a reason',
    reasonMissing: 'Choose a reason to refuse.',
    noteLabel: 'Explanation for the requester',
    noteMissing: 'Explain the reason “other”.',
    decided: 'The decision has been recorded.',
    erased: 'The data has been destroyed.',
  },
);

/** The reason codes of a refusal in words (also used by the portal). */
export const REFUSAL_REASON_TEXTS = defineTexts<DestructionRefusalReason>(
  {
    'child-protection-measure': 'Er loopt een kinderbeschermingsmaatregel',
    'interest-of-another': 'Bewaren is van aanmerkelijk belang voor een ander',
    'legal-obligation': 'Een wettelijke plicht om te bewaren',
    'help-ongoing': 'De hulp loopt nog en het dossier is nodig',
    other: 'Anders (zie de uitleg)',
  },
  {
    'child-protection-measure': 'A child-protection measure is running',
    'interest-of-another': 'Keeping it is of substantial importance to someone else',
    'legal-obligation': 'A legal duty to keep it',
    'help-ongoing': 'The help is still running and the file is needed',
    other: 'Other (see the explanation)',
  },
);

export function refusalReasonLabel(
  t: Record<DestructionRefusalReason, string>,
  code: DestructionRefusalReason,
): string {
  return t[code] ?? code;
}

/**
 * The regisseur's (or access team's) part of issue 6: close and reopen the file, see its retention date, and
 * answer requests for early destruction (grant: erased at once; refuse: with a reason code and a note).
 */
@Component({
  selector: 'gp-family-retention',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="bewaren-titel">
      <h2 id="bewaren-titel" tabindex="-1">{{ t().title }}</h2>
      @if (message(); as text) {
        <p class="gp-alert gp-alert--success" role="status">{{ text }}</p>
      }
      @if (error(); as text) {
        <p class="gp-alert gp-alert--error" role="alert">{{ text }}</p>
      }
      @if (retention(); as r) {
        @if (r.status === 'closed') {
          <p>{{ fill(t().closed, { date: i18n.date(r.helpEndedOn ?? '') }) }}</p>
          @if (r.retentionUntil) {
            <p class="gp-muted">
              {{
                fill(r.rule === 'child-protection' ? t().ruleProtection : t().ruleYouthCare, {
                  date: i18n.date(r.retentionUntil),
                })
              }}
            </p>
          }
          @if (mayClose()) {
            <button type="button" class="gp-button gp-button--secondary" id="dossier-openen" (click)="reopen(r)">
              {{ t().reopenButton }}
            </button>
          }
        } @else {
          <p>{{ t().open }}</p>
          @if (mayClose()) {
            <form class="form" (submit)="close($event, r, ended.value, protection.checked)" novalidate>
              <h3>{{ t().closeTitle }}</h3>
              <p class="gp-muted">{{ t().closeIntro }}</p>
              <div class="gp-field">
                <label for="einde-hulp">{{ t().helpEnded }}</label>
                <input
                  #ended
                  id="einde-hulp"
                  type="date"
                  [max]="today"
                  [attr.aria-invalid]="dateError() ? 'true' : null"
                  [attr.aria-describedby]="dateError() ? 'einde-hulp-fout' : null"
                />
                @if (dateError()) {
                  <p class="gp-field__error" id="einde-hulp-fout">{{ t().helpEndedMissing }}</p>
                }
              </div>
              <div class="check">
                <input #protection id="maatregel" type="checkbox" aria-describedby="maatregel-hint" />
                <label for="maatregel">{{ t().protection }}</label>
              </div>
              <p class="gp-field__hint" id="maatregel-hint">{{ t().protectionHint }}</p>
              <button type="submit" class="gp-button" [disabled]="busy()">{{ t().closeButton }}</button>
            </form>
          }
        }
      }

      <h3>{{ t().requestsTitle }}</h3>
      @if (requests().length === 0) {
        <p class="gp-muted">{{ t().noRequests }}</p>
      }
      <ul class="requests">
        @for (req of requests(); track req.id) {
          <li class="request">
            <p>
              <strong>{{ req.scope === 'family' ? t().scopeFamily : t().scopeOwn }}</strong>
              <span
                class="gp-badge"
                [class.gp-badge--warning]="req.status === 'pending'"
                [class.gp-badge--success]="req.status === 'granted'"
              >
                {{
                  req.status === 'pending'
                    ? t().statusPending
                    : req.status === 'granted'
                      ? t().statusGranted
                      : t().statusRefused
                }}
              </span>
            </p>
            <p class="gp-muted">
              {{
                req.requestedBy
                  ? fill(t().requested, {
                      date: i18n.dateTime(req.requestedAt),
                      name: req.requestedBy.displayName,
                      role: req.requesterRole === 'parent' ? t().byParent : t().byYouth,
                    })
                  : fill(t().requestedAnonymous, {
                      date: i18n.dateTime(req.requestedAt),
                      role: req.requesterRole === 'parent' ? t().byParent : t().byYouth,
                    })
              }}
            </p>
            @if (req.explanation) {
              <p>{{ fill(t().explanation, { text: req.explanation }) }}</p>
            }
            @if (req.reasonCode) {
              <p>{{ fill(t().reason, { reason: reasonLabel(req.reasonCode) }) }}</p>
            }
            @if (req.note) {
              <p>{{ req.note }}</p>
            }
            @if (req.status === 'pending' && mayDecide()) {
              <form class="form" (submit)="refuse($event, req, reason.value, note.value)" novalidate>
                <h4>{{ t().decisionTitle }}</h4>
                <div class="gp-field">
                  <label [for]="'reden-' + req.id">{{ t().reasonLabel }}</label>
                  <select
                    #reason
                    [id]="'reden-' + req.id"
                    [attr.aria-invalid]="reasonError() === req.id ? 'true' : null"
                    [attr.aria-describedby]="reasonError() === req.id ? 'reden-fout-' + req.id : null"
                  >
                    <option value="">{{ t().chooseReason }}</option>
                    @for (code of reasons; track code) {
                      <option [value]="code">{{ reasonLabel(code) }}</option>
                    }
                  </select>
                  @if (reasonError() === req.id) {
                    <p class="gp-field__error" [id]="'reden-fout-' + req.id">{{ t().reasonMissing }}</p>
                  }
                </div>
                <div class="gp-field">
                  <label [for]="'uitleg-' + req.id">{{ t().noteLabel }}</label>
                  <textarea
                    #note
                    [id]="'uitleg-' + req.id"
                    rows="3"
                    maxlength="2000"
                    [attr.aria-invalid]="noteError() === req.id ? 'true' : null"
                    [attr.aria-describedby]="noteError() === req.id ? 'uitleg-fout-' + req.id : null"
                  ></textarea>
                  @if (noteError() === req.id) {
                    <p class="gp-field__error" [id]="'uitleg-fout-' + req.id">{{ t().noteMissing }}</p>
                  }
                </div>
                <div class="actions">
                  <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
                    {{ t().refuse }}
                  </button>
                  <button type="button" class="gp-button" [disabled]="busy()" (click)="grant(req)">
                    {{ t().grant }}
                  </button>
                </div>
                <p class="gp-field__hint">{{ t().grantWarning }}</p>
              </form>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .form {
      max-width: 34rem;
      margin-top: var(--gp-space-3);
    }
    .check {
      display: flex;
      align-items: center;
      gap: var(--gp-space-2);
      min-height: 44px;
    }
    .check input {
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
    }
    .requests {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--gp-space-3);
    }
    .request {
      border-top: 1px solid var(--gp-color-border, #ccc);
      padding-top: var(--gp-space-2);
    }
    .request p {
      margin: 0 0 var(--gp-space-1);
    }
    .request .gp-badge {
      margin-left: var(--gp-space-2);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyRetentionCard {
  readonly familyId = input.required<string>();
  readonly mayClose = input(false);
  readonly mayDecide = input(false);
  /** The family changed (closed, reopened) or was erased. */
  readonly changed = output<'status' | 'erased'>();

  private readonly api = inject(RetentionApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  private readonly reasonTexts = this.i18n.texts(REFUSAL_REASON_TEXTS);
  protected readonly fill = fill;
  protected readonly reasons = DESTRUCTION_REFUSAL_REASONS;
  protected readonly today = new Date().toISOString().slice(0, 10);

  protected readonly retention = signal<FamilyRetention | null>(null);
  protected readonly requests = signal<DestructionRequestResponse[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly dateError = signal(false);
  protected readonly reasonError = signal<string | null>(null);
  protected readonly noteError = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      this.familyId();
      untracked(() => void this.load());
    });
  }

  protected reasonLabel(code: DestructionRefusalReason): string {
    return refusalReasonLabel(this.reasonTexts(), code);
  }

  async load(): Promise<void> {
    try {
      const [retention, requests] = await Promise.all([
        firstValueFrom(this.api.retention(this.familyId())),
        firstValueFrom(this.api.requests(this.familyId())),
      ]);
      this.retention.set(retention);
      this.requests.set(requests);
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  protected async close(
    event: Event,
    r: FamilyRetention,
    helpEndedOn: string,
    childProtection: boolean,
  ): Promise<void> {
    event.preventDefault();
    this.dateError.set(!helpEndedOn || helpEndedOn > this.today);
    if (this.dateError()) {
      document.getElementById('einde-hulp')?.focus();
      return;
    }
    await this.run(
      () =>
        this.api.close(this.familyId(), r.version, { helpEndedOn, ...(childProtection ? { childProtection } : {}) }),
      this.t().closedDone,
      'dossier-openen',
    );
  }

  protected async reopen(r: FamilyRetention): Promise<void> {
    await this.run(() => this.api.reopen(this.familyId(), r.version), this.t().reopenedDone, 'einde-hulp');
  }

  protected async refuse(event: Event, req: DestructionRequestResponse, reason: string, note: string): Promise<void> {
    event.preventDefault();
    this.reasonError.set(reason ? null : req.id);
    this.noteError.set(reason === 'other' && !note.trim() ? req.id : null);
    if (this.reasonError()) {
      document.getElementById(`reden-${req.id}`)?.focus();
      return;
    }
    if (this.noteError()) {
      document.getElementById(`uitleg-${req.id}`)?.focus();
      return;
    }
    await this.decide(req, {
      decision: 'refused',
      reasonCode: reason as DestructionRefusalReason,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  }

  protected async grant(req: DestructionRequestResponse): Promise<void> {
    await this.decide(req, { decision: 'granted' });
  }

  private async decide(
    req: DestructionRequestResponse,
    body: { decision: 'granted' | 'refused'; reasonCode?: DestructionRefusalReason; note?: string },
  ): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    try {
      const saved = await firstValueFrom(this.api.decide(req.id, req.version, body));
      if (saved.status === 'granted' && saved.scope === 'family') {
        this.message.set(this.t().erased);
        this.changed.emit('erased');
        return;
      }
      this.message.set(saved.status === 'granted' ? this.t().erased : this.t().decided);
      await this.load();
      setTimeout(() => document.getElementById('bewaren-titel')?.focus());
    } catch (err) {
      this.error.set(conflictOf(err) ? this.t().conflict : errorText(err, this.i18n.lang()));
      await this.load();
    } finally {
      this.busy.set(false);
    }
  }

  private async run(call: () => ReturnType<RetentionApi['close']>, done: string, focusId: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    try {
      this.retention.set(await firstValueFrom(call()));
      this.message.set(done);
      this.changed.emit('status');
      setTimeout(() => document.getElementById(focusId)?.focus());
    } catch (err) {
      this.error.set(conflictOf(err) ? this.t().conflict : errorText(err, this.i18n.lang()));
      await this.load();
    } finally {
      this.busy.set(false);
    }
  }
}
