import {
  LIVE_NAMESPACE,
  type LiveAckError,
  type LiveConnectErrorData,
  type LiveHandshakeAuth,
  type LiveJoinAck,
  type LiveLeaveAck,
} from '@gezinsplan/contracts';
import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Public } from '../../common/auth/decorators';
import { LiveAuthService } from './live-auth.service';
import { LiveService } from './live.service';
import type { LiveNamespace, LiveSocket } from './live.types';

/**
 * Socket.IO namespace `/live` on the API's own HTTP server. A connection is accepted only with a valid access
 * token in the handshake (`auth: { token }`); refused ones get `connect_error` with code UNAUTHENTICATED.
 *
 * `@Public()`: the global AuthorizationGuard also runs for gateway messages, but it reads HTTP requests.
 * Here the namespace middleware authenticates every socket once, before any message, and `join` checks
 * access to the family itself (AccessService, audited).
 */
@Public()
@WebSocketGateway({ namespace: LIVE_NAMESPACE, serveClient: false })
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayConnection<LiveSocket> {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(
    private readonly auth: LiveAuthService,
    private readonly live: LiveService,
  ) {}

  afterInit(nsp: LiveNamespace): void {
    nsp.use((socket, next) => {
      const { token } = (socket.handshake.auth ?? {}) as Partial<LiveHandshakeAuth>;
      this.auth.verify(token).then(
        (verified) => {
          if (!verified) return next(unauthenticated());
          socket.data = verified;
          next();
        },
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    });
    this.live.attach(nsp);
  }

  handleConnection(socket: LiveSocket): void {
    this.live.onConnection(socket);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveJoinAck> {
    return this.live.join(socket, body).catch((err: unknown) => this.failed(err, 'join'));
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<LiveLeaveAck> {
    return this.live.leave(socket, body).catch((err: unknown) => this.failed(err, 'leave'));
  }

  /** An unexpected error still answers the acknowledgement, in the API's error shape. */
  private failed(err: unknown, event: string): LiveAckError {
    this.logger.error({ err, event }, 'Live event failed');
    return { ok: false, code: 'INTERNAL_ERROR', message: 'Something went wrong; try again' };
  }
}

function unauthenticated(): Error & { data: LiveConnectErrorData } {
  const message = 'Log in first, or your session has expired: connect with auth: { token: <access token> }';
  return Object.assign(new Error(message), { data: { code: 'UNAUTHENTICATED' as const, message } });
}
