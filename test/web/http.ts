// Raw HTTP for the web-mode tests: any method, Host, Origin and body, no keep-alive.
import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can send any Host and Origin a hostile page or a rebinding DNS name would. */
export function send(
  port: number,
  {
    method = 'POST',
    path = '/api/listDecisions',
    headers = {},
    body,
    address = '127.0.0.1',
    from,
  }: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; address?: string; /** The client's own address (any 127.x.y.z on loopback): many clients from one test. */ from?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, method, path, agent: false, localAddress: from, headers: { host: `${address}:${port}`, 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    // Like curl, a large body waits for "100 Continue", so a 413 can arrive before it is sent.
    if (headers.expect === '100-continue') req.on('continue', () => req.end(body));
    else req.end(body);
  });
}

