import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

interface ProxiedRequest {
  /** `CONNECT` for tunnels, else the forwarded method. */
  method: string;
  /** host:port for tunnels, the absolute URL for forwarded requests. */
  target: string;
}

export interface FakeProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** A forward proxy on 127.0.0.1 that tunnels CONNECT and forwards absolute-form requests, recording each. */
export async function startProxy(): Promise<FakeProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '/');
    requests.push({ method: request.method ?? 'GET', target: target.href });
    const upstream = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    requests.push({ method: 'CONNECT', target });
    const [host = '', port = '80'] = target.split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [upstream, client]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        upstream.destroy();
        client.destroy();
      });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
