import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { PERMISSIONS, type AgreementResponse } from '@gezinsplan/contracts';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { CommentThread } from './comment-thread';
import { PlanStore } from './plan-store';

const TEXTS = defineTexts(
  {
    who: 'Wie',
    due: 'Klaar op',
    noDue: 'geen datum',
    overdue: 'te laat',
    edit: 'Bewerken',
    editLabel: 'Bewerken: afspraak {name}',
    done: 'Gedaan',
    doneLabel: 'Gedaan: {name}',
    reopen: 'Weer openen',
    reopenLabel: 'Weer openen: {name}',
    description: 'Afspraak',
    dueDate: 'Klaar op (datum)',
    save: 'Opslaan',
    cancel: 'Annuleren',
    notSent: 'nog niet verstuurd',
  },
  {
    who: 'Who',
    due: 'Due',
    noDue: 'no date',
    overdue: 'overdue',
    edit: 'Edit',
    editLabel: 'Edit: agreement {name}',
    done: 'Done',
    doneLabel: 'Done: {name}',
    reopen: 'Reopen',
    reopenLabel: 'Reopen: {name}',
    description: 'Agreement',
    dueDate: 'Due (date)',
    save: 'Save',
    cancel: 'Cancel',
    notSent: 'not sent yet',
  },
);

/** One agreement: who does what by when; edit inline, mark done, comment. */
@Component({
  selector: 'gp-agreement-item',
  imports: [CommentThread],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="agreement" [class.flash]="store.highlighted() === agreement().id" [attr.data-item-id]="agreement().id">
      @if (editing()) {
        <form class="edit" (submit)="$event.preventDefault(); save()">
          <div class="gp-field">
            <label [for]="'afspraak-' + agreement().id">{{ t().description }}</label>
            <textarea
              #area
              rows="2"
              [id]="'afspraak-' + agreement().id"
              [value]="draft()"
              (input)="draft.set($any($event.target).value)"
            ></textarea>
          </div>
          <div class="gp-field">
            <label [for]="'afspraak-datum-' + agreement().id">{{ t().dueDate }}</label>
            <input
              type="date"
              [id]="'afspraak-datum-' + agreement().id"
              [value]="dueDraft()"
              (input)="dueDraft.set($any($event.target).value)"
            />
          </div>
          <div class="actions">
            <button type="submit" class="gp-button gp-button--small">{{ t().save }}</button>
            <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="stop()">
              {{ t().cancel }}
            </button>
          </div>
        </form>
      } @else {
        <p class="description" [class.description--done]="agreement().status === 'done'">
          {{ agreement().description }}
        </p>
        <p class="meta">
          <span>{{ t().who }}: {{ agreement().ownerLabel }} ({{ labels.ownerType(agreement().ownerType) }})</span>
          <span>{{ t().due }}: {{ agreement().dueDate ? i18n.date(agreement().dueDate) : t().noDue }}</span>
          <span class="gp-badge" [class.gp-badge--success]="agreement().status === 'done'">{{
            labels.agreementStatus(agreement().status)
          }}</span>
          @if (agreement().overdue) {
            <span class="gp-badge gp-badge--error">{{ t().overdue }}</span>
          }
          @if (store.isPending(agreement().id)) {
            <span class="gp-badge gp-badge--warning">{{ t().notSent }}</span>
          }
        </p>
        @if (mayEdit) {
          <div class="actions">
            <button
              #editButton
              type="button"
              class="gp-button gp-button--secondary gp-button--small"
              [attr.aria-label]="fill(t().editLabel, { name: agreement().description })"
              (click)="start()"
            >
              {{ t().edit }}
            </button>
            @if (agreement().status === 'open') {
              <button
                type="button"
                class="gp-button gp-button--secondary gp-button--small"
                [attr.aria-label]="fill(t().doneLabel, { name: agreement().description })"
                (click)="setStatus('done')"
              >
                {{ t().done }}
              </button>
            } @else {
              <button
                type="button"
                class="gp-button gp-button--secondary gp-button--small"
                [attr.aria-label]="fill(t().reopenLabel, { name: agreement().description })"
                (click)="setStatus('open')"
              >
                {{ t().reopen }}
              </button>
            }
          </div>
        }
      }
      <gp-comment-thread
        [comments]="agreement().comments"
        [target]="{ agreementId: agreement().id }"
        [about]="agreement().description"
      />
    </div>
  `,
  styles: `
    .agreement {
      padding: var(--gp-space-2) var(--gp-space-3);
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      transition: background-color 0.3s;
    }
    .description {
      margin: 0;
      font-weight: 700;
    }
    .description--done {
      text-decoration: line-through;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2) var(--gp-space-3);
      margin: var(--gp-space-1) 0;
      color: var(--gp-color-text-muted);
      align-items: center;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .flash {
      background: var(--gp-color-warning-bg);
    }
  `,
})
export class AgreementItem {
  readonly agreement = input.required<AgreementResponse>();
  protected readonly store = inject(PlanStore);
  protected readonly labels = inject(LabelsService);
  protected readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly mayEdit = inject(Session).can(PERMISSIONS.planEdit);
  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly dueDraft = signal('');
  private baseVersion = 0;
  private readonly area = viewChild<ElementRef<HTMLTextAreaElement>>('area');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');
  protected readonly label = computed(() => this.agreement().description);

  protected start(): void {
    this.draft.set(this.agreement().description);
    this.dueDraft.set(this.agreement().dueDate ?? '');
    this.baseVersion = this.agreement().version;
    this.editing.set(true);
    afterNextRender(() => this.area()?.nativeElement.focus(), { injector: this.injector });
  }

  protected stop(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const a = this.agreement();
    const outcome = await this.store.run({
      key: `agreement:${a.id}:text`,
      method: 'PATCH',
      url: `/api/agreements/${a.id}`,
      body: { description: this.draft().trim() || a.description, dueDate: this.dueDraft() || null },
      baseVersion: this.baseVersion,
      itemId: a.id,
      textField: 'description',
      label: a.description,
    });
    if (outcome === 'saved' || outcome === 'queued' || outcome === 'discarded') this.stop();
  }

  protected async setStatus(status: 'open' | 'done'): Promise<void> {
    const a = this.agreement();
    await this.store.run({
      key: `agreement:${a.id}:status`,
      method: 'PATCH',
      url: `/api/agreements/${a.id}`,
      body: { status },
      baseVersion: a.version,
      itemId: a.id,
      textField: null,
      label: a.description,
    });
  }
}
