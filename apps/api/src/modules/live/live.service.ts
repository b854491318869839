import type { LiveAckError, LiveChangeEvent, LiveJoinAck, LiveLeaveAck, LiveViewer } from '@gezinsplan/contracts';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/actor';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { FamilyEntity } from '../families/family.entity';
import {
  familiesOf,
  familyRoom,
  type LiveNamespace,
  type LiveRevokeMessage,
  type LiveSocket,
  type LiveSocketData,
} from './live.types';

/** What a service passes to `publish`; `familyId` and `at` are filled in. */
export type LiveChange = Omit<LiveChangeEvent, 'familyId' | 'at'> & { at?: Date };

/** How long to wait for the other API instances to answer (fetchSockets, revocations). */
const CLUSTER_TIMEOUT_MS = 3000;

const RESOURCE = 'live';

/**
 * The live channel's rules, shared by the gateway (join, leave, presence) and the rest of the API (publish a
 * change, take sockets out of a family after access ended). Rooms and presence span every API instance
 * through the Socket.IO adapter (PostgreSQL), so fetchSockets() and room emits reach all of them.
 */
@Injectable()
export class LiveService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveService.name);
  private nsp: LiveNamespace | null = null;
  private closing = false;
  /** Presence updates under way; shutdown waits for them, so none is sent after this instance left the cluster. */
  private readonly updating = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Called once by the gateway when the `/live` namespace exists. */
  attach(nsp: LiveNamespace): void {
    this.nsp = nsp;
    nsp.on('live:revoke', (message: LiveRevokeMessage, ack: (revoked: number) => void) => {
      void this.revokeLocal(message).then(ack, (err: unknown) => {
        this.logger.error({ err }, 'Revoking live sockets failed');
        ack(0);
      });
    });
  }

  /** Sends `change` to everyone who has the family open, on every instance. Never throws into the caller. */
  publish(familyId: string, change: LiveChange): void {
    if (!this.nsp) return;
    // Built field by field: `by` is often an Actor, whose IP and request id must not reach other users.
    const event: LiveChangeEvent = {
      familyId,
      item: { type: change.item.type, id: change.item.id },
      version: change.version,
      action: change.action,
      by: { userId: change.by.userId, displayName: change.by.displayName },
      at: (change.at ?? new Date()).toISOString(),
    };
    try {
      this.nsp.to(familyRoom(familyId)).emit('change', event);
    } catch (err) {
      this.logger.error({ err, familyId }, 'Publishing a live change failed');
    }
  }

  /**
   * Checks every socket in the family's room (on every instance) against the current access rules and takes
   * out those that lost access; they receive `access-revoked`. Call it after consent is withdrawn, an
   * involvement ends or the regisseur changes. Resolves when every instance has done so.
   */
  async revalidateFamily(familyId: string): Promise<{ checked: number; revoked: number }> {
    const nsp = this.nsp;
    if (!nsp) return { checked: 0, revoked: 0 };
    const room = familyRoom(familyId);
    let sockets: { id: string; data: LiveSocketData }[];
    try {
      sockets = await nsp.in(room).timeout(CLUSTER_TIMEOUT_MS).fetchSockets();
    } catch (err) {
      // An instance that died without saying goodbye is counted until its heartbeat times out (10 s): do at
      // least this instance's sockets rather than none.
      this.logger.warn({ err, familyId }, 'Not every API instance answered; revalidating local sockets only');
      sockets = await nsp.local.in(room).fetchSockets();
    }
    const mayStay = new Map<string, boolean>(); // one query per distinct principal, not per socket
    const lost: string[] = [];
    for (const { id, data } of sockets) {
      const key = JSON.stringify(data.principal);
      if (!mayStay.has(key)) mayStay.set(key, (await this.findVisible(data.principal, familyId)) !== null);
      if (!mayStay.get(key)) lost.push(id);
    }
    if (lost.length === 0) return { checked: sockets.length, revoked: 0 };
    const message: LiveRevokeMessage = { familyId, socketIds: lost };
    let revoked = await this.revokeLocal(message);
    if (lost.some((id) => !nsp.sockets.has(id))) {
      try {
        // Waits for every other instance (Socket.IO's cluster timeout: 5 s).
        const answers = await nsp.serverSideEmitWithAck('live:revoke', message);
        revoked += answers.reduce((sum, n) => sum + n, 0);
      } catch (err) {
        this.logger.error({ err, familyId }, 'Not every API instance confirmed the live revocation');
      }
    }
    this.logger.log({ familyId, checked: sockets.length, revoked }, 'Live access revalidated');
    return { checked: sockets.length, revoked };
  }

  /** A new authenticated socket: disconnect it when its token expires, update presence when it goes. */
  onConnection(socket: LiveSocket): void {
    const expiry = setTimeout(
      () => {
        socket.emit('session-expired');
        socket.disconnect(true);
      },
      Math.max(0, socket.data.expiresAt - Date.now()),
    );
    expiry.unref();
    let families: string[] = [];
    socket.once('disconnecting', () => {
      families = familiesOf(socket.rooms);
    });
    socket.once('disconnect', () => {
      clearTimeout(expiry);
      if (this.closing) return;
      for (const familyId of families) void this.broadcastPresence(familyId);
    });
  }

  async join(socket: LiveSocket, body: unknown): Promise<LiveJoinAck> {
    const familyId = familyIdOf(body);
    if (typeof familyId !== 'string') return familyId;
    const who = socket.data.principal;
    const origin = { ip: clientIp(socket), requestId: randomUUID() };
    const family = await this.findVisible(who, familyId);
    const details = { socketId: socket.id };
    if (!family) {
      await this.audit.record(
        { ...who, ...origin },
        { resource: RESOURCE, action: 'read', result: 'denied', familyId, details },
      );
      return { ok: false, code: 'NOT_FOUND', message: 'Family not found' };
    }
    await this.audit.record(
      { ...who, ...origin },
      {
        resource: RESOURCE,
        action: 'read',
        result: 'success',
        familyId,
        basis: await this.access.basisForFamily(who, family),
        details,
      },
    );
    if (!socket.connected || this.closing) {
      return { ok: false, code: 'SERVICE_UNAVAILABLE', message: 'The connection is closing' };
    }
    await socket.join(familyRoom(familyId));
    const viewers = (await this.broadcastPresence(familyId)) ?? [];
    return { ok: true, familyId, viewers };
  }

  async leave(socket: LiveSocket, body: unknown): Promise<LiveLeaveAck> {
    const familyId = familyIdOf(body);
    if (typeof familyId !== 'string') return familyId;
    const room = familyRoom(familyId);
    if (socket.rooms.has(room)) {
      await socket.leave(room);
      await this.broadcastPresence(familyId);
    }
    return { ok: true, familyId };
  }

  /** Before the socket server closes: let the other instances' viewers know these people are gone. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (!this.nsp) return;
    const families = new Set<string>();
    for (const socket of [...this.nsp.sockets.values()]) {
      familiesOf(socket.rooms).forEach((f) => families.add(f));
      socket.disconnect(true);
    }
    await Promise.all([...families].map((f) => this.broadcastPresence(f)));
    await Promise.all([...this.updating]);
  }

  /** Everyone looking at the family, on every instance: one entry per user. */
  async viewers(familyId: string): Promise<LiveViewer[]> {
    if (!this.nsp) return [];
    const sockets = await this.nsp.in(familyRoom(familyId)).timeout(CLUSTER_TIMEOUT_MS).fetchSockets();
    const byUser = new Map<string, LiveViewer>();
    for (const { data } of sockets) {
      const p = data.principal;
      if (!byUser.has(p.userId)) byUser.set(p.userId, { userId: p.userId, displayName: p.displayName, role: p.role });
    }
    return [...byUser.values()].sort(
      (a, b) => a.displayName.localeCompare(b.displayName, 'nl') || a.userId.localeCompare(b.userId),
    );
  }

  /** Tells the room who is there now; null when the other instances did not answer in time (logged). */
  private broadcastPresence(familyId: string): Promise<LiveViewer[] | null> {
    const update = this.viewers(familyId).then(
      (viewers) => {
        this.nsp?.to(familyRoom(familyId)).emit('presence', { familyId, viewers });
        return viewers;
      },
      (err: unknown) => {
        this.logger.warn({ err, familyId }, 'Could not update live presence');
        return null;
      },
    );
    this.updating.add(update);
    void update.finally(() => this.updating.delete(update));
    return update;
  }

  /** Takes those of the sockets that are connected to this instance out of the room; then updates presence. */
  private async revokeLocal({ familyId, socketIds }: LiveRevokeMessage): Promise<number> {
    const room = familyRoom(familyId);
    let revoked = 0;
    for (const id of socketIds) {
      const socket = this.nsp?.sockets.get(id);
      if (!socket?.rooms.has(room)) continue;
      await socket.leave(room);
      socket.emit('access-revoked', { familyId });
      revoked++;
    }
    // Not awaited: the instance that asked is waiting for our answer, and the room's presence is not its concern.
    if (revoked > 0) void this.broadcastPresence(familyId);
    return revoked;
  }

  /** The same visibility rule as REST (AccessService.scopeFamilies): policy and admin never see a family. */
  private findVisible(who: Principal, familyId: string): Promise<Pick<FamilyEntity, 'id' | 'regisseurUserId'> | null> {
    const qb = this.ds
      .getRepository(FamilyEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.regisseurUserId'])
      .where('f.id = :liveFamilyId', { liveFamilyId: familyId });
    return this.access.scopeFamilies(qb, who).getOne();
  }
}

function familyIdOf(body: unknown): string | LiveAckError {
  const familyId = (body as { familyId?: unknown } | null)?.familyId;
  if (typeof familyId === 'string' && isUUID(familyId)) return familyId;
  return {
    ok: false,
    code: 'VALIDATION_FAILED',
    message: 'Invalid input: familyId',
    details: [{ field: 'familyId', messages: ['familyId must be a UUID'] }],
  };
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The client's address as Express computes req.ip with `trust proxy: loopback`: X-Forwarded-For counts only
 * when it was set by a proxy on this machine.
 */
function clientIp(socket: LiveSocket): string | null {
  const chain = [socket.handshake.address];
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (typeof forwarded === 'string') {
    chain.push(
      ...forwarded
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean)
        .reverse(),
    );
  }
  for (const address of chain) if (!LOOPBACK.test(address)) return address;
  return chain[chain.length - 1] || null;
}
