import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  PERMISSIONS,
  type FamilySummary,
  type NotificationResponse,
  type OverdueAgreementResponse,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { NotificationsApi } from './notifications-api';

/** New notifications are fetched this often while the page is visible. */
const POLL_MS = 60_000;

const TEXTS = defineTexts(
  {
    title: 'Meldingen',
    noAccess: 'Met uw rol heeft u geen meldingen.',
    loading: 'Meldingen worden geladen…',
    changes: 'Wijzigingen door anderen',
    changesEmpty: 'Er zijn geen wijzigingen door anderen.',
    overdue: 'Te late afspraken',
    overdueEmpty: 'Er zijn geen te late afspraken in uw gezinnen.',
    overdueMeta: 'Gezin {family} · doel: {goal} · wie: {owner}',
    overdueDue: 'Moest klaar zijn op {date}',
    evaluations: 'Evaluaties binnenkort',
    evaluationsEmpty: 'Er zijn de komende twee weken geen evaluaties.',
    evaluationOn: 'Evaluatie op {date}',
    evaluationPast: 'Evaluatiedatum is voorbij: {date}',
    regisseur: 'Regisseur: {name}',
    unread: 'Nieuw',
    unreadCount: '{n} nieuw',
    markRead: 'Markeer als gelezen',
    markReadNamed: 'Markeer als gelezen: {message}',
    markAll: 'Alles als gelezen markeren',
    updated: 'Bijgewerkt om {time}',
    family: 'Gezin {name}',
  },
  {
    title: 'Notifications',
    noAccess: 'Your role has no notifications.',
    loading: 'Loading notifications…',
    changes: 'Changes by others',
    changesEmpty: 'There are no changes by others.',
    overdue: 'Overdue agreements',
    overdueEmpty: 'There are no overdue agreements in your families.',
    overdueMeta: 'Family {family} · goal: {goal} · who: {owner}',
    overdueDue: 'Was due on {date}',
    evaluations: 'Evaluations coming up',
    evaluationsEmpty: 'There are no evaluations in the next two weeks.',
    evaluationOn: 'Evaluation on {date}',
    evaluationPast: 'The evaluation date has passed: {date}',
    regisseur: 'Case director: {name}',
    unread: 'New',
    unreadCount: '{n} new',
    markRead: 'Mark as read',
    markReadNamed: 'Mark as read: {message}',
    markAll: 'Mark all as read',
    updated: 'Updated at {time}',
    family: 'Family {name}',
  },
);

/**
 * The notifications panel (/meldingen): changes by others for everyone; for professionals also the overdue
 * agreements of the families they direct and the evaluations coming up. Refreshed every minute while visible.
 */
