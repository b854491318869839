import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  type ActivationResponse,
  type ListUsersQuery,
  type OrganisationResponse,
  PERMISSIONS,
  PROFESSIONAL_ROLES,
  type Role,
  type UserResponse,
} from '@gezinsplan/contracts';
import { catchError, debounceTime, firstValueFrom, of, switchMap } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { AdminApi } from './admin-api';
import { AdminNav } from './admin-nav';

const TEXTS = defineTexts(
  {
    title: 'Beheer',
    heading: 'Gebruikers',
    noAccess: 'Met uw rol kunt u geen gebruikers beheren.',
    newUser: 'Nieuw account voor een professional',
    newUserIntro:
      'U kiest geen wachtwoord. De nieuwe gebruiker krijgt van u een eenmalig activatietoken en kiest daarmee zelf een wachtwoord.',
    email: 'E-mailadres',
    emailInvalid: 'Vul een geldig e-mailadres in.',
    displayName: 'Naam',
    nameInvalid: 'Vul een naam in van 2 tot 120 tekens.',
    role: 'Rol',
    organisation: 'Organisatie',
    chooseOrganisation: 'Kies een organisatie',
    organisationMissing: 'Kies een organisatie.',
    team: 'Team',
    noTeam: 'Geen team',
    create: 'Account aanmaken',
    created: 'Het account van {name} is aangemaakt.',
    activationTitle: 'Activatietoken voor {name}',
    activationText:
      'Geef dit token op een veilige manier (bijvoorbeeld telefonisch of persoonlijk) aan {name}. Met het token kiest {name} zelf een wachtwoord van minstens 12 tekens. Het token is geldig tot {until}.',
    activationOnce:
      'Dit token wordt maar één keer getoond: het wordt niet bewaard. Kwijt? Maak dan een nieuw activatietoken aan.',
    token: 'Activatietoken',
    copy: 'Kopieer token',
    copied: 'Het token is gekopieerd.',
    activationPage: 'De nieuwe gebruiker vult het token in op de pagina',
    copyFailed: 'Kopiëren lukte niet. Selecteer het token en kopieer het zelf.',
    activationDone: 'Ik heb het token doorgegeven',
    filters: 'Zoeken en filteren',
    search: 'Zoek op naam of e-mailadres',
    allRoles: 'Alle rollen',
    allOrganisations: 'Alle organisaties',
    status: 'Status',
    allStatuses: 'Actief en gedeactiveerd',
    activeOnly: 'Alleen actief',
    inactiveOnly: 'Alleen gedeactiveerd',
    loading: 'Gebruikers worden geladen…',
    count: '{n} gebruikers',
    countOne: '1 gebruiker',
    none: 'Geen gebruikers gevonden.',
    active: 'Actief',
    pending: 'Nog niet geactiveerd',
    inactive: 'Gedeactiveerd',
    change: 'Rol of team wijzigen',
    changeFor: 'Rol of team van {name} wijzigen',
    save: 'Opslaan',
    cancel: 'Annuleren',
    saved: 'De wijziging voor {name} is opgeslagen.',
    conflict:
      'Iemand anders heeft dit account net aangepast (nu: {role}). Uw keuze staat nog in het formulier: sla opnieuw op om die te bewaren.',
    endSessions: 'Sessies beëindigen',
    sessionsEnded: '{n} sessie(s) van {name} beëindigd. {name} moet opnieuw inloggen.',
    deactivate: 'Deactiveren',
    confirmDeactivate:
      'Weet u zeker dat u het account van {name} wilt deactiveren? {name} kan dan niet meer inloggen en alle sessies worden beëindigd.',
    confirmYes: 'Ja, deactiveer {name}',
    deactivated: 'Het account van {name} is gedeactiveerd.',
    reissue: 'Nieuw activatietoken',
    noOrganisation: 'geen organisatie',
  },
  {
    title: 'Administration',
    heading: 'Users',
    noAccess: 'Your role cannot manage users.',
    newUser: 'New account for a professional',
    newUserIntro:
      'You do not choose a password. You give the new user a one-time activation token, with which they choose a password themselves.',
    email: 'E-mail address',
    emailInvalid: 'Enter a valid e-mail address.',
    displayName: 'Name',
    nameInvalid: 'Enter a name of 2 to 120 characters.',
    role: 'Role',
    organisation: 'Organisation',
    chooseOrganisation: 'Choose an organisation',
    organisationMissing: 'Choose an organisation.',
    team: 'Team',
    noTeam: 'No team',
    create: 'Create account',
    created: 'The account of {name} has been created.',
    activationTitle: 'Activation token for {name}',
    activationText:
      'Give this token to {name} in a safe way (for example by phone or in person). With it, {name} chooses a password of at least 12 characters. The token is valid until {until}.',
    activationOnce: 'This token is shown only once: it is not stored. Lost it? Then create a new activation token.',
    token: 'Activation token',
    copy: 'Copy token',
    copied: 'The token has been copied.',
    activationPage: 'The new user enters the token on the page',
    copyFailed: 'Copying did not work. Select the token and copy it yourself.',
    activationDone: 'I have passed on the token',
    filters: 'Search and filter',
    search: 'Search by name or e-mail address',
    allRoles: 'All roles',
    allOrganisations: 'All organisations',
    status: 'Status',
    allStatuses: 'Active and deactivated',
    activeOnly: 'Active only',
    inactiveOnly: 'Deactivated only',
    loading: 'Loading users…',
    count: '{n} users',
    countOne: '1 user',
    none: 'No users found.',
    active: 'Active',
    pending: 'Not activated yet',
    inactive: 'Deactivated',
    change: 'Change role or team',
    changeFor: 'Change role or team of {name}',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'The change for {name} has been saved.',
    conflict:
      'Someone else has just changed this account (now: {role}). Your choice is still in the form: save again to keep it.',
    endSessions: 'End sessions',
    sessionsEnded: '{n} session(s) of {name} ended. {name} has to log in again.',
    deactivate: 'Deactivate',
    confirmDeactivate:
      'Are you sure you want to deactivate the account of {name}? {name} can then no longer log in and all sessions are ended.',
    confirmYes: 'Yes, deactivate {name}',
    deactivated: 'The account of {name} has been deactivated.',
    reissue: 'New activation token',
    noOrganisation: 'no organisation',
  },
);

