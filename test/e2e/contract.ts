/**
 * docs/contract.md's table of the service as data, checked against any way of calling a starter: over HTTP, or through
 * its Lambda function under the runtime emulator.
 */
import http from 'node:http';
import { expect } from 'vitest';

export interface Answer {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}
export type Call = (path: string) => Promise<Answer>;

type Expectation =
  | { kind: 'exact'; status: number; json: unknown }
  | { kind: 'error'; statuses: number[] };

export const CONTRACT_CASES: { path: string; expect: Expectation }[] = [
  { path: '/invoices/42', expect: { kind: 'exact', status: 200, json: { id: 42, status: 'paid' } } },
  { path: '/invoices/-7', expect: { kind: 'exact', status: 200, json: { id: -7, status: 'paid' } } },
  { path: '/invoices/0', expect: { kind: 'exact', status: 200, json: { id: 0, status: 'paid' } } },
  { path: '/invoices/abc', expect: { kind: 'error', statuses: [400, 422] } },
  { path: '/invoices/1.5', expect: { kind: 'error', statuses: [400, 422] } },
  { path: '/invoices/99999999999999999999999', expect: { kind: 'error', statuses: [400, 422] } },
  { path: '/healthz', expect: { kind: 'exact', status: 200, json: { status: 'ok' } } },
  { path: '/no/such/route', expect: { kind: 'error', statuses: [404] } },
];

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

export async function checkContract(call: Call): Promise<void> {
  for (const { path, expect: want } of CONTRACT_CASES) {
    const answer = await call(path);
    const where = `GET ${path} answered ${answer.status} ${answer.headers['content-type'] ?? '(no content-type)'} ${answer.body.slice(0, 300)}`;
    expect(answer.headers['content-type'] ?? '', where).toMatch(JSON_TYPE);
    let body: unknown;
    expect(() => (body = JSON.parse(answer.body)), where).not.toThrow();
    if (want.kind === 'exact') {
      expect(answer.status, where).toBe(want.status);
      expect(body, where).toEqual(want.json);
      // "id is a JSON integer": 42, not "42" nor 42.0.
      if (path.startsWith('/invoices/')) expect(answer.body, where).toMatch(/"id"\s*:\s*-?\d+\s*[,}]/);
    } else {
      expect(want.statuses, where).toContain(answer.status);
      // "a JSON body that says what was wrong": an object with at least one non-empty string in it.
      expect(typeof body === 'object' && body !== null && JSON.stringify(body).match(/"[^"]+"\s*:\s*"[^"]+"/), where).toBeTruthy();
    }
  }
}

/**
 * GET over HTTP. With `host`, the request names that host instead of the address it goes to, as a client calling the
 * Kubernetes Service by name does (fetch ignores a Host header, so node:http sends it).
 */
export function httpCall(baseUrl: string, options: { host?: string } = {}): Call {
  if (options.host !== undefined) return hostCall(baseUrl, options.host);
  return async (path) => {
    const res = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, headers: Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v])), body: await res.text() };
  };
}

function hostCall(baseUrl: string, host: string): Call {
  return (path) =>
    new Promise((resolve, reject) => {
      const req = http.get(`${baseUrl}${path}`, { headers: { host }, timeout: 10_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));
          resolve({ status: res.statusCode ?? 0, headers, body });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`GET ${path} with Host: ${host} took over 10 s`)));
      req.on('error', reject);
    });
}
