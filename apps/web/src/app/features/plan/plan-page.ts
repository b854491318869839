import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { PERMISSIONS, type LiveChangeEvent } from '@gezinsplan/contracts';
import { defineTexts, fill, I18n, type Lang } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { renderInTurns } from '../../shared/render-in-turns';
import { ConflictDialog } from './conflict-dialog';
import { GoalsBoard } from './goals-board';
import { PlanSections } from './plan-sections';
import { PlanStore } from './plan-store';
import { VersionsPanel } from './versions-panel';

const TEXTS = defineTexts(
  {
    loading: 'Het plan wordt geladen…',
    heading: 'Gezinsplan {name}',
    backToFamily: 'Terug naar het gezin',
    status: 'Status',
    evaluationDate: 'Evaluatiedatum',
    noEvaluationDate: 'nog niet gepland',
    edit: 'Bewerken',
    editEvaluation: 'Bewerken: evaluatiedatum',
    save: 'Opslaan',
    cancel: 'Annuleren',
    viewers: 'Nu in dit plan',
    you: '(u)',
    offline: 'Verbinding verbroken — uw wijzigingen worden bewaard en verstuurd zodra de verbinding terug is',
    pendingHeading: 'Nog niet verstuurd',
    notSent: 'nog niet verstuurd',
    revoked: 'U heeft geen toegang meer tot dit gezin. De gegevens hieronder worden niet meer bijgewerkt.',
    planFacts: 'Over het plan',
  },
  {
    loading: 'Loading the plan…',
    heading: 'Family plan {name}',
    backToFamily: 'Back to the family',
    status: 'Status',
    evaluationDate: 'Evaluation date',
    noEvaluationDate: 'not planned yet',
    edit: 'Edit',
    editEvaluation: 'Edit: evaluation date',
    save: 'Save',
    cancel: 'Cancel',
    viewers: 'In this plan now',
    you: '(you)',
    offline: 'Connection lost — your changes are kept and sent as soon as the connection is back',
    pendingHeading: 'Not sent yet',
    notSent: 'not sent yet',
    revoked: 'You no longer have access to this family. The information below is no longer updated.',
    planFacts: 'About the plan',
  },
);

/** What someone else did, in a few words: "Jolien Bakker heeft een voortgangsnotitie toegevoegd". */
const CHANGE_TEXT: Record<Lang, Record<string, string>> = {
  nl: {
    'progress:created': 'heeft een voortgangsnotitie toegevoegd',
    'comment:created': 'heeft een reactie geplaatst',
    'section:updated': 'heeft een onderdeel van het plan aangepast',
    'goal:created': 'heeft een doel toegevoegd',
    'goal:updated': 'heeft een doel aangepast',
    'goal:deleted': 'heeft een doel verwijderd',
    'agreement:created': 'heeft een afspraak toegevoegd',
    'agreement:updated': 'heeft een afspraak aangepast',
    'version:created': 'heeft een versie van het plan vastgelegd',
    'plan:updated': 'heeft het plan aangepast',
    other: 'heeft het dossier aangepast',
  },
  en: {
    'progress:created': 'added a progress note',
    'comment:created': 'posted a comment',
    'section:updated': 'changed a section of the plan',
    'goal:created': 'added a goal',
    'goal:updated': 'changed a goal',
    'goal:deleted': 'removed a goal',
    'agreement:created': 'added an agreement',
    'agreement:updated': 'changed an agreement',
    'version:created': 'agreed a version of the plan',
    'plan:updated': 'changed the plan',
    other: 'changed the file',
  },
};

