import { request as httpRequest, createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface Routed {
  kind: 'http' | 'ws';
  method: string;
  path: string;
  backend: number;
}

/**
 * The smallest load balancer that shows statelessness: every HTTP request and every WebSocket upgrade goes to
 * the next backend in turn (no stickiness, no shared memory), and `routed` records where each one went.
 */
export class RoundRobinProxy {
  readonly routed: Routed[] = [];
  private next = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly backends: number[]) {
    this.server = createServer((req, res) => {
      const backend = this.pick('http', req);
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: this.backends[backend],
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    this.server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
      const backend = this.pick('ws', req);
      const upstream = connect(this.backends[backend], '127.0.0.1', () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        client.pipe(upstream).pipe(client);
      });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => (s === client ? upstream : client).destroy());
      }
    });
  }

  /** The backend (index) the next request or upgrade will go to. */
  get upcoming(): number {
    return this.next;
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private pick(kind: Routed['kind'], req: IncomingMessage): number {
    const backend = this.next;
    this.next = (this.next + 1) % this.backends.length;
    this.routed.push({ kind, method: req.method ?? '', path: req.url ?? '', backend });
    return backend;
  }
}
