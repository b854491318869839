import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  PERMISSIONS,
  type AllocationResponse,
  type FamilyDetail,
  type InvolvementResponse,
  type PlanResponse,
  type RegieResponse,
  type ZrmMemberOverview,
} from '@gezinsplan/contracts';
import { type Observable, catchError, firstValueFrom, of } from 'rxjs';
import { errorCode, errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamilyAllocations } from './family-allocations';
import { FamilyApi } from './family-api';
import { FamilyInvolvements, type OrganisationChoice } from './family-involvements';
import { FamilyMembers } from './family-members';
import { FamilyRegie, type PersonChoice } from './family-regie';
import { FamilyRetentionCard } from './family-retention';
import { FamilyZrm } from './family-zrm';
import { CorrectionAnswers } from '../privacy/correction-answers';
import { EmergencyBanner } from '../privacy/emergency-banner';
import { FamilyAccessLog } from '../privacy/family-access-log';

const TEXTS = defineTexts(
  {
    back: 'Terug naar mijn gezinnen',
    loading: 'Het gezin wordt geladen…',
    notFound: 'Dit gezin bestaat niet, of u heeft geen toegang tot het dossier.',
    family: 'Gezin',
    municipality: 'Gemeente {name}',
    status: 'Dossier: {status}',
    plan: 'Plan: {status}',
    noPlan: 'Nog geen plan',
    openPlan: 'Naar het gezinsplan',
    rename: 'Naam wijzigen',
    renameLabel: 'Naam van het gezin',
    nameMissing: 'Vul de naam van het gezin in (hoogstens 120 tekens).',
    save: 'Opslaan',
    cancel: 'Annuleren',
    renamed: 'De naam is gewijzigd.',
    conflict:
      'Iemand anders heeft de naam intussen gewijzigd in “{name}”. Uw wijziging is nog niet opgeslagen. Kies Opslaan om uw naam toch te gebruiken, of Annuleren om “{name}” te houden.',
    overdueOne: 'Te laat: 1 afspraak',
    overdueMany: 'Te laat: {n} afspraken',
    evaluationOn: 'Evaluatie op {date}',
    onePlan: '1G1P1R nodig',
    partError: 'Dit deel kon niet worden geladen: {message}',
  },
  {
    back: 'Back to my families',
    loading: 'Loading the family…',
    notFound: 'This family does not exist, or you have no access to its file.',
    family: 'Family',
    municipality: 'Municipality of {name}',
    status: 'File: {status}',
    plan: 'Plan: {status}',
    noPlan: 'No plan yet',
    openPlan: 'Open the family plan',
    rename: 'Change name',
    renameLabel: 'Name of the family',
    nameMissing: 'Enter the name of the family (at most 120 characters).',
    save: 'Save',
    cancel: 'Cancel',
    renamed: 'The name has been changed.',
    conflict:
      'Someone else has just changed the name to “{name}”. Your change has not been saved yet. Choose Save to use your name anyway, or Cancel to keep “{name}”.',
    overdueOne: 'Overdue: 1 agreement',
    overdueMany: 'Overdue: {n} agreements',
    evaluationOn: 'Evaluation on {date}',
    onePlan: '1G1P1R needed',
    partError: 'This part could not be loaded: {message}',
  },
);

