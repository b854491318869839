import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { PERMISSIONS, type InvolvementResponse, type OrganisationType } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamilyApi } from './family-api';

export interface OrganisationChoice {
  id: string;
  name: string;
}

const TEXTS = defineTexts(
  {
    title: 'Betrokken organisaties',
    intro: 'Een organisatie ziet het dossier pas als het gezin toestemming heeft gegeven.',
    none: 'Er zijn nog geen organisaties betrokken.',
    organisation: 'Organisatie',
    type: 'Soort',
    since: 'Sinds',
    consent: 'Toestemming',
    actions: 'Acties',
    given: 'Toestemming gegeven',
    givenBy: 'door {name} op {date}',
    pending: 'Wacht op toestemming',
    withdrawn: 'Toestemming ingetrokken',
    withdrawnOn: 'op {date}',
    record: 'Toestemming vastleggen',
    recordFor: 'Toestemming vastleggen voor {name}',
    whoGave: 'Wie in het gezin gaf toestemming?',
    whoMissing: 'Vul in wie toestemming gaf (minstens 2 tekens).',
    save: 'Vastleggen',
    withdraw: 'Toestemming intrekken',
    withdrawFor: 'Toestemming intrekken voor {name}',
    confirmWithdraw: '{name} verliest meteen de toegang tot het dossier. Weet u het zeker?',
    yesWithdraw: 'Ja, intrekken',
    cancel: 'Annuleren',
    add: 'Organisatie betrekken',
    chooseOrganisation: 'Organisatie',
    chooseOne: 'Kies een organisatie',
    noChoices: 'Er zijn geen andere organisaties om uit te kiezen.',
    consentAlready: 'Heeft het gezin al toestemming gegeven? Vul in wie (niet verplicht)',
    organisationMissing: 'Kies een organisatie.',
    added: '{name} is betrokken bij het gezin.',
    recorded: 'De toestemming voor {name} is vastgelegd.',
    withdrawnDone: 'De toestemming voor {name} is ingetrokken.',
  },
  {
    title: 'Organisations involved',
    intro: 'An organisation sees the file only once the family has given consent.',
    none: 'No organisations are involved yet.',
    organisation: 'Organisation',
    type: 'Type',
    since: 'Since',
    consent: 'Consent',
    actions: 'Actions',
    given: 'Consent given',
    givenBy: 'by {name} on {date}',
    pending: 'Waiting for consent',
    withdrawn: 'Consent withdrawn',
    withdrawnOn: 'on {date}',
    record: 'Record consent',
    recordFor: 'Record consent for {name}',
    whoGave: 'Who in the family gave consent?',
    whoMissing: 'Enter who gave consent (at least 2 characters).',
    save: 'Record',
    withdraw: 'Withdraw consent',
    withdrawFor: 'Withdraw consent for {name}',
    confirmWithdraw: '{name} loses access to the file at once. Are you sure?',
    yesWithdraw: 'Yes, withdraw',
    cancel: 'Cancel',
    add: 'Involve an organisation',
    chooseOrganisation: 'Organisation',
    chooseOne: 'Choose an organisation',
    noChoices: 'There are no other organisations to choose from.',
    consentAlready: 'Has the family already given consent? Enter who (optional)',
    organisationMissing: 'Choose an organisation.',
    added: '{name} is now involved with the family.',
    recorded: 'Consent for {name} has been recorded.',
    withdrawnDone: 'Consent for {name} has been withdrawn.',
  },
);

