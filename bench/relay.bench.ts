/**
 * Relay benchmark (`npx tsx bench/relay.bench.ts`, or `npm run bench`): the same fan-out load against
 * our relay and against the reference `@y/websocket-server` 0.1.1, each in its own child process, with
 * stock y-websocket clients in this process. Prints `bench <name>: <value> <unit>` lines.
 *
 * Load: 200 clients over 50 rooms per server, each appending one small journal event twice a second for
 * JXC_BENCH_SECONDS (default 60). Latency is measured from the sender's push to each receiver's observe,
 * on one clock. Against our relay the clients also track "saved on server" (as the app does), so the
 * relay fsyncs and acknowledges every write too. Both servers take their load at the same time, each
 * server and each load generator in its own process, so that background load on a shared machine biases
 * neither side and one load generator's pauses do not show up as the other server's latency.
 *
 * The load runs in JXC_BENCH_ROUNDS rounds (default 3), each on freshly started servers (ours on an
 * empty data folder). Each round prints its own ratios; the figures and ratios after them pool every
 * delivery of every round. One 60-second round's p99 ratio ranged from 0.69 to 1.42 between runs of one
 * version on 2026-11-22 (two processes per server competing for two cores): pooled rounds give a figure
 * that one unlucky minute cannot decide. Then: the time a new device takes to sync a room of 6,000 events.
 *
 * JXC_BENCH_PROF=<folder> writes a CPU profile of our relay there (node --cpu-prof).
 *
 * JXC_BENCH_AB=<checkout> puts another version of our relay (a git worktree with node_modules) in the
 * reference's place, its lines named `relay.ab.*`: a paired comparison of two versions under the same
 * load at the same time. Two copies of one version measured within ±3 % of each other this way at
 * first; on 2026-11-22 one such run gave p50 0.61 against 0.61 ms but p99 6.86 against 5.11 ms (1.34×):
 * p50 is steady to a few percent, p99 only to about a third.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { JOURNAL_ROOT } from '../src/lib/domain/journal-format';
import { SqliteStore, databasePath } from '../server/store/sqlite';
import { attachSavedTracking, type SavedTracker } from '../src/lib/sync/relay-client';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.JXC_BENCH_SECONDS ?? 60);
/** Rounds of the fan-out load, each on fresh servers; their deliveries are pooled. */
const ROUNDS = Number(process.env.JXC_BENCH_ROUNDS ?? 3);
const CLIENTS = 200;
const ROOMS = 50;
const RATE_HZ = 2;
const SYNC_EVENTS = 6000;
const PASSWORD = 'bench-password-1';

function print(name: string, value: number, unit: string): void {
	const v = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
	console.log(`bench ${name}: ${v} ${unit}`);
}

function freePort(): Promise<number> {
	return new Promise((res) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => res(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

function rssMb(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : 0;
}

/** CPU time (user + system) a process has used, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function waitHttp(url: string, child: ChildProcess): Promise<void> {
	for (let i = 0; i < 400; i++) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
		try {
			await fetch(url);
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	throw new Error(`no answer from ${url}`);
}

/** What a load generator needs to know about a server (it may run in another process). */
interface Target {
	name: string;
	pid: number;
	ws: string;
	token: string | null;
}

interface Server extends Target {
	stop(): Promise<void>;
}

async function startOurs(dataDir: string, root = ROOT, name = 'jxc'): Promise<Server> {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		[
			...(process.env.JXC_BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.JXC_BENCH_PROF] : []),
			'--import',
			'tsx',
			'server/main.ts'
		],
		{
			cwd: root,
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				JXC_DATA_DIR: dataDir,
				JXC_ADMIN_PASSWORD: PASSWORD,
				JXC_MAX_CONNS_PER_IP: '1000',
				JXC_LOG_LEVEL: 'warn'
			},
			stdio: ['ignore', openSync(join(dataDir, 'relay.log'), 'a'), 'inherit']
		}
	);
	await waitHttp(`http://127.0.0.1:${port}/healthz`, child);
	const res = await fetch(`http://127.0.0.1:${port}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ company: 'demo', username: 'admin', password: PASSWORD })
	});
	const { token } = (await res.json()) as { token: string };
	return {
		name,
		pid: child.pid!,
		ws: `ws://127.0.0.1:${port}/sync`,
		token,
		stop: () => stopChild(child)
	};
}

async function startReference(): Promise<Server> {
	const port = await freePort();
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'bench/relay.bench.ts', '--serve-reference', String(port)],
		{
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	await waitHttp(`http://127.0.0.1:${port}/`, child);
	return {
		name: 'reference',
		pid: child.pid!,
		ws: `ws://127.0.0.1:${port}/sync`,
		token: null,
		stop: () => stopChild(child)
	};
}

