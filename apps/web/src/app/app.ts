import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NavigationCancel,
  NavigationEnd,
  NavigationError,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter, map, take } from 'rxjs';
import { PERMISSIONS, type Permission } from '@gezinsplan/contracts';
import { defineTexts, I18n } from './core/i18n';
import { nextTask } from './core/next-task';
import { Session } from './core/session';
import { LabelsService } from './shared/labels';

const TEXTS = defineTexts(
  {
    skip: 'Naar de inhoud',
    mainNav: 'Hoofdmenu',
    families: 'Mijn gezinnen',
    ownFamily: 'Ons gezinsplan',
    notifications: 'Meldingen',
    dashboard: 'Dashboard',
    admin: 'Beheer',
    emergency: 'Noodtoegang',
    account: 'Mijn account',
    loggedInAs: 'Ingelogd als',
    logout: 'Uitloggen',
    switchLang: 'English',
    switchLangLabel: 'Switch to English',
    footer: 'Eén gezin, één plan, één regisseur · Regio Zuid-Limburg',
  },
  {
    skip: 'Skip to content',
    mainNav: 'Main menu',
    families: 'My families',
    ownFamily: 'Our family plan',
    notifications: 'Notifications',
    dashboard: 'Dashboard',
    admin: 'Administration',
    emergency: 'Emergency access',
    account: 'My account',
    loggedInAs: 'Logged in as',
    logout: 'Log out',
    switchLang: 'Nederlands',
    switchLangLabel: 'Schakel naar Nederlands',
    footer: 'One family, one plan, one coordinator · Region Zuid-Limburg',
  },
);

interface NavItem {
  path: string;
  label: string;
}

