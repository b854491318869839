import { computed, DestroyRef, effect, Injectable, Injector, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type {
  FamilyDetail,
  GoalResponse,
  LiveChangeEvent,
  LiveViewer,
  PlanResponse,
  PlanVersionSummary,
} from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { conflictOf, isOffline } from '../../core/http';
import { I18n } from '../../core/i18n';
import { LiveConnection } from '../../core/live';
import { Session } from '../../core/session';
import { PlanApi, type PendingEdit } from './plan-api';

/** How an edit ended, so the editor knows whether to close (saved, queued, discarded) or stay open. */
export type EditOutcome = 'saved' | 'queued' | 'discarded' | 'dismissed' | 'error';

/** An edit that hit a newer version: both versions, until the user chooses. */
export interface Conflict {
  edit: PendingEdit;
  mine: string;
  theirs: string;
  currentVersion: number;
  mergeable: boolean;
}

/** A goal's place among the goals of its life domain, after a move. */
export interface Placement {
  position: number;
  total: number;
}

/** Runs `work` once the browser has painted the screen as it is now (at once in a hidden tab, which paints nothing). */
function afterPaint(work: () => void): void {
  if (document.hidden) setTimeout(work);
  else requestAnimationFrame(() => setTimeout(work));
}

const STORAGE_PREFIX = 'gezinsplan.plan.pending.';
const HIGHLIGHT_MS = 4000;

/**
 * The state of one family's plan screen (provided on the route, so it lives as long as the screen): the plan
 * as last read, who else is looking, edits waiting for a connection, and the conflict being resolved.
 * Editors keep their own drafts, so a reload after someone else's change never overwrites typing in progress.
 */
@Injectable()
export class PlanStore {
  private readonly api = inject(PlanApi);
  private readonly live = inject(LiveConnection);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);

  readonly familyId = signal('');
  readonly family = signal<FamilyDetail | null>(null);
  readonly plan = signal<PlanResponse | null>(null);
  readonly versions = signal<PlanVersionSummary[]>([]);
  readonly loadError = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly pending = signal<PendingEdit[]>([]);
  readonly conflict = signal<Conflict | null>(null);
  readonly lastChange = signal<LiveChangeEvent | null>(null);
  readonly highlighted = signal<string | null>(null);
  readonly browserOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  private readonly injector = inject(Injector);
  private readonly watched = signal<{ viewers: Signal<LiveViewer[]>; revoked: Signal<boolean> } | null>(null);
  readonly viewers = computed(() => this.watched()?.viewers() ?? []);
  /** Access was taken away while the screen was open (e.g. consent withdrawn). */
  readonly revoked = computed(() => this.watched()?.revoked() ?? false);
  /** No connection: the browser is offline, or the live channel (once asked for) is down. */
  readonly offline = computed(
    () => !this.browserOnline() || (this.watched() !== null && this.live.status() === 'offline'),
  );
  readonly me = computed(() => this.session.user());
  readonly isRegisseur = computed(() => {
    const regisseur = this.family()?.regisseur;
    return !!regisseur && regisseur.userId === this.me()?.id;
  });
  /** Goals of the plan proper, in priority order (proposals and declined goals apart). */
  readonly goals = computed(() =>
    (this.plan()?.goals ?? [])
      .filter((g) => g.status !== 'proposed' && g.status !== 'declined')
      .sort((a, b) => a.priority - b.priority),
  );
  readonly proposals = computed(() => (this.plan()?.goals ?? []).filter((g) => g.status === 'proposed'));
  private resolver: ((outcome: EditOutcome) => void) | null = null;
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;

  /** Opens a family's plan: reads it, joins its live room, and sends whatever was left unsent. */
  init(familyId: string, destroyRef: DestroyRef): void {
    this.familyId.set(familyId);
    this.pending.set(this.readQueue());
    let open = true;
    // The plan first, the live channel (a 13 kB download and a handshake) once the plan is on screen: on a phone
    // the two would otherwise compete for the network and the processor while the plan is being shown. What
    // others change in between is caught up by the read when the channel connects (below).
    void this.loadAll().then(() =>
      afterPaint(() => {
        if (!open) return;
        const watch = this.live.watch(familyId, destroyRef);
        this.watched.set({ viewers: watch.viewers, revoked: watch.revoked });
        watch.changes.pipe(takeUntilDestroyed(destroyRef)).subscribe((event) => this.onChange(event));
        // A channel that was open already joins at once, without the catch-up read of a new connection.
        if (this.live.status() === 'online') void this.reload();
      }),
    );
    let wasOnline = this.live.status() === 'online';
    const statusWatch = effect(
      () => {
        const online = this.live.status() === 'online';
        if (online && !wasOnline) {
          // Back after a dropped connection: catch up with what others did, then send what waited.
          void this.reload().then(() => this.flushIfPending());
        }
        wasOnline = online;
      },
      { injector: this.injector, manualCleanup: true },
    );
    const onOnline = () => {
      this.browserOnline.set(true);
      void this.flush();
    };
    const onOffline = () => this.browserOnline.set(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    destroyRef.onDestroy(() => {
      open = false;
      statusWatch.destroy();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      clearTimeout(this.highlightTimer);
    });
  }

  async loadAll(): Promise<void> {
    const id = this.familyId();
    try {
      const [family, plan] = await Promise.all([
        firstValueFrom(this.api.family(id)),
        firstValueFrom(this.api.plan(id)),
      ]);
      this.family.set(family);
      this.plan.set(plan);
      this.loadError.set(null);
      void this.loadVersions();
      void this.flushIfPending();
    } catch (err) {
      this.loadError.set(errorText(err, this.i18n.lang()));
    }
  }

  async reload(): Promise<void> {
    try {
      const plan = await firstValueFrom(this.api.plan(this.familyId()));
      // The same plan again (e.g. the catch-up read when the live channel first connects) changes nothing on
      // screen: keep the current object, so nothing re-renders.
      if (JSON.stringify(plan) !== JSON.stringify(this.plan())) this.plan.set(plan);
    } catch (err) {
      if (!isOffline(err)) this.error.set(errorText(err, this.i18n.lang()));
    }
  }

  async loadVersions(): Promise<void> {
    try {
      this.versions.set(await firstValueFrom(this.api.versions(this.familyId())));
    } catch {
      // The versions list is secondary; the plan itself stays usable.
    }
  }

  /**
   * Sends a change. Offline it is queued (and kept across a reload); on a newer version the conflict dialog
   * opens and the promise settles once the user has chosen.
   */
  async run(edit: PendingEdit): Promise<EditOutcome> {
    this.error.set(null);
    try {
      await firstValueFrom(this.api.send(edit));
      await this.reload();
      return 'saved';
    } catch (err) {
      return this.failed(edit, err);
    }
  }

  /** Moves a goal one place up or down among the goals of its life domain. */
  async move(goal: GoalResponse, direction: -1 | 1): Promise<Placement | null> {
    const same = this.goals().filter((g) => g.lifeDomain === goal.lifeDomain);
    const index = same.findIndex((g) => g.id === goal.id);
    const target = same[index + direction];
    if (!target) return null;
    return this.moveTo(goal, target.priority);
  }

  /** Gives a goal a new place in the order of approach; answers where it ended up within its domain. */
  async moveTo(goal: GoalResponse, priority: number): Promise<Placement | null> {
    if (priority === goal.priority) return null;
    const outcome = await this.run({
      key: `goal:${goal.id}:priority`,
      method: 'PATCH',
      url: `/api/goals/${goal.id}`,
      body: { priority },
      baseVersion: goal.version,
      itemId: goal.id,
      textField: null,
      label: goal.title,
    });
    if (outcome === 'saved') {
      const same = this.goals().filter((g) => g.lifeDomain === goal.lifeDomain);
      this.flash(goal.id);
      return { position: same.findIndex((g) => g.id === goal.id) + 1, total: same.length };
    }
    return null;
  }

  /** The user's choice in the conflict dialog. Nothing is dropped without them saying so. */
  async resolve(choice: 'mine' | 'theirs' | 'merge' | 'dismiss', merged?: string): Promise<void> {
    const conflict = this.conflict();
    if (!conflict) return;
    const settle = (outcome: EditOutcome) => {
      const resolver = this.resolver;
      this.resolver = null;
      resolver?.(outcome);
    };
    if (choice === 'dismiss') {
      this.conflict.set(null);
      settle('dismissed');
      return;
    }
    if (choice === 'theirs') {
      this.conflict.set(null);
      this.dequeue(conflict.edit.key);
      await this.reload();
      settle('discarded');
      return;
    }
    const edit: PendingEdit = {
      ...conflict.edit,
      baseVersion: conflict.currentVersion,
      body:
        choice === 'merge' && conflict.edit.textField
          ? { ...conflict.edit.body, [conflict.edit.textField]: merged ?? '' }
          : conflict.edit.body,
    };
    this.conflict.set(null);
    try {
      await firstValueFrom(this.api.send(edit));
      this.dequeue(edit.key);
      await this.reload();
      this.flash(edit.itemId);
      settle('saved');
    } catch (err) {
      const resolver = this.resolver;
      this.resolver = null;
      const outcome = await this.failed(edit, err);
      resolver?.(outcome);
    }
  }

  /** Sends the queued edits in order; stops at the first that cannot go yet. Then reads the plan again. */
  async flush(): Promise<void> {
    for (const edit of this.pending()) {
      try {
        await firstValueFrom(this.api.send(edit));
        this.dequeue(edit.key);
      } catch (err) {
        if (isOffline(err)) return;
        this.dequeue(edit.key);
        if (conflictOf(err)) {
          void this.failed(edit, err);
          return;
        }
        this.error.set(errorText(err, this.i18n.lang()));
      }
    }
    await this.reload();
  }

  /** Sends what waited, if anything did (flush reads the plan again afterwards, which is not needed otherwise). */
  private async flushIfPending(): Promise<void> {
    if (this.pending().length > 0) await this.flush();
  }

  isPending(itemId: string): boolean {
    return this.pending().some((e) => e.itemId === itemId);
  }

  pendingValue(itemId: string, field: string): string | null {
    const edit = this.pending().find((e) => e.itemId === itemId && field in e.body);
    return edit ? String(edit.body[field]) : null;
  }

  private async failed(edit: PendingEdit, err: unknown): Promise<EditOutcome> {
    if (isOffline(err)) {
      this.enqueue(edit);
      return 'queued';
    }
    const conflict = conflictOf<Record<string, unknown>>(err);
    if (conflict) {
      const field = edit.textField;
      const describe = (source: Record<string, unknown>) =>
        field
          ? String(source[field] ?? '')
          : Object.keys(edit.body)
              .map((k) => `${k}: ${String(source[k] ?? '')}`)
              .join('\n');
      this.conflict.set({
        edit,
        mine: describe(edit.body),
        theirs: describe(conflict.current),
        currentVersion: conflict.currentVersion,
        mergeable: field !== null,
      });
      void this.reload();
      return new Promise<EditOutcome>((resolve) => (this.resolver = resolve));
    }
    this.error.set(errorText(err, this.i18n.lang()));
    return 'error';
  }

  private onChange(event: LiveChangeEvent): void {
    if (event.familyId !== this.familyId()) return;
    if (event.by.userId === this.me()?.id) return;
    this.lastChange.set(event);
    void this.reload().then(() => this.flash(event.item.id));
    if (event.item.type === 'version') void this.loadVersions();
  }

  private flash(id: string): void {
    this.highlighted.set(id);
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => this.highlighted.set(null), HIGHLIGHT_MS);
  }

  private enqueue(edit: PendingEdit): void {
    this.pending.update((list) => [...list.filter((e) => e.key !== edit.key), edit]);
    this.writeQueue();
  }

  private dequeue(key: string): void {
    if (!this.pending().some((e) => e.key === key)) return;
    this.pending.update((list) => list.filter((e) => e.key !== key));
    this.writeQueue();
  }

  private readQueue(): PendingEdit[] {
    try {
      const raw = localStorage.getItem(STORAGE_PREFIX + this.familyId());
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as PendingEdit[]) : [];
    } catch {
      return [];
    }
  }

  private writeQueue(): void {
    try {
      const key = STORAGE_PREFIX + this.familyId();
      if (this.pending().length) localStorage.setItem(key, JSON.stringify(this.pending()));
      else localStorage.removeItem(key);
    } catch {
      // No storage: the queue lasts as long as the page.
    }
  }
}
