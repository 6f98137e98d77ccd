/**
 * A throwaway HTTP server on 127.0.0.1 for download tests: each path answers with one scripted behaviour
 * (a PDF, an HTTP status, a connection dropped mid-body, a stall, a redirect). Nothing leaves the machine.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ServedBehaviour =
  | { readonly kind: 'file'; readonly body: Buffer; readonly contentLength?: boolean }
  | { readonly kind: 'status'; readonly status: number }
  /** Sends Content-Length for the whole body, then the first `after` bytes, then closes the socket. */
  | { readonly kind: 'drop'; readonly body: Buffer; readonly after: number }
  /** Sends the first `after` bytes of `body`, then nothing more until the client gives up. */
  | { readonly kind: 'stall'; readonly body: Buffer; readonly after: number }
  | { readonly kind: 'redirect'; readonly location: string };

export interface PdfServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  route(path: string, behaviour: ServedBehaviour): void;
  close(): Promise<void>;
}

export async function startPdfServer(routes: Record<string, ServedBehaviour> = {}): Promise<PdfServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    serve(table.get(path) ?? { kind: 'status', status: 404 }, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    route: (path, behaviour) => table.set(path, behaviour),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(behaviour: ServedBehaviour, response: ServerResponse): void {
  switch (behaviour.kind) {
    case 'file': {
      const headers: Record<string, string | number> = { 'content-type': 'application/pdf' };
      if (behaviour.contentLength !== false) headers['content-length'] = behaviour.body.length;
      response.writeHead(200, headers);
      // Two writes, so the client sees more than one chunk.
      const half = Math.floor(behaviour.body.length / 2);
      response.write(behaviour.body.subarray(0, half));
      response.end(behaviour.body.subarray(half));
      return;
    }
    case 'status':
      response.writeHead(behaviour.status, { 'content-type': 'text/html' });
      response.end(`<html><body>${behaviour.status}</body></html>`);
      return;
    case 'drop':
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': behaviour.body.length });
      response.write(behaviour.body.subarray(0, behaviour.after), () => setTimeout(() => response.socket?.destroy(), 20));
      return;
    case 'stall':
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': behaviour.body.length });
      response.write(behaviour.body.subarray(0, behaviour.after));
      return;
    case 'redirect':
      response.writeHead(302, { location: behaviour.location });
      response.end();
      return;
  }
}
