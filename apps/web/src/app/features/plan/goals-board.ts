import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { LIFE_DOMAINS, PERMISSIONS, type GoalResponse, type LifeDomain } from '@gezinsplan/contracts';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { GoalCard } from './goal-card';
import { PlanStore, type Placement } from './plan-store';

const TEXTS = defineTexts(
  {
    heading: 'Doelen',
    intro: 'Per leefgebied, in de volgorde waarin we ze aanpakken. Sleep een doel of gebruik Omhoog en Omlaag.',
    none: 'Er zijn nog geen doelen.',
    addHeading: 'Nieuw doel',
    title: 'Wat wil het gezin bereiken?',
    domain: 'Leefgebied',
    add: 'Doel toevoegen',
    titleRequired: 'Vul het doel in.',
    added: 'Doel "{title}" is toegevoegd.',
    moved: '{title} staat nu op plaats {n} van {total} in {domain}.',
    proposalsHeading: 'Voorstellen van de ouders',
    proposalsIntro: 'De ouders stellen deze doelen voor. Neem ze op in het plan of wijs ze af.',
    accept: 'Opnemen in het plan',
    acceptLabel: 'Opnemen in het plan: {title}',
    decline: 'Afwijzen',
    declineLabel: 'Afwijzen: {title}',
    waitRegisseur: 'De regisseur beslist over dit voorstel.',
  },
  {
    heading: 'Goals',
    intro: 'By life domain, in the order in which we tackle them. Drag a goal or use Up and Down.',
    none: 'There are no goals yet.',
    addHeading: 'New goal',
    title: 'What does the family want to achieve?',
    domain: 'Life domain',
    add: 'Add goal',
    titleRequired: 'Fill in the goal.',
    added: 'Goal "{title}" was added.',
    moved: '{title} is now in place {n} of {total} in {domain}.',
    proposalsHeading: "The parents' proposals",
    proposalsIntro: 'The parents propose these goals. Take them into the plan or decline them.',
    accept: 'Take into the plan',
    acceptLabel: 'Take into the plan: {title}',
    decline: 'Decline',
    declineLabel: 'Decline: {title}',
    waitRegisseur: 'The regisseur decides on this proposal.',
  },
);

interface DomainGroup {
  domain: LifeDomain;
  goals: GoalResponse[];
  /** How many goals the domain has, drawn or not yet. */
  count: number;
}

