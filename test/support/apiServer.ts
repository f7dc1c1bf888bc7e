/**
 * A tiny scripted HTTP server on loopback for the API transport tests: each request is recorded and
 * answered by the test's handler. (Client behaviour against LiveEngage itself is tested against the
 * simulator; this is for edge cases the simulator has no knob for: HTTP-date Retry-After, hangs, echoes.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string | string[]>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:port` */
  origin: string;
  /** `127.0.0.1:port` */
  host: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(handler: (req: RecordedRequest, index: number) => Reply | Promise<Reply>): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      void Promise.resolve(handler(recorded, requests.length - 1)).then((reply) => {
        if (reply.hang) return;
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
