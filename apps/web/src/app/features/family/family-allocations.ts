import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import {
  ARRANGEMENT_LABELS,
  ARRANGEMENT_TYPES,
  IJW_MESSAGES,
  PERMISSIONS,
  type AllocationResponse,
  type ArrangementType,
  type CreateAllocationRequest,
  type ErrorResponse,
  type FieldError,
  type FamilyMemberResponse,
  type GoalResponse,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { AllocationConfirm } from './allocation-confirm';
import { FamilyApi } from './family-api';
import type { OrganisationChoice } from './family-involvements';
import { todayIso } from './family-util';

type Field = 'arrangement' | 'provider' | 'youth' | 'goals' | 'requestDate' | 'decisionDate' | 'plannedEndDate';

const TEXTS = defineTexts(
  {
    title: 'Ingezette hulp',
    none: 'Er is nog geen hulp ingezet.',
    arrangement: 'Hulp',
    youth: 'Voor',
    provider: 'Aanbieder',
    status: 'Stand',
    requested: 'Aanvraag',
    decided: 'Beschikking',
    started: 'Start',
    end: 'Einde',
    planned: 'gepland {date}',
    crisis: 'Crisishulp zonder plan: plan nodig vóór {date}',
    planOverdue: 'Plan te laat',
    early: 'Voortijdig beëindigd',
    add: 'Hulp inzetten',
    addIntro: 'Hulp kan pas worden ingezet als het gezin een afgesproken plan heeft (behalve crisishulp).',
    chooseArrangement: 'Soort hulp',
    chooseProvider: 'Aanbieder',
    chooseYouth: 'Voor welk kind?',
    chooseOne: 'Maak een keuze',
    goals: 'Welke doelen uit het plan dient deze hulp?',
    noGoals: 'Het plan heeft nog geen doelen.',
    requestDate: 'Datum aanvraag',
    decisionDate: 'Datum beschikking (niet verplicht)',
    decisionHint: 'Met een datum van beschikking is de hulp toegewezen; zonder is het een aanvraag.',
    plannedEndDate: 'Geplande einddatum (niet verplicht)',
    arrangementMissing: 'Kies de soort hulp.',
    providerMissing: 'Kies een aanbieder.',
    youthMissing: 'Kies het kind voor wie de hulp is.',
    goalsMissing: 'Kies minstens één doel uit het plan.',
    requestMissing: 'Vul de datum van de aanvraag in.',
    decisionBefore: 'De beschikking kan niet vóór de aanvraag liggen.',
    endBefore: 'De einddatum kan niet vóór de aanvraag of beschikking liggen.',
    noPlan:
      'Deze hulp kan nog niet worden ingezet, want het gezin heeft nog geen afgesproken gezinsplan. Spreek eerst samen met het gezin het plan af. Alleen crisishulp kan al eerder.',
    notProvider: 'Hulp kan alleen worden ingezet bij een jeugdhulpaanbieder of een gecertificeerde instelling.',
    submit: 'Hulp inzetten',
    cancel: 'Annuleren',
    done: '{arrangement} voor {youth} is vastgelegd.',
    actions: 'Actie',
    noChildren: 'Voeg eerst een kind toe aan het gezin.',
  },
  {
    title: 'Help allocated',
    none: 'No help has been allocated yet.',
    arrangement: 'Help',
    youth: 'For',
    provider: 'Provider',
    status: 'Stage',
    requested: 'Request',
    decided: 'Decision',
    started: 'Start',
    end: 'End',
    planned: 'planned {date}',
    crisis: 'Crisis help without a plan: plan due by {date}',
    planOverdue: 'Plan overdue',
    early: 'Ended early',
    add: 'Allocate help',
    addIntro: 'Help can only be allocated once the family has an agreed plan (except crisis help).',
    chooseArrangement: 'Type of help',
    chooseProvider: 'Provider',
    chooseYouth: 'For which child?',
    chooseOne: 'Make a choice',
    goals: 'Which goals of the plan does this help serve?',
    noGoals: 'The plan has no goals yet.',
    requestDate: 'Date of request',
    decisionDate: 'Date of decision (optional)',
    decisionHint: 'With a decision date the help is allocated; without it, it is a request.',
    plannedEndDate: 'Planned end date (optional)',
    arrangementMissing: 'Choose the type of help.',
    providerMissing: 'Choose a provider.',
    youthMissing: 'Choose the child the help is for.',
    goalsMissing: 'Choose at least one goal of the plan.',
    requestMissing: 'Enter the date of the request.',
    decisionBefore: 'The decision cannot be before the request.',
    endBefore: 'The end date cannot be before the request or decision.',
    noPlan:
      'This help cannot be allocated yet, because the family has no agreed family plan. Agree the plan with the family first. Only crisis help is possible earlier.',
    notProvider: 'Help can only be allocated to a care provider or a certified institution (GI).',
    submit: 'Allocate help',
    cancel: 'Cancel',
    done: '{arrangement} for {youth} has been recorded.',
    actions: 'Action',
    noChildren: 'Add a child to the family first.',
  },
);

@Component({
  selector: 'gp-family-allocations',
  imports: [AllocationConfirm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="hulp-titel">
      <h2 id="hulp-titel">{{ t().title }}</h2>
      @if (message(); as text) {
        <p class="gp-alert gp-alert--success" role="status">{{ text }}</p>
      }
      @if (allocations().length === 0) {
        <p>{{ t().none }}</p>
      } @else {
        <div class="scroll" tabindex="0" role="region" [attr.aria-label]="t().title">
          <table class="gp-table">
            <thead>
              <tr>
                <th scope="col">{{ t().arrangement }}</th>
                <th scope="col">{{ t().youth }}</th>
                <th scope="col">{{ t().provider }}</th>
                <th scope="col">{{ t().status }}</th>
                <th scope="col">{{ t().requested }}</th>
                <th scope="col">{{ t().decided }}</th>
                <th scope="col">{{ t().started }}</th>
                <th scope="col">{{ t().end }}</th>
                @if (confirms) {
                  <th scope="col">{{ t().actions }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (a of allocations(); track a.id) {
                <tr>
                  <td>
                    {{ arrangementLabel(a.arrangement) }}
                    @if (a.crisisWithoutPlan && a.planDueDate) {
                      <br /><span class="gp-badge gp-badge--warning">{{
                        fill(t().crisis, { date: i18n.shortDate(a.planDueDate) })
                      }}</span>
                    }
                    @if (a.planOverdue) {
                      <br /><span class="gp-badge gp-badge--error">{{ t().planOverdue }}</span>
                    }
                    @if (a.earlyTermination) {
                      <br /><span class="gp-badge gp-badge--warning">{{ t().early }}</span>
                    }
                  </td>
                  <td>{{ a.youth.name }}</td>
                  <td>{{ a.provider.name }}</td>
                  <td>
                    {{ stageLabel(a) }} <span class="gp-muted">({{ a.ijwMessage }})</span>
                  </td>
                  <td>{{ i18n.shortDate(a.requestDate) }}</td>
                  <td>{{ i18n.shortDate(a.decisionDate) || '–' }}</td>
                  <td>{{ i18n.shortDate(a.startDate) || '–' }}</td>
                  <td>
                    @if (a.endDate) {
                      {{ i18n.shortDate(a.endDate) }}
                    } @else if (a.plannedEndDate) {
                      {{ fill(t().planned, { date: i18n.shortDate(a.plannedEndDate) }) }}
                    } @else {
                      –
                    }
                    @if (a.endReason) {
                      <br /><span class="gp-muted">{{ a.endReason }}</span>
                    }
                  </td>
                  @if (confirms) {
                    <td>
                      <gp-allocation-confirm
                        [allocation]="a"
                        [what]="arrangementLabel(a.arrangement) + ' – ' + a.youth.name"
                        (changed)="changed.emit()"
                      />
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (mayAllocate) {
        @if (!open()) {
          <button type="button" class="gp-button gp-button--secondary" id="hulp-inzetten" (click)="start()">
            {{ t().add }}
          </button>
        } @else {
          <form class="form" (submit)="submit($event)" novalidate>
            <h3>{{ t().add }}</h3>
            <p class="gp-muted">{{ t().addIntro }}</p>
            <div class="grid">
              <div class="gp-field">
                <label for="hulp-soort">{{ t().chooseArrangement }}</label>
                <select
                  id="hulp-soort"
                  #soort
                  (change)="arrangement.set(soort.value)"
                  [attr.aria-invalid]="invalid('arrangement')"
                  [attr.aria-describedby]="errorId('arrangement')"
                >
                  <option value="">{{ t().chooseOne }}</option>
                  @for (type of arrangementTypes; track type) {
                    <option [value]="type" [selected]="arrangement() === type">{{ arrangementLabel(type) }}</option>
                  }
                </select>
                @if (errors().arrangement; as e) {
                  <p class="gp-field__error" id="hulp-soort-fout">{{ e }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="hulp-aanbieder">{{ t().chooseProvider }}</label>
                <select
                  id="hulp-aanbieder"
                  #aanbieder
                  (change)="provider.set(aanbieder.value)"
                  [attr.aria-invalid]="invalid('provider')"
                  [attr.aria-describedby]="errorId('provider')"
                >
                  <option value="">{{ t().chooseOne }}</option>
                  @for (p of providers(); track p.id) {
                    <option [value]="p.id" [selected]="provider() === p.id">{{ p.name }}</option>
                  }
                </select>
                @if (errors().provider; as e) {
                  <p class="gp-field__error" id="hulp-aanbieder-fout">{{ e }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="hulp-kind">{{ t().chooseYouth }}</label>
                <select
                  id="hulp-kind"
                  #kind
                  (change)="youth.set(kind.value)"
                  [attr.aria-invalid]="invalid('youth')"
                  [attr.aria-describedby]="errorId('youth')"
                >
                  <option value="">{{ t().chooseOne }}</option>
                  @for (child of children(); track child.id) {
                    <option [value]="child.id" [selected]="youth() === child.id">{{ child.name }}</option>
                  }
                </select>
                @if (errors().youth; as e) {
                  <p class="gp-field__error" id="hulp-kind-fout">{{ e }}</p>
                }
              </div>
            </div>
            <fieldset class="goals" [attr.aria-describedby]="errorId('goals')">
              <legend>{{ t().goals }}</legend>
              @for (goal of goals(); track goal.id) {
                <label class="check">
                  <input type="checkbox" [checked]="chosenGoals().has(goal.id)" (change)="toggleGoal(goal.id)" />
                  {{ goal.title }} <span class="gp-muted">({{ labels.lifeDomain(goal.lifeDomain) }})</span>
                </label>
              } @empty {
                <p class="gp-muted">{{ t().noGoals }}</p>
              }
              @if (errors().goals; as e) {
                <p class="gp-field__error" id="hulp-doelen-fout">{{ e }}</p>
              }
            </fieldset>
            <div class="grid">
              <div class="gp-field">
                <label for="hulp-aanvraag">{{ t().requestDate }}</label>
                <input
                  id="hulp-aanvraag"
                  type="date"
                  [value]="requestDate()"
                  #aanvraag
                  (change)="requestDate.set(aanvraag.value)"
                  [attr.aria-invalid]="invalid('requestDate')"
                  [attr.aria-describedby]="errorId('requestDate')"
                />
                @if (errors().requestDate; as e) {
                  <p class="gp-field__error" id="hulp-aanvraag-fout">{{ e }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="hulp-beschikking">{{ t().decisionDate }}</label>
                <input
                  id="hulp-beschikking"
                  type="date"
                  #beschikking
                  (change)="decisionDate.set(beschikking.value)"
                  [attr.aria-invalid]="invalid('decisionDate')"
                  [attr.aria-describedby]="errorId('decisionDate') ?? 'hulp-beschikking-hint'"
                />
                <p class="gp-field__hint" id="hulp-beschikking-hint">{{ t().decisionHint }}</p>
                @if (errors().decisionDate; as e) {
                  <p class="gp-field__error" id="hulp-beschikking-fout">{{ e }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="hulp-einde">{{ t().plannedEndDate }}</label>
                <input
                  id="hulp-einde"
                  type="date"
                  #einde
                  (change)="plannedEndDate.set(einde.value)"
                  [attr.aria-invalid]="invalid('plannedEndDate')"
                  [attr.aria-describedby]="errorId('plannedEndDate')"
                />
                @if (errors().plannedEndDate; as e) {
                  <p class="gp-field__error" id="hulp-einde-fout">{{ e }}</p>
                }
              </div>
            </div>
            @if (error(); as text) {
              <p class="gp-alert gp-alert--error" role="alert" id="hulp-fout" tabindex="-1">{{ text }}</p>
            }
            <div class="actions">
              <button type="submit" class="gp-button" [disabled]="busy()">{{ t().submit }}</button>
              <button type="button" class="gp-button gp-button--secondary" (click)="open.set(false)">
                {{ t().cancel }}
              </button>
            </div>
          </form>
        }
      }
    </section>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
      margin-bottom: var(--gp-space-3);
    }
    .form {
      border-top: 1px solid var(--gp-color-border);
      padding-top: var(--gp-space-2);
    }
    h3 {
      font-size: 1.125rem;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 var(--gp-space-3);
    }
    .goals {
      border: 0;
      padding: 0;
      margin: 0 0 var(--gp-space-3);
    }
    .goals legend {
      font-weight: 700;
      padding: 0;
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
      flex: none;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyAllocations {
  readonly familyId = input.required<string>();
  readonly allocations = input.required<AllocationResponse[]>();
  readonly members = input.required<FamilyMemberResponse[]>();
  readonly goals = input<GoalResponse[]>([]);
  readonly providers = input<OrganisationChoice[]>([]);
  readonly changed = output<void>();

  private readonly api = inject(FamilyApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  protected readonly mayAllocate = inject(Session).can(PERMISSIONS.allocationWrite);
  /** Care providers confirm the start and the end of their own organisation's help. */
  protected readonly confirms = inject(Session).can(PERMISSIONS.allocationConfirm);
  protected readonly arrangementTypes = ARRANGEMENT_TYPES;
  protected readonly children = computed(() => this.members().filter((m) => m.role === 'child'));

  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly errors = signal<Partial<Record<Field, string>>>({});

  protected readonly arrangement = signal('');
  protected readonly provider = signal('');
  protected readonly youth = signal('');
  protected readonly chosenGoals = signal<ReadonlySet<string>>(new Set());
  protected readonly requestDate = signal(todayIso());
  protected readonly decisionDate = signal('');
  protected readonly plannedEndDate = signal('');

  protected arrangementLabel(type: ArrangementType): string {
    return ARRANGEMENT_LABELS[type][this.i18n.lang()];
  }

  protected stageLabel(a: AllocationResponse): string {
    return IJW_MESSAGES[a.status].label[this.i18n.lang()];
  }

  protected invalid(field: Field): 'true' | null {
    return this.errors()[field] ? 'true' : null;
  }

  protected errorId(field: Field): string | null {
    const ids: Record<Field, string> = {
      arrangement: 'hulp-soort-fout',
      provider: 'hulp-aanbieder-fout',
      youth: 'hulp-kind-fout',
      goals: 'hulp-doelen-fout',
      requestDate: 'hulp-aanvraag-fout',
      decisionDate: 'hulp-beschikking-fout',
      plannedEndDate: 'hulp-einde-fout',
    };
    return this.errors()[field] ? ids[field] : null;
  }

  protected toggleGoal(id: string): void {
    const next = new Set(this.chosenGoals());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.chosenGoals.set(next);
  }

  protected start(): void {
    this.open.set(true);
    this.errors.set({});
    this.error.set(null);
    this.message.set(null);
    setTimeout(() => document.getElementById('hulp-soort')?.focus());
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const t = this.t();
    const errors: Partial<Record<Field, string>> = {};
    const arrangement = this.arrangement() as ArrangementType | '';
    if (!arrangement) errors.arrangement = t.arrangementMissing;
    if (!this.provider()) errors.provider = t.providerMissing;
    if (!this.youth()) errors.youth = this.children().length ? t.youthMissing : t.noChildren;
    if (arrangement !== 'crisis' && this.chosenGoals().size === 0) errors.goals = t.goalsMissing;
    if (!this.requestDate()) errors.requestDate = t.requestMissing;
    if (this.decisionDate() && this.decisionDate() < this.requestDate()) errors.decisionDate = t.decisionBefore;
    if (this.plannedEndDate() && this.plannedEndDate() < (this.decisionDate() || this.requestDate()))
      errors.plannedEndDate = t.endBefore;
    this.errors.set(errors);
    this.error.set(null);
    const first = Object.keys(errors)[0] as Field | undefined;
    if (first || !arrangement) {
      const ids: Record<Field, string> = {
        arrangement: 'hulp-soort',
        provider: 'hulp-aanbieder',
        youth: 'hulp-kind',
        goals: 'hulp-soort',
        requestDate: 'hulp-aanvraag',
        decisionDate: 'hulp-beschikking',
        plannedEndDate: 'hulp-einde',
      };
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    const body: CreateAllocationRequest = {
      youthMemberId: this.youth(),
      providerId: this.provider(),
      arrangement,
      goalIds: [...this.chosenGoals()],
      requestDate: this.requestDate(),
      ...(this.decisionDate() ? { decisionDate: this.decisionDate() } : {}),
      ...(this.plannedEndDate() ? { plannedEndDate: this.plannedEndDate() } : {}),
    };
    this.busy.set(true);
    try {
      const saved = await firstValueFrom(this.api.allocate(this.familyId(), body));
      this.open.set(false);
      this.message.set(
        fill(t.done, { arrangement: this.arrangementLabel(saved.arrangement), youth: saved.youth.name }),
      );
      this.changed.emit();
    } catch (err) {
      this.error.set(this.refusal(err));
      setTimeout(() => document.getElementById('hulp-fout')?.focus());
    } finally {
      this.busy.set(false);
    }
  }

  /** The API's 422s in our own plain words; anything else in the shared error texts. */
  private refusal(err: unknown): string {
    if (err instanceof HttpErrorResponse && err.status === 422) {
      const body = err.error as Partial<ErrorResponse> | null;
      const details = Array.isArray(body?.details) ? (body.details as FieldError[]) : [];
      const field = details[0]?.field;
      if (field === 'arrangement') return this.t().noPlan;
      if (field === 'providerId') return this.t().notProvider;
    }
    return errorText(err, this.i18n.lang());
  }
}
