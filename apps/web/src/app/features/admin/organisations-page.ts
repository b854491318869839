import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  ORGANISATION_TYPES,
  type OrganisationResponse,
  type OrganisationType,
  PERMISSIONS,
  ZUID_LIMBURG_MUNICIPALITIES,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { AdminApi } from './admin-api';
import { AdminNav } from './admin-nav';
import { SsoSettings } from './sso-settings';

const TEXTS = defineTexts(
  {
    title: 'Beheer',
    heading: 'Organisaties en teams',
    noAccess: 'Met uw rol kunt u geen organisaties beheren.',
    loading: 'Organisaties worden geladen…',
    newOrganisation: 'Nieuwe organisatie',
    name: 'Naam',
    type: 'Soort organisatie',
    municipality: 'Gemeente',
    municipalityHint: 'Voor een toegangsteam: de gemeente waarvan het de gezinnen helpt.',
    noMunicipality: 'Geen (regio of niet van toepassing)',
    nameInvalid: 'Vul een naam in van 2 tot 200 tekens.',
    add: 'Organisatie toevoegen',
    added: 'Organisatie {name} is toegevoegd.',
    edit: 'Bewerken',
    editLabel: '{name} bewerken',
    save: 'Opslaan',
    cancel: 'Annuleren',
    saved: 'Wijzigingen in {name} zijn opgeslagen.',
    conflict:
      'Iemand anders heeft deze organisatie net aangepast. De huidige versie heet "{name}". Uw invoer staat nog in het formulier: sla opnieuw op om die te bewaren.',
    teams: 'Teams',
    noTeams: 'Nog geen teams.',
    teamName: 'Naam van het nieuwe team',
    teamNameFor: 'Naam van het nieuwe team van {name}',
    addTeam: 'Team toevoegen',
    teamAdded: 'Team {team} is toegevoegd aan {name}.',
    teamInvalid: 'Vul een teamnaam in van 2 tot 120 tekens.',
    count: '{n} organisaties',
  },
  {
    title: 'Administration',
    heading: 'Organisations and teams',
    noAccess: 'Your role cannot manage organisations.',
    loading: 'Loading organisations…',
    newOrganisation: 'New organisation',
    name: 'Name',
    type: 'Type of organisation',
    municipality: 'Municipality',
    municipalityHint: 'For an access team: the municipality whose families it helps.',
    noMunicipality: 'None (region or not applicable)',
    nameInvalid: 'Enter a name of 2 to 200 characters.',
    add: 'Add organisation',
    added: 'Organisation {name} has been added.',
    edit: 'Edit',
    editLabel: 'Edit {name}',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Changes to {name} have been saved.',
    conflict:
      'Someone else has just changed this organisation. The current version is called "{name}". Your input is still in the form: save again to keep it.',
    teams: 'Teams',
    noTeams: 'No teams yet.',
    teamName: 'Name of the new team',
    teamNameFor: 'Name of the new team of {name}',
    addTeam: 'Add team',
    teamAdded: 'Team {team} has been added to {name}.',
    teamInvalid: 'Enter a team name of 2 to 120 characters.',
    count: '{n} organisations',
  },
);

const orgForm = () =>
  new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(200)],
    }),
    type: new FormControl<OrganisationType>('provider', { nonNullable: true }),
    municipality: new FormControl('', { nonNullable: true }),
  });

