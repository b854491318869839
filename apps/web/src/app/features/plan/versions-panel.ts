import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import {
  PERMISSIONS,
  type AgreementStatus,
  type DiffEntry,
  type GoalStatus,
  type LifeDomain,
  type PlanDiffResponse,
  type SectionKind,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n, type Lang } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { PlanApi } from './plan-api';
import { PlanStore } from './plan-store';

const TEXTS = defineTexts(
  {
    heading: 'Versies',
    intro: 'Een versie is het plan zoals het gezin het heeft goedgekeurd. Het plan zelf blijft daarna veranderen.',
    none: 'Er is nog geen versie vastgelegd.',
    number: 'Versie',
    agreedOn: 'Vastgelegd op',
    agreedBy: 'Door',
    onBehalf: 'namens het gezin: {reason}',
    actions: 'Bekijken',
    diff: 'Wat is er veranderd',
    diffLabel: 'Wat is er veranderd in versie {n}',
    pdf: 'PDF',
    pdfLabel: 'PDF van versie {n}',
    pdfNow: 'PDF van het plan zoals het nu is',
    pdfReady: 'De PDF is geopend in een nieuw tabblad.',
    pdfOpen: 'Opent er niets? Open de PDF',
    diffHeading: 'Wat is er veranderd van versie {a} naar versie {b}',
    noChanges: 'Er is niets veranderd.',
    before: 'Eerst (versie {n})',
    after: 'Nu (versie {n})',
    empty: '(leeg)',
    yes: 'ja',
    no: 'nee',
    closeDiff: 'Vergelijking sluiten',
    agreeHeading: 'Deze versie vastleggen',
    agreeIntro:
      'Ouders keuren het plan goed in hun eigen portaal. Kan of wil het gezin dat niet zelf doen, leg deze versie dan namens het gezin vast en schrijf op waarom.',
    reason: 'Waarom legt u de versie namens het gezin vast?',
    reasonRequired: 'Schrijf op waarom (minstens 3 tekens).',
    agree: 'Deze versie vastleggen',
    agreed: 'Versie {n} is vastgelegd.',
    changedSince: 'Het plan is intussen veranderd. Bekijk de nieuwste stand en leg de versie daarna opnieuw vast.',
  },
  {
    heading: 'Versions',
    intro: 'A version is the plan as the family approved it. The plan itself keeps changing afterwards.',
    none: 'No version has been agreed yet.',
    number: 'Version',
    agreedOn: 'Agreed on',
    agreedBy: 'By',
    onBehalf: "on the family's behalf: {reason}",
    actions: 'View',
    diff: 'What changed',
    diffLabel: 'What changed in version {n}',
    pdf: 'PDF',
    pdfLabel: 'PDF of version {n}',
    pdfNow: 'PDF of the plan as it is now',
    pdfReady: 'The PDF opened in a new tab.',
    pdfOpen: 'Nothing opened? Open the PDF',
    diffHeading: 'What changed from version {a} to version {b}',
    noChanges: 'Nothing changed.',
    before: 'Before (version {n})',
    after: 'After (version {n})',
    empty: '(empty)',
    yes: 'yes',
    no: 'no',
    closeDiff: 'Close comparison',
    agreeHeading: 'Agree this version',
    agreeIntro:
      "Parents approve the plan in their own portal. If the family cannot or will not do so themselves, agree this version on the family's behalf and write down why.",
    reason: "Why do you agree this version on the family's behalf?",
    reasonRequired: 'Write down why (at least 3 characters).',
    agree: 'Agree this version',
    agreed: 'Version {n} has been agreed.',
    changedSince: 'The plan has changed in the meantime. Look at the latest state, then agree the version again.',
  },
);

