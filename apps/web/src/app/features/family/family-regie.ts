import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { PERMISSIONS, ROLES, type RegieResponse, type Role } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamilyApi } from './family-api';

export interface PersonChoice {
  userId: string;
  displayName: string;
}

const TEXTS = defineTexts(
  {
    title: 'Regie',
    intro: 'De regisseur houdt het overzicht over het ene plan van het gezin.',
    current: 'Regisseur nu',
    none: 'Er is geen regisseur.',
    since: 'sinds {date}',
    you: '(u)',
    history: 'Eerdere overdrachten',
    who: 'Regisseur',
    from: 'Van',
    until: 'Tot',
    reason: 'Reden',
    now: 'nu',
    handover: 'Regie overdragen',
    to: 'Aan wie?',
    toHint: 'Alleen mensen die al bij dit gezin betrokken zijn.',
    chooseOne: 'Kies een persoon',
    toMissing: 'Kies aan wie u de regie overdraagt.',
    reasonLabel: 'Reden van de overdracht',
    reasonMissing: 'Schrijf kort op waarom (minstens 3 tekens).',
    submit: 'Regie overdragen',
    cancel: 'Annuleren',
    done: 'De regie is overgedragen aan {name}.',
    noCandidates: 'Er is nog niemand anders bij dit gezin betrokken aan wie u de regie kunt overdragen.',
  },
  {
    title: 'Case direction',
    intro: 'The regisseur keeps the overview of the family’s one plan.',
    current: 'Current regisseur',
    none: 'There is no regisseur.',
    since: 'since {date}',
    you: '(you)',
    history: 'Earlier hand-overs',
    who: 'Regisseur',
    from: 'From',
    until: 'Until',
    reason: 'Reason',
    now: 'now',
    handover: 'Hand over case direction',
    to: 'To whom?',
    toHint: 'Only people already involved with this family.',
    chooseOne: 'Choose a person',
    toMissing: 'Choose who takes over.',
    reasonLabel: 'Reason for the hand-over',
    reasonMissing: 'Write briefly why (at least 3 characters).',
    submit: 'Hand over',
    cancel: 'Cancel',
    done: 'Case direction has been handed over to {name}.',
    noCandidates: 'Nobody else is involved with this family yet to hand over to.',
  },
);

