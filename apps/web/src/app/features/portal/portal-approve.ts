import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { PlanResponse, PlanVersionResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { LabelsService } from '../../shared/labels';
import { PortalApi } from './portal-api';
import { type AgreementField, type GoalField, type PlanChange, planChanges } from './plan-changes';

const TEXTS = defineTexts(
  {
    title: 'Plan goedkeuren',
    current: 'Goedgekeurd plan: versie {n}. Goedgekeurd op {date} door {name}.',
    none: 'Er is nog geen goedgekeurd plan.',
    upToDate: 'Er zijn geen nieuwe wijzigingen. Het plan hieronder is het goedgekeurde plan.',
    changes: 'Er zijn wijzigingen',
    changesIntro: 'Sinds versie {n} is het plan veranderd. Dit is er anders:',
    first: 'Het plan is nog niet goedgekeurd. Lees het plan hieronder rustig door.',
    agree: 'Ik ga akkoord met dit plan',
    agreeHint: 'Met deze knop zegt u: ik ken dit plan en ik doe mee.',
    busy: 'Bezig…',
    notYours: 'Een ouder met gezag keurt het plan goed.',
    done: 'Dank u wel. Versie {n} van het plan is nu goedgekeurd.',
    stale: 'Het plan is net veranderd. Bekijk de nieuwe versie hieronder en keur hem dan goed.',
    evaluationDate: 'De datum voor de evaluatie is nu {date}.',
    evaluationDateRemoved: 'Er is nu geen datum voor de evaluatie.',
    section: 'Het stuk "{name}" is aangepast.',
    goalAdded: 'Nieuw doel: {title}.',
    goalProposed: 'Nieuw voorstel voor een doel: {title}.',
    goalRemoved: 'Dit doel is uit het plan gehaald: {title}.',
    goalChanged: 'Bij het doel "{title}" is veranderd: {fields}.',
    agreementAdded: 'Nieuwe afspraak: {description}.',
    agreementRemoved: 'Deze afspraak is uit het plan gehaald: {description}.',
    agreementChanged: 'Bij de afspraak "{description}" is veranderd: {fields}.',
    now: '{field} (nu: {value})',
    and: ' en ',
    yes: 'ja',
    no: 'nee',
    noDate: 'geen datum',
    f_title: 'de naam',
    f_lifeDomain: 'het onderwerp',
    f_priority: 'de volgorde',
    f_targetDate: 'de datum',
    f_status: 'de stand',
    f_memberIds: 'voor wie het is',
    f_zrmDomain: 'het thema',
    f_safetyCondition: 'de afspraak over veiligheid',
    f_description: 'de tekst',
    f_ownerLabel: 'wie het doet',
    f_dueDate: 'de datum',
  },
  {
    title: 'Approve the plan',
    current: 'Approved plan: version {n}. Approved on {date} by {name}.',
    none: 'There is no approved plan yet.',
    upToDate: 'There are no new changes. The plan below is the approved plan.',
    changes: 'There are changes',
    changesIntro: 'The plan has changed since version {n}. This is different:',
    first: 'The plan has not been approved yet. Take your time to read the plan below.',
    agree: 'I agree with this plan',
    agreeHint: 'With this button you say: I know this plan and I take part.',
    busy: 'Working…',
    notYours: 'A parent with parental authority approves the plan.',
    done: 'Thank you. Version {n} of the plan is now approved.',
    stale: 'The plan has just changed. Look at the new version below and then approve it.',
    evaluationDate: 'The date of the evaluation is now {date}.',
    evaluationDateRemoved: 'There is no evaluation date now.',
    section: 'The part "{name}" has been changed.',
    goalAdded: 'New goal: {title}.',
    goalProposed: 'New proposal for a goal: {title}.',
    goalRemoved: 'This goal was taken out of the plan: {title}.',
    goalChanged: 'For the goal "{title}" this changed: {fields}.',
    agreementAdded: 'New agreement: {description}.',
    agreementRemoved: 'This agreement was taken out of the plan: {description}.',
    agreementChanged: 'For the agreement "{description}" this changed: {fields}.',
    now: '{field} (now: {value})',
    and: ' and ',
    yes: 'yes',
    no: 'no',
    noDate: 'no date',
    f_title: 'the name',
    f_lifeDomain: 'the subject',
    f_priority: 'the order',
    f_targetDate: 'the date',
    f_status: 'the status',
    f_memberIds: 'who it is for',
    f_zrmDomain: 'the theme',
    f_safetyCondition: 'the safety agreement',
    f_description: 'the text',
    f_ownerLabel: 'who does it',
    f_dueDate: 'the date',
  },
);

/**
 * "Plan goedkeuren": which version is agreed, what changed since in plain words, and the parent's approval
 * with the plan revision they saw (409 when it changed meanwhile: the page shows the new plan).
 */
@Component({
  selector: 'gp-portal-approve',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="approve" aria-labelledby="goedkeuren-titel" [class.approve--open]="pending()">
      <h2 id="goedkeuren-titel">{{ pending() ? t().changes : t().title }}</h2>
      <p class="version" data-testid="agreed-version">
        @if (agreed(); as v) {
          {{ fill(t().current, { n: v.number, date: i18n.date(v.approvedAt), name: v.approvedBy.displayName }) }}
        } @else {
          {{ t().none }}
        }
      </p>
      @if (done(); as n) {
        <p class="gp-alert gp-alert--success" role="status">{{ fill(t().done, { n }) }}</p>
      }
      @if (stale()) {
        <p class="gp-alert gp-alert--warning" role="alert">{{ t().stale }}</p>
      }
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
      @if (pending()) {
        @if (agreed(); as v) {
          <p>{{ fill(t().changesIntro, { n: v.number }) }}</p>
          <ul class="changes">
            @for (line of lines(); track $index) {
              <li>{{ line }}</li>
            }
          </ul>
        } @else {
          <p>{{ t().first }}</p>
        }
        @if (mayApprove()) {
          <p class="gp-muted" id="akkoord-uitleg">{{ t().agreeHint }}</p>
          <button
            type="button"
            class="gp-button"
            aria-describedby="akkoord-uitleg"
            [disabled]="busy()"
            (click)="agree()"
          >
            {{ busy() ? t().busy : t().agree }}
          </button>
        } @else {
          <p class="gp-muted">{{ t().notYours }}</p>
        }
      } @else if (agreed()) {
        <p>{{ t().upToDate }}</p>
      }
    </section>
  `,
  styles: `
    .approve {
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      padding: var(--gp-space-3);
    }
    .approve--open {
      border: 2px solid var(--gp-color-warning);
      background: var(--gp-color-warning-bg);
    }
    h2 {
      margin-top: 0;
    }
    .version {
      font-weight: 700;
    }
    .changes {
      padding-left: var(--gp-space-4);
      display: grid;
      gap: var(--gp-space-1);
    }
    .approve--open .gp-muted {
      color: var(--gp-color-text);
    }
  `,
})
export class PortalApprove {
  readonly familyId = input.required<string>();
  readonly plan = input.required<PlanResponse>();
  readonly agreed = input.required<PlanVersionResponse | null>();
  readonly mayApprove = input(false);
  /** A new version was agreed, or the plan turned out to be newer: the page reloads. */
  readonly changed = output<void>();
  private readonly api = inject(PortalApi);
  private readonly labels = inject(LabelsService);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly busy = signal(false);
  protected readonly done = signal<number | null>(null);
  protected readonly stale = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly changes = computed<PlanChange[]>(() => {
    const agreed = this.agreed();
    return agreed ? planChanges(agreed.plan, this.plan()) : [];
  });
  protected readonly pending = computed(
    () => this.plan().status !== 'closed' && (this.agreed() === null || this.changes().length > 0),
  );
  protected readonly lines = computed(() => this.changes().map((c) => this.describe(c)));

  protected async agree(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.stale.set(false);
    this.done.set(null);
    try {
      const version = await firstValueFrom(this.api.agree(this.familyId(), { revision: this.plan().revision }));
      this.done.set(version.number);
      this.changed.emit();
    } catch (err) {
      if (conflictOf(err)) {
        this.stale.set(true);
        this.changed.emit();
      } else {
        this.error.set(errorText(err, this.i18n.lang()));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private describe(c: PlanChange): string {
    const t = this.t();
    switch (c.kind) {
      case 'evaluationDate':
        return c.after ? fill(t.evaluationDate, { date: this.i18n.date(c.after) }) : t.evaluationDateRemoved;
      case 'section':
        return fill(t.section, { name: this.labels.sectionKind(c.section.kind) });
      case 'goal':
        if (c.change === 'added')
          return fill(c.goal.status === 'proposed' ? t.goalProposed : t.goalAdded, { title: c.goal.title });
        return fill(t.goalRemoved, { title: c.goal.title });
      case 'goalChanged':
        return fill(t.goalChanged, {
          title: c.goal.title,
          fields: c.fields.map((f) => this.goalField(f, c.goal)).join(t.and),
        });
      case 'agreement':
        if (c.change === 'added') return fill(t.agreementAdded, { description: c.agreement.description });
        return fill(t.agreementRemoved, { description: c.agreement.description });
      case 'agreementChanged':
        return fill(t.agreementChanged, {
          description: c.agreement.description,
          fields: c.fields.map((f) => this.agreementField(f, c.agreement)).join(t.and),
        });
    }
  }

  private goalField(field: GoalField, goal: PlanResponse['goals'][number]): string {
    const t = this.t();
    const name = t[`f_${field}`];
    switch (field) {
      case 'status':
        return fill(t.now, { field: name, value: this.labels.goalStatus(goal.status) });
      case 'targetDate':
        return fill(t.now, { field: name, value: goal.targetDate ? this.i18n.date(goal.targetDate) : t.noDate });
      case 'lifeDomain':
        return fill(t.now, { field: name, value: this.labels.lifeDomain(goal.lifeDomain) });
      case 'safetyCondition':
        return fill(t.now, { field: name, value: goal.safetyCondition ? t.yes : t.no });
      default:
        return name;
    }
  }

  private agreementField(
    field: AgreementField,
    agreement: PlanResponse['goals'][number]['agreements'][number],
  ): string {
    const t = this.t();
    const name = t[`f_${field}`];
    switch (field) {
      case 'status':
        return fill(t.now, { field: name, value: this.labels.agreementStatus(agreement.status) });
      case 'dueDate':
        return fill(t.now, {
          field: name,
          value: agreement.dueDate ? this.i18n.date(agreement.dueDate) : t.noDate,
        });
      case 'ownerLabel':
        return fill(t.now, { field: name, value: agreement.ownerLabel });
      default:
        return name;
    }
  }
}
