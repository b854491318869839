import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  type OnInit,
  type Signal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  PERMISSIONS,
  type AgreementResponse,
  type EvaluationResponse,
  type FamilyDetail,
  type FamilyMemberResponse,
  type LiveChangeEvent,
  type PlanResponse,
  type PlanVersionResponse,
} from '@gezinsplan/contracts';
import { HttpErrorResponse } from '@angular/common/http';
import { debounceTime, firstValueFrom, Subject } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { LiveConnection } from '../../core/live';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { MyData } from '../privacy/my-data';
import { PortalAccessLog } from './portal-access-log';
import { PortalApi } from './portal-api';
import { PortalApprove } from './portal-approve';
import { PortalDestruction } from './portal-destruction';
import { PortalGoal } from './portal-goal';
import { PortalPropose } from './portal-propose';
import { PortalSatisfaction } from './portal-satisfaction';
import { PortalSharing } from './portal-sharing';
import { ScoreBar } from './score-bar';

const TEXTS = defineTexts(
  {
    title: 'Ons gezin',
    intro: 'Hier staat het plan van uw gezin. U ziet wat jullie willen bereiken, wie wat doet en hoe het gaat.',
    regisseur: 'Uw regisseur is {name}. Heeft u een vraag? Neem dan contact op met {name}.',
    noRegisseur: 'Er is nog geen regisseur voor uw gezin.',
    loading: 'Het plan wordt geladen…',
    noFamily: 'Uw account hoort niet bij een gezin. Neem contact op met de gemeente.',
    noPlan: 'Er is nog geen plan voor uw gezin. De regisseur maakt het plan samen met u.',
    contents: 'Op deze pagina',
    planTitle: 'Ons plan',
    planIntro: 'Dit schreven jullie zelf over jullie gezin.',
    emptySection: 'Hier staat nog niets.',
    goalsTitle: 'Onze doelen',
    noGoals: 'Er staan nog geen doelen in het plan.',
    todoTitle: 'Wat gaan wij doen',
    todoIntro: 'Dit hebben jullie en jullie netwerk afgesproken. Wat het eerst moet, staat bovenaan.',
    noTodo: 'Jullie hebben nu geen open afspraken.',
    due: 'Klaar op: {date}',
    noDue: 'Geen datum afgesproken',
    who: 'Wie: {name}',
    forGoal: 'Bij het doel: {goal}',
    late: 'Later dan gepland',
    lateText: 'Dit is nog niet gelukt. Dat kan gebeuren. Bespreek het gerust met {name}.',
    lateTextNoRegisseur: 'Dit is nog niet gelukt. Dat kan gebeuren. Bespreek het gerust met uw regisseur.',
    doneTitle: 'Dit is al gedaan',
    progressTitle: 'Voortgang',
    progressIntro: 'Zo gaat het met elk doel, volgens de hulpverleners. 1 is heel slecht, 10 is heel goed.',
    noProgress: 'Nog geen voortgang genoteerd.',
    progressBy: '{date}, {name}',
    liveProgress: '{name} heeft nieuwe voortgang geschreven. U ziet het hieronder.',
    liveComment: '{name} heeft een reactie geplaatst.',
    liveVersion: '{name} heeft het plan goedgekeurd.',
    liveOther: '{name} heeft het plan aangepast. U ziet de nieuwe versie hieronder.',
    close: 'Melding sluiten',
    offline: 'Er is even geen verbinding. Nieuwe berichten ziet u zodra de verbinding terug is.',
    revoked: 'U kunt dit gezin niet meer bekijken.',
  },
  {
    title: 'Our family',
    intro: "This is your family's plan. You see what you want to achieve, who does what and how it is going.",
    regisseur: 'Your case director is {name}. Do you have a question? Then contact {name}.',
    noRegisseur: 'Your family does not have a case director yet.',
    loading: 'Loading the plan…',
    noFamily: 'Your account does not belong to a family. Please contact the municipality.',
    noPlan: 'Your family does not have a plan yet. The case director makes the plan together with you.',
    contents: 'On this page',
    planTitle: 'Our plan',
    planIntro: 'This is what you wrote about your family yourselves.',
    emptySection: 'Nothing here yet.',
    goalsTitle: 'Our goals',
    noGoals: 'There are no goals in the plan yet.',
    todoTitle: 'What we are going to do',
    todoIntro: 'This is what you and your network agreed to do. What comes first is at the top.',
    noTodo: 'You have no open agreements now.',
    due: 'Done by: {date}',
    noDue: 'No date agreed',
    who: 'Who: {name}',
    forGoal: 'For the goal: {goal}',
    late: 'Later than planned',
    lateText: 'This has not happened yet. That can happen. Feel free to talk about it with {name}.',
    lateTextNoRegisseur:
      'This has not happened yet. That can happen. Feel free to talk about it with your case director.',
    doneTitle: 'This has been done',
    progressTitle: 'Progress',
    progressIntro: 'This is how each goal is going, according to the professionals. 1 is very bad, 10 is very good.',
    noProgress: 'No progress noted yet.',
    progressBy: '{date}, {name}',
    liveProgress: '{name} has written new progress. You can see it below.',
    liveComment: '{name} has posted a comment.',
    liveVersion: '{name} has approved the plan.',
    liveOther: '{name} has changed the plan. You can see the new version below.',
    close: 'Close message',
    offline: 'There is no connection for a moment. You will see new messages as soon as the connection is back.',
    revoked: 'You can no longer see this family.',
  },
);

