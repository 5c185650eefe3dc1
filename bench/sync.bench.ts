/**
 * Sync throughput over loopback: N records (default 1,000 of ~100 KB) from a workstation store to
 * a hub on a real PostgreSQL (batches of up to 64 records and 4 MB per request, re-hash, signature
 * shape check, blob store with fsync, one commit per batch), against a plain HTTP PUT of the same
 * bytes to a bare Node server (no protocol: body to file, no fsync) in the same run, at the same
 * concurrency. After a warm-up (200 records each way by default), rounds alternate the two on
 * fresh records; each round's figures are printed (MB/s, records/s, CPU per record of each
 * process) and the ratio of the median round (target ≥ 0.7×). The plain server keeps getting
 * faster from round to round while V8 optimizes Node's stream code (its CPU per record falls about
 * threefold over 5,000 records, even writing to /dev/null), so a run with more rounds, or a longer
 * `--warm-up`, measures against a faster reference. A second reference, the same server storing
 * each file as the hub stores a record's blob (temp file, fsync, rename, folder fsync) before it
 * answers, runs in each round too, and the median ratio against it is printed as well.
 * Then the hub's ingest rate with two workstations (two processes, N/2 records each) sending at
 * once, with the blobs in a directory and (unless --skip-s3) in S3-compatible storage (s3rver, its
 * own process).
 *
 *   npx tsx bench/sync.bench.ts [--rounds 3] [--records 1000] [--kb 100] [--concurrency 4] [--warm-up 200] [--profile DIR] [--skip-s3]
 *
 * The hub and the plain server each run in their own process, as they would in use; the
 * workstation runs in this one. Every process started here has a thread pool of 16
 * (`UV_THREADPOOL_SIZE`, as the README advises for the hub) unless the variable is already set.
 * `--profile DIR` writes CPU profiles of the hub (whole life) and of the workstation (the sync run
 * only) into DIR.
 *
 * The hub checks records with the structural verifier here (the records are signed-looking, not
 * signed): full PAdES verification costs ~60 ms a record and is measured by the record bench.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine } from '../src/core/engine';
import { WorkstationSync } from '../src/core/sync/workstation-sync';
import { CredentialRepository } from '../src/hub/credential-repository';
import { createPool, migrateHub } from '../src/hub/hub-database';
import { startPostgres } from '../test/hub/support/postgres';
import { S3RVER_CREDENTIALS } from '../test/hub/support/s3';
import { tempDir } from '../test/support/temp-dir';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    records: { type: 'string', default: '1000' },
    kb: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    'warm-up': { type: 'string', default: '200' },
    profile: { type: 'string' },
    'skip-s3': { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.records);
const SIZE = Number(values.kb) * 1024;
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const WARM_UP = Number(values['warm-up']);
const REPO = fileURLToPath(new URL('..', import.meta.url));

/** A PDF-shaped file with a signature dictionary whose /ByteRange spans the file. */
function signedLookingPdf(i: number): Buffer {
  const tail = Buffer.from('\n%%EOF\n');
  const headOf = (end: number) =>
    Buffer.from(
      `%PDF-1.7\n% record ${i}\n1 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 64 128 ${String(end).padStart(9, '0')}] /Contents <00> >>\nendobj\n`,
    );
  const head = headOf(0);
  const body = randomBytes(Math.max(0, SIZE - head.length - tail.length));
  const total = head.length + body.length + tail.length;
  return Buffer.concat([headOf(total - 128), body, tail]);
}

function seed(engine: Engine, files: Buffer[], prefix: string): void {
  const { db } = engine.store;
  const now = new Date().toISOString();
  db.transaction(() => {
    files.forEach((bytes, i) => {
      const dossierId = Number(
        db
          .prepare(`INSERT INTO dossier (code, kind, status, year, created_at, updated_at) VALUES (?, 'archive', 'digitized', 2021, ?, ?)`)
          .run(`${prefix}-${i}`, now, now).lastInsertRowid,
      );
      const documentId = Number(
        db.prepare(`INSERT INTO document (dossier_id, position, created_at) VALUES (?, 1, ?)`).run(dossierId, now).lastInsertRowid,
      );
      const sha = engine.store.blobs.put(bytes);
      const record = engine.store.records.addVersion(documentId, sha, { signer: 'bench', signedAt: now });
      engine.store.records.enqueueForSync(record.id);
    });
  })();
}

const CHILD_ENV = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' };

