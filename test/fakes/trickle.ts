import type http from 'node:http';

/**
 * Sends the head at once, then the body one byte every `everyMs`: an answer that never stalls long enough for
 * a timeout between chunks. Stops when the connection closes (the client gave up, or the server closed).
 */
export function trickle(
  response: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  everyMs: number,
): void {
  response.writeHead(status, { ...headers, 'content-length': body.length });
  response.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= body.length) {
      clearInterval(timer);
      response.end();
      return;
    }
    response.write(body.subarray(sent, sent + 1));
    sent += 1;
  }, everyMs);
  response.on('close', () => clearInterval(timer));
}
