import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  PERMISSIONS,
  PLAN_STATUSES,
  ZUID_LIMBURG_MUNICIPALITIES,
  type FamilySummary,
  type ListFamiliesQuery,
  type WorklistSort,
} from '@gezinsplan/contracts';
import {
  Subject,
  catchError,
  debounceTime,
  distinctUntilChanged,
  firstValueFrom,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamiliesApi } from './families-api';
import { worklistQuery } from './worklist-query';

type State =
  | { status: 'loading' }
  | { status: 'ready'; items: FamilySummary[]; total: number }
  | { status: 'error'; message: string };

/** The filters as they live in the URL (?overdue=true&sort=name), so reload and back keep them. */
type FlagName = 'overdue' | 'evaluationDue' | 'needsOnePlan';
type ParamName = 'q' | 'municipality' | 'planStatus' | 'sort' | FlagName;

const TEXTS = defineTexts(
  {
    title: 'Mijn gezinnen',
    intro: 'Bovenaan staan de gezinnen die nu aandacht nodig hebben.',
    noAccess: 'Met uw rol ziet u geen gezinsdossiers.',
    filters: 'Gezinnen zoeken en filteren',
    search: 'Zoek op naam',
    municipality: 'Gemeente',
    allMunicipalities: 'Alle gemeenten',
    planStatus: 'Status van het plan',
    anyPlanStatus: 'Alle statussen',
    sort: 'Volgorde',
    sortAttention: 'Aandacht nodig eerst',
    sortName: 'Op naam (A-Z)',
    only: 'Toon alleen gezinnen met',
    overdue: 'afspraken die te laat zijn',
    evaluationDue: 'een evaluatie binnenkort',
    needsOnePlan: '1G1P1R nodig (meer dan twee organisaties, nog geen plan)',
    clear: 'Filters wissen',
    loading: 'Gezinnen worden geladen…',
    none: 'Geen gezinnen gevonden.',
    noneFiltered: 'Geen gezinnen gevonden met deze filters.',
    one: '1 gezin',
    many: '{n} gezinnen',
    filtered: '(gefilterd)',
    regisseur: 'Regisseur: {name}',
    noRegisseur: 'Nog geen regisseur',
    youRegisseur: 'U bent de regisseur',
    overdueOne: 'Te laat: 1 afspraak',
    overdueMany: 'Te laat: {n} afspraken',
    evaluationOn: 'Evaluatie op {date}',
    onePlan: '1G1P1R nodig',
    plan: 'Plan: {status}',
    noPlan: 'Nog geen plan',
    signals: 'Signalen',
    register: 'Nieuw gezin aanmelden',
    registerName: 'Naam van het gezin',
    registerHint: 'Bijvoorbeeld “Gezin Moreau”. Het gezin komt in uw gemeente, met u als regisseur.',
    registerMissing: 'Vul de naam van het gezin in.',
    registerTooLong: 'De naam mag hoogstens 120 tekens hebben.',
    registerSubmit: 'Gezin aanmelden',
    registerBusy: 'Bezig met aanmelden…',
    cancel: 'Annuleren',
  },
  {
    title: 'My families',
    intro: 'Families that need attention now are at the top.',
    noAccess: 'Your role does not show family files.',
    filters: 'Search and filter families',
    search: 'Search by name',
    municipality: 'Municipality',
    allMunicipalities: 'All municipalities',
    planStatus: 'Plan status',
    anyPlanStatus: 'Any status',
    sort: 'Order',
    sortAttention: 'Needs attention first',
    sortName: 'By name (A-Z)',
    only: 'Only show families with',
    overdue: 'overdue agreements',
    evaluationDue: 'an evaluation coming up',
    needsOnePlan: '1G1P1R needed (more than two organisations, no plan yet)',
    clear: 'Clear filters',
    loading: 'Loading families…',
    none: 'No families found.',
    noneFiltered: 'No families match these filters.',
    one: '1 family',
    many: '{n} families',
    filtered: '(filtered)',
    regisseur: 'Regisseur: {name}',
    noRegisseur: 'No regisseur yet',
    youRegisseur: 'You are the regisseur',
    overdueOne: 'Overdue: 1 agreement',
    overdueMany: 'Overdue: {n} agreements',
    evaluationOn: 'Evaluation on {date}',
    onePlan: '1G1P1R needed',
    plan: 'Plan: {status}',
    noPlan: 'No plan yet',
    signals: 'Signals',
    register: 'Register a new family',
    registerName: 'Name of the family',
    registerHint: 'For example “Gezin Moreau”. The family is registered in your municipality, with you as regisseur.',
    registerMissing: 'Enter the name of the family.',
    registerTooLong: 'The name can have at most 120 characters.',
    registerSubmit: 'Register family',
    registerBusy: 'Registering…',
    cancel: 'Cancel',
  },
);

