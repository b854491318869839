import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { Session } from './core/session';
import { roleLabel } from './shared/labels';

@Component({
  selector: 'gp-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#inhoud">Naar de inhoud</a>
    <header class="header">
      <div class="header__inner">
        <a class="header__brand" routerLink="/">
          <span class="header__logo" aria-hidden="true">G</span>
          <span>Gezinsplan</span>
        </a>
        @if (session.user(); as user) {
          <div class="header__user">
            <span>
              <span class="gp-visually-hidden">Ingelogd als </span>{{ user.displayName }}
              <span class="header__role">({{ roleLabel(user.role) }})</span>
            </span>
            <button type="button" class="gp-button gp-button--secondary" (click)="logout()">Uitloggen</button>
          </div>
        }
      </div>
    </header>
    <main id="inhoud" class="main" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="footer">
      <p>Eén gezin, één plan, één regisseur &middot; Regio Zuid-Limburg</p>
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
    .header__inner {
      max-width: 72rem;
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
    .header__user {
      display: flex;
      align-items: center;
      gap: var(--gp-space-3);
      flex-wrap: wrap;
    }
    .header__role {
      opacity: 0.9;
    }
    .main {
      flex: 1;
      width: 100%;
      max-width: 72rem;
      margin: 0 auto;
      padding: var(--gp-space-4) var(--gp-space-3);
    }
    .main:focus {
      outline: none;
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
  private readonly router = inject(Router);
  protected readonly roleLabel = roleLabel;

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/inloggen']);
  }
}