@Component({
  selector: 'gp-notifications-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    @if (!mayRead) {
      <p>{{ t().noAccess }}</p>
    } @else if (error(); as message) {
      <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
    } @else if (!loaded()) {
      <p role="status">{{ t().loading }}</p>
    } @else {
      <p class="gp-muted updated">{{ updatedText() }}</p>
      <div class="groups">
        <section aria-labelledby="wijzigingen" class="group">
          <div class="group__head">
            <h2 id="wijzigingen">
              {{ t().changes }}
              @if (unreadCount() > 0) {
                <span class="gp-badge">{{ fill(t().unreadCount, { n: unreadCount() }) }}</span>
              }
            </h2>
            @if (unreadCount() > 0) {
              <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="markAll()">
                {{ t().markAll }}
              </button>
            }
          </div>
          @if (notifications().length === 0) {
            <p>{{ t().changesEmpty }}</p>
          } @else {
            <ul class="items">
              @for (n of notifications(); track n.id) {
                <li class="item" [class.item--unread]="!n.read">
                  <p class="item__main">
                    @if (!n.read) {
                      <span class="gp-badge gp-badge--warning">{{ t().unread }}</span>
                    }
                    @if (linkFor(n); as link) {
                      <a [routerLink]="link">{{ n.message }}</a>
                    } @else {
                      <span>{{ n.message }}</span>
                    }
                  </p>
                  <p class="gp-muted item__meta">
                    @if (familyName(n); as name) {
                      {{ fill(t().family, { name }) }} ·
                    }
                    {{ i18n.dateTime(n.createdAt) }}
                  </p>
                  @if (!n.read) {
                    <button
                      type="button"
                      class="gp-link-button item__read"
                      [attr.aria-label]="fill(t().markReadNamed, { message: n.message })"
                      (click)="markRead(n)"
                    >
                      {{ t().markRead }}
                    </button>
                  }
                </li>
              }
            </ul>
          }
        </section>

        @if (professional) {
          <section aria-labelledby="te-laat" class="group">
            <h2 id="te-laat">
              {{ t().overdue }}
              @if (overdue().length > 0) {
                <span class="gp-badge gp-badge--warning">{{ overdue().length }}</span>
              }
            </h2>
            @if (overdue().length === 0) {
              <p>{{ t().overdueEmpty }}</p>
            } @else {
              <ul class="items">
                @for (a of overdue(); track a.id) {
                  <li class="item item--late">
                    <p class="item__main">
                      <a [routerLink]="['/gezinnen', a.familyId, 'plan']">{{ a.description }}</a>
                    </p>
                    <p class="item__meta">
                      {{ fill(t().overdueMeta, { family: a.familyName, goal: a.goalTitle, owner: a.ownerLabel }) }}
                    </p>
                    <p class="item__meta item__due">{{ fill(t().overdueDue, { date: i18n.date(a.dueDate) }) }}</p>
                  </li>
                }
              </ul>
            }
          </section>

          <section aria-labelledby="evaluaties" class="group">
            <h2 id="evaluaties">
              {{ t().evaluations }}
              @if (evaluationsDue().length > 0) {
                <span class="gp-badge">{{ evaluationsDue().length }}</span>
              }
            </h2>
            @if (evaluationsDue().length === 0) {
              <p>{{ t().evaluationsEmpty }}</p>
            } @else {
              <ul class="items">
                @for (f of evaluationsDue(); track f.id) {
                  <li class="item">
                    <p class="item__main">
                      <a [routerLink]="['/gezinnen', f.id, 'plan']">{{ f.displayName }}</a>
                    </p>
                    <p class="item__meta">{{ evaluationText(f) }}</p>
                    @if (f.regisseur) {
                      <p class="gp-muted item__meta">{{ fill(t().regisseur, { name: f.regisseur.displayName }) }}</p>
                    }
                  </li>
                }
              </ul>
            }
          </section>
        }
      </div>
    }
  `,
  styles: `
    .groups {
      display: grid;
      gap: var(--gp-space-4);
    }
    .group__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--gp-space-2);
    }
    h2 {
      font-size: 1.375rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--gp-space-2);
    }
    .items {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .item {
      border: 1px solid var(--gp-color-border);
      border-left-width: 6px;
      border-radius: var(--gp-radius);
      padding: var(--gp-space-2) var(--gp-space-3);
    }
    .item--unread {
      border-left-color: var(--gp-color-primary);
      background: var(--gp-color-info-bg);
    }
    .item--late {
      border-left-color: var(--gp-color-warning);
    }
    .item p {
      margin: 0;
    }
    .item__main {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: baseline;
      font-weight: 700;
    }
    .item__meta {
      margin-top: var(--gp-space-1);
    }
    .item__due {
      color: var(--gp-color-warning);
      font-weight: 700;
    }
    .item__read {
      margin-top: var(--gp-space-1);
      min-height: 44px;
    }
    .updated {
      margin-top: 0;
    }
  `,
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly fill = fill;
  protected readonly mayRead = this.session.can(PERMISSIONS.notificationRead);
  /** Access team, providers and GIs: the families they work with, not their own family. */
  protected readonly professional = this.session.can(PERMISSIONS.familyList) && !this.session.user()?.familyId;
  private readonly ownFamilyId = this.session.user()?.familyId ?? null;

  protected readonly notifications = signal<NotificationResponse[]>([]);
  protected readonly overdue = signal<OverdueAgreementResponse[]>([]);
  protected readonly evaluationsDue = signal<FamilySummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly updatedAt = signal<string | null>(null);
  private readonly familyNames = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly unreadCount = computed(() => this.notifications().filter((n) => !n.read).length);
  protected readonly updatedText = computed(() => {
    const at = this.updatedAt();
    if (!at) return '';
    return fill(this.t().updated, { time: this.i18n.time(at) });
  });

  ngOnInit(): void {
    if (!this.mayRead) return;
    void this.load();
    const timer = setInterval(() => {
      if (this.document.visibilityState === 'visible') void this.load();
    }, POLL_MS);
    const onVisible = () => {
      if (this.document.visibilityState === 'visible') void this.load();
    };
    this.document.addEventListener('visibilitychange', onVisible);
    this.destroyRef.onDestroy(() => {
      clearInterval(timer);
      this.document.removeEventListener('visibilitychange', onVisible);
    });
  }

  /** Parents go to their own family's page; professionals to the family's plan. */
  protected linkFor(n: NotificationResponse): string[] | null {
    if (!n.familyId) return null;
    if (n.familyId === this.ownFamilyId) return ['/ons-gezin'];
    return ['/gezinnen', n.familyId, 'plan'];
  }

  protected familyName(n: NotificationResponse): string | null {
    return n.familyId ? (this.familyNames().get(n.familyId) ?? null) : null;
  }

  protected evaluationText(f: FamilySummary): string {
    const date = this.i18n.date(f.evaluationDate);
    const past = f.evaluationDate !== null && f.evaluationDate < today();
    return fill(past ? this.t().evaluationPast : this.t().evaluationOn, { date });
  }

  protected async markRead(n: NotificationResponse): Promise<void> {
    try {
      await firstValueFrom(this.api.markRead(n.id));
      this.notifications.update((list) => list.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  protected async markAll(): Promise<void> {
    for (const n of this.notifications().filter((x) => !x.read)) await this.markRead(n);
  }

  private async load(): Promise<void> {
    try {
      const [notifications, overdue, due, families] = await Promise.all([
        firstValueFrom(this.api.notifications()),
        this.professional ? firstValueFrom(this.api.overdue()) : Promise.resolve([]),
        this.professional ? firstValueFrom(this.api.evaluationsDue()).then((p) => p.items) : Promise.resolve([]),
        this.professional ? firstValueFrom(this.api.families()).then((p) => p.items) : Promise.resolve([]),
      ]);
      this.familyNames.set(new Map(families.map((f) => [f.id, f.displayName])));
      this.notifications.set(notifications);
      this.overdue.set([...overdue].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')));
      this.evaluationsDue.set([...due].sort((a, b) => (a.evaluationDate ?? '').localeCompare(b.evaluationDate ?? '')));
      this.updatedAt.set(new Date().toISOString());
      this.error.set(null);
      this.loaded.set(true);
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    }
  }
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