@Component({
  selector: 'gp-family-regie',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="gp-card section" aria-labelledby="regie-titel">
      <h2 id="regie-titel">{{ t().title }}</h2>
      <p class="gp-muted">{{ t().intro }}</p>
      @if (message(); as text) {
        <p class="gp-alert gp-alert--success" role="status">{{ text }}</p>
      }
      @if (regie().current; as current) {
        <div class="current">
          <span class="current__label">{{ t().current }}</span>
          <strong class="current__name">
            {{ current.displayName }}
            @if (current.userId === me) {
              {{ t().you }}
            }
          </strong>
          <span class="gp-muted">
            {{ currentWho() }} · {{ fill(t().since, { date: i18n.date(current.startedAt) }) }}
          </span>
        </div>
      } @else {
        <p>{{ t().none }}</p>
      }

      @if (regie().history.length > 0) {
        <h3>{{ t().history }}</h3>
        <div class="scroll" tabindex="0" role="region" [attr.aria-label]="t().history">
          <table class="gp-table">
            <thead>
              <tr>
                <th scope="col">{{ t().who }}</th>
                <th scope="col">{{ t().from }}</th>
                <th scope="col">{{ t().until }}</th>
                <th scope="col">{{ t().reason }}</th>
              </tr>
            </thead>
            <tbody>
              @for (item of regie().history; track item.startedAt) {
                <tr>
                  <td>
                    {{ item.displayName }}
                    <span class="gp-muted">({{ item.organisation ?? roleLabel(item.role) }})</span>
                  </td>
                  <td>{{ i18n.shortDate(item.startedAt) }}</td>
                  <td>{{ item.endedAt ? i18n.shortDate(item.endedAt) : t().now }}</td>
                  <td>{{ item.reason }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (mayHandover()) {
        @if (!open()) {
          <button type="button" class="gp-button gp-button--secondary" id="regie-overdragen" (click)="start()">
            {{ t().handover }}
          </button>
        } @else {
          <form class="form" (submit)="submit($event, to.value, reason.value)" novalidate>
            <h3>{{ t().handover }}</h3>
            @if (choices().length === 0) {
              <p>{{ t().noCandidates }}</p>
            }
            <div class="gp-field">
              <label for="regie-aan">{{ t().to }}</label>
              <p class="gp-field__hint" id="regie-aan-hint">{{ t().toHint }}</p>
              <select
                id="regie-aan"
                #to
                [attr.aria-invalid]="toError() ? 'true' : null"
                [attr.aria-describedby]="toError() ? 'regie-aan-hint regie-aan-fout' : 'regie-aan-hint'"
              >
                <option value="">{{ t().chooseOne }}</option>
                @for (person of choices(); track person.userId) {
                  <option [value]="person.userId">{{ person.displayName }}</option>
                }
              </select>
              @if (toError()) {
                <p class="gp-field__error" id="regie-aan-fout">{{ t().toMissing }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="regie-reden">{{ t().reasonLabel }}</label>
              <textarea
                id="regie-reden"
                #reason
                maxlength="1000"
                [attr.aria-invalid]="reasonError() ? 'true' : null"
                [attr.aria-describedby]="reasonError() ? 'regie-reden-fout' : null"
              ></textarea>
              @if (reasonError()) {
                <p class="gp-field__error" id="regie-reden-fout">{{ t().reasonMissing }}</p>
              }
            </div>
            @if (error(); as message) {
              <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
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
    .current {
      display: flex;
      flex-direction: column;
      gap: var(--gp-space-1);
      padding: var(--gp-space-3);
      background: var(--gp-color-info-bg);
      border-left: 6px solid var(--gp-color-primary);
      margin-bottom: var(--gp-space-3);
    }
    .current__label {
      font-weight: 700;
      font-size: 0.875rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .current__name {
      font-size: 1.25rem;
    }
    .scroll {
      overflow-x: auto;
      margin-bottom: var(--gp-space-3);
    }
    h3 {
      font-size: 1.125rem;
    }
    .form {
      border-top: 1px solid var(--gp-color-border);
      padding-top: var(--gp-space-2);
      max-width: 36rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
  `,
})
export class FamilyRegie {
  readonly familyId = input.required<string>();
  readonly regie = input.required<RegieResponse>();
  readonly candidates = input<PersonChoice[]>([]);
  readonly changed = output<void>();

  private readonly api = inject(FamilyApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  private readonly labels = inject(LabelsService);
  protected readonly fill = fill;
  protected readonly me = this.session.user()?.id ?? '';

  /** The API lets the current regisseur or the access team hand over (and parents, who use the portal). */
  protected readonly mayHandover = computed(
    () =>
      this.session.can(PERMISSIONS.regieHandover) &&
      (this.session.user()?.role === 'access_team' || this.regie().current?.userId === this.me),
  );
  protected readonly choices = computed(() => {
    const current = this.regie().current?.userId;
    return this.candidates().filter((c) => c.userId !== current);
  });

  protected readonly open = signal(false);
  protected readonly busy = signal(false);
  protected readonly toError = signal(false);
  protected readonly reasonError = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);

  protected currentWho(): string {
    const current = this.regie().current;
    if (!current) return '';
    return [this.roleLabel(current.role), current.organisation].filter(Boolean).join(', ');
  }

  protected roleLabel(role: string): string {
    return (ROLES as readonly string[]).includes(role) ? this.labels.role(role as Role) : role;
  }

  protected start(): void {
    this.open.set(true);
    this.toError.set(false);
    this.reasonError.set(false);
    this.error.set(null);
    this.message.set(null);
    setTimeout(() => document.getElementById('regie-aan')?.focus());
  }

  protected async submit(event: Event, toUserId: string, rawReason: string): Promise<void> {
    event.preventDefault();
    const reason = rawReason.trim();
    this.toError.set(!toUserId);
    this.reasonError.set(reason.length < 3);
    if (!toUserId || reason.length < 3) {
      document.getElementById(!toUserId ? 'regie-aan' : 'regie-reden')?.focus();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(this.api.handover(this.familyId(), { toUserId, reason }));
      this.open.set(false);
      this.message.set(fill(this.t().done, { name: result.current?.displayName ?? '' }));
      this.changed.emit();
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