@Component({
  selector: 'gp-family-list-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <div>
        <h1>{{ t().title }}</h1>
        @if (mayList && professional) {
          <p class="gp-muted intro">{{ t().intro }}</p>
        }
      </div>
      @if (mayRegister && !registering()) {
        <button type="button" class="gp-button" id="gezin-aanmelden" (click)="openRegister()">
          {{ t().register }}
        </button>
      }
    </div>

    @if (registering()) {
      <form class="gp-card register" (submit)="register($event, nameInput.value)" novalidate>
        <h2 id="aanmelden-titel">{{ t().register }}</h2>
        <div class="gp-field">
          <label for="nieuw-gezin-naam">{{ t().registerName }}</label>
          <p class="gp-field__hint" id="nieuw-gezin-hint">{{ t().registerHint }}</p>
          <input
            #nameInput
            id="nieuw-gezin-naam"
            name="displayName"
            autocomplete="off"
            [attr.aria-invalid]="registerError() ? 'true' : null"
            [attr.aria-describedby]="registerError() ? 'nieuw-gezin-hint nieuw-gezin-fout' : 'nieuw-gezin-hint'"
          />
          @if (registerError(); as message) {
            <p class="gp-field__error" id="nieuw-gezin-fout">{{ message }}</p>
          }
        </div>
        @if (registerApiError(); as message) {
          <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
        }
        <div class="actions">
          <button type="submit" class="gp-button" [disabled]="registerBusy()">
            {{ registerBusy() ? t().registerBusy : t().registerSubmit }}
          </button>
          <button type="button" class="gp-button gp-button--secondary" (click)="registering.set(false)">
            {{ t().cancel }}
          </button>
        </div>
      </form>
    }

    @if (!mayList) {
      <p>{{ t().noAccess }}</p>
    } @else {
      @if (professional) {
        <form class="filters gp-card" role="search" [attr.aria-label]="t().filters" (submit)="$event.preventDefault()">
          <div class="gp-field filters__search">
            <label for="zoek">{{ t().search }}</label>
            <input id="zoek" #zoek type="search" [value]="q() ?? ''" (input)="typed.next(zoek.value)" />
          </div>
          <div class="gp-field">
            <label for="filter-gemeente">{{ t().municipality }}</label>
            <select id="filter-gemeente" #gemeente (change)="set('municipality', gemeente.value)">
              <option value="" [selected]="!municipality()">{{ t().allMunicipalities }}</option>
              @for (m of municipalities; track m) {
                <option [value]="m" [selected]="municipality() === m">{{ m }}</option>
              }
            </select>
          </div>
          <div class="gp-field">
            <label for="filter-planstatus">{{ t().planStatus }}</label>
            <select id="filter-planstatus" #status (change)="set('planStatus', status.value)">
              <option value="" [selected]="!planStatus()">{{ t().anyPlanStatus }}</option>
              @for (s of planStatuses; track s) {
                <option [value]="s" [selected]="planStatus() === s">{{ labels.planStatus(s) }}</option>
              }
            </select>
          </div>
          <div class="gp-field">
            <label for="filter-volgorde">{{ t().sort }}</label>
            <select id="filter-volgorde" #volgorde (change)="set('sort', volgorde.value === 'name' ? 'name' : '')">
              <option value="attention" [selected]="currentSort() === 'attention'">{{ t().sortAttention }}</option>
              <option value="name" [selected]="currentSort() === 'name'">{{ t().sortName }}</option>
            </select>
          </div>
          <fieldset class="flags">
            <legend>{{ t().only }}</legend>
            <label class="flag">
              <input
                type="checkbox"
                id="filter-te-laat"
                #overdueBox
                [checked]="overdue() === 'true'"
                (change)="set('overdue', overdueBox.checked ? 'true' : '')"
              />
              {{ t().overdue }}
            </label>
            <label class="flag">
              <input
                type="checkbox"
                id="filter-evaluatie"
                #evaluationBox
                [checked]="evaluationDue() === 'true'"
                (change)="set('evaluationDue', evaluationBox.checked ? 'true' : '')"
              />
              {{ t().evaluationDue }}
            </label>
            <label class="flag">
              <input
                type="checkbox"
                id="filter-1g1p1r"
                #onePlanBox
                [checked]="needsOnePlan() === 'true'"
                (change)="set('needsOnePlan', onePlanBox.checked ? 'true' : '')"
              />
              {{ t().needsOnePlan }}
            </label>
          </fieldset>
          @if (filtered()) {
            <button type="button" class="gp-button gp-button--secondary gp-button--small clear" (click)="clear()">
              {{ t().clear }}
            </button>
          }
        </form>
      }

      <p role="status" class="count">{{ statusText() }}</p>
      @if (errorMessage(); as message) {
        <p role="alert" class="gp-alert gp-alert--error">{{ message }}</p>
      }
      <ul class="families">
        @for (family of items(); track family.id) {
          <li class="family gp-card">
            <div class="family__main">
              <h2 class="family__title">
                <a class="family__name" [routerLink]="['/gezinnen', family.id]">{{ family.displayName }}</a>
              </h2>
              <p class="family__meta">
                {{ family.municipality }} ·
                {{ regisseurText(family) }}
              </p>
            </div>
            <ul class="badges" [attr.aria-label]="t().signals">
              @if (family.overdueAgreements > 0) {
                <li class="gp-badge gp-badge--error">
                  {{
                    family.overdueAgreements === 1
                      ? t().overdueOne
                      : fill(t().overdueMany, { n: family.overdueAgreements })
                  }}
                </li>
              }
              @if (family.evaluationDate) {
                <li class="gp-badge" [class.gp-badge--warning]="family.evaluationDue">
                  {{ fill(t().evaluationOn, { date: i18n.date(family.evaluationDate) }) }}
                </li>
              }
              @if (family.needsOnePlan) {
                <li class="gp-badge gp-badge--warning">{{ t().onePlan }}</li>
              }
              <li
                class="gp-badge"
                [class.gp-badge--success]="family.planStatus === 'agreed' || family.planStatus === 'in_progress'"
              >
                {{ family.planStatus ? fill(t().plan, { status: labels.planStatus(family.planStatus) }) : t().noPlan }}
              </li>
            </ul>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-start;
      gap: var(--gp-space-3);
      margin-bottom: var(--gp-space-3);
    }
    .intro {
      margin-top: 0;
    }
    .register {
      max-width: 36rem;
      margin-bottom: var(--gp-space-4);
    }
    .register h2 {
      margin-top: 0;
      font-size: 1.25rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
      gap: 0 var(--gp-space-3);
      align-items: end;
      background: var(--gp-color-bg-subtle);
      margin-bottom: var(--gp-space-3);
    }
    .filters__search {
      grid-column: 1 / -1;
      max-width: 32rem;
    }
    .flags {
      grid-column: 1 / -1;
      border: 0;
      padding: 0;
      margin: 0 0 var(--gp-space-2);
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-1) var(--gp-space-4);
    }
    .flags legend {
      font-weight: 700;
      padding: 0;
      margin-bottom: var(--gp-space-1);
    }
    .flag {
      display: inline-flex;
      align-items: center;
      gap: var(--gp-space-2);
      min-height: 44px;
      cursor: pointer;
    }
    .flag input {
      flex: none;
      width: 1.25rem;
      height: 1.25rem;
      margin: 0;
    }
    .clear {
      justify-self: start;
      margin-bottom: var(--gp-space-3);
    }
    .count {
      color: var(--gp-color-text-muted);
      font-weight: 700;
    }
    .families {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .family {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: var(--gp-space-2) var(--gp-space-3);
    }
    .family__title {
      margin: 0;
      font-size: 1.25rem;
    }
    .family__name {
      font-weight: 700;
      display: inline-block;
      min-height: 44px;
      line-height: 44px;
    }
    .family__meta {
      margin: 0;
      color: var(--gp-color-text-muted);
    }
    .badges {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyListPage {
  private readonly api = inject(FamiliesApi);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  protected readonly mayList = this.session.can(PERMISSIONS.familyList);
  protected readonly mayRegister = this.session.can(PERMISSIONS.familyCreate);
  /** Parents and youths see only their own family: no filters for them. */
  protected readonly professional = !['parent', 'youth'].includes(this.session.user()?.role ?? '');
  protected readonly labels = inject(LabelsService);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly municipalities = ZUID_LIMBURG_MUNICIPALITIES;
  protected readonly planStatuses = PLAN_STATUSES;

  // Query parameters, bound by the router (withComponentInputBinding).
  readonly q = input<string>();
  readonly municipality = input<string>();
  readonly planStatus = input<string>();
  readonly sort = input<string>();
  readonly overdue = input<string>();
  readonly evaluationDue = input<string>();
  readonly needsOnePlan = input<string>();

  protected readonly typed = new Subject<string>();
  protected readonly registering = signal(false);
  protected readonly registerBusy = signal(false);
  protected readonly registerError = signal<string | null>(null);
  protected readonly registerApiError = signal<string | null>(null);

  protected readonly currentSort = computed<WorklistSort>(() => (this.sort() === 'name' ? 'name' : 'attention'));

  private readonly query = computed<ListFamiliesQuery>(() =>
    worklistQuery({
      q: this.q(),
      municipality: this.municipality(),
      planStatus: this.planStatus(),
      sort: this.sort(),
      overdue: this.overdue(),
      evaluationDue: this.evaluationDue(),
      needsOnePlan: this.needsOnePlan(),
    }),
  );

  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!(q.q || q.municipality || q.planStatus || q.overdue || q.evaluationDue || q.needsOnePlan);
  });

  protected readonly state = toSignal(
    toObservable(this.query).pipe(
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      switchMap((query) =>
        this.mayList
          ? this.api.list(query).pipe(
              map((page): State => ({ status: 'ready', items: page.items, total: page.total })),
              startWith<State>({ status: 'loading' }),
              catchError((err: unknown) => of<State>({ status: 'error', message: errorText(err, this.i18n.lang()) })),
            )
          : of<State>({ status: 'ready', items: [], total: 0 }),
      ),
    ),
    { initialValue: { status: 'loading' } as State },
  );

  constructor() {
    this.typed
      .pipe(debounceTime(300), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((value) => this.set('q', value.trim(), true));
  }

  protected items(): FamilySummary[] {
    const s = this.state();
    return s.status === 'ready' ? s.items : [];
  }

  protected errorMessage(): string {
    const s = this.state();
    return s.status === 'error' ? s.message : '';
  }

  protected regisseurText(family: FamilySummary): string {
    const regisseur = family.regisseur;
    if (!regisseur) return this.t().noRegisseur;
    if (regisseur.userId === this.session.user()?.id) return this.t().youRegisseur;
    return fill(this.t().regisseur, { name: regisseur.displayName });
  }

  protected statusText(): string {
    const s = this.state();
    if (s.status === 'loading') return this.t().loading;
    if (s.status === 'error') return '';
    if (s.total === 0) return this.filtered() ? this.t().noneFiltered : this.t().none;
    const count = s.total === 1 ? this.t().one : fill(this.t().many, { n: s.total });
    return this.filtered() ? `${count} ${this.t().filtered}` : count;
  }

  /** Puts one filter in the URL (empty removes it); typing replaces the history entry instead of adding one. */
  protected set(name: ParamName, value: string, replaceUrl = false): void {
    void this.router.navigate([], {
      queryParams: { [name]: value || null },
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }

  protected clear(): void {
    const search = document.getElementById('zoek');
    if (search instanceof HTMLInputElement) search.value = '';
    void this.router.navigate([], { queryParams: {} });
  }

  protected openRegister(): void {
    this.registering.set(true);
    this.registerError.set(null);
    this.registerApiError.set(null);
    setTimeout(() => document.getElementById('nieuw-gezin-naam')?.focus());
  }

  protected async register(event: Event, raw: string): Promise<void> {
    event.preventDefault();
    const name = raw.trim();
    this.registerApiError.set(null);
    this.registerError.set(!name ? this.t().registerMissing : name.length > 120 ? this.t().registerTooLong : null);
    if (this.registerError()) {
      document.getElementById('nieuw-gezin-naam')?.focus();
      return;
    }
    this.registerBusy.set(true);
    try {
      const family = await firstValueFrom(this.api.register(name));
      await this.router.navigate(['/gezinnen', family.id]);
    } catch (err) {
      this.registerApiError.set(errorText(err, this.i18n.lang()));
    } finally {
      this.registerBusy.set(false);
    }
  }
}
