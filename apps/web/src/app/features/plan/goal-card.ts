import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  AGREEMENT_OWNER_TYPES,
  GOAL_STATUSES,
  PERMISSIONS,
  type AgreementOwnerType,
  type GoalResponse,
  type GoalStatus,
} from '@gezinsplan/contracts';
import { compareIso, defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { AgreementItem } from './agreement-item';
import { CommentThread } from './comment-thread';
import { PlanStore } from './plan-store';
import { ProgressChart } from './progress-chart';

const TEXTS = defineTexts(
  {
    status: 'Status',
    target: 'Streefdatum',
    safety: 'veiligheidsvoorwaarde',
    edit: 'Bewerken',
    editLabel: 'Bewerken: doel {title}',
    up: 'Omhoog',
    upLabel: 'Omhoog: {title}',
    down: 'Omlaag',
    downLabel: 'Omlaag: {title}',
    title: 'Doel',
    save: 'Opslaan',
    cancel: 'Annuleren',
    notSent: 'nog niet verstuurd',
    agreements: 'Afspraken',
    noAgreements: 'Nog geen afspraken.',
    addAgreement: 'Afspraak toevoegen',
    addAgreementLabel: 'Afspraak toevoegen bij: {title}',
    description: 'Wat wordt er gedaan?',
    owner: 'Wie doet het?',
    ownerName: 'Naam',
    ownerNameHint: 'Bijvoorbeeld "Sanne de Vries" of "Horizon Jeugdhulp".',
    dueDate: 'Klaar op (datum)',
    required: 'Vul dit in.',
    progress: 'Voortgang',
    noProgress: 'Nog geen voortgang genoteerd.',
    score: 'Score {score} van 10',
    by: 'door {name}',
    addProgress: 'Voortgang noteren',
    note: 'Wat is er gebeurd?',
    scoreLabel: 'Score (1 tot en met 10)',
    sendProgress: 'Voortgang opslaan',
  },
  {
    status: 'Status',
    target: 'Target date',
    safety: 'safety condition',
    edit: 'Edit',
    editLabel: 'Edit: goal {title}',
    up: 'Up',
    upLabel: 'Up: {title}',
    down: 'Down',
    downLabel: 'Down: {title}',
    title: 'Goal',
    save: 'Save',
    cancel: 'Cancel',
    notSent: 'not sent yet',
    agreements: 'Agreements',
    noAgreements: 'No agreements yet.',
    addAgreement: 'Add agreement',
    addAgreementLabel: 'Add agreement to: {title}',
    description: 'What will be done?',
    owner: 'Who does it?',
    ownerName: 'Name',
    ownerNameHint: 'For example "Sanne de Vries" or "Horizon Jeugdhulp".',
    dueDate: 'Due (date)',
    required: 'Fill this in.',
    progress: 'Progress',
    noProgress: 'No progress noted yet.',
    score: 'Score {score} out of 10',
    by: 'by {name}',
    addProgress: 'Note progress',
    note: 'What happened?',
    scoreLabel: 'Score (1 to 10)',
    sendProgress: 'Save progress',
  },
);

const EDITABLE_STATUSES = GOAL_STATUSES.filter((s) => s !== 'proposed');

/** One goal: title and status inline, its agreements, its progress (chart + timeline), its comments. */
@Component({
  selector: 'gp-goal-card',
  imports: [AgreementItem, CommentThread, ProgressChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="goal" [class.flash]="store.highlighted() === goal().id" [attr.data-item-id]="goal().id">
      @if (editing()) {
        <form class="edit" (submit)="$event.preventDefault(); save()">
          <div class="gp-field">
            <label [for]="'doel-titel-' + goal().id">{{ t().title }}</label>
            <input
              #titleInput
              type="text"
              maxlength="300"
              [id]="'doel-titel-' + goal().id"
              [value]="titleDraft()"
              (input)="titleDraft.set($any($event.target).value)"
            />
          </div>
          <div class="gp-field">
            <label [for]="'doel-status-' + goal().id">{{ t().status }}</label>
            <select [id]="'doel-status-' + goal().id" (change)="statusDraft.set($any($event.target).value)">
              @for (status of statuses; track status) {
                <option [value]="status" [selected]="status === statusDraft()">{{ labels.goalStatus(status) }}</option>
              }
            </select>
          </div>
          <div class="row">
            <button type="submit" class="gp-button gp-button--small">{{ t().save }}</button>
            <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="stop()">
              {{ t().cancel }}
            </button>
          </div>
        </form>
      } @else {
        <div class="goal__head">
          <h4 class="goal__title">
            @if (mayEdit) {
              <span class="grip" aria-hidden="true">⋮⋮</span>
            }
            {{ shownTitle() }}
          </h4>
          <div class="row">
            <span class="gp-badge">{{ labels.goalStatus(goal().status) }}</span>
            @if (goal().safetyCondition) {
              <span class="gp-badge gp-badge--error">{{ t().safety }}</span>
            }
            @if (store.isPending(goal().id)) {
              <span class="gp-badge gp-badge--warning">{{ t().notSent }}</span>
            }
          </div>
        </div>
        @if (goal().targetDate) {
          <p class="gp-muted meta">{{ t().target }}: {{ i18n.date(goal().targetDate) }}</p>
        }
        @if (mayEdit) {
          <div class="row">
            <button
              #editButton
              type="button"
              class="gp-button gp-button--secondary gp-button--small"
              [attr.aria-label]="fill(t().editLabel, { title: goal().title })"
              (click)="start()"
            >
              {{ t().edit }}
            </button>
            <button
              type="button"
              class="gp-button gp-button--secondary gp-button--small"
              [disabled]="first()"
              data-move="-1"
              [attr.data-goal]="goal().id"
              [attr.aria-label]="fill(t().upLabel, { title: goal().title })"
              (click)="move.emit(-1)"
            >
              <span aria-hidden="true">↑</span> {{ t().up }}
            </button>
            <button
              type="button"
              class="gp-button gp-button--secondary gp-button--small"
              [disabled]="last()"
              data-move="1"
              [attr.data-goal]="goal().id"
              [attr.aria-label]="fill(t().downLabel, { title: goal().title })"
              (click)="move.emit(1)"
            >
              <span aria-hidden="true">↓</span> {{ t().down }}
            </button>
          </div>
        }
      }

      <div class="parts">
        <section class="part" [attr.aria-label]="t().agreements + ': ' + goal().title">
          <h5>{{ t().agreements }}</h5>
          @if (goal().agreements.length === 0) {
            <p class="gp-muted">{{ t().noAgreements }}</p>
          } @else {
            <ul class="list">
              @for (agreement of goal().agreements; track agreement.id) {
                <li><gp-agreement-item [agreement]="agreement" /></li>
              }
            </ul>
          }
          @if (mayEdit) {
            <details class="add" [open]="addingAgreement()" (toggle)="addingAgreement.set($any($event.target).open)">
              <summary [attr.aria-label]="fill(t().addAgreementLabel, { title: goal().title })">
                {{ t().addAgreement }}
              </summary>
              <!-- The form is built when it is opened: folded away it shows nothing, and building a form per goal
                   (and chromium's first date field, 20-30 ms) is work a phone would do for nothing as the plan opens. -->
              @if (addingAgreement()) {
                <form (submit)="$event.preventDefault(); addAgreement()" novalidate>
                  <div class="gp-field">
                    <label [for]="'nieuwe-afspraak-' + goal().id">{{ t().description }}</label>
                    <textarea
                      rows="2"
                      [id]="'nieuwe-afspraak-' + goal().id"
                      [value]="agreementDraft()"
                      [attr.aria-invalid]="agreementInvalid() && !agreementDraft().trim() ? 'true' : null"
                      (input)="agreementDraft.set($any($event.target).value)"
                    ></textarea>
                  </div>
                  <div class="gp-field">
                    <label [for]="'afspraak-wie-' + goal().id">{{ t().owner }}</label>
                    <select [id]="'afspraak-wie-' + goal().id" (change)="ownerType.set($any($event.target).value)">
                      @for (type of ownerTypes; track type) {
                        <option [value]="type" [selected]="type === ownerType()">{{ labels.ownerType(type) }}</option>
                      }
                    </select>
                  </div>
                  <div class="gp-field">
                    <label [for]="'afspraak-naam-' + goal().id">{{ t().ownerName }}</label>
                    <p class="gp-field__hint" [id]="'afspraak-naam-hint-' + goal().id">{{ t().ownerNameHint }}</p>
                    <input
                      type="text"
                      maxlength="200"
                      [id]="'afspraak-naam-' + goal().id"
                      [attr.aria-describedby]="'afspraak-naam-hint-' + goal().id"
                      [attr.aria-invalid]="agreementInvalid() && !ownerLabel().trim() ? 'true' : null"
                      [value]="ownerLabel()"
                      (input)="ownerLabel.set($any($event.target).value)"
                    />
                  </div>
                  <div class="gp-field">
                    <label [for]="'afspraak-klaar-' + goal().id">{{ t().dueDate }}</label>
                    <input
                      type="date"
                      [id]="'afspraak-klaar-' + goal().id"
                      [value]="dueDate()"
                      (input)="dueDate.set($any($event.target).value)"
                    />
                  </div>
                  @if (agreementInvalid()) {
                    <p class="gp-field__error" role="alert">{{ t().required }}</p>
                  }
                  <button type="submit" class="gp-button gp-button--small">{{ t().addAgreement }}</button>
                </form>
              }
            </details>
          }
        </section>

        <section class="part" [attr.aria-label]="t().progress + ': ' + goal().title">
          <h5>{{ t().progress }}</h5>
          @if (goal().progress.length === 0) {
            <p class="gp-muted">{{ t().noProgress }}</p>
          } @else {
            <gp-progress-chart [notes]="goal().progress" />
            <ol class="timeline">
              @for (note of timeline(); track note.id) {
                <li
                  class="timeline__item"
                  [class.flash]="store.highlighted() === note.id"
                  [attr.data-item-id]="note.id"
                >
                  <p class="timeline__head">
                    <strong>{{ i18n.date(note.notedOn) }}</strong> ·
                    <span class="score">{{ fill(t().score, { score: note.score }) }}</span>
                  </p>
                  <p class="timeline__note">{{ note.note }}</p>
                  <p class="gp-muted timeline__by">
                    {{ fill(t().by, { name: note.author.displayName }) }}
                    @if (note.author.organisation) {
                      ({{ note.author.organisation }})
                    }
                  </p>
                </li>
              }
            </ol>
          }
          @if (mayProgress) {
            <details class="add" [open]="addingProgress()" (toggle)="addingProgress.set($any($event.target).open)">
              <summary>{{ t().addProgress }}</summary>
              @if (addingProgress()) {
                <form (submit)="$event.preventDefault(); addProgress()" novalidate>
                  <div class="gp-field">
                    <label [for]="'voortgang-' + goal().id">{{ t().note }}</label>
                    <textarea
                      rows="3"
                      [id]="'voortgang-' + goal().id"
                      [value]="progressNote()"
                      [attr.aria-invalid]="progressInvalid() ? 'true' : null"
                      (input)="progressNote.set($any($event.target).value)"
                    ></textarea>
                  </div>
                  <div class="gp-field score-field">
                    <label [for]="'voortgang-score-' + goal().id">{{ t().scoreLabel }}</label>
                    <input
                      type="number"
                      min="1"
                      max="10"
                      step="1"
                      [id]="'voortgang-score-' + goal().id"
                      [value]="progressScore()"
                      (input)="progressScore.set(+$any($event.target).value)"
                    />
                  </div>
                  @if (progressInvalid()) {
                    <p class="gp-field__error" role="alert">{{ t().required }}</p>
                  }
                  <button type="submit" class="gp-button gp-button--small">{{ t().sendProgress }}</button>
                </form>
              }
            </details>
          }
        </section>
      </div>
      <gp-comment-thread [comments]="goal().comments" [target]="{ goalId: goal().id }" [about]="goal().title" />
    </article>
  `,
  styles: `
    .goal {
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      padding: var(--gp-space-3);
      background: #fff;
      transition: background-color 0.3s;
    }
    .goal__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--gp-space-2);
      align-items: baseline;
    }
    .goal__title {
      margin: 0;
      font-size: 1.125rem;
    }
    .grip {
      color: var(--gp-color-text-muted);
      cursor: grab;
      margin-right: var(--gp-space-1);
    }
    .meta {
      margin: var(--gp-space-1) 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: center;
      margin: var(--gp-space-2) 0;
    }
    .parts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
      gap: var(--gp-space-4);
      margin-top: var(--gp-space-3);
    }
    h5 {
      font-size: 1rem;
      margin: 0 0 var(--gp-space-2);
    }
    .list,
    .timeline {
      list-style: none;
      padding: 0;
      margin: 0 0 var(--gp-space-2);
      display: grid;
      gap: var(--gp-space-2);
    }
    .timeline__item {
      border-left: 3px solid var(--gp-color-primary);
      padding-left: var(--gp-space-2);
    }
    .timeline__item p {
      margin: 0;
    }
    .timeline__by {
      font-size: 0.875rem;
    }
    .add summary {
      cursor: pointer;
      color: var(--gp-color-primary);
      font-weight: 700;
      min-height: 24px;
      margin-bottom: var(--gp-space-2);
    }
    .score-field {
      max-width: 12rem;
    }
    .flash {
      background: var(--gp-color-warning-bg);
    }
  `,
})
export class GoalCard {
  readonly goal = input.required<GoalResponse>();
  readonly first = input(false);
  readonly last = input(false);
  readonly move = output<-1 | 1>();
  protected readonly store = inject(PlanStore);
  protected readonly labels = inject(LabelsService);
  protected readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly mayEdit = this.session.can(PERMISSIONS.planEdit);
  protected readonly mayProgress = this.session.can(PERMISSIONS.progressWrite);
  protected readonly statuses = EDITABLE_STATUSES;
  protected readonly ownerTypes = AGREEMENT_OWNER_TYPES;

  protected readonly editing = signal(false);
  protected readonly titleDraft = signal('');
  protected readonly statusDraft = signal<GoalStatus>('open');
  private baseVersion = 0;
  private readonly titleInput = viewChild<ElementRef<HTMLInputElement>>('titleInput');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  protected readonly addingAgreement = signal(false);
  protected readonly agreementDraft = signal('');
  protected readonly ownerType = signal<AgreementOwnerType>('family_member');
  protected readonly ownerLabel = signal('');
  protected readonly dueDate = signal('');
  protected readonly agreementInvalid = signal(false);

  protected readonly addingProgress = signal(false);
  protected readonly progressNote = signal('');
  protected readonly progressScore = signal(5);
  protected readonly progressInvalid = signal(false);

  protected readonly shownTitle = computed(() => this.store.pendingValue(this.goal().id, 'title') ?? this.goal().title);
  /** Newest first. */
  protected readonly timeline = computed(() =>
    [...this.goal().progress].sort((a, b) => compareIso(b.notedOn, a.notedOn) || compareIso(b.createdAt, a.createdAt)),
  );

  protected start(): void {
    this.titleDraft.set(this.shownTitle());
    this.statusDraft.set(this.goal().status);
    this.baseVersion = this.goal().version;
    this.editing.set(true);
    afterNextRender(() => this.titleInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected stop(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const goal = this.goal();
    const body: Record<string, unknown> = { title: this.titleDraft().trim() || goal.title };
    if (this.statusDraft() !== goal.status) body['status'] = this.statusDraft();
    const outcome = await this.store.run({
      key: `goal:${goal.id}:title`,
      method: 'PATCH',
      url: `/api/goals/${goal.id}`,
      body,
      baseVersion: this.baseVersion,
      itemId: goal.id,
      textField: 'title',
      label: goal.title,
    });
    if (outcome === 'saved' || outcome === 'queued' || outcome === 'discarded') this.stop();
  }

  protected async addAgreement(): Promise<void> {
    const description = this.agreementDraft().trim();
    const ownerLabel = this.ownerLabel().trim();
    this.agreementInvalid.set(!description || !ownerLabel);
    if (!description || !ownerLabel) return;
    const goal = this.goal();
    const stamp = Date.now();
    const outcome = await this.store.run({
      key: `agreement:new:${stamp}`,
      method: 'POST',
      url: `/api/goals/${goal.id}/agreements`,
      body: {
        description,
        ownerType: this.ownerType(),
        ownerLabel,
        ...(this.dueDate() ? { dueDate: this.dueDate() } : {}),
      },
      baseVersion: null,
      itemId: `new-agreement-${stamp}`,
      textField: null,
      label: description,
    });
    if (outcome === 'saved' || outcome === 'queued') {
      this.agreementDraft.set('');
      this.ownerLabel.set('');
      this.dueDate.set('');
      this.addingAgreement.set(false);
    }
  }

  protected async addProgress(): Promise<void> {
    const note = this.progressNote().trim();
    const score = Math.round(this.progressScore());
    this.progressInvalid.set(!note || !(score >= 1 && score <= 10));
    if (this.progressInvalid()) return;
    const goal = this.goal();
    const stamp = Date.now();
    const outcome = await this.store.run({
      key: `progress:new:${stamp}`,
      method: 'POST',
      url: `/api/goals/${goal.id}/progress`,
      body: { note, score },
      baseVersion: null,
      itemId: `new-progress-${stamp}`,
      textField: null,
      label: note,
    });
    if (outcome === 'saved' || outcome === 'queued') {
      this.progressNote.set('');
      this.addingProgress.set(false);
    }
  }
}
