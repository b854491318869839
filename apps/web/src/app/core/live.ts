import { DestroyRef, Injectable, type Signal, inject, signal } from '@angular/core';
import {
  LIVE_EVENTS,
  LIVE_NAMESPACE,
  type LiveChangeEvent,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type LiveViewer,
} from '@gezinsplan/contracts';
import { Subject, type Observable } from 'rxjs';
import type { Socket } from 'socket.io-client';
import { Session } from './session';

export type LiveStatus = 'connecting' | 'online' | 'offline';

/** One open family: who else is looking, what changed, whether access was taken away. */
export interface FamilyWatch {
  viewers: Signal<LiveViewer[]>;
  changes: Observable<LiveChangeEvent>;
  revoked: Signal<boolean>;
  stop(): void;
}

interface Watched {
  viewers: ReturnType<typeof signal<LiveViewer[]>>;
  revoked: ReturnType<typeof signal<boolean>>;
  changes: Subject<LiveChangeEvent>;
  count: number;
}

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/**
 * The live channel (Socket.IO `/live`): one connection per tab, authenticated with the current access token
 * (read again on every reconnect). Families being watched are joined again after a reconnect, so a dropped
 * connection heals by itself; `status` tells the screens when it is down.
 */
@Injectable({ providedIn: 'root' })
export class LiveConnection {
  private readonly session = inject(Session);
  private socket: LiveSocket | null = null;
  private opening = false;
  private readonly watched = new Map<string, Watched>();
  readonly status = signal<LiveStatus>('offline');

  constructor() {
    // On log-out (and idle time-out or expiry): nothing may keep listening with the old identity.
    this.session.onEnd(() => this.disconnect());
  }

  watch(familyId: string, destroyRef?: DestroyRef): FamilyWatch {
    let entry = this.watched.get(familyId);
    if (!entry) {
      entry = { viewers: signal<LiveViewer[]>([]), revoked: signal(false), changes: new Subject(), count: 0 };
      this.watched.set(familyId, entry);
      if (this.socket?.connected) this.join(familyId);
    }
    entry.count++;
    this.ensureSocket();
    const current = entry;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      current.count--;
      if (current.count > 0) return;
      this.watched.delete(familyId);
      current.changes.complete();
      if (this.socket?.connected) this.socket.emit(LIVE_EVENTS.leave, { familyId }, () => undefined);
      if (this.watched.size === 0) this.disconnect();
    };
    destroyRef?.onDestroy(stop);
    return {
      viewers: current.viewers.asReadonly(),
      revoked: current.revoked.asReadonly(),
      changes: current.changes.asObservable(),
      stop,
    };
  }

  /** Closes the channel (see the constructor). */
  disconnect(): void {
    this.opening = false;
    this.socket?.disconnect();
    this.socket = null;
    this.status.set('offline');
  }

  /** socket.io-client loads with the first screen that watches a family, not with the login page. */
  private ensureSocket(): void {
    if (this.socket || this.opening) return;
    this.opening = true;
    this.status.set('connecting');
    void import('socket.io-client').then(({ io }) => {
      if (!this.opening || this.watched.size === 0) {
        this.opening = false;
        if (this.watched.size === 0) this.status.set('offline');
        return;
      }
      this.opening = false;
      this.open(io);
    });
  }

  private open(io: typeof import('socket.io-client').io): void {
    const socket: LiveSocket = io(LIVE_NAMESPACE, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: (cb) => cb({ token: this.session.accessToken() ?? '' }),
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.status.set('online');
      for (const familyId of this.watched.keys()) this.join(familyId);
    });
    socket.on('disconnect', (reason) => {
      this.status.set('offline');
      // The server hung up on purpose (token expired): refresh and come back.
      if (reason === 'io server disconnect') void this.reconnectWithFreshToken();
    });
    socket.on('connect_error', () => {
      this.status.set('offline');
      // Probably an expired token; the manager retries by itself, with whatever token the session has then.
      void this.session.restore();
    });
    socket.on(LIVE_EVENTS.sessionExpired, () => void this.reconnectWithFreshToken());
    socket.on(LIVE_EVENTS.presence, (event) => this.watched.get(event.familyId)?.viewers.set(event.viewers));
    socket.on(LIVE_EVENTS.change, (event) => this.watched.get(event.familyId)?.changes.next(event));
    socket.on(LIVE_EVENTS.accessRevoked, (event) => this.watched.get(event.familyId)?.revoked.set(true));
  }

  private join(familyId: string): void {
    this.socket?.emit(LIVE_EVENTS.join, { familyId }, (ack) => {
      const entry = this.watched.get(familyId);
      if (!entry) return;
      if (ack.ok) entry.viewers.set(ack.viewers);
      else if (ack.code === 'NOT_FOUND') entry.revoked.set(true);
    });
  }

  private async reconnectWithFreshToken(): Promise<void> {
    if (!(await this.session.restore())) return;
    this.socket?.connect();
  }
}
