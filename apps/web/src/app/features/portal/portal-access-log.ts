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
    period: 'Kies een periode',
    from: 'Vanaf',
    to: 'Tot en met',
    show: 'Toon',
    basis: 'Waarom mocht dit: {basis}',
    role: 'als {role}',
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
    period: 'Choose a period',
    from: 'From',
    to: 'Up to and including',
    show: 'Show',
    basis: 'Why this was allowed: {basis}',
    role: 'as {role}',
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

const BASIS: Record<Lang, Record<string, string>> = {
  nl: {
    municipality: 'taak van de gemeente',
    'involvement-consent': 'betrokken met uw toestemming',
    regisseur: 'regisseur van uw gezin',
    'own-family': 'eigen gezin',
    emergency: 'noodtoegang',
    none: 'geen',
  },
  en: {
    municipality: "the municipality's task",
    'involvement-consent': 'involved with your consent',
    regisseur: "your family's case director",
    'own-family': 'own family',
    emergency: 'emergency access',
    none: 'none',
  },
};

const ROLE: Record<Lang, Record<string, string>> = {
  nl: {
    parent: 'ouder',
    youth: 'jongere',
    access_team: 'toegangsteam',
    provider: 'zorgaanbieder',
    gi: 'gecertificeerde instelling',
    policy: 'beleid',
    admin: 'beheer',
  },
  en: {
    parent: 'parent',
    youth: 'young person',
    access_team: 'access team',
    provider: 'care provider',
    gi: 'certified institution',
    policy: 'policy',
    admin: 'administrator',
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
    'privacy-export': 'de download van alle gegevens',
    'correction-request': 'een verzoek om correctie',
    'emergency-access': 'noodtoegang tot het dossier',
    live: 'het plan (live)',
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
    'privacy-export': 'the download of all data',
    'correction-request': 'a correction request',
    'emergency-access': 'emergency access to the file',
    live: 'the plan (live)',
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
      <form class="period" (submit)="$event.preventDefault(); go(0)" [attr.aria-label]="t().period">
        <div class="gp-field">
          <label for="log-van">{{ t().from }}</label>
          <input id="log-van" type="date" [value]="from()" (change)="from.set(value($event))" />
        </div>
        <div class="gp-field">
          <label for="log-tot">{{ t().to }}</label>
          <input id="log-tot" type="date" [value]="to()" (change)="to.set(value($event))" />
        </div>
        <button type="submit" class="gp-button gp-button--secondary">{{ t().show }}</button>
      </form>
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
                    @if (e.actor.role) {
                      <span> · {{ roleText(e.actor.role) }}</span>
                    }
                  }
                </p>
                <p class="entry__what">{{ what(e) }}</p>
                @if (e.basis) {
                  <p class="gp-muted">{{ basisText(e.basis) }}</p>
                }
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
    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--gp-space-2);
      margin-bottom: var(--gp-space-3);
    }
    .period .gp-field {
      margin: 0;
    }
    .period .gp-button {
      min-height: 44px;
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
  protected readonly from = signal('');
  protected readonly to = signal('');
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

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected basisText(basis: string): string {
    return fill(this.t().basis, { basis: BASIS[this.i18n.lang()][basis] ?? basis });
  }

  protected roleText(role: string): string {
    return fill(this.t().role, { role: ROLE[this.i18n.lang()][role] ?? role });
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
      const page = await firstValueFrom(
        this.api.accessLog(familyId, {
          limit: PAGE_SIZE,
          offset,
          from: this.from() || undefined,
          to: this.to() || undefined,
        }),
      );
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
