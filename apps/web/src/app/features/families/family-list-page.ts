import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { PERMISSIONS, type FamilySummary } from '@gezinsplan/contracts';
import { catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { RouterLink } from '@angular/router';
import { errorText } from '../../core/error-text';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { FamiliesApi } from './families-api';

type State =
  | { status: 'loading' }
  | { status: 'ready'; items: FamilySummary[]; total: number }
  | { status: 'error'; message: string };

const TEXTS = defineTexts(
  {
    title: 'Mijn gezinnen',
    noAccess: 'Met uw rol ziet u geen gezinsdossiers.',
    search: 'Zoek op naam',
    loading: 'Gezinnen worden geladen…',
    one: '1 gezin',
    many: '{n} gezinnen',
  },
  {
    title: 'My families',
    noAccess: 'Your role does not show family files.',
    search: 'Search by name',
    loading: 'Loading families…',
    one: '1 family',
    many: '{n} families',
  },
);

@Component({
  selector: 'gp-family-list-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    @if (!mayList) {
      <p>{{ t().noAccess }}</p>
    } @else {
      <div class="gp-field search">
        <label for="zoek">{{ t().search }}</label>
        <input id="zoek" type="search" [value]="query()" (input)="query.set($any($event.target).value)" />
      </div>
      @switch (state().status) {
        @case ('loading') {
          <p role="status">{{ t().loading }}</p>
        }
        @case ('error') {
          <p role="alert" class="error">{{ errorMessage() }}</p>
        }
        @case ('ready') {
          <p role="status" class="count">{{ countText() }}</p>
          <ul class="families">
            @for (family of items(); track family.id) {
              <li class="family">
                <a class="family__name" [routerLink]="['/gezinnen', family.id]">{{ family.displayName }}</a>
                <span class="family__meta">{{ family.municipality }} · {{ labels.familyStatus(family.status) }}</span>
              </li>
            }
          </ul>
        }
      }
    }
  `,
  styles: `
    .search {
      max-width: 24rem;
    }
    .families {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--gp-space-2);
    }
    .family {
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      padding: var(--gp-space-3);
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--gp-space-2);
    }
    .family__name {
      font-weight: 700;
      font-size: 1.125rem;
    }
    .family__meta {
      color: var(--gp-color-text-muted);
    }
    .error {
      color: var(--gp-color-error);
      font-weight: 700;
    }
    .count {
      color: var(--gp-color-text-muted);
    }
  `,
})
export class FamilyListPage {
  private readonly api = inject(FamiliesApi);
  protected readonly mayList = inject(Session).can(PERMISSIONS.familyList);
  protected readonly labels = inject(LabelsService);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly query = signal('');

  protected readonly state = toSignal(
    toObservable(this.query).pipe(
      debounceTime(200),
      switchMap((q) =>
        this.mayList
          ? this.api.list({ q: q.trim() || undefined, limit: 100 }).pipe(
              map((page): State => ({ status: 'ready', items: page.items, total: page.total })),
              startWith<State>({ status: 'loading' }),
              catchError((err: unknown) => of<State>({ status: 'error', message: errorText(err, this.i18n.lang()) })),
            )
          : of<State>({ status: 'ready', items: [], total: 0 }),
      ),
    ),
    { initialValue: { status: 'loading' } as State },
  );

  protected items(): FamilySummary[] {
    const s = this.state();
    return s.status === 'ready' ? s.items : [];
  }

  protected errorMessage(): string {
    const s = this.state();
    return s.status === 'error' ? s.message : '';
  }

  protected countText(): string {
    const s = this.state();
    const total = s.status === 'ready' ? s.total : 0;
    return total === 1 ? this.t().one : fill(this.t().many, { n: total });
  }
}
