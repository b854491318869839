import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { AccessLogEntry, AuditAction, Page } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n, type Lang } from '../../core/i18n';
import { Session } from '../../core/session';
import { PortalApi } from './portal-api';

const PAGE_SIZE = 20;

const TEXTS = defineTexts(
  {
    title: 'Wie heeft ons dossier bekeken',
    intro: 'Hier ziet u wie uw gegevens heeft bekeken of veranderd, en wanneer.',
    loading: 'Bezig met laden…',
    empty: 'Nog niemand heeft uw dossier bekeken.',
    you: 'U zelf',
    unknown: 'Onbekend',
    noOrganisation: 'geen organisatie',
    line: '{action}: {what}',
    denied: 'Wilde {what} bekijken, maar had geen toegang',
    emergency: 'Met spoed-toegang',
    range: '{from} tot en met {to} van {total}',
    previous: 'Nieuwere',
    next: 'Oudere',
    pages: 'Bladeren door de lijst',
  },
  {
    title: 'Who looked at our file',
    intro: 'Here you see who looked at or changed your information, and when.',
    loading: 'Loading…',
    empty: 'Nobody has looked at your file yet.',
    you: 'You',
    unknown: 'Unknown',
    noOrganisation: 'no organisation',
    line: '{action}: {what}',
    denied: 'Wanted to look at {what}, but had no access',
    emergency: 'With emergency access',
    range: '{from} to {to} of {total}',
    previous: 'Newer',
    next: 'Older',
    pages: 'Page through the list',
  },
);

const ACTION: Record<Lang, Record<AuditAction, string>> = {
  nl: {
    read: 'Bekeken',
    list: 'Bekeken',
    create: 'Toegevoegd',
    update: 'Veranderd',
    delete: 'Weggehaald',
    login: 'Ingelogd',
    logout: 'Uitgelogd',
  },
  en: {
    read: 'Looked at',
    list: 'Looked at',
    create: 'Added',
    update: 'Changed',
    delete: 'Removed',
    login: 'Logged in',
    logout: 'Logged out',
  },
};

const RESOURCE: Record<Lang, Record<string, string>> = {
  nl: {
    family: 'de gegevens van het gezin',
    'family-member': 'een gezinslid',
    'network-member': 'iemand uit het netwerk',
    plan: 'het plan',
    'plan-section': 'een stuk van het plan',
    'plan-version': 'een goedgekeurde versie van het plan',
    goal: 'een doel',
    agreement: 'een afspraak',
    comment: 'een reactie',
    progress: 'de voortgang',
    'access-log': 'deze lijst',
    zrm: 'de zelfredzaamheid (ZRM)',
    consent: 'de toestemming',
    involvement: 'de betrokken organisaties',
    regie: 'wie de regisseur is',
    evaluation: 'de evaluatie',
    satisfaction: 'de tevredenheid',
    complaint: 'een klacht',
    allocation: 'de hulp',
    other: 'het dossier',
  },
  en: {
    family: "the family's information",
    'family-member': 'a family member',
    'network-member': 'someone from the network',
    plan: 'the plan',
    'plan-section': 'a part of the plan',
    'plan-version': 'an approved version of the plan',
    goal: 'a goal',
    agreement: 'an agreement',
    comment: 'a comment',
    progress: 'the progress',
    'access-log': 'this list',
    zrm: 'self-reliance (ZRM)',
    consent: 'the consent',
    involvement: 'the organisations involved',
    regie: 'who the case director is',
    evaluation: 'the evaluation',
    satisfaction: 'the satisfaction',
    complaint: 'a complaint',
    allocation: 'the help',
    other: 'the file',
  },
};