@Component({
  selector: 'gp-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#inhoud">{{ t().skip }}</a>
    <header class="header">
      <div class="header__inner">
        <a class="header__brand" routerLink="/">
          <span class="header__logo" aria-hidden="true">G</span>
          <span>Gezinsplan</span>
        </a>
        <div class="header__tools" [class.pending]="pending()">
          <button
            type="button"
            class="header__lang"
            [attr.lang]="i18n.lang() === 'nl' ? 'en' : 'nl'"
            [attr.aria-label]="t().switchLangLabel"
            (click)="switchLang()"
          >
            {{ t().switchLang }}
          </button>
          @if (session.user(); as user) {
            <span class="header__user">
              <span class="gp-visually-hidden">{{ t().loggedInAs }} </span>{{ user.displayName }}
              <span class="header__role">({{ labels.role(user.role) }})</span>
            </span>
            <button type="button" class="gp-button gp-button--on-dark" (click)="logout()">{{ t().logout }}</button>
          }
        </div>
      </div>
      @if (menuDrawn() && nav().length > 0) {
        <nav class="nav" [attr.aria-label]="t().mainNav">
          <ul class="nav__list">
            @for (item of nav(); track item.path) {
              <li>
                <a
                  class="nav__link"
                  [routerLink]="item.path"
                  routerLinkActive="nav__link--active"
                  ariaCurrentWhenActive="page"
                  [attr.data-label]="item.label"
                  >{{ item.label }}</a
                >
              </li>
            }
          </ul>
        </nav>
      }
    </header>
    <main id="inhoud" class="main" [class.pending]="pending()" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="footer" [class.pending]="pending()">
      <p>{{ t().footer }}</p>
    </footer>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .skip-link {
      position: absolute;
      left: -9999px;
      top: 0;
      background: #fff;
      padding: var(--gp-space-2);
      z-index: 10;
    }
    .skip-link:focus {
      left: var(--gp-space-2);
    }
    .header {
      background: var(--gp-color-primary);
      color: #fff;
    }
    .header__inner,
    .nav__list {
      max-width: var(--gp-page-width);
      margin: 0 auto;
      padding: var(--gp-space-3);
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-3);
      align-items: center;
      justify-content: space-between;
    }
    .header__brand {
      color: #fff;
      text-decoration: none;
      font-size: 1.375rem;
      font-weight: 700;
      display: flex;
      align-items: center;
      gap: var(--gp-space-2);
    }
    .header__logo {
      display: inline-grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      border: 2px solid #fff;
      border-radius: var(--gp-radius);
    }
    .header__tools {
      display: flex;
      align-items: center;
      gap: var(--gp-space-3);
      flex-wrap: wrap;
    }
    .header__lang {
      font: inherit;
      color: #fff;
      background: transparent;
      border: 0;
      text-decoration: underline;
      cursor: pointer;
      min-height: 44px;
      padding: 0 var(--gp-space-2);
    }
    .header__role {
      opacity: 0.9;
    }
    .nav {
      background: var(--gp-color-primary-hover);
    }
    .nav__list {
      list-style: none;
      justify-content: flex-start;
      padding-top: 0;
      padding-bottom: 0;
      gap: var(--gp-space-1);
    }
    .nav__link {
      display: inline-block;
      color: #fff;
      padding: var(--gp-space-2) var(--gp-space-3);
      min-height: 44px;
      text-decoration: none;
      border-bottom: 4px solid transparent;
    }
    .nav__link:hover {
      text-decoration: underline;
    }
    .nav__link--active {
      border-bottom-color: #fff;
      font-weight: 700;
    }
    /* Every link is already as wide as its bold text, so marking the current page does not make the menu wrap
       differently on a phone (the items below would jump). */
    .nav__link::after {
      content: attr(data-label);
      display: block;
      height: 0;
      overflow: hidden;
      visibility: hidden;
      font-weight: 700;
    }
    .main {
      flex: 1;
      width: 100%;
      max-width: var(--gp-page-width);
      margin: 0 auto;
      padding: var(--gp-space-4) var(--gp-space-3);
    }
    .main:focus {
      outline: none;
    }
    /* Until the first page is there (session resumed, its code loaded), so the menu appearing above it does not
       push visible content down, nor the signed-in user's name push the language button onto the next line on a
       phone (layout shifts). */
    .pending {
      visibility: hidden;
    }
    .footer {
      background: var(--gp-color-bg-subtle);
      color: var(--gp-color-text-muted);
      text-align: center;
      padding: var(--gp-space-3);
    }
  `,
})
export class App {
  protected readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly labels = inject(LabelsService);
  private readonly router = inject(Router);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly started = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd || e instanceof NavigationCancel || e instanceof NavigationError),
      map(() => true),
      take(1),
    ),
    { initialValue: false },
  );
  /**
   * The menu is drawn in a task after the one that starts the app (core/next-task.ts): its links are a good part of
   * the shell's first render, which a phone would otherwise do in one long task.
   */
  protected readonly menuDrawn = signal(false);
  /** Hidden until the first page and the menu are there (see `.pending`). */
  protected readonly pending = computed(() => !this.started() || !this.menuDrawn());

  constructor() {
    void nextTask().then(() => this.menuDrawn.set(true));
  }

  /** Only what the role may use: the same permission map the API enforces. */
  protected readonly nav = computed<NavItem[]>(() => {
    const user = this.session.user();
    if (!user) return [];
    const t = this.t();
    const can = (p: Permission) => user.permissions.includes(p);
    const items: NavItem[] = [];
    if (user.familyId) items.push({ path: '/ons-gezin', label: t.ownFamily });
    else if (can(PERMISSIONS.familyList)) items.push({ path: '/gezinnen', label: t.families });
    if (can(PERMISSIONS.notificationRead)) items.push({ path: '/meldingen', label: t.notifications });
    if (can(PERMISSIONS.indicatorsRead)) items.push({ path: '/dashboard', label: t.dashboard });
    if (can(PERMISSIONS.userRead)) items.push({ path: '/beheer', label: t.admin });
    if (can(PERMISSIONS.emergencyAccess)) items.push({ path: '/noodtoegang', label: t.emergency });
    items.push({ path: '/mijn-account', label: t.account });
    return items;
  });

  protected switchLang(): void {
    this.i18n.set(this.i18n.lang() === 'nl' ? 'en' : 'nl');
  }

  protected async logout(): Promise<void> {
    // Session.logout closes the live channel first (LiveConnection registers for it), so it no longer loads here.
    await this.session.logout();
    await this.router.navigate(['/inloggen']);
  }
}
