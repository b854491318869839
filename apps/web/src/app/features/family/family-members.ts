import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { ReactiveFormsModule, FormControl, FormGroup, Validators } from '@angular/forms';
import {
  MEMBER_ROLES,
  PERMISSIONS,
  type CreateMemberRequest,
  type FamilyDetail,
  type FamilyMemberResponse,
  type MemberRole,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamilyApi } from './family-api';
import { ADULT_ROLES, ageOf, maskBsn, todayIso, validBsn } from './family-util';

const TEXTS = defineTexts(
  {
    members: 'Gezinsleden',
    name: 'Naam',
    role: 'Rol',
    age: 'Leeftijd',
    years: '{n} jaar',
    born: 'geboren {date}',
    custody: 'Gezag',
    custodyYes: 'Heeft gezag',
    custodyNo: 'Geen gezag',
    custodyOver: 'Gezag over {names}',
    custodyBy: 'Gezag bij {names}',
    custodyNobody: 'Niet vastgelegd',
    bsn: 'BSN',
    show: 'toon',
    hide: 'verberg',
    bsnOf: 'het BSN van {name}',
    noMembers: 'Er zijn nog geen gezinsleden vastgelegd.',
    addMember: 'Gezinslid toevoegen',
    memberName: 'Naam',
    memberRole: 'Rol in het gezin',
    birthDate: 'Geboortedatum',
    hasCustody: 'Heeft gezag over de kinderen in het gezin',
    custodyHolders: 'Wie heeft gezag over dit kind?',
    bsnOptional: 'BSN (niet verplicht)',
    bsnHint: '9 cijfers. Alleen het toegangsteam ziet het BSN.',
    nameMissing: 'Vul de naam in.',
    birthMissing: 'Vul een geboortedatum in.',
    birthFuture: 'De geboortedatum kan niet in de toekomst liggen.',
    bsnInvalid: 'Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan.',
    save: 'Opslaan',
    cancel: 'Annuleren',
    memberAdded: '{name} is toegevoegd aan het gezin.',
    network: 'Netwerk',
    networkIntro: 'Mensen rond het gezin die meehelpen, zoals familie, buren of vrienden.',
    relation: 'Relatie',
    contact: 'Contact',
    noNetwork: 'Er is nog geen netwerk vastgelegd.',
    addNetwork: 'Persoon uit het netwerk toevoegen',
    relationHint: 'Bijvoorbeeld oma, buurvrouw of voetbaltrainer.',
    contactOptional: 'Telefoon of e-mail (niet verplicht)',
    relationMissing: 'Vul de relatie met het gezin in.',
    networkAdded: '{name} is toegevoegd aan het netwerk.',
  },
  {
    members: 'Family members',
    name: 'Name',
    role: 'Role',
    age: 'Age',
    years: '{n} years',
    born: 'born {date}',
    custody: 'Custody',
    custodyYes: 'Has custody',
    custodyNo: 'No custody',
    custodyOver: 'Custody of {names}',
    custodyBy: 'Custody: {names}',
    custodyNobody: 'Not recorded',
    bsn: 'Citizen service number',
    show: 'show',
    hide: 'hide',
    bsnOf: 'the citizen service number of {name}',
    noMembers: 'No family members have been recorded yet.',
    addMember: 'Add a family member',
    memberName: 'Name',
    memberRole: 'Role in the family',
    birthDate: 'Date of birth',
    hasCustody: 'Has custody of the children in the family',
    custodyHolders: 'Who has custody of this child?',
    bsnOptional: 'Citizen service number (optional)',
    bsnHint: '9 digits. Only the access team sees it.',
    nameMissing: 'Enter the name.',
    birthMissing: 'Enter a date of birth.',
    birthFuture: 'The date of birth cannot be in the future.',
    bsnInvalid: 'This is not a valid citizen service number: it needs 9 digits that pass the 11-test.',
    save: 'Save',
    cancel: 'Cancel',
    memberAdded: '{name} has been added to the family.',
    network: 'Network',
    networkIntro: 'People around the family who help, such as relatives, neighbours or friends.',
    relation: 'Relation',
    contact: 'Contact',
    noNetwork: 'No network has been recorded yet.',
    addNetwork: 'Add a person from the network',
    relationHint: 'For example grandma, neighbour or football coach.',
    contactOptional: 'Phone or e-mail (optional)',
    relationMissing: 'Enter the relation with the family.',
    networkAdded: '{name} has been added to the network.',
  },
);

