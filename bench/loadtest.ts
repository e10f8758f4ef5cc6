/**
 * `npm run loadtest`: 100 clients on loopback for 20 s against a server in its own process (the bundled
 * models, a fresh database in a temporary folder), mixing catalogue reads with run requests, while one
 * more client probes `GET /api/health`. It prints the figures and fails (exit code 1) unless health's
 * p99 latency is at most 200 ms, every answer was a success or a 429 with `Retry-After`, no request
 * errored or timed out, and the server's resident memory stayed under 1 GiB. Bounded in time (20 s of
 * load, 10 s per request at most) and in clients (101).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CLIENTS = 100;
const SECONDS = 20;
const HEALTH_P99_MS = 200;
const MEMORY_LIMIT_MB = 1024;
const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** What every browser says it accepts; the server sends the catalogue gzipped to such clients. */
const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const json = { ...browser, 'content-type': 'application/json' };
/** What the crowd asks, in turn: three catalogue reads to every run request. */
const MIX: autocannon.Request[] = [
  { method: 'GET', path: '/api/scenarios', headers: browser },
  { method: 'GET', path: '/api/models', headers: browser },
  { method: 'GET', path: '/api/scenarios/baseline-2016', headers: browser },
  {
    method: 'POST',
    path: '/api/runs',
    headers: json,
    body: JSON.stringify({ scenario: 'baseline-2016', runs: 200 }),
  },
];

function startServer(dbDir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/server/main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', OXUS_DB: join(dbDir, 'oxus.sqlite') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /oxus: (http:\/\/\S+)/.exec(out)?.[1];
      if (url)
        done({
          url,
          pid: child.pid!,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    void exited.then(() => fail(new Error('the server exited before listening')));
  });
}

/** The server's resident memory in MB, from /proc (Linux). */
function residentMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU seconds (user + system, all threads) the server has used, from /proc (Linux; clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends run requests one after another until `until` settles; counts 429s and those without Retry-After. */
async function probeRetryAfter(url: string, until: Promise<unknown>) {
  let stop = false;
  void until.then(() => {
    stop = true;
  });
  let refused = 0;
  let withoutRetryAfter = 0;
  while (!stop) {
    const res = await fetch(`${url}api/runs`, {
      method: 'POST',
      headers: json,
      body: MIX[3]!.body as string,
    });
    await res.arrayBuffer();
    if (res.status === 429) {
      refused++;
      if (!res.headers.get('retry-after')) withoutRetryAfter++;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { refused, withoutRetryAfter };
}

const dbDir = mkdtempSync(join(tmpdir(), 'oxus-loadtest-'));
const server = await startServer(dbDir);
try {
  const before = residentMb(server.pid);
  const cpuBefore = cpuSeconds(server.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentMb(server.pid));
  }, 250);
  const crowd = autocannon({
    url: server.url,
    connections: CLIENTS,
    duration: SECONDS,
    timeout: 10,
    requests: MIX,
  });
  const health = autocannon({
    url: `${server.url}api/health`,
    headers: browser,
    connections: 1,
    duration: SECONDS,
    timeout: 10,
  });
  const probe = probeRetryAfter(server.url, crowd);
  const [c, h, p] = await Promise.all([crowd, health, probe]);
  clearInterval(sampler);
  const cpu = cpuSeconds(server.pid) - cpuBefore;

  const statuses = Object.fromEntries(
    Object.entries(c.statusCodeStats as Record<string, { count: number }>).map(([s, { count }]) => [
      s,
      count,
    ]),
  );
  const unexpected = Object.entries(statuses).filter(([s]) => !(s.startsWith('2') || s === '429'));
  console.log(
    `clients: ${CLIENTS} for ${SECONDS} s, mix: 3 catalogue reads to 1 run request (baseline-2016, 200 runs)`,
  );
  console.log(
    `crowd: ${c.requests.total} requests, ${Math.round(c.requests.average)}/s; status counts ${JSON.stringify(statuses)}; errors ${c.errors}, timeouts ${c.timeouts}`,
  );
  console.log(
    `server CPU: ${cpu.toFixed(1)} s for ${c.requests.total + h.requests.total} requests (${((cpu / (c.requests.total + h.requests.total)) * 1e6).toFixed(0)} µs a request, runs included); load average ${loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log(`crowd latency: p50 ${c.latency.p50} ms, p99 ${c.latency.p99} ms, max ${c.latency.max} ms`);
  console.log(
    `health: ${h.requests.total} probes; p50 ${h.latency.p50} ms, p99 ${h.latency.p99} ms, max ${h.latency.max} ms; non-2xx ${h.non2xx}, errors ${h.errors}`,
  );
  console.log(
    `run requests refused with 429: ${p.refused} probed, ${p.withoutRetryAfter} without Retry-After`,
  );
  console.log(`server memory (RSS): ${before.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB`);

  const failures = [
    h.latency.p99 > HEALTH_P99_MS && `health p99 ${h.latency.p99} ms > ${HEALTH_P99_MS} ms`,
    unexpected.length > 0 && `answers other than 2xx or 429: ${JSON.stringify(unexpected)}`,
    c.errors + c.timeouts + h.errors + h.timeouts + h.non2xx > 0 && 'requests errored, timed out or failed',
    p.withoutRetryAfter > 0 && '429 without Retry-After',
    peak > MEMORY_LIMIT_MB && `peak memory ${peak.toFixed(0)} MB > ${MEMORY_LIMIT_MB} MB`,
  ].filter(Boolean);
  for (const f of failures) console.log(`FAILED: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
} finally {
  await server.stop();
  rmSync(dbDir, { recursive: true, force: true });
}