@Component({
  selector: 'gp-family-involvements',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="organisaties-titel">
      <h2 id="organisaties-titel">{{ t().title }}</h2>
      <p class="gp-muted">{{ t().intro }}</p>
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
      @if (message(); as text) {
        <p class="gp-alert gp-alert--success" role="status">{{ text }}</p>
      }
      @if (involvements().length === 0) {
        <p>{{ t().none }}</p>
      } @else {
        <ul class="involvements">
          @for (inv of involvements(); track inv.id) {
            <li class="involvement">
              <div class="involvement__head">
                <strong class="involvement__name">{{ inv.organisation.name }}</strong>
                <span class="gp-muted">
                  {{ orgType(inv.organisation.type) }} · {{ t().since }} {{ i18n.date(inv.since) }}
                </span>
              </div>
              <div class="involvement__consent">
                @switch (inv.consent.status) {
                  @case ('given') {
                    <span class="gp-badge gp-badge--success">{{ t().given }}</span>
                    @if (inv.consent.givenBy) {
                      <span class="gp-muted">
                        {{ fill(t().givenBy, { name: inv.consent.givenBy, date: i18n.date(inv.consent.givenAt) }) }}
                      </span>
                    }
                  }
                  @case ('pending') {
                    <span class="gp-badge gp-badge--warning">{{ t().pending }}</span>
                  }
                  @case ('withdrawn') {
                    <span class="gp-badge gp-badge--error">{{ t().withdrawn }}</span>
                    <span class="gp-muted">{{
                      fill(t().withdrawnOn, { date: i18n.date(inv.consent.withdrawnAt) })
                    }}</span>
                  }
                }
              </div>
              @if (mayManage && inv.consent.status !== 'given') {
                @if (recording() === inv.id) {
                  <form class="inline" (submit)="record($event, inv, who.value)" novalidate>
                    <div class="gp-field">
                      <label [for]="'toestemming-door-' + inv.id">{{ t().whoGave }}</label>
                      <input
                        #who
                        [id]="'toestemming-door-' + inv.id"
                        autocomplete="off"
                        [attr.aria-invalid]="whoError() ? 'true' : null"
                        [attr.aria-describedby]="whoError() ? 'toestemming-fout-' + inv.id : null"
                      />
                      @if (whoError()) {
                        <p class="gp-field__error" [id]="'toestemming-fout-' + inv.id">{{ t().whoMissing }}</p>
                      }
                    </div>
                    <div class="actions">
                      <button type="submit" class="gp-button gp-button--small" [disabled]="busy()">
                        {{ t().save }}
                      </button>
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small"
                        (click)="recording.set(null)"
                      >
                        {{ t().cancel }}
                      </button>
                    </div>
                  </form>
                } @else {
                  <button
                    type="button"
                    class="gp-button gp-button--secondary gp-button--small"
                    [attr.aria-label]="fill(t().recordFor, { name: inv.organisation.name })"
                    (click)="openRecord(inv.id)"
                  >
                    {{ t().record }}
                  </button>
                }
              }
              @if (mayWithdraw && inv.consent.status === 'given') {
                @if (confirming() === inv.id) {
                  <div
                    class="confirm"
                    role="group"
                    [attr.aria-label]="fill(t().withdrawFor, { name: inv.organisation.name })"
                  >
                    <p>{{ fill(t().confirmWithdraw, { name: inv.organisation.name }) }}</p>
                    <div class="actions">
                      <button
                        type="button"
                        class="gp-button gp-button--small"
                        [id]="'intrekken-ja-' + inv.id"
                        (click)="withdraw(inv)"
                      >
                        {{ t().yesWithdraw }}
                      </button>
                      <button
                        type="button"
                        class="gp-button gp-button--secondary gp-button--small"
                        (click)="confirming.set(null)"
                      >
                        {{ t().cancel }}
                      </button>
                    </div>
                  </div>
                } @else {
                  <button
                    type="button"
                    class="gp-button gp-button--secondary gp-button--small"
                    [attr.aria-label]="fill(t().withdrawFor, { name: inv.organisation.name })"
                    (click)="openConfirm(inv.id)"
                  >
                    {{ t().withdraw }}
                  </button>
                }
              }
            </li>
          }
        </ul>
      }

      @if (mayManage) {
        @if (!adding()) {
          <button type="button" class="gp-button gp-button--secondary" id="organisatie-betrekken" (click)="openAdd()">
            {{ t().add }}
          </button>
        } @else {
          <form class="form" (submit)="add($event, org.value, consentBy.value)" novalidate>
            <h3>{{ t().add }}</h3>
            @if (choices().length === 0) {
              <p>{{ t().noChoices }}</p>
            }
            <div class="gp-field">
              <label for="organisatie-keuze">{{ t().chooseOrganisation }}</label>
              <select
                id="organisatie-keuze"
                #org
                [attr.aria-invalid]="orgError() ? 'true' : null"
                [attr.aria-describedby]="orgError() ? 'organisatie-fout' : null"
              >
                <option value="">{{ t().chooseOne }}</option>
                @for (choice of choices(); track choice.id) {
                  <option [value]="choice.id">{{ choice.name }}</option>
                }
              </select>
              @if (orgError()) {
                <p class="gp-field__error" id="organisatie-fout">{{ t().organisationMissing }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="organisatie-toestemming">{{ t().consentAlready }}</label>
              <input id="organisatie-toestemming" #consentBy autocomplete="off" />
            </div>
            <div class="actions">
              <button type="submit" class="gp-button" [disabled]="busy()">{{ t().add }}</button>
              <button type="button" class="gp-button gp-button--secondary" (click)="adding.set(false)">
                {{ t().cancel }}
              </button>
            </div>
          </form>
        }
      }
    </section>
  `,
  styles: `
    .involvements {
      list-style: none;
      margin: 0 0 var(--gp-space-3);
      padding: 0;
    }
    .involvement {
      display: grid;
      gap: var(--gp-space-2);
      padding: var(--gp-space-3) 0;
      border-bottom: 1px solid var(--gp-color-border);
    }
    .involvement__head,
    .involvement__consent {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-1) var(--gp-space-3);
      align-items: baseline;
    }
    .involvement__name {
      font-size: 1.125rem;
    }
    .involvement > button {
      justify-self: start;
    }
    .inline,
    .confirm {
      background: var(--gp-color-bg-subtle);
      padding: var(--gp-space-3);
      border-radius: var(--gp-radius);
    }
    .confirm p {
      margin-top: 0;
    }
    .form {
      border-top: 1px solid var(--gp-color-border);
      padding-top: var(--gp-space-2);
      max-width: 36rem;
    }
    .form h3 {
      font-size: 1.125rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyInvolvements {
  readonly familyId = input.required<string>();
  readonly involvements = input.required<InvolvementResponse[]>();
  /** Organisations the access team can choose from (the API checks each). */
  readonly organisations = input<OrganisationChoice[]>([]);
  readonly changed = output<void>();

  private readonly api = inject(FamilyApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  private readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  protected readonly mayManage = this.session.can(PERMISSIONS.involvementManage);
  protected readonly mayWithdraw = this.session.can(PERMISSIONS.consentWithdraw);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly recording = signal<string | null>(null);
  protected readonly whoError = signal(false);
  protected readonly confirming = signal<string | null>(null);
  protected readonly adding = signal(false);
  protected readonly orgError = signal(false);

  protected readonly choices = computed(() => {
    const involved = new Set(this.involvements().map((i) => i.organisation.id));
    return this.organisations().filter((o) => !involved.has(o.id));
  });

  protected orgType(type: string): string {
    return ['municipality', 'provider', 'gi', 'other'].includes(type)
      ? this.labels.organisationType(type as OrganisationType)
      : type;
  }

  protected openRecord(id: string): void {
    this.recording.set(id);
    this.whoError.set(false);
    setTimeout(() => document.getElementById(`toestemming-door-${id}`)?.focus());
  }

  protected openConfirm(id: string): void {
    this.confirming.set(id);
    setTimeout(() => document.getElementById(`intrekken-ja-${id}`)?.focus());
  }

  protected openAdd(): void {
    this.adding.set(true);
    this.orgError.set(false);
    setTimeout(() => document.getElementById('organisatie-keuze')?.focus());
  }

  protected async record(event: Event, inv: InvolvementResponse, who: string): Promise<void> {
    event.preventDefault();
    const givenBy = who.trim();
    this.whoError.set(givenBy.length < 2);
    if (givenBy.length < 2) {
      document.getElementById(`toestemming-door-${inv.id}`)?.focus();
      return;
    }
    await this.run(this.api.giveConsent(inv.id, givenBy), fill(this.t().recorded, { name: inv.organisation.name }));
    this.recording.set(null);
  }

  protected async withdraw(inv: InvolvementResponse): Promise<void> {
    await this.run(this.api.withdrawConsent(inv.id), fill(this.t().withdrawnDone, { name: inv.organisation.name }));
    this.confirming.set(null);
  }

  protected async add(event: Event, organisationId: string, consentBy: string): Promise<void> {
    event.preventDefault();
    this.orgError.set(!organisationId);
    if (!organisationId) {
      document.getElementById('organisatie-keuze')?.focus();
      return;
    }
    const name = this.organisations().find((o) => o.id === organisationId)?.name ?? '';
    const by = consentBy.trim();
    if (
      await this.run(
        this.api.involve(this.familyId(), organisationId, by.length >= 2 ? by : undefined),
        fill(this.t().added, { name }),
      )
    )
      this.adding.set(false);
  }

  private async run(call: ReturnType<FamilyApi['withdrawConsent']>, done: string): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    this.message.set(null);
    try {
      await firstValueFrom(call);
      this.message.set(done);
      this.changed.emit();
      return true;
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