function stopChild(child: ChildProcess): Promise<void> {
	return new Promise((r) => {
		if (child.exitCode !== null) return r();
		child.once('exit', () => r());
		child.kill('SIGTERM');
	});
}

function provider(server: Target, room: string, doc: Y.Doc): WebsocketProvider {
	return new WebsocketProvider(server.ws, room, doc, {
		params: server.token ? { token: server.token } : {},
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect: false
	});
}

const percentile = (sorted: number[], p: number) =>
	sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface LoadResult {
	latencies: number[];
	sent: number;
	seconds: number;
	/** Clients whose every write was acknowledged as saved (ours only). */
	saved: number;
	clients: number;
	/** The server process's CPU time during the load. */
	cpuMs: number;
	/** The load generator's own CPU time during the load (ours also tracks "saved" on every client). */
	loadCpuMs: number;
	expected: number;
	seen: number;
	rssMb: number;
}

interface ClientState {
	server: Target;
	doc: Y.Doc;
	room: string;
	journal: Y.Array<unknown[]>;
	provider: WebsocketProvider | null;
	tracker: SavedTracker | null;
}

/**
 * Drives the given servers with the full load each. The benchmark runs one load generator process per
 * server, started together, so both servers take their load in the same window.
 */
async function fanOut(servers: Target[], seconds: number, startAt = 0): Promise<LoadResult[]> {
	process.setMaxListeners(CLIENTS * servers.length + 20);
	const stats = servers.map(() => ({ latencies: [] as number[], seen: 0, sent: 0, peakRss: 0, cpuStart: 0 }));
	let measuring = false;
	const clients: ClientState[][] = servers.map((server, s) =>
		Array.from({ length: CLIENTS }, (_, i) => {
			const doc = new Y.Doc();
			const journal = doc.getArray<unknown[]>(JOURNAL_ROOT);
			journal.observe((event) => {
				if (event.transaction.local) return;
				const now = performance.timeOrigin + performance.now();
				for (const d of event.changes.delta)
					for (const e of (d.insert as unknown[][] | undefined) ?? []) {
						stats[s]!.seen++;
						if (measuring) stats[s]!.latencies.push(now - (e[7] as { sentAt: number }).sentAt);
					}
			});
			const room = `t/demo/b/B${String(i % ROOMS).padStart(2, '0')}/2026-07`;
			return { server, doc, room, journal, provider: null, tracker: null };
		})
	);
	const all = clients.flat();
	// Connect in small steps, alternating servers.
	for (let i = 0; i < CLIENTS; i += 10)
		for (const group of clients) {
			for (const c of group.slice(i, i + 10)) {
				c.provider = provider(c.server, c.room, c.doc);
				if (c.server.token) c.tracker = attachSavedTracking(c.provider);
				c.provider.connect();
			}
			await new Promise((r) => setTimeout(r, 25));
		}
	const deadline = Date.now() + 60_000;
	while (!all.every((c) => c.provider!.synced)) {
		if (Date.now() > deadline) throw new Error('clients did not sync');
		await new Promise((r) => setTimeout(r, 50));
	}
	// Load generators in separate processes start together.
	if (startAt > Date.now()) await new Promise((r) => setTimeout(r, startAt - Date.now()));
	const rssTimer = setInterval(() => {
		servers.forEach((server, s) => (stats[s]!.peakRss = Math.max(stats[s]!.peakRss, rssMb(server.pid))));
	}, 500);
	const timers: NodeJS.Timeout[] = [];
	let n = 0;
	const start = Date.now();
	servers.forEach((server, s) => (stats[s]!.cpuStart = cpuMs(server.pid)));
	const loadCpuStart = process.cpuUsage();
	const send = (c: ClientState, s: number) => {
		const sentAt = performance.timeOrigin + performance.now();
		c.journal.push([['bench.tick', Date.now(), n++, 'bench', 'admin', 'B01', '2026-07-01', { sentAt }]]);
		stats[s]!.sent++;
	};
	clients.forEach((group, s) =>
		group.forEach((c) => {
			timers.push(
				setTimeout(
					() => {
						send(c, s);
						timers.push(setInterval(() => send(c, s), 1000 / RATE_HZ));
					},
					Math.random() * (1000 / RATE_HZ)
				)
			);
		})
	);
	// Deliveries during the first seconds count, their latencies do not (warm-up).
	const warmup = setTimeout(() => (measuring = true), Math.min(2000, (seconds * 1000) / 4));
	await new Promise((r) => setTimeout(r, seconds * 1000));
	for (const t of timers) clearInterval(t);
	clearTimeout(warmup);
	const elapsed = (Date.now() - start) / 1000;
	const cpu = servers.map((server, s) => cpuMs(server.pid) - stats[s]!.cpuStart);
	const loadCpu = process.cpuUsage(loadCpuStart);
	const expected = stats.map((st) => st.sent * (CLIENTS / ROOMS - 1));
	const settle = Date.now() + 15_000;
	while (stats.some((st, s) => st.seen < expected[s]!) && Date.now() < settle)
		await new Promise((r) => setTimeout(r, 100));
	while (all.some((c) => c.tracker && !c.tracker.status.saved) && Date.now() < settle)
		await new Promise((r) => setTimeout(r, 100));
	clearInterval(rssTimer);
	const results = servers.map((_, s): LoadResult => ({
		latencies: stats[s]!.latencies,
		sent: stats[s]!.sent,
		seconds: elapsed,
		saved: clients[s]!.filter((c) => c.tracker?.status.saved).length,
		clients: CLIENTS,
		cpuMs: cpu[s]!,
		loadCpuMs: (loadCpu.user + loadCpu.system) / 1000 / servers.length,
		expected: expected[s]!,
		seen: stats[s]!.seen,
		rssMb: stats[s]!.peakRss
	}));
	for (const c of all) {
		c.tracker?.destroy();
		c.provider!.destroy();
		c.doc.destroy();
	}
	return results;
}

