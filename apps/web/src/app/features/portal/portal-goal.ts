import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { GoalResponse } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { LabelsService } from '../../shared/labels';
import { PortalApi } from './portal-api';
import { ScoreBar } from './score-bar';

const TEXTS = defineTexts(
  {
    about: 'Over: {domain}',
    status: 'Stand: {status}',
    proposed: 'Voorgesteld, de regisseur kijkt ernaar',
    target: 'Doel voor: {date}',
    latest: 'Laatste nieuws',
    noProgress: 'Er is nog geen nieuws over dit doel.',
    by: '{name} ({organisation}), {date}',
    byNoOrg: '{name}, {date}',
    comments: 'Reacties',
    commentBy: '{name}, {date}',
    commentLabel: 'Uw reactie op dit doel',
    commentHint: 'Iedereen die aan dit plan werkt, kan uw reactie lezen.',
    commentEmpty: 'Schrijf eerst een reactie.',
    send: 'Reactie plaatsen',
    sending: 'Bezig met plaatsen…',
    sent: 'Uw reactie is geplaatst.',
  },
  {
    about: 'About: {domain}',
    status: 'Status: {status}',
    proposed: 'Proposed, the case director is looking at it',
    target: 'Goal for: {date}',
    latest: 'Latest news',
    noProgress: 'There is no news about this goal yet.',
    by: '{name} ({organisation}), {date}',
    byNoOrg: '{name}, {date}',
    comments: 'Comments',
    commentBy: '{name}, {date}',
    commentLabel: 'Your comment on this goal',
    commentHint: 'Everyone who works on this plan can read your comment.',
    commentEmpty: 'Write a comment first.',
    send: 'Post comment',
    sending: 'Posting…',
    sent: 'Your comment has been posted.',
  },
);

/** One goal in plain words: what, its status, the latest news from professionals, and the comments. */
@Component({
  selector: 'gp-portal-goal',
  imports: [ScoreBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let g = goal();
    <article class="goal gp-card" [attr.aria-labelledby]="'doel-' + g.id">
      <h3 class="goal__title" [id]="'doel-' + g.id">{{ g.title }}</h3>
      <p class="goal__meta">
        @if (g.status === 'proposed') {
          <span class="gp-badge">{{ t().proposed }}</span>
        } @else {
          <span class="gp-badge" [class.gp-badge--success]="g.status === 'achieved'">{{ statusText() }}</span>
        }
        <span>{{ fill(t().about, { domain: labels.lifeDomain(g.lifeDomain) }) }}</span>
        @if (g.targetDate) {
          <span>{{ fill(t().target, { date: i18n.date(g.targetDate) }) }}</span>
        }
      </p>
      @if (g.status !== 'proposed' && g.status !== 'declined') {
        <h4>{{ t().latest }}</h4>
        @if (g.progress[0]; as latest) {
          <div class="latest">
            <gp-score-bar [score]="latest.score" />
            <p class="latest__note">{{ latest.note }}</p>
            <p class="gp-muted latest__by">
              {{ byText(latest.author.displayName, latest.author.organisation, latest.notedOn) }}
            </p>
          </div>
        } @else {
          <p class="gp-muted">{{ t().noProgress }}</p>
        }
      }
      @if (g.comments.length > 0) {
        <h4>{{ t().comments }}</h4>
        <ul class="comments">
          @for (c of g.comments; track c.id) {
            <li>
              <p class="comment__text">{{ c.text }}</p>
              <p class="gp-muted comment__by">
                {{ fill(t().commentBy, { name: c.author.displayName, date: i18n.dateTime(c.createdAt) }) }}
              </p>
            </li>
          }
        </ul>
      }
      @if (mayComment()) {
        <form class="comment-form" (submit)="$event.preventDefault(); send()" novalidate>
          <div class="gp-field">
            <label [for]="'reactie-' + g.id">{{ t().commentLabel }}</label>
            <p class="gp-field__hint" [id]="'reactie-hint-' + g.id">{{ t().commentHint }}</p>
            <textarea
              [id]="'reactie-' + g.id"
              rows="3"
              maxlength="2000"
              [value]="text()"
              (input)="text.set($any($event.target).value)"
              [attr.aria-invalid]="error() ? true : null"
              [attr.aria-describedby]="'reactie-hint-' + g.id + (error() ? ' reactie-fout-' + g.id : '')"
            ></textarea>
            @if (error(); as message) {
              <p class="gp-field__error" [id]="'reactie-fout-' + g.id">{{ message }}</p>
            }
          </div>
          <button type="submit" class="gp-button gp-button--secondary" [disabled]="busy()">
            {{ busy() ? t().sending : t().send }}
          </button>
          <p role="status" class="sent">{{ sent() ? t().sent : '' }}</p>
        </form>
      }
    </article>
  `,
  styles: `
    .goal {
      display: grid;
      gap: var(--gp-space-2);
    }
    .goal__title {
      margin: 0;
      font-size: 1.25rem;
    }
    .goal__meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-1) var(--gp-space-3);
      align-items: center;
      margin: 0;
    }
    h4 {
      margin: var(--gp-space-2) 0 0;
      font-size: 1rem;
    }
    .latest {
      border-left: 4px solid var(--gp-color-primary);
      background: var(--gp-color-bg-subtle);
      padding: var(--gp-space-2) var(--gp-space-3);
    }
    .latest__note,
    .comment__text {
      margin: var(--gp-space-1) 0;
    }
    .latest__by,
    .comment__by {
      margin: 0;
      font-size: 0.9375rem;
    }
    .comments {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .comments li {
      border-bottom: 1px solid var(--gp-color-border);
      padding-bottom: var(--gp-space-2);
    }
    .comment-form {
      margin-top: var(--gp-space-2);
    }
    .sent {
      margin: var(--gp-space-2) 0 0;
      color: var(--gp-color-success);
      font-weight: 700;
    }
  `,
})
export class PortalGoal {
  readonly goal = input.required<GoalResponse>();
  readonly mayComment = input(false);
  /** A comment was posted: the page reloads the plan. */
  readonly commented = output<void>();
  private readonly api = inject(PortalApi);
  protected readonly i18n = inject(I18n);
  protected readonly labels = inject(LabelsService);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sent = signal(false);
  protected readonly statusText = computed(() =>
    fill(this.t().status, { status: this.labels.goalStatus(this.goal().status) }),
  );

  protected byText(name: string, organisation: string | null, date: string): string {
    const values = { name, organisation: organisation ?? '', date: this.i18n.date(date) };
    return fill(organisation ? this.t().by : this.t().byNoOrg, values);
  }

  protected async send(): Promise<void> {
    this.sent.set(false);
    const text = this.text().trim();
    if (!text) {
      this.error.set(this.t().commentEmpty);
      return;
    }
    this.error.set(null);
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.comment(this.goal().id, { text }));
      this.text.set('');
      this.sent.set(true);
      this.commented.emit();
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
