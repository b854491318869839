import {
  LIVE_NAMESPACE,
  type LiveClientToServerEvents,
  type LiveConnectErrorData,
  type LiveJoinAck,
  type LiveLeaveAck,
  type LiveServerToClientEvents,
} from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** Socket.IO clients for the `/live` namespace, closed together at the end of a test. */

export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

type EventName = keyof LiveServerToClientEvents;
type Payload<E extends EventName> = Parameters<LiveServerToClientEvents[E]>[0];

const WAIT_MS = 5000;

export class LiveClients {
  private readonly open = new Set<LiveClient>();

  /** Connects to `/live` on the given port; resolves when connected, rejects with the connect_error. */
  connect(port: number, auth?: Record<string, unknown>): Promise<LiveClient> {
    const socket: LiveClient = io(`http://127.0.0.1:${port}${LIVE_NAMESPACE}`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: WAIT_MS,
    });
    this.open.add(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(err));
    });
  }

  /** The connect_error of a connection the server refuses (fails when it is accepted instead). */
  async refused(port: number, auth?: Record<string, unknown>): Promise<Error & { data?: LiveConnectErrorData }> {
    try {
      await this.connect(port, auth);
    } catch (err) {
      return err as Error & { data?: LiveConnectErrorData };
    }
    throw new Error(`connection with ${JSON.stringify(auth)} was accepted, expected it to be refused`);
  }

  async closeAll(): Promise<void> {
    for (const socket of this.open) socket.disconnect();
    this.open.clear();
  }
}

export function join(socket: LiveClient, familyId: unknown): Promise<LiveJoinAck> {
  return socket.timeout(WAIT_MS).emitWithAck('join', { familyId } as { familyId: string });
}

export function leave(socket: LiveClient, familyId: string): Promise<LiveLeaveAck> {
  return socket.timeout(WAIT_MS).emitWithAck('leave', { familyId });
}

/**
 * The next `event` on `socket` that matches `accept`. Start waiting before doing what should cause it; fails
 * with the event name and what did arrive when nothing matching comes within the time.
 */
export function nextEvent<E extends EventName>(
  socket: LiveClient,
  event: E,
  accept: (payload: Payload<E>) => boolean = () => true,
  ms = WAIT_MS,
): Promise<Payload<E>> {
  const seen: unknown[] = [];
  return new Promise((resolve, reject) => {
    const listener = (payload: Payload<E>) => {
      seen.push(payload);
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no matching "${event}" within ${ms} ms; received: ${JSON.stringify(seen)}`));
    }, ms);
    socket.on(event, listener as never);
  });
}

/** Records every `event` on `socket` from now on. */
export function record<E extends EventName>(socket: LiveClient, event: E): Payload<E>[] {
  const got: Payload<E>[] = [];
  socket.on(event, ((payload: Payload<E>) => got.push(payload)) as never);
  return got;
}

/**
 * A round trip on this socket's own connection: everything the server sent it before answering has arrived
 * once this resolves (one connection delivers in order).
 */
export async function roundTrip(socket: LiveClient): Promise<void> {
  await leave(socket, randomUUID());
}

export const viewerIds = (viewers: { userId: string }[]) => viewers.map((v) => v.userId).sort();