/** Runs `fanOut` for one server in a child process (this file with `--load`) and returns its result. */
function runLoadGenerator(server: Server, startAt: number): Promise<LoadResult> {
	const target: Target = { name: server.name, pid: server.pid, ws: server.ws, token: server.token };
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'bench/relay.bench.ts', '--load', JSON.stringify({ target, startAt })],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	return new Promise((resolve, reject) =>
		child.once('exit', (code) => {
			try {
				const line = out.split('\n').find((l) => l.startsWith('{'));
				if (code !== 0 || !line) throw new Error(`exit code ${code}`);
				resolve(JSON.parse(line) as LoadResult);
			} catch (err) {
				reject(new Error(`load generator for ${server.name} failed: ${String(err)}`));
			}
		})
	);
}

async function loadGeneratorMain(arg: string): Promise<void> {
	const { target, startAt } = JSON.parse(arg) as { target: Target; startAt: number };
	const [result] = await fanOut([target], SECONDS, startAt);
	// Writes to a pipe are asynchronous: exit only once the result is out.
	process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
}

function combine(parts: LoadResult[]) {
	const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
	const sum = (f: (p: LoadResult) => number) => parts.reduce((n, p) => n + f(p), 0);
	return {
		saved: sum((p) => p.saved),
		clients: sum((p) => p.clients),
		cpuPer1000: (sum((p) => p.cpuMs) / sum((p) => p.sent)) * 1000,
		loadCpuPer1000: (sum((p) => p.loadCpuMs) / sum((p) => p.sent)) * 1000,
		expected: sum((p) => p.expected),
		seen: sum((p) => p.seen),
		rssMb: Math.max(...parts.map((p) => p.rssMb)),
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		updatesPerSecond: sum((p) => p.sent) / sum((p) => p.seconds)
	};
}

/** Writes a room of SYNC_EVENTS events, one update each from 20 devices, straight into the store. */
function seedRoom(dataDir: string, room: string): Uint8Array {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const journal = doc.getArray(JOURNAL_ROOT);
	for (let i = 0; i < SYNC_EVENTS; i++) {
		doc.clientID = 1000 + (i % 20);
		journal.push([
			[
				'sales.delivery.posted',
				1_780_000_000_000 + i,
				0,
				`dev${i % 20}`,
				'admin',
				'B01',
				'2026-07-01',
				{ lines: [{ p: `P${i % 300}`, q: 1000, price: 1999 }] }
			]
		]);
	}
	const store = new SqliteStore(databasePath(dataDir), 'full');
	store.appendUpdates(updates.map((update) => ({ room, update, user: 'admin', receivedAt: Date.now() })));
	store.close();
	return Y.encodeStateAsUpdate(doc);
}

async function timeToSync(server: Server, room: string): Promise<number> {
	const doc = new Y.Doc();
	const t0 = performance.now();
	const p = provider(server, room, doc);
	p.connect();
	const journal = doc.getArray(JOURNAL_ROOT);
	while (!(p.synced && journal.length === SYNC_EVENTS)) await new Promise((r) => setTimeout(r, 2));
	const ms = performance.now() - t0;
	p.destroy();
	doc.destroy();
	return ms;
}