interface Filters {
  q: string;
  role: string;
  organisationId: string;
  active: string;
}

/** Accounts: list with filters, create (activation token shown once), change role/team, deactivate, end sessions. */
@Component({
  selector: 'gp-users-page',
  imports: [ReactiveFormsModule, AdminNav],
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

      @if (activation(); as a) {
        <section class="gp-card activation" aria-labelledby="activatie-kop">
          <h3 id="activatie-kop" tabindex="-1">{{ fillName(t().activationTitle, a.name) }}</h3>
          <p>{{ activationText() }}</p>
          <p class="gp-alert gp-alert--warning">{{ t().activationOnce }}</p>
          <p>
            {{ t().activationPage }} <a href="/activeren">{{ activationPagePath }}</a>
          </p>
          <p class="token">
            <span class="token__label" id="activatie-token-label">{{ t().token }}</span>
            <code id="activatie-token" aria-labelledby="activatie-token-label">{{ a.token }}</code>
          </p>
          <div class="actions">
            <button type="button" class="gp-button" id="kopieer-token" (click)="copy(a.token)">{{ t().copy }}</button>
            <button type="button" class="gp-button gp-button--secondary" (click)="closeActivation()">
              {{ t().activationDone }}
            </button>
          </div>
          <p role="status" class="copied">{{ copyStatus() }}</p>
        </section>
      }

      @if (mayWrite) {
        <form class="gp-card create" [formGroup]="createForm" (ngSubmit)="create()" novalidate>
          <h3>{{ t().newUser }}</h3>
          <p class="gp-muted">{{ t().newUserIntro }}</p>
          <div class="grid">
            <div class="gp-field">
              <label for="gebruiker-email">{{ t().email }}</label>
              <input
                id="gebruiker-email"
                type="email"
                formControlName="email"
                autocomplete="off"
                [attr.aria-invalid]="invalid('email') ? 'true' : null"
                [attr.aria-describedby]="invalid('email') ? 'gebruiker-email-fout' : null"
              />
              @if (invalid('email')) {
                <p class="gp-field__error" id="gebruiker-email-fout">{{ t().emailInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="gebruiker-naam">{{ t().displayName }}</label>
              <input
                id="gebruiker-naam"
                formControlName="displayName"
                autocomplete="off"
                [attr.aria-invalid]="invalid('displayName') ? 'true' : null"
                [attr.aria-describedby]="invalid('displayName') ? 'gebruiker-naam-fout' : null"
              />
              @if (invalid('displayName')) {
                <p class="gp-field__error" id="gebruiker-naam-fout">{{ t().nameInvalid }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="gebruiker-rol">{{ t().role }}</label>
              <select id="gebruiker-rol" formControlName="role">
                @for (role of roles; track role) {
                  <option [value]="role">{{ labels.role(role) }}</option>
                }
              </select>
            </div>
            <div class="gp-field">
              <label for="gebruiker-organisatie">{{ t().organisation }}</label>
              <select
                id="gebruiker-organisatie"
                formControlName="organisationId"
                (change)="createForm.controls.teamId.setValue('')"
                [attr.aria-invalid]="invalid('organisationId') ? 'true' : null"
                [attr.aria-describedby]="invalid('organisationId') ? 'gebruiker-organisatie-fout' : null"
              >
                <option value="">{{ t().chooseOrganisation }}</option>
                @for (org of organisations(); track org.id) {
                  <option [value]="org.id">{{ org.name }}</option>
                }
              </select>
              @if (invalid('organisationId')) {
                <p class="gp-field__error" id="gebruiker-organisatie-fout">{{ t().organisationMissing }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="gebruiker-team">{{ t().team }}</label>
              <select id="gebruiker-team" formControlName="teamId">
                <option value="">{{ t().noTeam }}</option>
                @for (team of teamsOf(createOrganisation()); track team.id) {
                  <option [value]="team.id">{{ team.name }}</option>
                }
              </select>
            </div>
          </div>
          <button type="submit" class="gp-button" [disabled]="busy()">{{ t().create }}</button>
        </form>
      }

      <section class="list" aria-labelledby="gebruikers-lijst">
        <h3 id="gebruikers-lijst">{{ t().filters }}</h3>
        <div class="grid filters">
          <div class="gp-field">
            <label for="zoek-gebruiker">{{ t().search }}</label>
            <input id="zoek-gebruiker" type="search" [value]="filters().q" (input)="setFilter('q', $event)" />
          </div>
          <div class="gp-field">
            <label for="filter-rol">{{ t().role }}</label>
            <select id="filter-rol" (change)="setFilter('role', $event)">
              <option value="">{{ t().allRoles }}</option>
              @for (role of roles; track role) {
                <option [value]="role">{{ labels.role(role) }}</option>
              }
            </select>
          </div>
          <div class="gp-field">
            <label for="filter-organisatie">{{ t().organisation }}</label>
            <select id="filter-organisatie" (change)="setFilter('organisationId', $event)">
              <option value="">{{ t().allOrganisations }}</option>
              @for (org of organisations(); track org.id) {
                <option [value]="org.id">{{ org.name }}</option>
              }
            </select>
          </div>
          <div class="gp-field">
            <label for="filter-status">{{ t().status }}</label>
            <select id="filter-status" (change)="setFilter('active', $event)">
              <option value="">{{ t().allStatuses }}</option>
              <option value="true">{{ t().activeOnly }}</option>
              <option value="false">{{ t().inactiveOnly }}</option>
            </select>
          </div>
        </div>

        @if (loading()) {
          <p role="status">{{ t().loading }}</p>
        } @else {
          <p class="gp-muted" role="status">{{ countText() }}</p>
          <ul class="users">
            @for (user of users(); track user.id) {
              <li class="user" [attr.data-email]="user.email">
                <div class="user__main">
                  <p class="user__name">{{ user.displayName }}</p>
                  <p class="user__meta">
                    {{ user.email }} · {{ labels.role(user.role) }} · {{ organisationName(user.organisationId) }}
                    @if (teamName(user); as team) {
                      · {{ team }}
                    }
                  </p>
                  <p>
                    @if (!user.active) {
                      <span class="gp-badge gp-badge--error">{{ t().inactive }}</span>
                    } @else if (user.activationPending) {
                      <span class="gp-badge gp-badge--warning">{{ t().pending }}</span>
                    } @else {
                      <span class="gp-badge gp-badge--success">{{ t().active }}</span>
                    }
                  </p>
                </div>
                @if (mayWrite && user.active) {
                  <div class="actions">
                    @if (isProfessional(user)) {
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small"
                        (click)="startEdit(user)"
                      >
                        {{ t().change }}<span class="gp-visually-hidden"> – {{ user.displayName }}</span>
                      </button>
                    }
                    @if (user.activationPending) {
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small"
                        (click)="reissue(user)"
                      >
                        {{ t().reissue }}<span class="gp-visually-hidden"> – {{ user.displayName }}</span>
                      </button>
                    }
                    <button
                      type="button"
                      class="gp-button gp-button--secondary gp-button--small"
                      (click)="endSessions(user)"
                    >
                      {{ t().endSessions }}<span class="gp-visually-hidden"> – {{ user.displayName }}</span>
                    </button>
                    @if (user.id !== ownId) {
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small danger"
                        [attr.data-deactivate]="user.id"
                        (click)="askDeactivate(user)"
                      >
                        {{ t().deactivate }}<span class="gp-visually-hidden"> – {{ user.displayName }}</span>
                      </button>
                    }
                  </div>
                }
                @if (editing() === user.id) {
                  <form class="user__edit" [formGroup]="editForm" (ngSubmit)="saveEdit(user)">
                    @if (conflictText(); as c) {
                      <p class="gp-alert gp-alert--warning" role="alert">{{ c }}</p>
                    }
                    <div class="grid">
                      <div class="gp-field">
                        <label [for]="'rol-' + user.id">{{ t().role }}</label>
                        <select [id]="'rol-' + user.id" formControlName="role">
                          @for (role of roles; track role) {
                            <option [value]="role">{{ labels.role(role) }}</option>
                          }
                        </select>
                      </div>
                      <div class="gp-field">
                        <label [for]="'team-' + user.id">{{ t().team }}</label>
                        <select [id]="'team-' + user.id" formControlName="teamId">
                          <option value="">{{ t().noTeam }}</option>
                          @for (team of teamsOf(user.organisationId); track team.id) {
                            <option [value]="team.id">{{ team.name }}</option>
                          }
                        </select>
                      </div>
                    </div>
                    <div class="actions">
                      <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
                      <button type="button" class="gp-button gp-button--secondary" (click)="editing.set(null)">
                        {{ t().cancel }}
                      </button>
                    </div>
                  </form>
                }
                @if (confirming() === user.id) {
                  <div
                    class="gp-alert gp-alert--warning confirm"
                    role="alertdialog"
                    [attr.aria-labelledby]="'bevestig-' + user.id"
                  >
                    <p [id]="'bevestig-' + user.id">{{ fillName(t().confirmDeactivate, user.displayName) }}</p>
                    <div class="actions">
                      <button type="button" class="gp-button" [id]="'ja-' + user.id" (click)="deactivate(user)">
                        {{ fillName(t().confirmYes, user.displayName) }}
                      </button>
                      <button type="button" class="gp-button gp-button--secondary" (click)="cancelDeactivate(user)">
                        {{ t().cancel }}
                      </button>
                    </div>
                  </div>
                }
              </li>
            } @empty {
              <li>{{ t().none }}</li>
            }
          </ul>
        }
      </section>
    }
  `,
  styles: `
    .grid {
      display: grid;
      gap: 0 var(--gp-space-3);
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    }
    .create,
    .activation {
      margin-bottom: var(--gp-space-4);
    }
    .create h3,
    .activation h3 {
      margin-top: 0;
    }
    .activation {
      border: 3px solid var(--gp-color-primary);
    }
    .token {
      display: flex;
      flex-direction: column;
      gap: var(--gp-space-1);
    }
    .token__label {
      font-weight: 700;
    }
    code {
      font-size: 1.0625rem;
      padding: var(--gp-space-2);
      background: var(--gp-color-bg-subtle);
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      word-break: break-all;
      user-select: all;
    }
    .copied {
      min-height: 1.5rem;
      margin: var(--gp-space-2) 0 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: flex-start;
    }
    .users {
      list-style: none;
      margin: 0;
      padding: 0;
      border-top: 1px solid var(--gp-color-border);
    }
    .user {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--gp-space-2) var(--gp-space-3);
      padding: var(--gp-space-3) 0;
      border-bottom: 1px solid var(--gp-color-border);
    }
    .user__main p {
      margin: 0;
    }
    .user__name {
      font-weight: 700;
      font-size: 1.0625rem;
    }
    .user__meta {
      color: var(--gp-color-text-muted);
    }
    .user__edit,
    .confirm {
      grid-column: 1 / -1;
      margin: 0;
    }
    @media (min-width: 60rem) {
      .user {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .user > .actions {
        justify-content: flex-end;
      }
    }
    .danger {
      color: var(--gp-color-error);
      border-color: var(--gp-color-error);
    }
  `,
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly mayRead = this.session.can(PERMISSIONS.userRead);
  protected readonly mayWrite = this.session.can(PERMISSIONS.userWrite);
  protected readonly roles = PROFESSIONAL_ROLES;
  /** Admins do not deactivate themselves here (they would lock themselves out mid-task). */
  protected readonly ownId = this.session.user()?.id ?? null;

  protected readonly organisations = signal<OrganisationResponse[]>([]);
  protected readonly users = signal<UserResponse[]>([]);
  protected readonly filters = signal<Filters>({ q: '', role: '', organisationId: '', active: '' });
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly conflictText = signal<string | null>(null);
  /** The one-time token, held in memory only until the admin closes it. */
  protected readonly activation = signal<(ActivationResponse & { name: string }) | null>(null);
  protected readonly copyStatus = signal('');
  private editVersion = 0;
  private readonly reload = signal(0);

  protected readonly createForm = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(120)],
    }),
    role: new FormControl<Role>('access_team', { nonNullable: true }),
    organisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    teamId: new FormControl('', { nonNullable: true }),
  });
  protected readonly editForm = new FormGroup({
    role: new FormControl<Role>('access_team', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
  });
  private readonly createOrgValue = signal('');
  protected readonly createOrganisation = this.createOrgValue.asReadonly();

  protected readonly activationPagePath = `${location.origin}/activeren`;
  protected readonly activationText = computed(() => {
    const a = this.activation();
    return a ? fill(this.t().activationText, { name: a.name, until: this.i18n.dateTime(a.expiresAt) }) : '';
  });

  constructor() {
    this.createForm.controls.organisationId.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((v) => this.createOrgValue.set(v));
    if (!this.mayRead) return;
    void firstValueFrom(this.api.organisations())
      .then((orgs) => this.organisations.set(orgs))
      .catch((err: unknown) => this.error.set(errorText(err, this.i18n.lang())));
    toObservable(computed(() => ({ f: this.filters(), n: this.reload() })))
      .pipe(
        debounceTime(200),
        switchMap(({ f }) =>
          this.api.users(this.query(f)).pipe(
            catchError((err: unknown) => {
              this.error.set(errorText(err, this.i18n.lang()));
              return of<UserResponse[]>([]);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((users) => {
        this.users.set(users);
        this.loading.set(false);
      });
  }

  protected fillName(text: string, name: string): string {
    return fill(text, { name });
  }

  protected countText(): string {
    const n = this.users().length;
    return n === 1 ? this.t().countOne : fill(this.t().count, { n });
  }

  protected invalid(field: 'email' | 'displayName' | 'organisationId'): boolean {
    return this.submitted() && this.createForm.controls[field].invalid;
  }

  protected teamsOf(organisationId: string | null): { id: string; name: string }[] {
    return this.organisations().find((o) => o.id === organisationId)?.teams ?? [];
  }

  protected organisationName(id: string | null): string {
    return this.organisations().find((o) => o.id === id)?.name ?? (id ? '' : this.t().noOrganisation);
  }

  protected teamName(user: UserResponse): string | null {
    return this.teamsOf(user.organisationId).find((t) => t.id === user.teamId)?.name ?? null;
  }

  /** Parents and youths are linked to their family: their role and team are not changed here. */
  protected isProfessional(user: UserResponse): boolean {
    return PROFESSIONAL_ROLES.includes(user.role);
  }

  protected setFilter(key: keyof Filters, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.filters.update((f) => ({ ...f, [key]: value }));
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    if (this.createForm.invalid) {
      const first = (['email', 'displayName', 'organisationId'] as const).find((f) => this.invalid(f));
      const ids = { email: 'gebruiker-email', displayName: 'gebruiker-naam', organisationId: 'gebruiker-organisatie' };
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    const v = this.createForm.getRawValue();
    await this.run(async () => {
      const created = await firstValueFrom(
        this.api.createUser({
          email: v.email.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          organisationId: v.organisationId,
          teamId: v.teamId || null,
        }),
      );
      this.submitted.set(false);
      this.createForm.reset({ email: '', displayName: '', role: 'access_team', organisationId: '', teamId: '' });
      this.message.set(fill(this.t().created, { name: created.user.displayName }));
      this.showActivation({ ...created.activation, name: created.user.displayName });
      this.reload.update((n) => n + 1);
    });
  }

  protected async copy(token: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      this.copyStatus.set(this.t().copied);
    } catch {
      this.copyStatus.set(this.t().copyFailed);
    }
  }

  protected closeActivation(): void {
    this.activation.set(null);
    this.copyStatus.set('');
    setTimeout(() => document.getElementById('gebruiker-email')?.focus());
  }

  protected startEdit(user: UserResponse): void {
    this.confirming.set(null);
    this.conflictText.set(null);
    this.editVersion = user.version;
    this.editForm.reset({ role: user.role, teamId: user.teamId ?? '' });
    this.editing.set(user.id);
    setTimeout(() => document.getElementById(`rol-${user.id}`)?.focus());
  }

  protected async saveEdit(user: UserResponse): Promise<void> {
    const v = this.editForm.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(
        this.api.updateUser(user.id, this.editVersion, { role: v.role, teamId: v.teamId || null }),
      );
      this.replace(saved);
      this.editing.set(null);
      this.message.set(fill(this.t().saved, { name: saved.displayName }));
    } catch (err) {
      const conflict = conflictOf<UserResponse>(err);
      if (conflict) {
        this.replace(conflict.current);
        this.editVersion = conflict.currentVersion;
        this.conflictText.set(fill(this.t().conflict, { role: this.labels.role(conflict.current.role) }));
      } else {
        this.error.set(errorText(err, this.i18n.lang()));
      }
    } finally {
      this.busy.set(false);
    }
  }

  protected async reissue(user: UserResponse): Promise<void> {
    await this.run(async () => {
      const activation = await firstValueFrom(this.api.reissueActivation(user.id));
      this.showActivation({ ...activation, name: user.displayName });
    });
  }

  protected async endSessions(user: UserResponse): Promise<void> {
    await this.run(async () => {
      const res = await firstValueFrom(this.api.revokeSessions(user.id));
      this.message.set(
        fill(this.t().sessionsEnded, { n: res.revokedSessions, name: user.displayName }).replaceAll(
          '{name}',
          user.displayName,
        ),
      );
    });
  }

  protected askDeactivate(user: UserResponse): void {
    this.editing.set(null);
    this.confirming.set(user.id);
    setTimeout(() => document.getElementById(`ja-${user.id}`)?.focus());
  }

  protected cancelDeactivate(user: UserResponse): void {
    this.confirming.set(null);
    setTimeout(() => document.querySelector<HTMLElement>(`[data-deactivate="${user.id}"]`)?.focus());
  }

  protected async deactivate(user: UserResponse): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(this.api.updateUser(user.id, user.version, { active: false }));
      this.replace(saved);
      this.confirming.set(null);
      this.message.set(fill(this.t().deactivated, { name: saved.displayName }));
      setTimeout(() => document.getElementById('zoek-gebruiker')?.focus());
    } catch (err) {
      const conflict = conflictOf<UserResponse>(err);
      if (conflict) this.replace(conflict.current);
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }

  private showActivation(a: ActivationResponse & { name: string }): void {
    this.copyStatus.set('');
    this.activation.set(a);
    setTimeout(() => document.getElementById('activatie-kop')?.focus());
  }

  private query(f: Filters): ListUsersQuery {
    return {
      q: f.q.trim() || undefined,
      role: (PROFESSIONAL_ROLES as readonly string[]).includes(f.role) ? (f.role as Role) : undefined,
      organisationId: f.organisationId || undefined,
      active: f.active === '' ? undefined : f.active === 'true',
    };
  }

  private replace(user: UserResponse): void {
    this.users.update((list) => list.map((u) => (u.id === user.id ? user : u)));
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