@Component({
  selector: 'gp-plan-page',
  // One store per open plan screen: it lives exactly as long as the page.
  providers: [PlanStore],
  imports: [RouterLink, PlanSections, GoalsBoard, VersionsPanel, ConflictDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="live" role="status" aria-live="polite" aria-atomic="true">
      @if (changeText(); as text) {
        <p class="gp-alert live__notice">{{ text }}</p>
      }
    </div>
    <div role="status" aria-live="polite">
      @if (store.offline()) {
        <p class="gp-alert gp-alert--warning offline">{{ t().offline }}</p>
      }
    </div>
    @if (store.revoked()) {
      <p class="gp-alert gp-alert--error" role="alert">{{ t().revoked }}</p>
    }
    @if (store.loadError(); as message) {
      <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
    } @else if (!store.plan() || !store.family()) {
      <p role="status">{{ t().loading }}</p>
    } @else {
      <header class="plan-header">
        <div class="plan-header__main">
          <a [routerLink]="['/gezinnen', familyId()]">{{ t().backToFamily }}</a>
          <h1>{{ heading() }}</h1>
          <dl class="facts" [attr.aria-label]="t().planFacts">
            <div>
              <dt>{{ t().status }}</dt>
              <dd>
                <span class="gp-badge">{{ labels.planStatus(store.plan()!.status) }}</span>
              </dd>
            </div>
            <div>
              <dt>{{ t().evaluationDate }}</dt>
              <dd>
                @if (editingDate()) {
                  <form class="date-form" (submit)="$event.preventDefault(); saveDate()">
                    <div class="gp-field">
                      <label for="evaluatiedatum">{{ t().evaluationDate }}</label>
                      <input
                        #dateInput
                        id="evaluatiedatum"
                        type="date"
                        [value]="dateDraft()"
                        (input)="dateDraft.set($any($event.target).value)"
                      />
                    </div>
                    <button type="submit" class="gp-button gp-button--small">{{ t().save }}</button>
                    <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="stopDate()">
                      {{ t().cancel }}
                    </button>
                  </form>
                } @else {
                  <span [class.flash]="store.highlighted() === store.plan()!.id">{{ evaluationText() }}</span>
                  @if (store.isPending(store.plan()!.id)) {
                    <span class="gp-badge gp-badge--warning">{{ t().notSent }}</span>
                  }
                  @if (mayEdit) {
                    <button
                      #dateEdit
                      type="button"
                      class="gp-link-button"
                      [attr.aria-label]="t().editEvaluation"
                      (click)="startDate()"
                    >
                      {{ t().edit }}
                    </button>
                  }
                }
              </dd>
            </div>
          </dl>
        </div>
        <section class="presence" aria-labelledby="kijkers">
          <h2 id="kijkers" class="presence__title">{{ t().viewers }}</h2>
          <ul class="presence__list">
            @for (viewer of store.viewers(); track viewer.userId) {
              <li class="presence__item">
                <span class="avatar" aria-hidden="true">{{ initials(viewer.displayName) }}</span>
                <span
                  >{{ viewer.displayName }}
                  @if (viewer.userId === store.me()?.id) {
                    <span class="gp-muted">{{ t().you }}</span>
                  }
                </span>
              </li>
            }
          </ul>
        </section>
      </header>

      @if (store.error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      }
      @if (store.pending().length > 0) {
        <section class="gp-alert gp-alert--warning" aria-labelledby="wachtrij">
          <h2 id="wachtrij" class="pending__title">{{ t().pendingHeading }}</h2>
          <ul>
            @for (edit of store.pending(); track edit.key) {
              <li>{{ edit.label }} — {{ t().notSent }}</li>
            }
          </ul>
        </section>
      }

      <!-- While the rest is drawn in turns it keeps a screen's height, so the footer does not slide down. Each part
           is drawn below the parts before it, so nothing on screen moves. -->
      <div [class.drawing]="drawing()">
        @if (turns() >= 1) {
          <gp-plan-sections />
        }
        @if (turns() >= 2) {
          <gp-goals-board [shown]="turns() - 2" />
        }
        @if (turns() - 2 > store.goals().length) {
          <gp-versions-panel />
        }
      </div>
      <gp-conflict-dialog />
    }
  `,
  styles: `
    .drawing {
      min-height: 100vh;
    }
    .plan-header {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--gp-space-4);
      margin-bottom: var(--gp-space-4);
    }
    h1 {
      margin: var(--gp-space-2) 0;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-4);
      margin: 0;
    }
    .facts dt {
      font-weight: 700;
    }
    .facts dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: center;
    }
    .date-form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: flex-end;
    }
    .date-form .gp-field {
      margin: 0;
    }
    .presence {
      min-width: 14rem;
    }
    .presence__title,
    .pending__title {
      font-size: 1rem;
      margin: 0 0 var(--gp-space-2);
    }
    .presence__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--gp-space-2);
      /* Room for the first viewer (the user) before the live channel has answered, so the plan below does not
         jump down when it does. */
      min-height: 2.25rem;
    }
    .presence__item {
      display: flex;
      align-items: center;
      gap: var(--gp-space-2);
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      width: 2.25rem;
      height: 2.25rem;
      border-radius: 50%;
      background: var(--gp-color-primary);
      color: #fff;
      font-weight: 700;
      font-size: 0.875rem;
    }
    .live__notice {
      margin-bottom: var(--gp-space-3);
    }
    .offline {
      font-weight: 700;
    }
    .flash {
      background: var(--gp-color-warning-bg);
    }
  `,
})
export class PlanPage implements OnInit {
  readonly familyId = input.required<string>();
  protected readonly store = inject(PlanStore);
  protected readonly labels = inject(LabelsService);
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly mayEdit = inject(Session).can(PERMISSIONS.planEdit);
  /**
   * A phone first shows the header; the family's own words, the goals board, its goal cards (one per turn) and the
   * versions follow in short tasks of their own, so the first render is not one long task (see renderInTurns).
   */
  protected readonly turns = renderInTurns(
    () => this.store.goals().length + 3,
    () => !!this.store.plan() && !!this.store.family(),
  );
  protected readonly drawing = computed(() => this.turns() !== Infinity);
  protected readonly editingDate = signal(false);
  protected readonly dateDraft = signal('');
  private readonly dateInput = viewChild<ElementRef<HTMLInputElement>>('dateInput');
  private readonly dateEdit = viewChild<ElementRef<HTMLButtonElement>>('dateEdit');

  protected readonly heading = computed(() => fill(this.t().heading, { name: this.store.family()?.displayName ?? '' }));
  protected readonly evaluationText = computed(() => {
    const date =
      this.store.pendingValue(this.store.plan()?.id ?? '', 'evaluationDate') ?? this.store.plan()?.evaluationDate;
    return date ? this.i18n.date(date) : this.t().noEvaluationDate;
  });
  protected readonly changeText = computed(() => {
    const change: LiveChangeEvent | null = this.store.lastChange();
    if (!change) return '';
    const texts = CHANGE_TEXT[this.i18n.lang()];
    return `${change.by.displayName} ${texts[`${change.item.type}:${change.action}`] ?? texts['other']}`;
  });

  ngOnInit(): void {
    this.store.init(this.familyId(), this.destroyRef);
  }

  protected initials(name: string): string {
    const parts = name.split(/\s+/).filter(Boolean);
    const first = parts[0]?.[0] ?? '';
    const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
    return (first + last).toUpperCase();
  }

  protected startDate(): void {
    this.dateDraft.set(this.store.plan()?.evaluationDate ?? '');
    this.editingDate.set(true);
    afterNextRender(() => this.dateInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected stopDate(): void {
    this.editingDate.set(false);
    afterNextRender(() => this.dateEdit()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async saveDate(): Promise<void> {
    const plan = this.store.plan();
    if (!plan) return;
    const outcome = await this.store.run({
      key: `plan:${plan.id}:evaluationDate`,
      method: 'PATCH',
      url: `/api/families/${this.familyId()}/plan`,
      body: { evaluationDate: this.dateDraft() || null },
      baseVersion: plan.version,
      itemId: plan.id,
      textField: null,
      label: this.t().evaluationDate,
    });
    if (outcome !== 'error' && outcome !== 'dismissed') this.stopDate();
  }
}