/** Starts a child process and resolves with the first stdout/stderr text matching `ready`. */
function startChild(
  args: string[],
  ready: RegExp,
  stream: 'stdout' | 'stderr',
  env: NodeJS.ProcessEnv = CHILD_ENV,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], env });
  let text = '';
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  return new Promise((resolve, reject) => {
    child[stream]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = ready.exec(text);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${errors.slice(-2000)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU seconds (user + system) used so far by a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process (the server and its backends). */
function postgresCpuSeconds(): number {
  try {
    return execFileSync('ps', ['-u', 'postgres', '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .reduce((n, pid) => n + cpuSeconds(Number(pid)), 0);
  } catch {
    return 0;
  }
}

async function plainPut(files: Buffer[], port: number, round: number): Promise<number> {
  // Connections of its own, closed after: a connection kept idle from an earlier phase may be
  // closed by the server (its keep-alive timeout) just as it is reused, failing a request.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const started = performance.now();
  const queue = files.map((bytes, i) => ({ bytes, i: `${round}-${i}` }));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { bytes, i } = item;
      await new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, agent, method: 'PUT', path: `/${i}.pdf`, headers: { 'content-length': bytes.length } },
          (res) => {
            res.resume();
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(bytes);
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - started;
  agent.destroy();
  return ms;
}

async function profiled<T>(file: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Two workstations in their own processes, told to start at the same moment; the wall time until both are done. */
async function twoWorkstations(dataDirs: string[]): Promise<{ ms: number; acknowledged: number }> {
  const clients = await Promise.all(
    dataDirs.map((dir) =>
      startChild(
        ['--import', 'tsx', 'bench/support/sync-client.ts', '--data-dir', dir, '--concurrency', String(CONCURRENCY)],
        /ready\n/,
        'stdout',
      ),
    ),
  );
  const results = clients.map(
    ({ child }) =>
      new Promise<{ acknowledged: number }>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line) as { acknowledged: number });
        });
        child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`client exited with ${code}`))));
      }),
  );
  const started = performance.now();
  for (const { child } of clients) child.stdin!.write('go\n');
  const done = await Promise.all(results);
  const ms = performance.now() - started;
  await Promise.all(clients.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))));
  return { ms, acknowledged: done.reduce((n, d) => n + d.acknowledged, 0) };
}

