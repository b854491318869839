import { HttpClient } from '@angular/common/http';
import { computed, DestroyRef, DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  type EnrolledSessionResponse,
  isSecondFactorChallenge,
  type LoginRequest,
  type LoginResult,
  type MeResponse,
  type Permission,
  type SecondFactorChallenge,
  type SecondFactorLoginRequest,
  type SessionResponse,
  type TotpEnrolment,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';

/** The window as `early/resume.js` leaves it: the answer to the refresh it sent before the app had loaded. */
type EarlyWindow = Window & { gpResume?: Promise<SessionResponse | null> };

/** User input that counts as activity for the idle timeout. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** While the user is active, the server hears from us at least this often (it has its own idle timeout). */
const KEEP_ALIVE_MS = 5 * 60_000;
const IDLE_CHECK_MS = 15_000;

/**
 * The logged-in user and the short-lived access token, in memory only. The refresh token lives in an
 * httpOnly cookie the page cannot read; `restore()` uses it to resume a session after a reload, sending the
 * readable `gp_csrf` cookie back as `X-CSRF-Token` (double-submit CSRF protection).
 *
 * Idle timeout: after the server's idle period without any keyboard, pointer or touch input the session is
 * ended here too (and the user sees why on the login page). While the user is active, a refresh every few
 * minutes keeps the server's idle clock in step; an idle page never refreshes on its own.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly token = signal<string | null>(null);
  readonly user = signal<MeResponse | null>(null);
  readonly loggedIn = computed(() => this.user() !== null);
  /** Shown on the login page after an automatic log-out. */
  readonly endedReason = signal<'expired' | 'idle' | null>(null);
  private restoring: Promise<boolean> | null = null;
  /** The refresh started at bootstrap (`resumeEarly`), handed once to the first guard that asks. */
  private early: Promise<boolean> | null = null;
  private idleTimeoutMs = 30 * 60_000;
  private lastActivity = Date.now();
  private lastServerContact = Date.now();
  private idleTimer: ReturnType<typeof setInterval> | null = null;
  /** What must stop when the session ends (the live channel registers itself; it loads with the pages using it). */
  private readonly endHooks: (() => void)[] = [];

  constructor() {
    const onActivity = () => this.activity();
    for (const type of ACTIVITY_EVENTS) this.document.addEventListener(type, onActivity, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      for (const type of ACTIVITY_EVENTS) this.document.removeEventListener(type, onActivity);
      this.stopIdleTimer();
    });
  }

  accessToken(): string | null {
    return this.token();
  }

  can(permission: Permission): boolean {
    return this.user()?.permissions.includes(permission) ?? false;
  }

  /** The password step: logs in, or answers the second-factor step still to take. */
  async login(body: LoginRequest): Promise<SecondFactorChallenge | null> {
    const res = await firstValueFrom(this.http.post<LoginResult>('/api/auth/login', body));
    if (isSecondFactorChallenge(res)) return res;
    this.accept(res);
    this.endedReason.set(null);
    return null;
  }

  /** The second step: a code of the authenticator app or a recovery code. */
  async loginSecondFactor(body: SecondFactorLoginRequest): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<SessionResponse>('/api/auth/login/second-factor', body)));
    this.endedReason.set(null);
  }

  startLoginEnrolment(mfaToken: string): Promise<TotpEnrolment> {
    return firstValueFrom(this.http.post<TotpEnrolment>('/api/auth/login/enrolment', { mfaToken }));
  }

  /** Confirms the enrolment during login; logs in and answers the recovery codes (to show once). */
  async confirmLoginEnrolment(mfaToken: string, code: string): Promise<string[]> {
    const res = await firstValueFrom(
      this.http.post<EnrolledSessionResponse>('/api/auth/login/enrolment/confirm', { mfaToken, code }),
    );
    this.accept(res);
    this.endedReason.set(null);
    return res.recoveryCodes;
  }

  /** Trades the refresh cookie for a new access token; false when there is no (valid) session. */
  restore(): Promise<boolean> {
    this.restoring ??= this.take(
      firstValueFrom(this.http.post<SessionResponse>('/api/auth/refresh', {}, { headers: this.csrfHeaders() })),
    );
    return this.restoring;
  }

  /**
   * Called once at bootstrap on a page behind login, while the router is still loading the page's code: takes the
   * refresh that `early/resume.js` started as soon as the HTML was read (before this code had arrived), or starts
   * one now. Either way the guard finds it under way instead of starting it after the page's code has loaded.
   */
  resumeEarly(): void {
    const view = this.document.defaultView as EarlyWindow | null;
    const started = view?.gpResume;
    if (view && started) delete view.gpResume;
    this.early = started ? (this.restoring = this.take(started)) : this.restore();
  }

  /** True when the refresh cookie was traded for a session (any refresh in flight shares this). */
  private take(answer: Promise<SessionResponse | null>): Promise<boolean> {
    return answer
      .then((res) => {
        if (!res) return false;
        this.accept(res);
        return true;
      })
      .catch(() => false)
      .finally(() => (this.restoring = null));
  }

  /** For the route guards: true when there is a session, resuming it from the cookie if need be. */
  resume(): Promise<boolean> {
    const early = this.early;
    this.early = null;
    if (this.loggedIn()) return Promise.resolve(true);
    return early ?? this.restore();
  }

  /** Calls `hook` whenever the session ends (log-out, idle time-out, expiry), before the server hears of it. */
  onEnd(hook: () => void): void {
    this.endHooks.push(hook);
  }

  async logout(): Promise<void> {
    this.ended();
    await firstValueFrom(this.http.post('/api/auth/logout', {}, { headers: this.csrfHeaders() })).catch(
      () => undefined,
    );
    this.clear();
  }

  expire(): void {
    this.clear();
    this.endedReason.set('expired');
  }

  private accept(res: SessionResponse): void {
    this.token.set(res.accessToken);
    this.user.set(res.user);
    if (res.idleTimeoutSeconds > 0) this.idleTimeoutMs = res.idleTimeoutSeconds * 1000;
    this.lastServerContact = Date.now();
    this.lastActivity = Date.now();
    this.startIdleTimer();
  }

  private ended(): void {
    for (const hook of this.endHooks) hook();
  }

  private clear(): void {
    this.ended();
    this.token.set(null);
    this.user.set(null);
    this.stopIdleTimer();
  }

  private activity(): void {
    this.lastActivity = Date.now();
    if (this.loggedIn() && Date.now() - this.lastServerContact > KEEP_ALIVE_MS && !this.restoring) {
      this.lastServerContact = Date.now();
      void this.restore();
    }
  }

  private startIdleTimer(): void {
    if (this.idleTimer !== null) return;
    this.idleTimer = setInterval(() => void this.checkIdle(), IDLE_CHECK_MS);
  }

  private stopIdleTimer(): void {
    if (this.idleTimer !== null) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  private async checkIdle(): Promise<void> {
    if (!this.loggedIn() || Date.now() - this.lastActivity < this.idleTimeoutMs) return;
    await this.logout();
    this.endedReason.set('idle');
    await this.router.navigate(['/inloggen']);
  }

  private csrfHeaders(): Record<string, string> {
    const match = /(?:^|;\s*)gp_csrf=([^;]+)/.exec(this.document.cookie);
    return match ? { 'X-CSRF-Token': decodeURIComponent(match[1]) } : {};
  }
}
