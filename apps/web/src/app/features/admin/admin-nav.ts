import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { defineTexts, I18n } from '../../core/i18n';

const TEXTS = defineTexts(
  { nav: 'Beheer', organisations: 'Organisaties en teams', users: 'Gebruikers' },
  { nav: 'Administration', organisations: 'Organisations and teams', users: 'Users' },
);

/** The two parts of beheer, as tabs-like links (real links: each part has its own URL). */
@Component({
  selector: 'gp-admin-nav',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav [attr.aria-label]="t().nav">
      <ul class="tabs">
        <li>
          <a routerLink="/beheer/organisaties" routerLinkActive="active" ariaCurrentWhenActive="page">{{
            t().organisations
          }}</a>
        </li>
        <li>
          <a routerLink="/beheer/gebruikers" routerLinkActive="active" ariaCurrentWhenActive="page">{{ t().users }}</a>
        </li>
      </ul>
    </nav>
  `,
  styles: `
    .tabs {
      list-style: none;
      margin: 0 0 var(--gp-space-4);
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      border-bottom: 2px solid var(--gp-color-border);
    }
    a {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      padding: var(--gp-space-2) var(--gp-space-3);
      font-weight: 700;
      text-decoration: none;
      border: 2px solid transparent;
      border-bottom: 0;
      border-radius: var(--gp-radius) var(--gp-radius) 0 0;
    }
    a.active {
      border-color: var(--gp-color-border);
      background: var(--gp-color-bg-subtle);
      color: var(--gp-color-text);
    }
  `,
})
export class AdminNav {
  protected readonly t = inject(I18n).texts(TEXTS);
}