type Todo = AgreementResponse & { goalTitle: string };

/**
 * The parent and youth portal (/ons-gezin): the family's own plan in plain words, what the family agreed to
 * do, progress from the professionals (live), comments, proposals, approval and who looked at the file.
 */
@Component({
  selector: 'gp-portal-page',
  imports: [
    PortalGoal,
    PortalApprove,
    PortalPropose,
    PortalAccessLog,
    PortalSatisfaction,
    PortalSharing,
    ScoreBar,
    MyData,
    PortalDestruction,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="portal">
      <h1>{{ family()?.displayName ? t().title + ' – ' + family()?.displayName : t().title }}</h1>
      <p class="intro">{{ t().intro }}</p>
      @if (family(); as f) {
        <p class="regisseur">
          @if (f.regisseur) {
            {{ fill(t().regisseur, { name: f.regisseur.displayName }) }}
          } @else {
            {{ t().noRegisseur }}
          }
        </p>
      }

      <div class="live" role="status">
        @if (notice(); as message) {
          <div class="gp-alert live__notice">
            <span>{{ message }}</span>
            <button type="button" class="gp-link-button" (click)="notice.set(null)">{{ t().close }}</button>
          </div>
        }
      </div>
      @if (watching() && live.status() === 'offline') {
        <p class="gp-alert gp-alert--warning">{{ t().offline }}</p>
      }
      @if (revoked()) {
        <p class="gp-alert gp-alert--error" role="alert">{{ t().revoked }}</p>
      }

      @if (!familyId) {
        <p>{{ t().noFamily }}</p>
      } @else if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      } @else if (noPlan()) {
        <p>{{ t().noPlan }}</p>
      } @else if (plan(); as p) {
        <nav class="contents" [attr.aria-label]="t().contents">
          <ul>
            <li>
              <a href="/ons-gezin#ons-plan" (click)="jump($event, 'ons-plan')">{{ t().planTitle }}</a>
            </li>
            <li>
              <a href="/ons-gezin#wat-doen-wij" (click)="jump($event, 'wat-doen-wij')">{{ t().todoTitle }}</a>
            </li>
            <li>
              <a href="/ons-gezin#voortgang" (click)="jump($event, 'voortgang')">{{ t().progressTitle }}</a>
            </li>
          </ul>
        </nav>

        <gp-portal-approve
          [familyId]="familyId"
          [plan]="p"
          [agreed]="agreed()"
          [mayApprove]="mayApprove()"
          (changed)="reload()"
        />

        @if (satisfactionFor(); as evaluation) {
          <gp-portal-satisfaction [familyId]="familyId" [evaluation]="evaluation" (saved)="reloadEvaluations()" />
        }

        <section aria-labelledby="ons-plan" class="block">
          <h2 id="ons-plan" tabindex="-1">{{ t().planTitle }}</h2>
          <p>{{ t().planIntro }}</p>
          <div class="sections">
            @for (s of p.sections; track s.id) {
              <div class="section">
                <h3>{{ labels.sectionKind(s.kind) }}</h3>
                <p class="section__text">{{ s.content || t().emptySection }}</p>
              </div>
            }
          </div>
          <h3 class="goals-title">{{ t().goalsTitle }}</h3>
          @if (p.goals.length === 0) {
            <p>{{ t().noGoals }}</p>
          }
          <div class="goals">
            @for (g of goals(); track g.id) {
              <gp-portal-goal [goal]="g" [mayComment]="mayComment" (commented)="reload()" />
            }
          </div>
        </section>

        <section aria-labelledby="wat-doen-wij" class="block">
          <h2 id="wat-doen-wij" tabindex="-1">{{ t().todoTitle }}</h2>
          <p>{{ t().todoIntro }}</p>
          @if (todo().length === 0) {
            <p>{{ t().noTodo }}</p>
          } @else {
            <ol class="todo">
              @for (a of todo(); track a.id) {
                <li class="todo__item gp-card" [class.todo__item--late]="a.overdue">
                  <p class="todo__what">{{ a.description }}</p>
                  @if (a.overdue) {
                    <p>
                      <span class="gp-badge gp-badge--warning">{{ t().late }}</span>
                    </p>
                  }
                  <p>{{ fill(t().who, { name: a.ownerLabel }) }}</p>
                  <p>{{ a.dueDate ? fill(t().due, { date: i18n.date(a.dueDate) }) : t().noDue }}</p>
                  <p class="gp-muted">{{ fill(t().forGoal, { goal: a.goalTitle }) }}</p>
                  @if (a.overdue) {
                    <p>{{ lateText() }}</p>
                  }
                </li>
              }
            </ol>
          }
          @if (doneTodo().length > 0) {
            <h3>{{ t().doneTitle }}</h3>
            <ul class="done-list">
              @for (a of doneTodo(); track a.id) {
                <li>{{ a.description }} ({{ a.ownerLabel }})</li>
              }
            </ul>
          }
        </section>

        <section aria-labelledby="voortgang" class="block">
          <h2 id="voortgang" tabindex="-1">{{ t().progressTitle }}</h2>
          <p>{{ t().progressIntro }}</p>
          @for (g of activeGoals(); track g.id) {
            <div class="progress gp-card">
              <h3>{{ g.title }}</h3>
              @if (g.progress.length === 0) {
                <p class="gp-muted">{{ t().noProgress }}</p>
              } @else {
                <ol class="progress__list">
                  @for (n of g.progress; track n.id) {
                    <li>
                      <gp-score-bar [score]="n.score" />
                      <p class="gp-muted progress__by">
                        {{ fill(t().progressBy, { date: i18n.date(n.notedOn), name: n.author.displayName }) }}
                      </p>
                    </li>
                  }
                </ol>
              }
            </div>
          }
        </section>

        @if (mayPropose) {
          <gp-portal-propose class="block" [familyId]="familyId" (proposed)="reload()" />
        }

        @if (sharingMember(); as member) {
          <gp-portal-sharing class="block" [member]="member" />
        }

        @if (mayReadLog) {
          <gp-portal-access-log class="block" [familyId]="familyId" [refresh]="logRefresh()" />
        }

        @if (mayUseRights) {
          <gp-my-data class="block" [familyId]="familyId" />
        }
      } @else {
        <p role="status">{{ t().loading }}</p>
      }

      @if (familyId && mayRequestDestruction && (plan() || noPlan())) {
        <gp-portal-destruction class="block" [familyId]="familyId" />
      }
    </div>
  `,
  styles: `
    .portal {
      max-width: 44rem;
      margin: 0 auto;
    }
    h1 {
      margin-top: 0;
      font-size: 1.75rem;
    }
    .intro,
    .regisseur {
      font-size: 1.0625rem;
    }
    .regisseur {
      font-weight: 700;
    }
    .live:empty {
      display: none;
    }
    .live__notice {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--gp-space-2);
      align-items: center;
    }
    .contents ul {
      list-style: none;
      padding: 0;
      margin: 0 0 var(--gp-space-4);
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2) var(--gp-space-4);
    }
    .contents a {
      display: inline-block;
      padding: var(--gp-space-2) 0;
      min-height: 44px;
      box-sizing: border-box;
    }
    .block {
      display: block;
      margin-top: var(--gp-space-5);
    }
    h2 {
      font-size: 1.5rem;
      border-bottom: 2px solid var(--gp-color-primary);
      padding-bottom: var(--gp-space-1);
    }
    .sections {
      display: grid;
      gap: var(--gp-space-3);
    }
    .section h3 {
      margin: 0 0 var(--gp-space-1);
      font-size: 1.125rem;
    }
    .section__text {
      margin: 0;
      white-space: pre-line;
    }
    .goals-title {
      margin-top: var(--gp-space-4);
      font-size: 1.25rem;
    }
    .goals,
    .todo {
      display: grid;
      gap: var(--gp-space-3);
    }
    .todo {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .todo__item p {
      margin: var(--gp-space-1) 0;
    }
    .todo__what {
      font-weight: 700;
      font-size: 1.0625rem;
    }
    .todo__item--late {
      border-left: 6px solid var(--gp-color-warning);
    }
    .done-list {
      padding-left: var(--gp-space-4);
    }
    .progress {
      margin-bottom: var(--gp-space-3);
    }
    .progress h3 {
      margin: 0 0 var(--gp-space-2);
      font-size: 1.125rem;
    }
    .progress__list {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .progress__by {
      margin: 0;
      font-size: 0.9375rem;
    }
  `,
})
export class PortalPage implements OnInit {
  private readonly api = inject(PortalApi);
  private readonly session = inject(Session);
  protected readonly live = inject(LiveConnection);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);
  protected readonly labels = inject(LabelsService);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;

  protected readonly familyId = this.session.user()?.familyId ?? null;
  protected readonly mayComment = this.session.can(PERMISSIONS.commentWrite);
  protected readonly mayPropose = this.session.can(PERMISSIONS.goalPropose);
  protected readonly mayReadLog = this.session.can(PERMISSIONS.familyAccessLogRead);
  protected readonly mayUseRights =
    this.session.can(PERMISSIONS.privacyExport) || this.session.can(PERMISSIONS.correctionRequest);
  protected readonly mayRequestDestruction = this.session.can(PERMISSIONS.destructionRequest);
  private readonly mayReadEvaluations = this.session.can(PERMISSIONS.evaluationRead);
  private readonly mayRateSatisfaction = this.session.can(PERMISSIONS.satisfactionWrite);

  protected readonly family = signal<FamilyDetail | null>(null);
  protected readonly plan = signal<PlanResponse | null>(null);
  protected readonly agreed = signal<PlanVersionResponse | null>(null);
  protected readonly evaluations = signal<EvaluationResponse[]>([]);
  protected readonly noPlan = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly watching = signal(false);
  protected revoked: Signal<boolean> = signal(false);
  protected readonly logRefresh = signal(0);
  private readonly reloads = new Subject<void>();

  /** Goals in the plan's order (priority), proposals last. */
  protected readonly goals = computed(() =>
    [...(this.plan()?.goals ?? [])].sort(
      (a, b) => Number(a.status === 'proposed') - Number(b.status === 'proposed') || a.priority - b.priority,
    ),
  );
  protected readonly activeGoals = computed(() =>
    this.goals().filter((g) => g.status !== 'proposed' && g.status !== 'declined'),
  );

  private readonly familyAgreements = computed<Todo[]>(() =>
    (this.plan()?.goals ?? []).flatMap((g) =>
      g.agreements
        .filter((a) => a.ownerType === 'family_member' || a.ownerType === 'network_member')
        .map((a) => ({ ...a, goalTitle: g.title })),
    ),
  );
  /** Open agreements of the family and its network, the next due first (no date last). */
  protected readonly todo = computed(() =>
    this.familyAgreements()
      .filter((a) => a.status === 'open')
      .sort((a, b) => (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31')),
  );
  protected readonly doneTodo = computed(() => this.familyAgreements().filter((a) => a.status === 'done'));

  protected readonly lateText = computed(() => {
    const name = this.family()?.regisseur?.displayName;
    return name ? fill(this.t().lateText, { name }) : this.t().lateTextNoRegisseur;
  });

  /** The logged-in person as a member of the family. */
  private readonly ownMember = computed<FamilyMemberResponse | null>(() => {
    const memberId = this.session.user()?.familyMemberId;
    return this.family()?.members.find((m) => m.id === memberId) ?? null;
  });

  /** Parents with custody approve; the API checks the same. */
  protected readonly mayApprove = computed(() => {
    if (!this.session.can(PERMISSIONS.planAgree)) return false;
    const member = this.ownMember();
    return member ? member.hasCustody : true;
  });

  /** The sharing switch is for youths from 16 only. */
  protected readonly sharingMember = computed(() => {
    const member = this.ownMember();
    if (!this.session.can(PERMISSIONS.sharingManage) || !member) return null;
    return ageOn(member.birthDate, new Date()) >= 16 ? member : null;
  });

  /** The latest evaluation, when the family has not given its mark yet. */
  protected readonly satisfactionFor = computed(() => {
    if (!this.mayRateSatisfaction) return null;
    const latest = [...this.evaluations()].sort((a, b) =>
      (b.evaluatedOn + b.createdAt).localeCompare(a.evaluatedOn + a.createdAt),
    )[0];
    return latest && latest.satisfaction === null ? latest : null;
  });

  ngOnInit(): void {
    const familyId = this.familyId;
    if (!familyId) return;
    this.reloads.pipe(debounceTime(150), takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.load());
    void this.load();
    void firstValueFrom(this.api.family(familyId))
      .then((f) => this.family.set(f))
      .catch(() => undefined);
    if (this.mayReadEvaluations) this.reloadEvaluations();

    const watch = this.live.watch(familyId, this.destroyRef);
    this.watching.set(true);
    watch.changes.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((event) => this.onLiveChange(event));
    this.revoked = watch.revoked;
  }

  protected reload(): void {
    this.reloads.next();
  }

  protected reloadEvaluations(): void {
    if (!this.familyId) return;
    void firstValueFrom(this.api.evaluations(this.familyId))
      .then((list) => this.evaluations.set(list))
      .catch(() => undefined);
  }

  protected jump(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView();
    target?.focus();
  }

  private onLiveChange(event: LiveChangeEvent): void {
    if (event.by.userId === this.session.user()?.id) return;
    const t = this.t();
    const text =
      event.item.type === 'progress'
        ? t.liveProgress
        : event.item.type === 'comment'
          ? t.liveComment
          : event.item.type === 'version'
            ? t.liveVersion
            : t.liveOther;
    this.notice.set(fill(text, { name: event.by.displayName }));
    this.reload();
    if (event.item.type === 'evaluation') this.reloadEvaluations();
  }

  private async load(): Promise<void> {
    const familyId = this.familyId;
    if (!familyId) return;
    try {
      const plan = await firstValueFrom(this.api.plan(familyId));
      const n = plan.currentVersionNumber;
      const agreed =
        n === null
          ? null
          : this.agreed()?.number === n
            ? this.agreed()
            : await firstValueFrom(this.api.version(familyId, n));
      this.agreed.set(agreed);
      this.plan.set(plan);
      this.noPlan.set(false);
      this.error.set(null);
      this.logRefresh.update((v) => v + 1);
    } catch (err) {
      if (err instanceof HttpErrorResponse && err.status === 404 && !this.plan()) this.noPlan.set(true);
      else this.error.set(errorText(err, this.i18n.lang()));
    }
  }
}

function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