@Component({
  selector: 'gp-family-page',
  imports: [
    RouterLink,
    FamilyMembers,
    FamilyInvolvements,
    FamilyRegie,
    FamilyZrm,
    FamilyAllocations,
    EmergencyBanner,
    CorrectionAnswers,
    FamilyAccessLog,
    FamilyRetentionCard,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back">
      <a routerLink="/gezinnen">{{ t().back }}</a>
    </p>
    @if (loadError(); as message) {
      <h1>{{ t().family }}</h1>
      <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
    } @else if (family(); as f) {
      <div class="page">
        <header class="gp-card head">
          <div class="head__main">
            @if (!renaming()) {
              <h1 class="family-name" tabindex="-1" id="gezin-naam">{{ f.displayName }}</h1>
            } @else {
              <h1 class="gp-visually-hidden">{{ f.displayName }}</h1>
              <form class="rename" (submit)="saveName($event, nameInput.value)" novalidate>
                <div class="gp-field">
                  <label for="gezin-nieuwe-naam">{{ t().renameLabel }}</label>
                  <input
                    #nameInput
                    id="gezin-nieuwe-naam"
                    [value]="draftName()"
                    maxlength="120"
                    autocomplete="off"
                    [attr.aria-invalid]="nameError() ? 'true' : null"
                    [attr.aria-describedby]="nameError() ? 'gezin-naam-fout' : null"
                  />
                  @if (nameError()) {
                    <p class="gp-field__error" id="gezin-naam-fout">{{ t().nameMissing }}</p>
                  }
                </div>
                @if (renameConflict(); as message) {
                  <p class="gp-alert gp-alert--warning" role="alert">{{ message }}</p>
                }
                @if (renameError(); as message) {
                  <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
                }
                <div class="actions">
                  <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
                  <button type="button" class="gp-button gp-button--secondary" (click)="cancelRename()">
                    {{ t().cancel }}
                  </button>
                </div>
              </form>
            }
            <p class="meta">
              <span>{{ fill(t().municipality, { name: f.municipality }) }}</span>
              <span class="gp-badge">{{ fill(t().status, { status: labels.familyStatus(f.status) }) }}</span>
              <span
                class="gp-badge"
                [class.gp-badge--success]="f.planStatus === 'agreed' || f.planStatus === 'in_progress'"
              >
                {{ f.planStatus ? fill(t().plan, { status: labels.planStatus(f.planStatus) }) : t().noPlan }}
              </span>
              @if (f.overdueAgreements > 0) {
                <span class="gp-badge gp-badge--error">
                  {{ f.overdueAgreements === 1 ? t().overdueOne : fill(t().overdueMany, { n: f.overdueAgreements }) }}
                </span>
              }
              @if (f.evaluationDate) {
                <span class="gp-badge" [class.gp-badge--warning]="f.evaluationDue">
                  {{ fill(t().evaluationOn, { date: i18n.date(f.evaluationDate) }) }}
                </span>
              }
              @if (f.needsOnePlan) {
                <span class="gp-badge gp-badge--warning">{{ t().onePlan }}</span>
              }
            </p>
            @if (renamed()) {
              <p class="gp-alert gp-alert--success" role="status">{{ t().renamed }}</p>
            }
            @if (mayRename && !renaming()) {
              <button
                type="button"
                class="gp-button gp-button--secondary gp-button--small"
                id="naam-wijzigen"
                (click)="startRename()"
              >
                {{ t().rename }}
              </button>
            }
          </div>
          <a class="gp-button plan-link" [routerLink]="['/gezinnen', f.id, 'plan']">{{ t().openPlan }} →</a>
        </header>

        <gp-emergency-banner [familyId]="f.id" />

        <gp-family-members [family]="f" (changed)="reloadFamily()" />

        @if (regie(); as r) {
          <gp-family-regie [familyId]="f.id" [regie]="r" [candidates]="candidates()" (changed)="reloadAll()" />
        }

        @if (involvements(); as list) {
          <gp-family-involvements
            [familyId]="f.id"
            [involvements]="list"
            [organisations]="organisationChoices()"
            (changed)="reloadInvolvements()"
          />
        }

        @if (zrm(); as overviews) {
          <gp-family-zrm [overviews]="overviews" />
        }

        @if (allocations(); as list) {
          <gp-family-allocations
            [familyId]="f.id"
            [allocations]="list"
            [members]="f.members"
            [goals]="plan()?.goals ?? []"
            [providers]="providerChoices()"
            (changed)="reloadAllocations()"
          />
        }

        @if (f.regisseur?.userId === me) {
          <gp-correction-answers [familyId]="f.id" />
          <gp-family-access-log [familyId]="f.id" />
        }

        @if (mayReadRetention) {
          <gp-family-retention
            [familyId]="f.id"
            [mayClose]="mayManageFile(f)"
            [mayDecide]="mayManageFile(f) && mayDecideDestruction"
            (changed)="retentionChanged($event)"
          />
        }

        @for (message of partErrors(); track message) {
          <p class="gp-alert gp-alert--error">{{ fill(t().partError, { message }) }}</p>
        }
      </div>
    } @else {
      <p role="status">{{ t().loading }}</p>
    }
  `,
  styles: `
    .back {
      margin-top: 0;
    }
    .page {
      display: grid;
      gap: var(--gp-space-4);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-start;
      gap: var(--gp-space-3);
      background: var(--gp-color-bg-subtle);
    }
    .head__main {
      flex: 1 1 24rem;
    }
    .family-name {
      margin: 0 0 var(--gp-space-2);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--gp-space-2);
      margin: 0 0 var(--gp-space-3);
    }
    .rename {
      max-width: 30rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      margin-bottom: var(--gp-space-3);
    }
    .plan-link {
      font-size: 1.125rem;
      text-decoration: none;
      display: inline-flex;
      align-items: center;
    }
  `,
})
export class FamilyPage {
  readonly familyId = input.required<string>();

  private readonly api = inject(FamilyApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  protected readonly mayRename = this.session.can(PERMISSIONS.familyUpdate);
  protected readonly me = this.session.user()?.id ?? null;
  protected readonly mayReadRetention = this.session.can(PERMISSIONS.destructionRead);
  protected readonly mayDecideDestruction = this.session.can(PERMISSIONS.destructionDecide);
  private readonly router = inject(Router);

  protected readonly family = signal<FamilyDetail | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly involvements = signal<InvolvementResponse[] | null>(null);
  protected readonly regie = signal<RegieResponse | null>(null);
  protected readonly zrm = signal<ZrmMemberOverview[] | null>(null);
  protected readonly allocations = signal<AllocationResponse[] | null>(null);
  protected readonly plan = signal<PlanResponse | null>(null);
  private readonly directory = signal<OrganisationChoice[]>([]);
  protected readonly partErrors = signal<string[]>([]);

  protected readonly renaming = signal(false);
  protected readonly draftName = signal('');
  protected readonly nameError = signal(false);
  protected readonly renameConflict = signal<string | null>(null);
  protected readonly renameError = signal<string | null>(null);
  protected readonly renamed = signal(false);
  protected readonly busy = signal(false);
  /** The version the rename is based on; after a conflict, the version now stored. */
  private renameVersion = 0;

  /** Care providers and GIs to involve or allocate help to: those involved with this family and the directory. */
  protected readonly providerChoices = computed(() => {
    const byId = new Map<string, OrganisationChoice>();
    for (const inv of this.involvements() ?? [])
      if (inv.organisation.type === 'provider' || inv.organisation.type === 'gi')
        byId.set(inv.organisation.id, { id: inv.organisation.id, name: inv.organisation.name });
    for (const p of this.directory()) if (!byId.has(p.id)) byId.set(p.id, p);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  });
  protected readonly organisationChoices = computed(() => this.providerChoices());

  /** People who may take over the regie: already involved professionals, earlier regisseurs, and the access team worker. */
  protected readonly candidates = computed(() => {
    const people = new Map<string, PersonChoice>();
    const me = this.session.user();
    if (me?.role === 'access_team') people.set(me.id, { userId: me.id, displayName: me.displayName });
    for (const h of this.regie()?.history ?? []) people.set(h.userId, { userId: h.userId, displayName: h.displayName });
    for (const goal of this.plan()?.goals ?? []) {
      for (const p of goal.progress)
        people.set(p.author.userId, { userId: p.author.userId, displayName: p.author.displayName });
      const comments = [...goal.comments, ...goal.agreements.flatMap((a) => a.comments)];
      for (const c of comments)
        if (c.author.role !== 'youth')
          people.set(c.author.userId, { userId: c.author.userId, displayName: c.author.displayName });
    }
    return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  });

  constructor() {
    effect(() => {
      const id = this.familyId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.family.set(null);
    this.loadError.set(null);
    this.partErrors.set([]);
    try {
      this.family.set(await firstValueFrom(this.api.family(id)));
    } catch (err) {
      const code = errorCode(err);
      this.loadError.set(
        code === 'NOT_FOUND' || code === 'FORBIDDEN' ? this.t().notFound : errorText(err, this.i18n.lang()),
      );
      return;
    }
    await this.reloadAll();
  }

  protected async reloadAll(): Promise<void> {
    const id = this.familyId();
    const can = (p: (typeof PERMISSIONS)[keyof typeof PERMISSIONS]) => this.session.can(p);
    const parts: Promise<unknown>[] = [this.reloadInvolvements()];
    if (can(PERMISSIONS.regieRead)) parts.push(this.part(this.api.regie(id), this.regie));
    if (can(PERMISSIONS.zrmRead)) parts.push(this.part(this.api.zrm(id), this.zrm));
    if (can(PERMISSIONS.allocationRead)) parts.push(this.reloadAllocations());
    if (can(PERMISSIONS.planRead)) parts.push(this.part(this.api.plan(id), this.plan, true));
    if (can(PERMISSIONS.involvementManage)) parts.push(this.loadProviders());
    await Promise.all(parts);
  }

  /** The regisseur or the access team closes the file and answers destruction requests (as the API checks). */
  protected mayManageFile(f: FamilyDetail): boolean {
    const me = this.session.user();
    return (
      this.session.can(PERMISSIONS.familyClose) &&
      (me?.role === 'access_team' || (!!me && f.regisseur?.userId === me.id))
    );
  }

  protected retentionChanged(what: 'status' | 'erased'): void {
    if (what === 'erased') void this.router.navigate(['/gezinnen']);
    else void this.reloadFamily();
  }

  protected async reloadFamily(): Promise<void> {
    try {
      this.family.set(await firstValueFrom(this.api.family(this.familyId())));
    } catch (err) {
      this.partErrors.update((list) => [...list, errorText(err, this.i18n.lang())]);
    }
  }

  protected reloadInvolvements(): Promise<void> {
    return this.part(this.api.involvements(this.familyId()), this.involvements);
  }

  protected async reloadAllocations(): Promise<void> {
    await this.part(this.api.allocations(this.familyId()), this.allocations);
    await this.reloadInvolvements();
  }

  /** One part of the page; a failure is reported below without hiding the rest. */
  private async part<T>(call: Observable<T>, target: { set(value: T): void }, quiet = false): Promise<void> {
    try {
      target.set(await firstValueFrom(call));
    } catch (err) {
      if (!quiet) this.partErrors.update((list) => [...list, errorText(err, this.i18n.lang())]);
    }
  }

  private async loadProviders(): Promise<void> {
    const all = await firstValueFrom(this.api.organisations().pipe(catchError(() => of(null))));
    this.directory.set(
      (all ?? []).filter((o) => o.type === 'provider' || o.type === 'gi').map((o) => ({ id: o.id, name: o.name })),
    );
  }

  protected startRename(): void {
    const f = this.family();
    if (!f) return;
    this.draftName.set(f.displayName);
    this.renameVersion = f.version;
    this.nameError.set(false);
    this.renameConflict.set(null);
    this.renameError.set(null);
    this.renamed.set(false);
    this.renaming.set(true);
    setTimeout(() => document.getElementById('gezin-nieuwe-naam')?.focus());
  }

  protected cancelRename(): void {
    this.renaming.set(false);
    if (this.renameConflict()) void this.reloadFamily();
    setTimeout(() => document.getElementById('naam-wijzigen')?.focus());
  }

  protected async saveName(event: Event, raw: string): Promise<void> {
    event.preventDefault();
    const name = raw.trim();
    this.draftName.set(raw);
    this.nameError.set(!name || name.length > 120);
    if (this.nameError()) {
      document.getElementById('gezin-nieuwe-naam')?.focus();
      return;
    }
    this.busy.set(true);
    this.renameError.set(null);
    try {
      const saved = await firstValueFrom(this.api.rename(this.familyId(), this.renameVersion, name));
      this.family.update((f) => (f ? { ...f, displayName: saved.displayName, version: saved.version } : f));
      this.renaming.set(false);
      this.renameConflict.set(null);
      this.renamed.set(true);
      setTimeout(() => document.getElementById('gezin-naam')?.focus());
    } catch (err) {
      const conflict = conflictOf<FamilyDetail>(err);
      if (conflict) {
        this.renameVersion = conflict.currentVersion;
        this.renameConflict.set(fill(this.t().conflict, { name: conflict.current.displayName }));
      } else {
        this.renameError.set(errorText(err, this.i18n.lang()));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
