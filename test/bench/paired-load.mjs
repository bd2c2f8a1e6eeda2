/**
 * Section 6b's measurement, shared by every framework's throughput file: each server of `commandOf` is started in
 * turn (the order rotated per round), must answer GET /invoices/<id> with that invoice, is loaded by autocannon from
 * a second process, then stopped; the pairings are compared as section 4 compares them (starters.mjs' compare).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, MINUTE, now, ratio, request, sleep, timeToFirst200, treeCpuMs } from './lib.mjs';
import { compare, runLoad } from './starters.mjs';

const LOAD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load.mjs');

/** The columns of `rows`: one measured run per row, then one per comparison. */
export const PAIRED_HEADERS = ['server', 'req/s', 'server CPU ms / 1k requests', 'mean ms', 'p99 ms', 'requests', 'non-2xx/errors'];

/**
 * @returns {{ rows: string[][], notes: string[] }} one row per measured run and per comparison, and the comparisons' notes
 * `discardedRuns`: load runs thrown away before the measured one (a JIT's warm-up).
 */
export async function pairedLoad({ e, scratch, cwd, env, id, commandOf, comparisons, rounds, logs, label = '', extraEnv = () => ({}), startTimeoutMs = 2 * MINUTE, intervalMs, discardedRuns = 0 }) {
  const kinds = Object.keys(commandOf);
  const results = Object.fromEntries(kinds.map((k) => [k, []]));
  const rows = [];
  const who = (kind) => `${label}${kind}`;
  for (let round = 0; round < rounds; round++) {
    for (const kind of kinds.map((_, i) => kinds[(i + round) % kinds.length])) {
      const port = await e.freePort();
      const log = path.join(logs, `${kind.replace(/\W+/g, '-')}-${port}.log`);
      const child = e.startShell(`{ ${commandOf[kind]}\n} >>'${log}' 2>&1`, { cwd, env: { ...env, PORT: String(port), ...extraEnv(port) } });
      try {
        const url = `http://127.0.0.1:${port}/invoices/${id}`;
        const up = await timeToFirst200(url, { since: now(), timeoutMs: startTimeoutMs, alive: () => child.child.exitCode === null, ...(intervalMs && { intervalMs }) });
        if (up === undefined) throw new Error(`${who(kind)}: never answered ${url}; log ${log}:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
        const answer = await request(url);
        if (answer.status !== 200 || JSON.parse(answer.body).id !== id) throw new Error(`${who(kind)}: GET ${url} answered ${answer.status} ${answer.body}`);
        for (let i = 0; i < discardedRuns; i++) await runLoad(LOAD_SCRIPT, scratch.autocannon, url);
        const cpuBefore = treeCpuMs(child.child.pid);
        const r = await runLoad(LOAD_SCRIPT, scratch.autocannon, url);
        // The server's own CPU over the warm-up and the measured run, per request served in them.
        r.cpuPerKiloRequest = ((treeCpuMs(child.child.pid) - cpuBefore) * 1000) / (r.requests + r.warmupRequests);
        results[kind].push(r);
        rows.push([kind, fmt(r.rps, 0), fmt(r.cpuPerKiloRequest, 0), fmt(r.mean, 2), fmt(r.p99, 0), fmt(r.requests, 0), `${r.non2xx + r.errors + r.timeouts}`]);
      } finally {
        e.killGroup(child.child);
        await Promise.race([child.exited, sleep(10_000)]);
      }
    }
  }
  const notes = [];
  for (const comparison of comparisons) {
    const c = compare(comparison, results, rounds);
    const cpuRatios = results[comparison.kind].map((r, i) => r.cpuPerKiloRequest / results[comparison.against][i].cpuPerKiloRequest);
    const cpu = ratio(median(cpuRatios), 1);
    rows.push([c.label, c.rps, cpu, '', c.p99, '', '']);
    notes.push(`${c.note}; server CPU per request ${cpu} (each round: ${cpuRatios.map((x) => ratio(x, 1)).join(', ')}).`);
  }
  return { rows, notes };
}