/** "Wie heeft ons dossier bekeken": the family's access log in plain words, newest first, twenty at a time. */
@Component({
  selector: 'gp-portal-access-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="inzage-titel">
      <h2 id="inzage-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>
      @if (error(); as message) {
        <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
      } @else if (page(); as p) {
        @if (p.items.length === 0) {
          <p>{{ t().empty }}</p>
        } @else {
          <ul class="log">
            @for (e of p.items; track e.id) {
              <li class="entry">
                <p class="entry__who">
                  <strong>{{ person(e) }}</strong>
                  @if (e.actor.userId !== me) {
                    <span> · {{ e.actor.organisation ?? t().noOrganisation }}</span>
                  }
                </p>
                <p class="entry__what">{{ what(e) }}</p>
                <p class="gp-muted entry__when">
                  {{ i18n.dateTime(e.occurredAt) }}
                  @if (e.emergency) {
                    · <span class="gp-badge gp-badge--warning">{{ t().emergency }}</span>
                  }
                </p>
              </li>
            }
          </ul>
          @if (p.total > pageSize) {
            <nav class="pager" [attr.aria-label]="t().pages">
              <button
                type="button"
                class="gp-button gp-button--secondary gp-button--small"
                [disabled]="offset() === 0 || busy()"
                (click)="go(offset() - pageSize)"
              >
                {{ t().previous }}
              </button>
              <span class="pager__range">{{ range() }}</span>
              <button
                type="button"
                class="gp-button gp-button--secondary gp-button--small"
                [disabled]="offset() + pageSize >= p.total || busy()"
                (click)="go(offset() + pageSize)"
              >
                {{ t().next }}
              </button>
            </nav>
          } @else {
            <p class="gp-muted">{{ range() }}</p>
          }
        }
      } @else {
        <p role="status">{{ t().loading }}</p>
      }
    </section>
  `,
  styles: `
    .log {
      list-style: none;
      padding: 0;
      margin: 0;
      border-top: 1px solid var(--gp-color-border);
    }
    .entry {
      border-bottom: 1px solid var(--gp-color-border);
      padding: var(--gp-space-2) 0;
    }
    .entry p {
      margin: 0;
    }
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--gp-space-2);
      margin-top: var(--gp-space-3);
    }
    .pager .gp-button {
      min-height: 44px;
    }
  `,
})
export class PortalAccessLog {
  readonly familyId = input.required<string>();
  /** Changes when the page wants a fresh first page (e.g. after a live change). */
  readonly refresh = input(0);
  private readonly api = inject(PortalApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly me = inject(Session).user()?.id ?? null;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly offset = signal(0);
  protected readonly page = signal<Page<AccessLogEntry> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly range = computed(() => {
    const p = this.page();
    if (!p) return '';
    return fill(this.t().range, {
      from: this.i18n.number(p.offset + 1),
      to: this.i18n.number(Math.min(p.offset + p.items.length, p.total)),
      total: this.i18n.number(p.total),
    });
  });

  constructor() {
    effect(() => {
      this.refresh();
      const familyId = this.familyId();
      untracked(() => void this.load(familyId, 0));
    });
  }

  protected go(offset: number): void {
    void this.load(this.familyId(), Math.max(0, offset));
  }

  protected person(e: AccessLogEntry): string {
    if (e.actor.userId && e.actor.userId === this.me) return this.t().you;
    return e.actor.displayName ?? this.t().unknown;
  }

  protected what(e: AccessLogEntry): string {
    const lang = this.i18n.lang();
    const what = RESOURCE[lang][e.resource] ?? RESOURCE[lang]['other'];
    if (e.result === 'denied') return fill(this.t().denied, { what });
    return fill(this.t().line, { action: ACTION[lang][e.action], what });
  }

  private async load(familyId: string, offset: number): Promise<void> {
    this.busy.set(true);
    try {
      const page = await firstValueFrom(this.api.accessLog(familyId, { limit: PAGE_SIZE, offset }));
      this.page.set(page);
      this.offset.set(offset);
      this.error.set(null);
    } catch (err) {
      this.error.set(errorText(err, this.i18n.lang()));
    } finally {
      this.busy.set(false);
    }
  }
}