/** Goals by life domain in priority order: reorder by dragging or with the Up/Down buttons; proposals apart. */
@Component({
  selector: 'gp-goals-board',
  imports: [GoalCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="board" aria-labelledby="doelen">
      <h2 id="doelen">{{ t().heading }}</h2>
      <p class="gp-muted">{{ t().intro }}</p>
      <p class="gp-visually-hidden" aria-live="polite" role="status">{{ announcement() }}</p>

      @if (store.proposals().length > 0) {
        <section class="proposals gp-card" aria-labelledby="voorstellen">
          <h3 id="voorstellen">{{ t().proposalsHeading }}</h3>
          <p>{{ t().proposalsIntro }}</p>
          <ul class="proposal-list">
            @for (goal of store.proposals(); track goal.id) {
              <li class="proposal" [class.flash]="store.highlighted() === goal.id">
                <span
                  ><strong>{{ goal.title }}</strong> · {{ labels.lifeDomain(goal.lifeDomain) }}</span
                >
                @if (store.isRegisseur() && mayEdit) {
                  <span class="proposal__actions">
                    <button
                      type="button"
                      class="gp-button gp-button--small"
                      [attr.aria-label]="fill(t().acceptLabel, { title: goal.title })"
                      (click)="decide(goal, 'open')"
                    >
                      {{ t().accept }}
                    </button>
                    <button
                      type="button"
                      class="gp-button gp-button--secondary gp-button--small"
                      [attr.aria-label]="fill(t().declineLabel, { title: goal.title })"
                      (click)="decide(goal, 'declined')"
                    >
                      {{ t().decline }}
                    </button>
                  </span>
                } @else {
                  <span class="gp-muted">{{ t().waitRegisseur }}</span>
                }
              </li>
            }
          </ul>
        </section>
      }

      @if (groups().length === 0) {
        <p>{{ t().none }}</p>
      }
      @for (group of shownGroups(); track group.domain) {
        <section class="domain" [attr.aria-labelledby]="'domein-' + group.domain">
          <h3 [id]="'domein-' + group.domain">{{ labels.lifeDomain(group.domain) }}</h3>
          <ol class="goal-list">
            @for (goal of group.goals; track goal.id; let first = $first, i = $index) {
              <li
                class="goal-slot"
                [class.goal-slot--over]="dropTarget() === goal.id"
                [attr.draggable]="mayEdit ? 'true' : null"
                (dragstart)="onDragStart($event, goal)"
                (dragover)="onDragOver($event, goal)"
                (dragleave)="dropTarget.set(null)"
                (drop)="onDrop($event, goal)"
                (dragend)="dragged.set(null); dropTarget.set(null)"
              >
                <gp-goal-card
                  [goal]="goal"
                  [first]="first"
                  [last]="i === group.count - 1"
                  (move)="move(goal, $event)"
                />
              </li>
            }
          </ol>
        </section>
      }

      @if (mayEdit && shown() === Infinity) {
        <section class="add gp-card" aria-labelledby="nieuw-doel">
          <h3 id="nieuw-doel">{{ t().addHeading }}</h3>
          <form class="add__form" (submit)="$event.preventDefault(); addGoal()" novalidate>
            <div class="gp-field add__title">
              <label for="nieuw-doel-titel">{{ t().title }}</label>
              <input
                id="nieuw-doel-titel"
                type="text"
                maxlength="300"
                [value]="newTitle()"
                [attr.aria-invalid]="titleError() ? 'true' : null"
                [attr.aria-describedby]="titleError() ? 'nieuw-doel-fout' : null"
                (input)="newTitle.set($any($event.target).value)"
              />
              @if (titleError()) {
                <p id="nieuw-doel-fout" class="gp-field__error">{{ t().titleRequired }}</p>
              }
            </div>
            <div class="gp-field">
              <label for="nieuw-doel-domein">{{ t().domain }}</label>
              <select id="nieuw-doel-domein" [value]="newDomain()" (change)="newDomain.set($any($event.target).value)">
                @for (domain of domains; track domain) {
                  <option [value]="domain" [selected]="domain === newDomain()">{{ labels.lifeDomain(domain) }}</option>
                }
              </select>
            </div>
            <button type="submit" class="gp-button" [disabled]="busy()">{{ t().add }}</button>
          </form>
        </section>
      }
    </section>
  `,
  styles: `
    .board {
      margin-bottom: var(--gp-space-5);
    }
    .domain h3 {
      border-bottom: 2px solid var(--gp-color-primary);
      padding-bottom: var(--gp-space-1);
    }
    .goal-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--gp-space-3);
    }
    .goal-slot {
      border-radius: var(--gp-radius);
    }
    .goal-slot--over {
      outline: 3px dashed var(--gp-color-primary);
      outline-offset: 3px;
    }
    .proposals {
      margin-bottom: var(--gp-space-4);
      background: var(--gp-color-warning-bg);
    }
    .proposals h3 {
      margin-top: 0;
    }
    .proposal-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .proposal {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--gp-space-2);
      align-items: center;
    }
    .proposal__actions {
      display: flex;
      gap: var(--gp-space-2);
    }
    .add {
      margin-top: var(--gp-space-4);
    }
    .add h3 {
      margin-top: 0;
    }
    .add__form {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-3);
      align-items: flex-start;
    }
    .add__form .gp-field {
      margin: 0;
    }
    .add__form .gp-button {
      margin-top: 1.9rem;
    }
    .add__title {
      flex: 1 1 20rem;
    }
    .flash {
      background: #fff;
    }
  `,
})
export class GoalsBoard {
  /** How many goal cards to draw (all by default). */
  readonly shown = input(Infinity);
  protected readonly Infinity = Infinity;
  protected readonly store = inject(PlanStore);
  protected readonly labels = inject(LabelsService);
  protected readonly t = inject(I18n).texts(TEXTS);
  private readonly injector = inject(Injector);
  protected readonly fill = fill;
  protected readonly mayEdit = inject(Session).can(PERMISSIONS.planEdit);
  protected readonly domains = LIFE_DOMAINS;
  protected readonly newTitle = signal('');
  protected readonly newDomain = signal<LifeDomain>('housing');
  protected readonly titleError = signal(false);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');
  protected readonly dragged = signal<GoalResponse | null>(null);
  protected readonly dropTarget = signal<string | null>(null);

  /** Domains in the order of their most urgent goal; goals within a domain by priority. */
  protected readonly groups = computed<DomainGroup[]>(() => {
    const groups = new Map<LifeDomain, GoalResponse[]>();
    for (const goal of this.store.goals()) {
      const list = groups.get(goal.lifeDomain) ?? [];
      list.push(goal);
      groups.set(goal.lifeDomain, list);
    }
    return [...groups.entries()].map(([domain, goals]) => ({ domain, goals, count: goals.length }));
  });
  /** The goal cards drawn so far, in order (the plan screen draws them one per turn; see renderInTurns). */
  protected readonly shownGroups = computed<DomainGroup[]>(() => {
    let left = this.shown();
    if (left === Infinity) return this.groups();
    const shown: DomainGroup[] = [];
    for (const group of this.groups()) {
      if (left <= 0) break;
      shown.push({ ...group, goals: group.goals.slice(0, left) });
      left -= group.goals.length;
    }
    return shown;
  });

  protected async move(goal: GoalResponse, direction: -1 | 1): Promise<void> {
    this.announce(goal, await this.store.move(goal, direction));
    // The card moved in the page: keep the keyboard user on it (the other button once this one is disabled).
    afterNextRender(
      () => {
        const button = (d: number) =>
          document.querySelector<HTMLButtonElement>(`[data-goal="${goal.id}"][data-move="${d}"]`);
        const same = button(direction);
        (same && !same.disabled ? same : button(-direction))?.focus();
      },
      { injector: this.injector },
    );
  }

  protected onDragStart(event: DragEvent, goal: GoalResponse): void {
    if (!this.mayEdit) return;
    this.dragged.set(goal);
    event.dataTransfer?.setData('text/plain', goal.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  protected onDragOver(event: DragEvent, target: GoalResponse): void {
    const source = this.dragged();
    if (!source || source.lifeDomain !== target.lifeDomain || source.id === target.id) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.dropTarget.set(target.id);
  }

  protected async onDrop(event: DragEvent, target: GoalResponse): Promise<void> {
    event.preventDefault();
    const source = this.dragged();
    this.dragged.set(null);
    this.dropTarget.set(null);
    if (!source || source.lifeDomain !== target.lifeDomain || source.id === target.id) return;
    this.announce(source, await this.store.moveTo(source, target.priority));
  }

  protected async decide(goal: GoalResponse, status: 'open' | 'declined'): Promise<void> {
    await this.store.run({
      key: `goal:${goal.id}:status`,
      method: 'PATCH',
      url: `/api/goals/${goal.id}`,
      body: { status },
      baseVersion: goal.version,
      itemId: goal.id,
      textField: null,
      label: goal.title,
    });
  }

  protected async addGoal(): Promise<void> {
    const title = this.newTitle().trim();
    this.titleError.set(!title);
    if (!title) return;
    this.busy.set(true);
    const stamp = Date.now();
    const outcome = await this.store.run({
      key: `goal:new:${stamp}`,
      method: 'POST',
      url: `/api/families/${this.store.familyId()}/plan/goals`,
      body: { title, lifeDomain: this.newDomain() },
      baseVersion: null,
      itemId: `new-goal-${stamp}`,
      textField: null,
      label: title,
    });
    this.busy.set(false);
    if (outcome === 'saved' || outcome === 'queued') {
      this.newTitle.set('');
      this.announcement.set(fill(this.t().added, { title }));
    }
  }

  private announce(goal: GoalResponse, placement: Placement | null): void {
    if (!placement) return;
    this.announcement.set(
      fill(this.t().moved, {
        title: goal.title,
        n: placement.position,
        total: placement.total,
        domain: this.labels.lifeDomain(goal.lifeDomain),
      }),
    );
  }
}
