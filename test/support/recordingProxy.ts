import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy that forwards to a target and keeps every response body and header, so a
 * test can learn the secrets a server hands out (bearer, csrf, Session_id) and look for them elsewhere.
 */
export async function startRecordingProxy(target: string) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const upstream = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push(JSON.stringify(response.headers), body.toString('utf8'));
        res.writeHead(response.statusCode ?? 502, response.headers);
        res.end(body);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    /** Values of `bearer`, `csrf` and the `Session_id` cookie in every response seen. */
    secrets(): string[] {
      const found = new Set<string>();
      for (const text of seen) {
        for (const m of text.matchAll(/"(?:bearer|csrf)"\s*:\s*"([^"]+)"/g)) found.add(m[1]!);
        for (const m of text.matchAll(/Session_id=([^;"\\]+)/g)) found.add(m[1]!);
      }
      return [...found];
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
