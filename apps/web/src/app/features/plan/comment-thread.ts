import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { PERMISSIONS, type CommentResponse } from '@gezinsplan/contracts';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { PlanStore } from './plan-store';

const TEXTS = defineTexts(
  {
    summary: 'Reacties ({n})',
    none: 'Nog geen reacties.',
    label: 'Reactie bij: {about}',
    send: 'Reactie plaatsen',
    required: 'Schrijf eerst een reactie.',
  },
  {
    summary: 'Comments ({n})',
    none: 'No comments yet.',
    label: 'Comment on: {about}',
    send: 'Post comment',
    required: 'Write a comment first.',
  },
);

let nextId = 0;

/** Comments on a goal or an agreement, folded away until opened. */
@Component({
  selector: 'gp-comment-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="thread" [open]="open()" (toggle)="open.set($any($event.target).open)">
      <summary>{{ summary() }}</summary>
      <!-- The comments and the form are built when the thread is opened: a plan has a thread per goal and per
           agreement, and building them all while folded away is work a phone does for nothing when a plan opens. -->
      @if (open()) {
        @if (comments().length === 0) {
          <p class="gp-muted">{{ t().none }}</p>
        } @else {
          <ul class="comments">
            @for (comment of comments(); track comment.id) {
              <li [class.flash]="store.highlighted() === comment.id">
                <p class="text">{{ comment.text }}</p>
                <p class="gp-muted meta">
                  {{ comment.author.displayName }} ({{ roleLabel(comment.author.role) }}) ·
                  {{ i18n.dateTime(comment.createdAt) }}
                </p>
              </li>
            }
          </ul>
        }
        @if (mayComment) {
          <form (submit)="$event.preventDefault(); send()" novalidate>
            <div class="gp-field">
              <label [for]="id">{{ fill(t().label, { about: about() }) }}</label>
              <textarea
                rows="2"
                [id]="id"
                [value]="draft()"
                [attr.aria-invalid]="invalid() ? 'true' : null"
                [attr.aria-describedby]="invalid() ? id + '-fout' : null"
                (input)="draft.set($any($event.target).value)"
              ></textarea>
              @if (invalid()) {
                <p class="gp-field__error" [id]="id + '-fout'">{{ t().required }}</p>
              }
            </div>
            <button type="submit" class="gp-button gp-button--secondary gp-button--small">{{ t().send }}</button>
          </form>
        }
      }
    </details>
  `,
  styles: `
    .thread {
      margin-top: var(--gp-space-2);
    }
    summary {
      cursor: pointer;
      color: var(--gp-color-primary);
      min-height: 24px;
    }
    .comments {
      list-style: none;
      padding: 0;
      margin: var(--gp-space-2) 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
    }
    .meta {
      margin: 0;
      font-size: 0.875rem;
    }
    .flash {
      background: var(--gp-color-warning-bg);
    }
  `,
})
export class CommentThread {
  readonly comments = input.required<CommentResponse[]>();
  readonly target = input.required<{ goalId: string } | { agreementId: string }>();
  readonly about = input.required<string>();
  protected readonly store = inject(PlanStore);
  protected readonly i18n = inject(I18n);
  private readonly labels = inject(LabelsService);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly mayComment = inject(Session).can(PERMISSIONS.commentWrite);
  protected readonly id = `reactie-${nextId++}`;
  protected readonly open = signal(false);
  protected readonly draft = signal('');
  protected readonly invalid = signal(false);
  protected readonly summary = computed(() => fill(this.t().summary, { n: this.comments().length }));

  protected roleLabel(role: string): string {
    return this.labels.role(role as Parameters<LabelsService['role']>[0]) ?? role;
  }

  protected async send(): Promise<void> {
    const text = this.draft().trim();
    this.invalid.set(!text);
    if (!text) return;
    const target = this.target();
    const stamp = Date.now();
    const outcome = await this.store.run({
      key: `comment:new:${stamp}`,
      method: 'POST',
      url:
        'goalId' in target ? `/api/goals/${target.goalId}/comments` : `/api/agreements/${target.agreementId}/comments`,
      body: { text },
      baseVersion: null,
      itemId: `new-comment-${stamp}`,
      textField: null,
      label: text,
    });
    if (outcome === 'saved' || outcome === 'queued') this.draft.set('');
  }
}