/** Organisations (create, edit with If-Match) and their teams (list, create). */
@Component({
  selector: 'gp-organisations-page',
  imports: [ReactiveFormsModule, AdminNav, SsoSettings],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    <gp-admin-nav />
    <h2>{{ t().heading }}</h2>
    @if (!mayRead) {
      <p>{{ t().noAccess }}</p>
    } @else {
      <div role="status" aria-live="polite">
        @if (message(); as m) {
          <p class="gp-alert gp-alert--success">{{ m }}</p>
        }
      </div>
      @if (error(); as e) {
        <p class="gp-alert gp-alert--error" role="alert">{{ e }}</p>
      }

      @if (mayWrite) {
        <form class="gp-card create" [formGroup]="createForm" (ngSubmit)="create()" novalidate>
          <h3>{{ t().newOrganisation }}</h3>
          <div class="grid">
            <div class="gp-field">
              <label for="org-naam">{{ t().name }}</label>
              <input
                id="org-naam"
                formControlName="name"
                autocomplete="off"
                [attr.aria-invalid]="createInvalid() ? 'true' : null"
                [attr.aria-describedby]="createInvalid() ? 'org-naam-fout' : null"
              />
              @if (createInvalid()) {
                <p class="gp-field__error" id="org-naam-fout">{{ t().nameInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="org-soort">{{ t().type }}</label>
              <select id="org-soort" formControlName="type">
                @for (type of types; track type) {
                  <option [value]="type">{{ labels.organisationType(type) }}</option>
                }
              </select>
            </div>
            <div class="gp-field">
              <label for="org-gemeente">{{ t().municipality }}</label>
              <select id="org-gemeente" formControlName="municipality" aria-describedby="org-gemeente-hint">
                <option value="">{{ t().noMunicipality }}</option>
                @for (m of municipalities; track m) {
                  <option [value]="m">{{ m }}</option>
                }
              </select>
              <p class="gp-field__hint" id="org-gemeente-hint">{{ t().municipalityHint }}</p>
            </div>
          </div>
          <button type="submit" class="gp-button" [disabled]="busy()">{{ t().add }}</button>
        </form>
      }

      @if (loading()) {
        <p role="status">{{ t().loading }}</p>
      } @else {
        <p class="gp-muted">{{ countText() }}</p>
        <ul class="orgs">
          @for (org of organisations(); track org.id) {
            <li class="gp-card org">
              @if (editing() === org.id) {
                <form
                  [formGroup]="editForm"
                  (ngSubmit)="save(org)"
                  novalidate
                  [attr.aria-label]="fillName(t().editLabel, org.name)"
                >
                  @if (conflictText(); as c) {
                    <p class="gp-alert gp-alert--warning" role="alert">{{ c }}</p>
                  }
                  <div class="grid">
                    <div class="gp-field">
                      <label [for]="'naam-' + org.id">{{ t().name }}</label>
                      <input [id]="'naam-' + org.id" formControlName="name" autocomplete="off" />
                    </div>
                    <div class="gp-field">
                      <label [for]="'soort-' + org.id">{{ t().type }}</label>
                      <select [id]="'soort-' + org.id" formControlName="type">
                        @for (type of types; track type) {
                          <option [value]="type">{{ labels.organisationType(type) }}</option>
                        }
                      </select>
                    </div>
                    <div class="gp-field">
                      <label [for]="'gemeente-' + org.id">{{ t().municipality }}</label>
                      <select [id]="'gemeente-' + org.id" formControlName="municipality">
                        <option value="">{{ t().noMunicipality }}</option>
                        @for (m of municipalities; track m) {
                          <option [value]="m">{{ m }}</option>
                        }
                      </select>
                    </div>
                  </div>
                  <div class="actions">
                    <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
                    <button type="button" class="gp-button gp-button--secondary" (click)="cancel()">
                      {{ t().cancel }}
                    </button>
                  </div>
                </form>
              } @else {
                <div class="org__head">
                  <div>
                    <h3 class="org__name">{{ org.name }}</h3>
                    <p class="gp-muted org__meta">
                      {{ labels.organisationType(org.type) }}
                      @if (org.municipality) {
                        · {{ org.municipality }}
                      }
                    </p>
                  </div>
                  @if (mayWrite) {
                    <button
                      type="button"
                      class="gp-button gp-button--secondary gp-button--small"
                      [attr.data-org]="org.id"
                      (click)="edit(org)"
                    >
                      {{ t().edit }}<span class="gp-visually-hidden"> – {{ org.name }}</span>
                    </button>
                  }
                </div>
              }
              <h4 class="org__teams">{{ t().teams }}</h4>
              @if (org.teams.length === 0) {
                <p class="gp-muted">{{ t().noTeams }}</p>
              } @else {
                <ul class="teams">
                  @for (team of org.teams; track team.id) {
                    <li>{{ team.name }}</li>
                  }
                </ul>
              }
              @if (mayWrite) {
                <form class="team-form" (submit)="addTeam($event, org, teamInput)">
                  <div class="gp-field">
                    <label [for]="'team-' + org.id" class="gp-visually-hidden">{{
                      fillName(t().teamNameFor, org.name)
                    }}</label>
                    <input
                      #teamInput
                      [id]="'team-' + org.id"
                      autocomplete="off"
                      [placeholder]="t().teamName"
                      [attr.aria-invalid]="teamError() === org.id ? 'true' : null"
                      [attr.aria-describedby]="teamError() === org.id ? 'team-fout-' + org.id : null"
                    />
                    @if (teamError() === org.id) {
                      <p class="gp-field__error" [id]="'team-fout-' + org.id">{{ t().teamInvalid }}</p>
                    }
                  </div>
                  <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
                    {{ t().addTeam }}
                  </button>
                </form>
              }
              @if (mayWrite) {
                <gp-sso-settings [organisationId]="org.id" [organisationName]="org.name" />
              }
            </li>
          }
        </ul>
      }
    }
  `,
  styles: `
    .create {
      margin-bottom: var(--gp-space-4);
    }
    .create h3 {
      margin-top: 0;
    }
    .grid {
      display: grid;
      gap: 0 var(--gp-space-3);
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    }
    .orgs {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--gp-space-3);
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr));
    }
    .org__head {
      display: flex;
      justify-content: space-between;
      align-items: flex-start;
      gap: var(--gp-space-2);
    }
    .org__name {
      margin: 0;
      font-size: 1.125rem;
    }
    .org__meta {
      margin: 0;
    }
    .org__teams {
      margin: var(--gp-space-3) 0 var(--gp-space-1);
      font-size: 1rem;
    }
    .teams {
      margin: 0 0 var(--gp-space-2);
      padding-left: var(--gp-space-4);
    }
    .team-form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: flex-start;
    }
    .team-form .gp-field {
      flex: 1 1 14rem;
      margin: 0;
    }
    .actions {
      display: flex;
      gap: var(--gp-space-2);
      flex-wrap: wrap;
    }
  `,
})
export class OrganisationsPage {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly mayRead = this.session.can(PERMISSIONS.organisationRead);
  protected readonly mayWrite = this.session.can(PERMISSIONS.organisationWrite);
  protected readonly types = ORGANISATION_TYPES;
  protected readonly municipalities = ZUID_LIMBURG_MUNICIPALITIES;

  protected readonly organisations = signal<OrganisationResponse[]>([]);
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly createInvalid = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly conflictText = signal<string | null>(null);
  protected readonly teamError = signal<string | null>(null);
  /** The version the edit form is based on (moves to the current one after a conflict). */
  private editVersion = 0;

  protected readonly createForm = orgForm();
  protected readonly editForm = orgForm();

  constructor() {
    if (this.mayRead) void this.load();
  }

  protected countText(): string {
    return fill(this.t().count, { n: this.organisations().length });
  }

  protected fillName(text: string, name: string): string {
    return fill(text, { name });
  }

  protected async create(): Promise<void> {
    this.createInvalid.set(this.createForm.invalid);
    if (this.createForm.invalid) {
      document.getElementById('org-naam')?.focus();
      return;
    }
    const v = this.createForm.getRawValue();
    await this.run(async () => {
      const org = await firstValueFrom(
        this.api.createOrganisation({ name: v.name.trim(), type: v.type, municipality: v.municipality || null }),
      );
      this.organisations.update((list) => [...list, org].sort((a, b) => a.name.localeCompare(b.name)));
      this.createForm.reset({ name: '', type: 'provider', municipality: '' });
      this.message.set(fill(this.t().added, { name: org.name }));
    });
  }

  protected edit(org: OrganisationResponse): void {
    this.editing.set(org.id);
    this.conflictText.set(null);
    this.editVersion = org.version;
    this.editForm.reset({ name: org.name, type: org.type, municipality: org.municipality ?? '' });
    setTimeout(() => document.getElementById(`naam-${org.id}`)?.focus());
  }

  protected cancel(): void {
    const id = this.editing();
    this.editing.set(null);
    this.conflictText.set(null);
    setTimeout(() => document.querySelector<HTMLElement>(`[data-org="${id}"]`)?.focus());
  }

  protected async save(org: OrganisationResponse): Promise<void> {
    if (this.editForm.invalid) return;
    const v = this.editForm.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(
        this.api.updateOrganisation(org.id, this.editVersion, {
          name: v.name.trim(),
          type: v.type,
          municipality: v.municipality || null,
        }),
      );
      this.replace(saved);
      this.editing.set(null);
      this.conflictText.set(null);
      this.message.set(fill(this.t().saved, { name: saved.name }));
    } catch (err) {
      const conflict = conflictOf<OrganisationResponse>(err);
      if (conflict) {
        this.replace(conflict.current);
        this.editVersion = conflict.currentVersion;
        this.conflictText.set(fill(this.t().conflict, { name: conflict.current.name }));
      } else {
        this.error.set(errorText(err, this.i18n.lang()));
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected async addTeam(event: Event, org: OrganisationResponse, input: HTMLInputElement): Promise<void> {
    event.preventDefault();
    const name = input.value.trim();
    if (name.length < 2 || name.length > 120) {
      this.teamError.set(org.id);
      input.focus();
      return;
    }
    this.teamError.set(null);
    await this.run(async () => {
      const team = await firstValueFrom(this.api.createTeam(org.id, { name }));
      this.organisations.update((list) => list.map((o) => (o.id === org.id ? { ...o, teams: [...o.teams, team] } : o)));
      input.value = '';
      this.message.set(fill(this.t().teamAdded, { team: team.name, name: org.name }));
    });
  }

  private async load(): Promise<void> {
    try {
      this.organisations.set(await firstValueFrom(this.api.organisations()));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.loading.set(false);
    }
  }

  private replace(org: OrganisationResponse): void {
    this.organisations.update((list) => list.map((o) => (o.id === org.id ? org : o)));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