/** One round: both servers fresh (ours on an empty data folder), the full load on each at once. */
async function round(dataDir: string, ab: string | undefined, abDir: string | null): Promise<LoadResult[]> {
	// Our relay's warnings and errors go to relay.log in the data folder; it is printed if a run fails.
	const servers = [
		await startOurs(dataDir),
		ab && abDir ? await startOurs(abDir, resolve(ab), 'ab') : await startReference()
	];
	try {
		const startAt = Date.now() + 25_000;
		return await Promise.all(servers.map((server) => runLoadGenerator(server, startAt)));
	} finally {
		for (const server of servers) await server.stop();
	}
}

async function main(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'jxc-bench-'));
	const ab = process.env.JXC_BENCH_AB;
	const abDirs: string[] = [];
	try {
		const other = ab ? 'ab' : 'reference';
		const ourParts: LoadResult[] = [];
		const otherParts: LoadResult[] = [];
		for (let r = 1; r <= ROUNDS; r++) {
			const ourDir = join(dataDir, `round-${r}`);
			mkdirSync(ourDir);
			const abDir = ab ? mkdtempSync(join(tmpdir(), 'jxc-bench-ab-')) : null;
			if (abDir) abDirs.push(abDir);
			const [o, x] = await round(ourDir, ab, abDir);
			ourParts.push(o!);
			otherParts.push(x!);
			const a = combine([o!]);
			const b = combine([x!]);
			print(`relay.round${r}.ratio.fanout_p50`, a.p50 / b.p50, 'x');
			print(`relay.round${r}.ratio.fanout_p99`, a.p99 / b.p99, 'x');
		}
		// Every delivery of every round counts once: the figures below are those of one run ROUNDS times
		// as long, made of independent episodes.
		const ours = combine(ourParts);
		const ref = combine(otherParts);
		for (const [name, r] of [
			['jxc', ours],
			[other, ref]
		] as const) {
			print(`relay.${name}.fanout_p50`, r.p50, 'ms');
			print(`relay.${name}.fanout_p99`, r.p99, 'ms');
			print(`relay.${name}.updates_per_s`, r.updatesPerSecond, 'updates/s');
			print(`relay.${name}.deliveries_expected`, r.expected, 'deliveries');
			print(`relay.${name}.deliveries_seen`, r.seen, 'deliveries');
			print(`relay.${name}.deliveries_lost`, r.expected - r.seen, 'deliveries');
			print(`relay.${name}.memory_peak_rss`, r.rssMb, 'MB');
			print(`relay.${name}.cpu_per_1000_updates`, r.cpuPer1000, 'ms');
			print(`relay.${name}.loadgen_cpu_per_1000_updates`, r.loadCpuPer1000, 'ms');
		}
		print('relay.jxc.clients_all_saved', ours.saved, 'clients');
		print('relay.jxc.clients_total', ours.clients, 'clients');
		print('relay.ratio.fanout_p50', ours.p50 / ref.p50, 'x');
		print('relay.ratio.fanout_p99', ours.p99 / ref.p99, 'x');
		print('relay.ratio.memory', ours.rssMb / ref.rssMb, 'x');

		// A new device syncing a room of 6,000 events: cold (loaded from disk on demand) and warm.
		const room = 't/demo/b/B99/2026-07';
		const seeded = seedRoom(dataDir, room);
		print('relay.sync6000.room_size', seeded.byteLength / 1024, 'KiB');
		const server = await startOurs(dataDir);
		try {
			print('relay.jxc.sync6000_cold', await timeToSync(server, room), 'ms');
			print('relay.jxc.sync6000_warm', await timeToSync(server, room), 'ms');
		} finally {
			await server.stop();
		}
		if (ours.seen < ours.expected || ours.saved < ours.clients) process.exitCode = 1;
	} catch (err) {
		for (const log of readdirSync(dataDir, { recursive: true, encoding: 'utf8' }))
			if (log.endsWith('relay.log'))
				process.stderr.write(`${log}:\n${readFileSync(join(dataDir, log), 'utf8').slice(-4000)}\n`);
		throw err;
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
		for (const d of abDirs) rmSync(d, { recursive: true, force: true });
	}
}

/** The reference server, when this file runs as its child: the stock setup of @y/websocket-server. */
async function serveReference(): Promise<void> {
	const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
		setupWSConnection: (ws: WebSocket, req: unknown, opts?: { docName?: string }) => void;
	};
	const wss = new WebSocketServer({ noServer: true });
	const server = createHttpServer((_req, res) => res.end('okay'));
	wss.on('connection', (ws: WebSocket, req: { url?: string }) =>
		setupWSConnection(ws, req, { docName: (req.url ?? '').slice('/sync/'.length).split('?')[0] })
	);
	server.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
	);
	server.listen(Number(process.argv[3]), '127.0.0.1');
}

if (process.argv[2] === '--serve-reference') await serveReference();
else if (process.argv[2] === '--load') await loadGeneratorMain(process.argv[3]!);
else await main();