@Component({
  selector: 'gp-family-members',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="leden-titel">
      <h2 id="leden-titel">{{ t().members }}</h2>
      @if (family().members.length === 0) {
        <p class="gp-muted">{{ t().noMembers }}</p>
      } @else {
        <div class="scroll" tabindex="0" role="region" [attr.aria-label]="t().members">
          <table class="gp-table members">
            <thead>
              <tr>
                <th scope="col">{{ t().name }}</th>
                <th scope="col">{{ t().role }}</th>
                <th scope="col">{{ t().age }}</th>
                <th scope="col">{{ t().custody }}</th>
                @if (showBsn()) {
                  <th scope="col">{{ t().bsn }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (member of family().members; track member.id) {
                <tr>
                  <th scope="row" class="member__name">{{ member.name }}</th>
                  <td>{{ labels.memberRole(member.role) }}</td>
                  <td>
                    {{ fill(t().years, { n: age(member) }) }}
                    <span class="gp-muted small"
                      >({{ fill(t().born, { date: i18n.shortDate(member.birthDate) }) }})</span
                    >
                  </td>
                  <td>{{ custodyText(member) }}</td>
                  @if (showBsn()) {
                    <td class="bsn">
                      @if (member.citizenServiceNumber; as bsn) {
                        <span class="bsn__value">{{ revealed().has(member.id) ? bsn : mask(bsn) }}</span>
                        <button
                          type="button"
                          class="gp-link-button bsn__toggle"
                          [attr.aria-pressed]="revealed().has(member.id)"
                          (click)="toggle(member.id)"
                        >
                          {{ revealed().has(member.id) ? t().hide : t().show
                          }}<span class="gp-visually-hidden"> {{ fill(t().bsnOf, { name: member.name }) }}</span>
                        </button>
                      } @else {
                        <span class="gp-muted">–</span>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (mayManage) {
        @if (memberMessage(); as message) {
          <p class="gp-alert gp-alert--success" role="status">{{ message }}</p>
        }
        @if (!addingMember()) {
          <button type="button" class="gp-button gp-button--secondary" id="lid-toevoegen" (click)="openMember()">
            {{ t().addMember }}
          </button>
        } @else {
          <form class="form" [formGroup]="memberForm" (ngSubmit)="saveMember()" novalidate>
            <h3>{{ t().addMember }}</h3>
            <div class="form__grid">
              <div class="gp-field">
                <label for="lid-naam">{{ t().memberName }}</label>
                <input
                  id="lid-naam"
                  formControlName="name"
                  autocomplete="off"
                  [attr.aria-invalid]="memberInvalid('name')"
                  [attr.aria-describedby]="memberInvalid('name') ? 'lid-naam-fout' : null"
                />
                @if (memberInvalid('name')) {
                  <p class="gp-field__error" id="lid-naam-fout">{{ t().nameMissing }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="lid-rol">{{ t().memberRole }}</label>
                <select id="lid-rol" formControlName="role">
                  @for (role of roles; track role) {
                    <option [value]="role">{{ labels.memberRole(role) }}</option>
                  }
                </select>
              </div>
              <div class="gp-field">
                <label for="lid-geboortedatum">{{ t().birthDate }}</label>
                <input
                  id="lid-geboortedatum"
                  type="date"
                  formControlName="birthDate"
                  [max]="today"
                  [attr.aria-invalid]="birthError() ? 'true' : null"
                  [attr.aria-describedby]="birthError() ? 'lid-geboortedatum-fout' : null"
                />
                @if (birthError(); as message) {
                  <p class="gp-field__error" id="lid-geboortedatum-fout">{{ message }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="lid-bsn">{{ t().bsnOptional }}</label>
                <input
                  id="lid-bsn"
                  formControlName="bsn"
                  inputmode="numeric"
                  autocomplete="off"
                  [attr.aria-invalid]="bsnInvalid()"
                  [attr.aria-describedby]="bsnInvalid() ? 'lid-bsn-hint lid-bsn-fout' : 'lid-bsn-hint'"
                />
                <p class="gp-field__hint" id="lid-bsn-hint">{{ t().bsnHint }}</p>
                @if (bsnInvalid()) {
                  <p class="gp-field__error" id="lid-bsn-fout">{{ t().bsnInvalid }}</p>
                }
              </div>
            </div>
            @if (isAdult()) {
              <label class="check">
                <input type="checkbox" formControlName="hasCustody" id="lid-gezag" />
                {{ t().hasCustody }}
              </label>
            } @else if (memberRole() === 'child' && adults().length > 0) {
              <fieldset class="checks">
                <legend>{{ t().custodyHolders }}</legend>
                @for (adult of adults(); track adult.id) {
                  <label class="check">
                    <input type="checkbox" [checked]="holders().has(adult.id)" (change)="toggleHolder(adult.id)" />
                    {{ adult.name }}
                  </label>
                }
              </fieldset>
            }
            @if (memberError(); as message) {
              <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
            }
            <div class="actions">
              <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
              <button type="button" class="gp-button gp-button--secondary" (click)="addingMember.set(false)">
                {{ t().cancel }}
              </button>
            </div>
          </form>
        }
      }
    </section>

    <section class="gp-card section" aria-labelledby="netwerk-titel">
      <h2 id="netwerk-titel">{{ t().network }}</h2>
      <p class="gp-muted">{{ t().networkIntro }}</p>
      @if (family().network.length === 0) {
        <p>{{ t().noNetwork }}</p>
      } @else {
        <ul class="network">
          @for (person of family().network; track person.id) {
            <li class="network__person">
              <strong>{{ person.name }}</strong>
              <span>{{ person.relation }}</span>
              @if (person.contact) {
                <span class="gp-muted">{{ person.contact }}</span>
              }
            </li>
          }
        </ul>
      }
      @if (mayManage) {
        @if (networkMessage(); as message) {
          <p class="gp-alert gp-alert--success" role="status">{{ message }}</p>
        }
        @if (!addingNetwork()) {
          <button type="button" class="gp-button gp-button--secondary" id="netwerk-toevoegen" (click)="openNetwork()">
            {{ t().addNetwork }}
          </button>
        } @else {
          <form class="form" [formGroup]="networkForm" (ngSubmit)="saveNetwork()" novalidate>
            <h3>{{ t().addNetwork }}</h3>
            <div class="form__grid">
              <div class="gp-field">
                <label for="netwerk-naam">{{ t().memberName }}</label>
                <input
                  id="netwerk-naam"
                  formControlName="name"
                  autocomplete="off"
                  [attr.aria-invalid]="networkInvalid('name')"
                  [attr.aria-describedby]="networkInvalid('name') ? 'netwerk-naam-fout' : null"
                />
                @if (networkInvalid('name')) {
                  <p class="gp-field__error" id="netwerk-naam-fout">{{ t().nameMissing }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="netwerk-relatie">{{ t().relation }}</label>
                <input
                  id="netwerk-relatie"
                  formControlName="relation"
                  autocomplete="off"
                  [attr.aria-invalid]="networkInvalid('relation')"
                  [attr.aria-describedby]="
                    networkInvalid('relation') ? 'netwerk-relatie-hint netwerk-relatie-fout' : 'netwerk-relatie-hint'
                  "
                />
                <p class="gp-field__hint" id="netwerk-relatie-hint">{{ t().relationHint }}</p>
                @if (networkInvalid('relation')) {
                  <p class="gp-field__error" id="netwerk-relatie-fout">{{ t().relationMissing }}</p>
                }
              </div>
              <div class="gp-field">
                <label for="netwerk-contact">{{ t().contactOptional }}</label>
                <input id="netwerk-contact" formControlName="contact" autocomplete="off" />
              </div>
            </div>
            @if (networkError(); as message) {
              <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
            }
            <div class="actions">
              <button type="submit" class="gp-button" [disabled]="busy()">{{ t().save }}</button>
              <button type="button" class="gp-button gp-button--secondary" (click)="addingNetwork.set(false)">
                {{ t().cancel }}
              </button>
            </div>
          </form>
        }
      }
    </section>
  `,
  styles: `
    :host {
      display: contents;
    }
    .scroll {
      overflow-x: auto;
      margin-bottom: var(--gp-space-3);
    }
    .small {
      font-size: 0.875rem;
    }
    .member__name {
      background: none;
    }
    .bsn {
      white-space: nowrap;
    }
    .bsn__value {
      font-family: monospace;
      margin-right: var(--gp-space-2);
    }
    .bsn__toggle {
      min-height: 44px;
      min-width: 44px;
    }
    .network {
      list-style: none;
      padding: 0;
      margin: 0 0 var(--gp-space-3);
      display: grid;
      gap: var(--gp-space-2);
    }
    .network__person {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-1) var(--gp-space-3);
      padding: var(--gp-space-2) 0;
      border-bottom: 1px solid var(--gp-color-border);
    }
    .form {
      border-top: 1px solid var(--gp-color-border);
      margin-top: var(--gp-space-3);
      padding-top: var(--gp-space-2);
    }
    .form h3 {
      font-size: 1.125rem;
    }
    .form__grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 var(--gp-space-3);
    }
    .checks {
      border: 0;
      padding: 0;
      margin: 0 0 var(--gp-space-3);
    }
    .checks legend {
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
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyMembers {
  readonly family = input.required<FamilyDetail>();
  readonly changed = output<void>();

  private readonly api = inject(FamilyApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  protected readonly mask = maskBsn;
  protected readonly mayManage = inject(Session).can(PERMISSIONS.familyMembersManage);
  protected readonly roles = MEMBER_ROLES;
  protected readonly today = todayIso();

  protected readonly revealed = signal<ReadonlySet<string>>(new Set());
  protected readonly showBsn = computed(() => this.family().members.some((m) => m.citizenServiceNumber !== undefined));
  protected readonly adults = computed(() => this.family().members.filter((m) => ADULT_ROLES.includes(m.role)));

  protected readonly busy = signal(false);
  protected readonly addingMember = signal(false);
  protected readonly memberSubmitted = signal(false);
  protected readonly memberError = signal<string | null>(null);
  protected readonly memberMessage = signal<string | null>(null);
  protected readonly holders = signal<ReadonlySet<string>>(new Set());
  protected readonly memberForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    role: new FormControl<MemberRole>('child', { nonNullable: true }),
    birthDate: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    bsn: new FormControl('', { nonNullable: true }),
    hasCustody: new FormControl(true, { nonNullable: true }),
  });
  protected readonly memberRole = signal<MemberRole>('child');
  protected readonly isAdult = computed(() => ADULT_ROLES.includes(this.memberRole()));

  protected readonly addingNetwork = signal(false);
  protected readonly networkSubmitted = signal(false);
  protected readonly networkError = signal<string | null>(null);
  protected readonly networkMessage = signal<string | null>(null);
  protected readonly networkForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    relation: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    contact: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

  constructor() {
    this.memberForm.controls.role.valueChanges.subscribe((role) => this.memberRole.set(role));
  }

  protected age(member: FamilyMemberResponse): number {
    return ageOf(member.birthDate);
  }

  protected custodyText(member: FamilyMemberResponse): string {
    const members = this.family().members;
    if (member.role === 'child') {
      const holders = members.filter((m) => m.custodyOf.includes(member.id)).map((m) => m.name);
      return holders.length ? fill(this.t().custodyBy, { names: holders.join(', ') }) : this.t().custodyNobody;
    }
    if (!member.hasCustody) return ADULT_ROLES.includes(member.role) ? this.t().custodyNo : '–';
    const children = members.filter((m) => member.custodyOf.includes(m.id)).map((m) => m.name);
    return children.length ? fill(this.t().custodyOver, { names: children.join(', ') }) : this.t().custodyYes;
  }

  protected toggle(id: string): void {
    const next = new Set(this.revealed());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.revealed.set(next);
  }

  protected toggleHolder(id: string): void {
    const next = new Set(this.holders());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.holders.set(next);
  }

  protected memberInvalid(name: 'name'): boolean {
    return this.memberSubmitted() && this.memberForm.controls[name].invalid;
  }

  protected birthError(): string | null {
    if (!this.memberSubmitted()) return null;
    const value = this.memberForm.controls.birthDate.value;
    if (!value) return this.t().birthMissing;
    return value > this.today ? this.t().birthFuture : null;
  }

  protected bsnInvalid(): boolean {
    const value = this.memberForm.controls.bsn.value.replace(/\s/g, '');
    return this.memberSubmitted() && value !== '' && !validBsn(value);
  }

  protected openMember(): void {
    this.memberForm.reset({ name: '', role: 'child', birthDate: '', bsn: '', hasCustody: true });
    this.holders.set(
      new Set(
        this.adults()
          .filter((a) => a.hasCustody)
          .map((a) => a.id),
      ),
    );
    this.memberSubmitted.set(false);
    this.memberError.set(null);
    this.memberMessage.set(null);
    this.addingMember.set(true);
    setTimeout(() => document.getElementById('lid-naam')?.focus());
  }

  protected async saveMember(): Promise<void> {
    this.memberSubmitted.set(true);
    this.memberError.set(null);
    if (this.memberForm.invalid || this.birthError() || this.bsnInvalid()) {
      const first = this.memberForm.controls.name.invalid
        ? 'lid-naam'
        : this.birthError()
          ? 'lid-geboortedatum'
          : 'lid-bsn';
      document.getElementById(first)?.focus();
      return;
    }
    const value = this.memberForm.getRawValue();
    const body: CreateMemberRequest = { role: value.role, name: value.name.trim(), birthDate: value.birthDate };
    const bsn = value.bsn.replace(/\s/g, '');
    if (bsn) body.citizenServiceNumber = bsn;
    if (ADULT_ROLES.includes(value.role)) body.hasCustody = value.hasCustody;
    if (value.role === 'child' && this.holders().size) body.custodyHolders = [...this.holders()];
    this.busy.set(true);
    try {
      const member = await firstValueFrom(this.api.addMember(this.family().id, body));
      this.addingMember.set(false);
      this.memberMessage.set(fill(this.t().memberAdded, { name: member.name }));
      this.changed.emit();
    } catch (err) {
      this.memberError.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }

  protected networkInvalid(name: 'name' | 'relation'): boolean {
    return this.networkSubmitted() && this.networkForm.controls[name].invalid;
  }

  protected openNetwork(): void {
    this.networkForm.reset();
    this.networkSubmitted.set(false);
    this.networkError.set(null);
    this.networkMessage.set(null);
    this.addingNetwork.set(true);
    setTimeout(() => document.getElementById('netwerk-naam')?.focus());
  }

  protected async saveNetwork(): Promise<void> {
    this.networkSubmitted.set(true);
    this.networkError.set(null);
    if (this.networkForm.invalid) {
      document.getElementById(this.networkForm.controls.name.invalid ? 'netwerk-naam' : 'netwerk-relatie')?.focus();
      return;
    }
    const value = this.networkForm.getRawValue();
    this.busy.set(true);
    try {
      const person = await firstValueFrom(
        this.api.addNetworkMember(this.family().id, {
          name: value.name.trim(),
          relation: value.relation.trim(),
          ...(value.contact.trim() ? { contact: value.contact.trim() } : {}),
        }),
      );
      this.addingNetwork.set(false);
      this.networkMessage.set(fill(this.t().networkAdded, { name: person.name }));
      this.changed.emit();
    } catch (err) {
      this.networkError.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
