import type { LiveClientToServerEvents, LiveServerToClientEvents } from '@gezinsplan/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Principal } from '../../common/auth/actor';

/** What the server keeps on each socket. Travels with fetchSockets() between instances, so plain data only. */
export interface LiveSocketData {
  principal: Principal;
  /** When the access token of the handshake expires (ms since epoch); the socket is disconnected then. */
  expiresAt: number;
}

/** Between API instances: take these sockets out of a family's room (they lost access). Acks how many it did. */
export interface LiveRevokeMessage {
  familyId: string;
  socketIds: string[];
}

export interface LiveServerSideEvents {
  'live:revoke': (message: LiveRevokeMessage, ack: (revoked: number) => void) => void;
}

export type LiveNamespace = Namespace<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveServerSideEvents,
  LiveSocketData
>;

export type LiveSocket = Socket<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveServerSideEvents,
  LiveSocketData
>;

/** Every family has one room; its name never leaves the server. */
export const familyRoom = (familyId: string) => `family:${familyId}`;

export function familiesOf(rooms: Iterable<string>): string[] {
  return [...rooms].filter((r) => r.startsWith('family:')).map((r) => r.slice('family:'.length));
}