const FIELD: Record<Lang, Record<string, string>> = {
  nl: {
    content: 'Tekst',
    title: 'Titel',
    lifeDomain: 'Leefgebied',
    priority: 'Volgorde',
    targetDate: 'Streefdatum',
    status: 'Status',
    memberIds: 'Gezinsleden',
    zrmDomain: 'ZRM-domein',
    safetyCondition: 'Veiligheidsvoorwaarde',
    description: 'Afspraak',
    ownerLabel: 'Wie',
    dueDate: 'Klaar op',
    evaluationDate: 'Evaluatiedatum',
  },
  en: {
    content: 'Text',
    title: 'Title',
    lifeDomain: 'Life domain',
    priority: 'Order',
    targetDate: 'Target date',
    status: 'Status',
    memberIds: 'Family members',
    zrmDomain: 'ZRM domain',
    safetyCondition: 'Safety condition',
    description: 'Agreement',
    ownerLabel: 'Who',
    dueDate: 'Due',
    evaluationDate: 'Evaluation date',
  },
};

const ITEM: Record<Lang, Record<DiffEntry['item'] | DiffEntry['change'], string>> = {
  nl: {
    plan: 'Plan',
    section: 'Onderdeel',
    goal: 'Doel',
    agreement: 'Afspraak',
    added: 'toegevoegd',
    removed: 'verwijderd',
    changed: 'gewijzigd',
  },
  en: {
    plan: 'Plan',
    section: 'Section',
    goal: 'Goal',
    agreement: 'Agreement',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
  },
};

