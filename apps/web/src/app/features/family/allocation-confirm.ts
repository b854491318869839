import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import {
  type AllocationResponse,
  IJW_STOP_REASON_LABELS,
  IJW_STOP_REASONS,
  type IjwStopReason,
  PERMISSIONS,
  type UpdateAllocationRequest,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf } from '../../core/http';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { FamilyApi } from './family-api';

const TEXTS = defineTexts(
  {
    confirmStart: 'Start bevestigen',
    confirmStartFor: 'Start bevestigen: {what}',
    startDate: 'Startdatum',
    end: 'Hulp beëindigen',
    endFor: 'Hulp beëindigen: {what}',
    endDate: 'Einddatum',
    reason: 'Reden van beëindiging (iJw)',
    chooseReason: 'Kies een reden',
    reasonMissing: 'Kies de reden van beëindiging.',
    dateMissing: 'Vul een datum in.',
    save: 'Opslaan',
    cancel: 'Annuleren',
    conflict: 'Iemand anders heeft deze hulp net aangepast. De lijst is bijgewerkt; kijk of het nog nodig is.',
  },
  {
    confirmStart: 'Confirm start',
    confirmStartFor: 'Confirm start: {what}',
    startDate: 'Start date',
    end: 'End help',
    endFor: 'End help: {what}',
    endDate: 'End date',
    reason: 'Reason for ending (iJw)',
    chooseReason: 'Choose a reason',
    reasonMissing: 'Choose the reason for ending.',
    dateMissing: 'Enter a date.',
    save: 'Save',
    cancel: 'Cancel',
    conflict:
      'Someone else has just changed this help. The list has been refreshed; check whether this is still needed.',
  },
);

/**
 * The care provider's part of the iJw life cycle, on its own organisation's help only: confirm the start
 * (JW305) of allocated help, and end started help with the national stop reason (JW307).
 */
@Component({
  selector: 'gp-allocation-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (action(); as kind) {
      @if (!editing()) {
        <button
          type="button"
          class="gp-button gp-button--secondary gp-button--small"
          [attr.aria-label]="fill(kind === 'start' ? t().confirmStartFor : t().endFor, { what: what() })"
          (click)="open()"
        >
          {{ kind === 'start' ? t().confirmStart : t().end }}
        </button>
      } @else {
        <form class="confirm" (submit)="save($event)" novalidate>
          <div class="gp-field">
            <label [for]="id('datum')">{{ kind === 'start' ? t().startDate : t().endDate }}</label>
            <input
              type="date"
              [id]="id('datum')"
              [value]="date()"
              (input)="date.set($any($event.target).value)"
              [attr.aria-invalid]="dateError() ? 'true' : null"
              [attr.aria-describedby]="dateError() ? id('datum-fout') : null"
            />
            @if (dateError()) {
              <p class="gp-field__error" [id]="id('datum-fout')">{{ t().dateMissing }}</p>
            }
          </div>
          @if (kind === 'end') {
            <div class="gp-field">
              <label [for]="id('reden')">{{ t().reason }}</label>
              <select
                [id]="id('reden')"
                (change)="reason.set($any($event.target).value)"
                [attr.aria-invalid]="reasonError() ? 'true' : null"
                [attr.aria-describedby]="reasonError() ? id('reden-fout') : null"
              >
                <option value="">{{ t().chooseReason }}</option>
                @for (code of reasons; track code) {
                  <option [value]="code" [selected]="code === reason()">{{ code }} – {{ reasonLabel(code) }}</option>
                }
              </select>
              @if (reasonError()) {
                <p class="gp-field__error" [id]="id('reden-fout')">{{ t().reasonMissing }}</p>
              }
            </div>
          }
          @if (error(); as message) {
            <p class="gp-field__error" role="alert">{{ message }}</p>
          }
          <div class="confirm__actions">
            <button type="submit" class="gp-button gp-button--small" [disabled]="busy()">{{ t().save }}</button>
            <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="editing.set(false)">
              {{ t().cancel }}
            </button>
          </div>
        </form>
      }
    }
  `,
  styles: `
    .confirm {
      min-width: 14rem;
    }
    .confirm__actions {
      display: flex;
      gap: var(--gp-space-2);
      flex-wrap: wrap;
    }
  `,
})
export class AllocationConfirm {
  readonly allocation = input.required<AllocationResponse>();
  /** A short name of the help for the buttons' accessible names, e.g. "Begeleiding voor Noah". */
  readonly what = input.required<string>();
  readonly changed = output<void>();

  private readonly api = inject(FamilyApi);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly reasons = IJW_STOP_REASONS;

  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly date = signal('');
  protected readonly reason = signal<IjwStopReason | ''>('');
  protected readonly dateError = signal(false);
  protected readonly reasonError = signal(false);
  protected readonly error = signal<string | null>(null);

  /** What this user may do now: only for their own organisation's help, with the confirm permission. */
  protected readonly action = computed<'start' | 'end' | null>(() => {
    const a = this.allocation();
    const own = this.session.user()?.organisation?.id === a.provider.id;
    if (!own || !this.session.can(PERMISSIONS.allocationConfirm)) return null;
    if (a.status === 'allocated') return 'start';
    if (a.status === 'started') return 'end';
    return null;
  });

  protected id(part: string): string {
    return `hulp-${this.allocation().id}-${part}`;
  }

  protected reasonLabel(code: IjwStopReason): string {
    return IJW_STOP_REASON_LABELS[code][this.i18n.lang()];
  }

  protected open(): void {
    this.editing.set(true);
    this.date.set(new Date().toISOString().slice(0, 10));
    this.reason.set('');
    this.error.set(null);
    this.dateError.set(false);
    this.reasonError.set(false);
    setTimeout(() => document.getElementById(this.id('datum'))?.focus());
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const kind = this.action();
    if (!kind) return;
    this.dateError.set(!this.date());
    this.reasonError.set(kind === 'end' && !this.reason());
    if (this.dateError() || this.reasonError()) return;
    const body: UpdateAllocationRequest =
      kind === 'start'
        ? { startDate: this.date() }
        : { endDate: this.date(), endReason: this.reason() as IjwStopReason };
    this.busy.set(true);
    this.error.set(null);
    try {
      const a = this.allocation();
      await firstValueFrom(this.api.updateAllocation(a.id, a.version, body));
      this.editing.set(false);
      this.changed.emit();
    } catch (err) {
      if (conflictOf(err)) {
        this.error.set(this.t().conflict);
        this.changed.emit();
      } else this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
