import { HttpClient } from '@angular/common/http';
import { computed, Injectable, inject, signal } from '@angular/core';
import type { LoginRequest, LoginResponse, MeResponse, Permission } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * The logged-in user and the short-lived access token, in memory only. The refresh token lives in an
 * httpOnly cookie the page cannot read; `restore()` uses it to resume a session after a reload.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly token = signal<string | null>(null);
  readonly user = signal<MeResponse | null>(null);
  readonly loggedIn = computed(() => this.user() !== null);
  /** Shown on the login page after an automatic log-out. */
  readonly endedReason = signal<'expired' | null>(null);
  private restoring: Promise<boolean> | null = null;

  accessToken(): string | null {
    return this.token();
  }

  can(permission: Permission): boolean {
    return this.user()?.permissions.includes(permission) ?? false;
  }

  async login(body: LoginRequest): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', body)));
    this.endedReason.set(null);
  }

  /** Trades the refresh cookie for a new access token; false when there is no (valid) session. */
  restore(): Promise<boolean> {
    this.restoring ??= firstValueFrom(this.http.post<LoginResponse>('/api/auth/refresh', {}))
      .then((res) => {
        this.accept(res);
        return true;
      })
      .catch(() => false)
      .finally(() => (this.restoring = null));
    return this.restoring;
  }

  async logout(): Promise<void> {
    await firstValueFrom(this.http.post('/api/auth/logout', {})).catch(() => undefined);
    this.clear();
  }

  expire(): void {
    this.clear();
    this.endedReason.set('expired');
  }

  private accept(res: LoginResponse): void {
    this.token.set(res.accessToken);
    this.user.set(res.user);
  }

  private clear(): void {
    this.token.set(null);
    this.user.set(null);
  }
}