/** Agreed versions, what changed between them, the PDFs, and agreeing a version on the family's behalf. */
@Component({
  selector: 'gp-versions-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="versions" aria-labelledby="versies">
      <h2 id="versies">{{ t().heading }}</h2>
      <p class="gp-muted">{{ t().intro }}</p>
      @if (store.versions().length === 0) {
        <p>{{ t().none }}</p>
      } @else {
        <table class="gp-table">
          <caption class="gp-visually-hidden">
            {{
              t().heading
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ t().number }}</th>
              <th scope="col">{{ t().agreedOn }}</th>
              <th scope="col">{{ t().agreedBy }}</th>
              <th scope="col">{{ t().actions }}</th>
            </tr>
          </thead>
          <tbody>
            @for (version of store.versions(); track version.number) {
              <tr>
                <td>{{ version.number }}</td>
                <td>{{ i18n.dateTime(version.approvedAt) }}</td>
                <td>
                  {{ version.approvedBy.displayName }} ({{ labels.role($any(version.approvedBy.role)) }})
                  @if (version.onBehalfReason) {
                    <br /><span class="gp-muted">{{ fill(t().onBehalf, { reason: version.onBehalfReason }) }}</span>
                  }
                </td>
                <td>
                  <div class="row">
                    @if (version.number > 1) {
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small"
                        [attr.aria-label]="fill(t().diffLabel, { n: version.number })"
                        (click)="showDiff(version.number - 1, version.number)"
                      >
                        {{ t().diff }}
                      </button>
                    }
                    <button
                      type="button"
                      class="gp-button gp-button--secondary gp-button--small"
                      [attr.aria-label]="fill(t().pdfLabel, { n: version.number })"
                      (click)="openPdf(version.number)"
                    >
                      {{ t().pdf }}
                    </button>
                  </div>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
      <p class="row">
        <button type="button" class="gp-button gp-button--secondary" (click)="openPdf(null)">{{ t().pdfNow }}</button>
      </p>
      <div role="status" aria-live="polite">
        @if (pdfUrl(); as url) {
          <p>
            {{ t().pdfReady }} <a [href]="url" target="_blank" rel="noopener">{{ t().pdfOpen }}</a>
          </p>
        }
      </div>
      @if (pdfError(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }

      @if (diff(); as d) {
        <section class="diff gp-card" aria-labelledby="verschil" tabindex="-1" id="verschil-blok">
          <h3 id="verschil">{{ fill(t().diffHeading, { a: d.from, b: d.to }) }}</h3>
          @if (d.changes.length === 0) {
            <p>{{ t().noChanges }}</p>
          } @else {
            <div class="diff__legend" aria-hidden="true">
              <span></span>
              <strong>{{ fill(t().before, { n: d.from }) }}</strong>
              <strong>{{ fill(t().after, { n: d.to }) }}</strong>
            </div>
            <ul class="diff__list">
              @for (change of d.changes; track change.item + change.id) {
                <li class="change">
                  <h4 class="change__title">
                    {{ itemName(change) }}: {{ changeLabel(change) }}
                    <span
                      class="gp-badge"
                      [class.gp-badge--success]="change.change === 'added'"
                      [class.gp-badge--error]="change.change === 'removed'"
                      >{{ changeName(change) }}</span
                    >
                  </h4>
                  @for (field of change.fields ?? []; track field.field) {
                    <div class="field">
                      <p class="field__name">{{ fieldName(field.field) }}</p>
                      <div class="field__before">
                        <span class="gp-visually-hidden">{{ fill(t().before, { n: d.from }) }}: </span>
                        <span class="value">{{ value(field.field, field.before) }}</span>
                      </div>
                      <div class="field__after">
                        <span class="gp-visually-hidden">{{ fill(t().after, { n: d.to }) }}: </span>
                        <span class="value">{{ value(field.field, field.after) }}</span>
                      </div>
                    </div>
                  }
                </li>
              }
            </ul>
          }
          <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="diff.set(null)">
            {{ t().closeDiff }}
          </button>
        </section>
      }

      @if (mayAgree()) {
        <section class="agree gp-card" aria-labelledby="vastleggen">
          <h3 id="vastleggen">{{ t().agreeHeading }}</h3>
          <p>{{ t().agreeIntro }}</p>
          <form (submit)="$event.preventDefault(); agree()" novalidate>
            <div class="gp-field">
              <label for="namens-reden">{{ t().reason }}</label>
              <textarea
                id="namens-reden"
                rows="3"
                maxlength="1000"
                [value]="reason()"
                [attr.aria-invalid]="reasonInvalid() ? 'true' : null"
                [attr.aria-describedby]="reasonInvalid() ? 'namens-reden-fout' : null"
                (input)="reason.set($any($event.target).value)"
              ></textarea>
              @if (reasonInvalid()) {
                <p id="namens-reden-fout" class="gp-field__error">{{ t().reasonRequired }}</p>
              }
            </div>
            <button type="submit" class="gp-button" [disabled]="agreeing()">{{ t().agree }}</button>
          </form>
          <div role="status" aria-live="polite">
            @if (agreeMessage(); as message) {
              <p class="gp-alert gp-alert--success">{{ message }}</p>
            }
          </div>
          @if (agreeError(); as message) {
            <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
          }
        </section>
      }
    </section>
  `,
  styles: `
    .versions {
      margin-bottom: var(--gp-space-5);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .diff,
    .agree {
      margin-top: var(--gp-space-4);
    }
    .diff h3,
    .agree h3 {
      margin-top: 0;
    }
    .diff__legend,
    .field {
      display: grid;
      grid-template-columns: minmax(8rem, 12rem) 1fr 1fr;
      gap: var(--gp-space-2) var(--gp-space-3);
    }
    .diff__legend {
      padding-bottom: var(--gp-space-2);
      border-bottom: 2px solid var(--gp-color-primary);
    }
    .diff__list {
      list-style: none;
      margin: 0 0 var(--gp-space-3);
      padding: 0;
    }
    .change {
      padding: var(--gp-space-3) 0;
      border-bottom: 1px solid var(--gp-color-border);
    }
    .change__title {
      margin: 0 0 var(--gp-space-2);
      font-size: 1rem;
    }
    .field {
      margin-bottom: var(--gp-space-2);
    }
    .field__name {
      margin: 0;
      font-weight: 700;
    }
    .field__before,
    .field__after {
      padding: var(--gp-space-2);
      border-radius: var(--gp-radius);
      white-space: pre-wrap;
    }
    .field__before {
      background: var(--gp-color-error-bg);
    }
    .field__after {
      background: var(--gp-color-success-bg);
    }
    @media (max-width: 40rem) {
      .diff__legend {
        display: none;
      }
      .field {
        grid-template-columns: 1fr;
      }
      .field .gp-visually-hidden {
        position: static;
        width: auto;
        height: auto;
        clip: auto;
        font-weight: 700;
      }
    }
  `,
})
export class VersionsPanel {
  protected readonly store = inject(PlanStore);
  private readonly api = inject(PlanApi);
  protected readonly labels = inject(LabelsService);
  protected readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly diff = signal<PlanDiffResponse | null>(null);
  protected readonly pdfUrl = signal<string | null>(null);
  protected readonly pdfError = signal<string | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonInvalid = signal(false);
  protected readonly agreeing = signal(false);
  protected readonly agreeMessage = signal<string | null>(null);
  protected readonly agreeError = signal<string | null>(null);
  protected readonly mayAgree = computed(
    () => this.store.isRegisseur() && this.session.can(PERMISSIONS.planAgree) && this.store.plan()?.status !== 'closed',
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      const url = this.pdfUrl();
      if (url) URL.revokeObjectURL(url);
    });
  }

  protected async showDiff(from: number, to: number): Promise<void> {
    try {
      this.diff.set(await firstValueFrom(this.api.diff(this.store.familyId(), from, to)));
      setTimeout(() => document.getElementById('verschil-blok')?.focus());
    } catch (err) {
      this.pdfError.set(errorText(err, this.i18n.lang()));
    }
  }

  /** Fetches the PDF with the session's token and opens it from memory (a plain link cannot send the token). */
  protected async openPdf(version: number | null): Promise<void> {
    this.pdfError.set(null);
    const popup = window.open('', '_blank');
    try {
      const res = await firstValueFrom(this.api.pdf(this.store.familyId(), version, this.i18n.lang()));
      const blob = res.body;
      if (!blob) throw new Error('empty PDF');
      const old = this.pdfUrl();
      if (old) URL.revokeObjectURL(old);
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      this.pdfUrl.set(url);
      if (popup) popup.location.href = url;
    } catch (err) {
      popup?.close();
      this.pdfError.set(errorText(err, this.i18n.lang()));
    }
  }

  protected async agree(): Promise<void> {
    const reason = this.reason().trim();
    this.reasonInvalid.set(reason.length < 3);
    this.agreeMessage.set(null);
    this.agreeError.set(null);
    const plan = this.store.plan();
    if (reason.length < 3 || !plan) return;
    this.agreeing.set(true);
    try {
      const version = await firstValueFrom(
        this.api.agree(this.store.familyId(), { revision: plan.revision, onBehalfReason: reason }),
      );
      this.reason.set('');
      await Promise.all([this.store.reload(), this.store.loadVersions()]);
      this.agreeMessage.set(fill(this.t().agreed, { n: version.number }));
    } catch (err) {
      this.agreeError.set(conflictOf(err) ? this.t().changedSince : errorText(err, this.i18n.lang()));
      await this.store.reload();
    } finally {
      this.agreeing.set(false);
    }
  }

  protected itemName(change: DiffEntry): string {
    return ITEM[this.i18n.lang()][change.item];
  }

  protected changeName(change: DiffEntry): string {
    return ITEM[this.i18n.lang()][change.change];
  }

  protected changeLabel(change: DiffEntry): string {
    return change.item === 'section' ? this.labels.sectionKind(change.label as SectionKind) : change.label;
  }

  protected fieldName(field: string): string {
    return FIELD[this.i18n.lang()][field] ?? field;
  }

  protected value(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return this.t().empty;
    if (typeof value === 'boolean') return value ? this.t().yes : this.t().no;
    if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : this.t().empty;
    if (typeof value === 'string') {
      if (field === 'lifeDomain') return this.labels.lifeDomain(value as LifeDomain);
      if (field === 'status' && ['open', 'done', 'cancelled'].includes(value) && value !== 'open')
        return this.labels.agreementStatus(value as AgreementStatus);
      if (field === 'status') return this.labels.goalStatus(value as GoalStatus);
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return this.i18n.date(value);
      return value;
    }
    if (typeof value === 'number') return this.i18n.number(value);
    return JSON.stringify(value);
  }
}
