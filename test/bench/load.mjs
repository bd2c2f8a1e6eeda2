/**
 * The load generator, run as its own process (the second process of the throughput figures):
 *   node load.mjs <autocannon dir> <url> <connections> <warmup s> <duration s> <max requests>
 * A warm-up run, then the measured run with autocannon (keep-alive connections, no pipelining), bounded both by
 * duration and by a cap on requests. Prints one JSON line (the warm-up's request count too, for CPU per request).
 */
import { createRequire } from 'node:module';

const [dir, url, connections, warmup, duration, maxRequests] = process.argv.slice(2);
if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url ?? '')) throw new Error(`load.mjs only loads 127.0.0.1, got ${url}`);
const autocannon = createRequire(import.meta.url)(dir);
const options = { url, connections: Number(connections), pipelining: 1, timeout: 10, maxOverallRequests: Number(maxRequests) };

const warm = await autocannon({ ...options, duration: Number(warmup) });
const r = await autocannon({ ...options, duration: Number(duration) });
console.log(
  JSON.stringify({
    requests: r.requests.total,
    warmupRequests: warm.requests.total,
    seconds: r.duration,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  }),
);