const postgres = await startPostgres();
const tmp = tempDir('sohoa-sync-bench-');
const children: ChildProcess[] = [];
try {
  const url = await postgres.createDatabase('bench');
  const pool = createPool(url);
  await migrateHub(pool);
  const credentials = new CredentialRepository(pool);
  if (values.profile) mkdirSync(values.profile, { recursive: true });
  const hubArgs = [
    ...(values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile, '--cpu-prof-name', 'hub.cpuprofile'] : []),
    '--import',
    'tsx',
    'src/hub/main.ts',
  ];
  const hubProcess = await startChild(
    [...hubArgs, '--db', url, '--blobs', join(tmp.path, 'hub'), '--port', '0', '--verifier', 'structural', '--quiet'],
    /hub listening on (\S+)/,
    'stderr',
  );
  children.push(hubProcess.child);
  const hubUrl = hubProcess.match[1]!;
  const putServer = await startChild(['--import', 'tsx', 'bench/support/plain-put-server.ts', join(tmp.path, 'put')], /^(\d+)\n/, 'stdout');
  children.push(putServer.child);
  const durableServer = await startChild(
    ['--import', 'tsx', 'bench/support/plain-put-server.ts', join(tmp.path, 'put-durable'), '--durable'],
    /^(\d+)\n/,
    'stdout',
  );
  children.push(durableServer.child);

  const bytes = COUNT * SIZE;
  const engine = Engine.open({ dataDir: join(tmp.path, 'ws') });
  const sync = new WorkstationSync(engine);
  await sync.enroll(hubUrl, await credentials.issueCode(), 'bench');

  const half = Math.floor(COUNT / 2);
  /** Two more workstations (data dirs), enrolled with the hub at `url`, N/2 records each. */
  const pairFor = async (url: string, name: string): Promise<string[]> => {
    const dirs = [join(tmp.path, `${name}-a`), join(tmp.path, `${name}-b`)];
    for (const [n, dir] of dirs.entries()) {
      const other = Engine.open({ dataDir: dir });
      seed(
        other,
        Array.from({ length: n === 0 ? half : COUNT - half }, (_, i) => signedLookingPdf(COUNT + n * half + i)),
        `PAIR${n}`,
      );
      await new WorkstationSync(other).enroll(url, await credentials.issueCode(), `${name}-${n}`);
      other.close();
    }
    return dirs;
  };
  const pairDirs = await pairFor(hubUrl, 'dir');
  let s3Pair: string[] | undefined;
  if (!values['skip-s3']) {
    const s3rver = await startChild(
      [
        'node_modules/s3rver/bin/s3rver.js',
        '-d',
        join(tmp.path, 's3'),
        '-a',
        '127.0.0.1',
        '-p',
        '0',
        '-s',
        '--configure-bucket',
        'records',
      ],
      /listening on (\S+)/,
      'stdout',
    );
    children.push(s3rver.child);
    const env = {
      ...CHILD_ENV,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      NODE_NO_WARNINGS: '1',
    };
    const s3Args = ['--blobs', 's3://records/bench', '--spool', join(tmp.path, 'spool'), '--s3-endpoint', `http://${s3rver.match[1]!}`];
    const s3Hub = await startChild(
      ['--import', 'tsx', 'src/hub/main.ts', '--db', url, ...s3Args, '--port', '0', '--verifier', 'structural', '--quiet'],
      /hub listening on (\S+)/,
      'stderr',
      env,
    );
    children.push(s3Hub.child);
    s3Pair = await pairFor(s3Hub.match[1]!, 's3');
  }

  // Rounds alternate the plain PUT and the sync, each on records of its own, so that a change in
  // the machine's load during the run weighs on both; the ratio is the median round's.
  const rounds: {
    putMs: number;
    durablePutMs: number;
    syncMs: number;
    plainCpu: { client: number; server: number };
    syncCpu: { workstation: number; hub: number; postgres: number };
  }[] = [];
  // A warm-up of 200 records each way (by default), not counted, so that neither side is timed while its code is still being compiled.
  const warmUp = Array.from({ length: WARM_UP }, (_, i) => signedLookingPdf(-1 - i));
  seed(engine, warmUp, 'WARM');
  await plainPut(warmUp, Number(putServer.match[1]), -1);
  await plainPut(warmUp, Number(durableServer.match[1]), -1);
  await sync.send({ concurrency: CONCURRENCY });
  for (let round = 0; round < ROUNDS; round++) {
    const files = Array.from({ length: COUNT }, (_, i) => signedLookingPdf(2 * COUNT + round * COUNT + i));
    seed(engine, files, `BENCH${round}`);
    // Dirty pages left by the seeding (or the last phase) written out first, so neither side is
    // timed while the kernel writes back the other's files.
    execFileSync('sync');
    const putCpu = cpuSeconds(putServer.child.pid!);
    const benchCpu = process.cpuUsage();
    const putMs = await plainPut(files, Number(putServer.match[1]), round);
    const plainUsage = process.cpuUsage(benchCpu);
    const plainCpu = { client: (plainUsage.user + plainUsage.system) / 1e6, server: cpuSeconds(putServer.child.pid!) - putCpu };
    execFileSync('sync');
    const durablePutMs = await plainPut(files, Number(durableServer.match[1]), round);
    execFileSync('sync');
    const before = { hub: cpuSeconds(hubProcess.child.pid!), pg: postgresCpuSeconds(), ws: process.cpuUsage() };
    const started = performance.now();
    const summary = await profiled(values.profile && round === 0 ? join(values.profile, 'workstation.cpuprofile') : undefined, () =>
      sync.send({ concurrency: CONCURRENCY }),
    );
    const syncMs = performance.now() - started;
    const wsUsage = process.cpuUsage(before.ws);
    if (summary.acknowledged !== COUNT) throw new Error(`round ${round + 1}: only ${summary.acknowledged} of ${COUNT} acknowledged`);
    rounds.push({
      putMs,
      durablePutMs,
      syncMs,
      plainCpu,
      syncCpu: {
        workstation: (wsUsage.user + wsUsage.system) / 1e6,
        hub: cpuSeconds(hubProcess.child.pid!) - before.hub,
        postgres: postgresCpuSeconds() - before.pg,
      },
    });
  }
  engine.close();

  const pair = await twoWorkstations(pairDirs);
  if (pair.acknowledged !== COUNT) throw new Error(`two workstations: only ${pair.acknowledged} of ${COUNT} acknowledged`);
  const s3 = s3Pair && (await twoWorkstations(s3Pair));
  if (s3 && s3.acknowledged !== COUNT) throw new Error(`two workstations, S3: only ${s3.acknowledged} of ${COUNT} acknowledged`);
  await pool.end();

  const mbs = (ms: number, n = bytes) => n / 1e6 / (ms / 1000);
  const rps = (ms: number) => COUNT / (ms / 1000);
  console.log(
    `records: ${COUNT} × ${(SIZE / 1024).toFixed(0)} KB = ${(bytes / 1e6).toFixed(1)} MB, concurrency ${CONCURRENCY}, loopback, hub and plain server in their own processes, after a warm-up of ${WARM_UP} records each way`,
  );
  const perRecord = (s: number) => `${((s * 1000) / COUNT).toFixed(2)} ms`;
  for (const [i, r] of rounds.entries())
    console.log(
      `round ${i + 1}: plain HTTP PUT ${mbs(r.putMs).toFixed(1)} MB/s, ${rps(r.putMs).toFixed(0)} records/s (${(r.putMs / 1000).toFixed(2)} s) | sohoa sync ${mbs(r.syncMs).toFixed(1)} MB/s, ${rps(r.syncMs).toFixed(0)} records/s (${(r.syncMs / 1000).toFixed(2)} s) | ratio ${(r.putMs / r.syncMs).toFixed(2)}× | plain PUT stored durably ${rps(r.durablePutMs).toFixed(0)} records/s, ratio ${(r.durablePutMs / r.syncMs).toFixed(2)}× | CPU/record: plain ${perRecord(r.plainCpu.client + r.plainCpu.server)}, sync ws ${perRecord(r.syncCpu.workstation)} + hub ${perRecord(r.syncCpu.hub)} + pg ${perRecord(r.syncCpu.postgres)}`,
    );
  const median = [...rounds].sort((a, b) => a.putMs / a.syncMs - b.putMs / b.syncMs)[Math.floor(rounds.length / 2)]!;
  console.log(`plain HTTP PUT : ${mbs(median.putMs).toFixed(1)} MB/s, ${rps(median.putMs).toFixed(0)} records/s (median round)`);
  console.log(`sohoa sync     : ${mbs(median.syncMs).toFixed(1)} MB/s, ${rps(median.syncMs).toFixed(0)} records/s (median round)`);
  const sum = (pick: (r: (typeof rounds)[number]) => number) => rounds.reduce((n, r) => n + pick(r), 0) / rounds.length;
  const plainCpuTotal = sum((r) => r.plainCpu.client + r.plainCpu.server);
  const syncCpuTotal = sum((r) => r.syncCpu.workstation + r.syncCpu.hub + r.syncCpu.postgres);
  console.log(
    `CPU per record (mean of rounds): plain PUT client ${perRecord(sum((r) => r.plainCpu.client))} + server ${perRecord(sum((r) => r.plainCpu.server))} = ${perRecord(plainCpuTotal)}; sync workstation ${perRecord(sum((r) => r.syncCpu.workstation))} + hub ${perRecord(sum((r) => r.syncCpu.hub))} + PostgreSQL ${perRecord(sum((r) => r.syncCpu.postgres))} = ${perRecord(syncCpuTotal)} (CPU ratio ${(plainCpuTotal / syncCpuTotal).toFixed(2)}×)`,
  );
  console.log(`ratio sync / plain PUT: ${(median.putMs / median.syncMs).toFixed(2)}× (median of ${rounds.length} rounds; target ≥ 0.70×)`);
  const durableMedian = [...rounds].sort((a, b) => a.durablePutMs / a.syncMs - b.durablePutMs / b.syncMs)[Math.floor(rounds.length / 2)]!;
  console.log(
    `ratio sync / plain PUT stored as the hub stores a blob (temp file, fsync, rename, folder fsync): ${(durableMedian.durablePutMs / durableMedian.syncMs).toFixed(2)}× (median of ${rounds.length} rounds; for reference)`,
  );
  console.log(
    `hub ingest, two workstations at once (${half} + ${COUNT - half} records), blobs in a directory: ${mbs(pair.ms).toFixed(1)} MB/s, ${rps(pair.ms).toFixed(0)} records/s (${(pair.ms / 1000).toFixed(2)} s)`,
  );
  if (s3)
    console.log(
      `hub ingest, two workstations at once, blobs in S3 (s3rver, own process): ${mbs(s3.ms).toFixed(1)} MB/s, ${rps(s3.ms).toFixed(0)} records/s (${(s3.ms / 1000).toFixed(2)} s)`,
    );
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (2 cores: hub, workstation and reference server share them)`,
  );
} finally {
  await Promise.all(children.map(stop));
  postgres.stop();
  tmp.remove();
}
