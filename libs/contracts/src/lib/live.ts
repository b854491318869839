import type { ErrorCode, FieldError } from './errors';
import type { Role } from './roles';

/**
 * Live co-editing channel: Socket.IO on the API's own port, namespace `/live`. The client connects with the
 * REST access token in the handshake (`io('/live', { auth: { token } })`), joins the families it has open
 * and hears who else is looking (`presence`), what changed (`change`) and when it lost access
 * (`access-revoked`). Events carry references and versions only, never case data: reload through REST.
 */
export const LIVE_NAMESPACE = '/live';

export const LIVE_EVENTS = {
  /** client -> server, with acknowledgement: `LiveJoinRequest` -> `LiveJoinAck` */
  join: 'join',
  /** client -> server, with acknowledgement: `LiveLeaveRequest` -> `LiveLeaveAck` */
  leave: 'leave',
  /** server -> client: `LivePresenceEvent` */
  presence: 'presence',
  /** server -> client: `LiveChangeEvent` */
  change: 'change',
  /** server -> client: `LiveAccessRevokedEvent` */
  accessRevoked: 'access-revoked',
  /** server -> client, just before the server disconnects a socket whose access token expired */
  sessionExpired: 'session-expired',
} as const;

/** The handshake's `auth` object. */
export interface LiveHandshakeAuth {
  /** The access token, exactly as sent to REST in `Authorization: Bearer …`. */
  token: string;
}

/**
 * `data` of the `connect_error` a refused connection receives (its `message` is the same text). The client
 * should refresh its token and connect again.
 */
export interface LiveConnectErrorData {
  code: Extract<ErrorCode, 'UNAUTHENTICATED'>;
  message: string;
}

export interface LiveJoinRequest {
  familyId: string;
}

export type LiveLeaveRequest = LiveJoinRequest;

/** One person looking at a family right now (one entry per user, however many tabs or devices). */
export interface LiveViewer {
  userId: string;
  displayName: string;
  role: Role;
}

/** A refused `join` or `leave`. A family you may not see answers NOT_FOUND, exactly like one that does not exist. */
export interface LiveAckError {
  ok: false;
  code: ErrorCode;
  message: string;
  details?: FieldError[];
}

export type LiveJoinAck = { ok: true; familyId: string; viewers: LiveViewer[] } | LiveAckError;

export type LiveLeaveAck = { ok: true; familyId: string } | LiveAckError;

/** Sent to everyone in a family's room whenever someone joins, leaves or disconnects. */
export interface LivePresenceEvent {
  familyId: string;
  viewers: LiveViewer[];
}

export const LIVE_CHANGE_ACTIONS = ['created', 'updated', 'deleted'] as const;
export type LiveChangeAction = (typeof LIVE_CHANGE_ACTIONS)[number];

/** What changed: the resource name used in the API (`family`, `plan`, `goal`, …) and its id. */
export interface LiveItemRef {
  type: string;
  id: string;
}

/**
 * A committed change in a family's file. `version` is the item's new version (its ETag); the sender receives
 * its own changes too and can recognise them by `by.userId`.
 */
export interface LiveChangeEvent {
  familyId: string;
  item: LiveItemRef;
  /** The item's new version; null for records that are never edited (progress notes, comments, assessments). */
  version: number | null;
  action: LiveChangeAction;
  by: { userId: string; displayName: string };
  /** ISO 8601 */
  at: string;
}

/** You no longer may see this family (e.g. consent withdrawn): you were taken out of its room. */
export interface LiveAccessRevokedEvent {
  familyId: string;
}

/** Typed event maps for Socket.IO's generics (`Socket<LiveServerToClientEvents, LiveClientToServerEvents>`). */
export interface LiveServerToClientEvents {
  presence: (event: LivePresenceEvent) => void;
  change: (event: LiveChangeEvent) => void;
  'access-revoked': (event: LiveAccessRevokedEvent) => void;
  'session-expired': () => void;
}

export interface LiveClientToServerEvents {
  join: (request: LiveJoinRequest, ack: (answer: LiveJoinAck) => void) => void;
  leave: (request: LiveLeaveRequest, ack: (answer: LiveLeaveAck) => void) => void;
}
