/**
 * The app on the tablet (issue 4, Speed). Prints:
 *   bench app-cold-open-large-4x: navigation → dashboard painted and answering, the large demo company
 *     (about 2,000,000 events) on the device, Chromium at 4× CPU slowdown (median of 3 cold starts)
 *   bench app-cold-open-longest-task-4x: the longest main-thread task in the 3 s after that (the
 *     journal loads in the background meanwhile)
 *   bench app-first-sync-small: a new device signs in and receives the small demo company from a relay
 *     (sign-in click → every event derived)
 * With JXC_BENCH_APP=catchup instead (minutes): the full catch-up of the large demo, cold start → every
 * event derived, unthrottled, with the JS heap's peak: the first start after the journal arrived
 * (app-catch-up-large*) and the next one on the same profile (app-catch-up-large-again*). JXC_BENCH_HEAP_MB limits the JS heap as a smaller device would (Chromium's
 * --max-old-space-size); JXC_BENCH_CPU_PROFILE=<file> writes the page's CPU profile of each start there,
 * named after its line (<file>-app-catch-up-large.cpuprofile, …).
 *
 * "Already on the device" is built once and cached under bench/.cache/: the journal in y-indexeddb's
 * own layout (one database per partition, one update each, as the relay's snapshots arrive) and the read
 * models as the app saves them in Dexie, derived in Node by the same projections, in a Chromium profile
 * that the measured runs start from. The cache is keyed by the demo and by the sources that shape the
 * read models, so it is rebuilt when they change. Each measured run is a fresh browser process on that
 * profile (nothing of the app in memory), served by the relay as `npm start` serves it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { SqliteStore, databasePath } from '../server/store/sqlite';
import { dayFromIso } from '../src/lib/domain/dates';
import { encodeEntry } from '../src/lib/domain/codec';
import { compareEvents, type AnyEvent } from '../src/lib/domain/event';
import { JOURNAL_ROOT } from '../src/lib/domain/journal-format';
import { deriveAll } from '../src/lib/domain/ledger';
import { generateDemo, PROFILES } from '../src/lib/demo/generate';
import { conflictCards } from '../src/lib/projections/conflicts';
import { dashboard } from '../src/lib/projections/dashboard';
import { latestDocuments } from '../src/lib/projections/documents';
import { EVENT_TYPES } from '../src/lib/domain/catalogue';
import { moneyView } from '../src/lib/projections/money';
import { masterNames } from '../src/lib/projections/names';
import { salesReport } from '../src/lib/projections/reports';
import { stockRows } from '../src/lib/projections/stock';
import { roomFor } from '../src/lib/sync/routing';
import { READ_MODEL_SCHEMA, SAVED_DOCUMENTS } from '../src/lib/device/read-models';
import { demoCacheDir, loadLargeDemo } from './demo-cache';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, 'bench/.cache');
const CHROMIUM = process.env.JXC_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	// JXC_BENCH_HEAP_MB: the JS heap limit of a smaller device (the catch-up must finish within it).
	...(process.env.JXC_BENCH_HEAP_MB
		? [`--js-flags=--max-old-space-size=${process.env.JXC_BENCH_HEAP_MB}`]
		: [])
];
const PASSWORD = 'bench-admin-password';
const TENANT = 'demo';
const DEMO_PREFIX = 'jxc-demo';
const RUNS = 3;
const STATIC_DIR = join(CACHE, 'app-build');

function line(name: string, value: number | string, unit: string): void {
	console.log(`bench ${name}: ${value} ${unit}`);
}

function log(message: string): void {
	console.log(`# ${message}`);
}

// ---------------------------------------------------------------- relay serving the built app

async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
		s.on('error', fail);
	});
}

interface Relay {
	readonly url: string;
	stop(): Promise<void>;
}

/** The cold-open profile's data belongs to one origin, so its relay always listens on the same port. */
const COLD_OPEN_PORT = Number(process.env.JXC_BENCH_APP_PORT ?? 47815);

async function startRelay(dataDir: string, fixedPort?: number): Promise<Relay> {
	const port = fixedPort ?? (await freePort());
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			JXC_DATA_DIR: dataDir,
			JXC_STATIC_DIR: STATIC_DIR,
			JXC_ADMIN_PASSWORD: PASSWORD,
			JXC_LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	// A bench killed midway must not leave its relay behind.
	const orphan = () => child.kill();
	process.once('exit', orphan);
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		if (child.exitCode !== null) throw new Error(`relay exited (${child.exitCode})`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			if (i > 600) throw new Error('relay did not start');
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	return {
		url,
		stop: () =>
			new Promise<void>((ok) => {
				process.off('exit', orphan);
				if (child.exitCode !== null) return ok();
				child.once('exit', () => ok());
				child.kill('SIGTERM');
			})
	};
}

// ---------------------------------------------------------------- the large demo as the device holds it

/** Partition → the Yjs update that holds its events, and the state vector that names it. */
interface RoomData {
	readonly room: string;
	readonly update: Uint8Array;
	readonly vector: Uint8Array;
}

function roomsOf(events: readonly AnyEvent[]): RoomData[] {
	const tuples = new Map<string, unknown[]>();
	for (const e of events) {
		const r = roomFor(TENANT, { type: e.type, branch: e.branch, wall: e.hlc.wall });
		if (!r.ok) throw new Error(`unroutable demo event ${e.id}`);
		const list = tuples.get(r.room);
		// The journal's elements as the app writes them (S18: JSON text).
		if (list) list.push(encodeEntry(e));
		else tuples.set(r.room, [encodeEntry(e)]);
	}
	return [...tuples.keys()].sort().map((room) => {
		const doc = new Y.Doc();
		doc.getArray(JOURNAL_ROOT).push(tuples.get(room)!);
		const data = { room, update: Y.encodeStateAsUpdate(doc), vector: Y.encodeStateVector(doc) };
		doc.destroy();
		return data;
	});
}

/** JSON with Maps and byte arrays, revived in the page (`revive` below). */
function tagged(_key: string, value: unknown): unknown {
	if (value instanceof Map) return { $map: [...value.entries()] };
	if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
	return value;
}

interface Prepared {
	readonly dir: string;
	readonly rooms: string[];
	readonly events: number;
	readonly demo: { today: number; user: string; displayName: string; events: number };
}

/** Sources whose change changes what the device holds for the large demo. */
function preparedKey(): string {
	const h = createHash('sha256').update(`${demoCacheDir('large')}|${READ_MODEL_SCHEMA}|2`);
	const dirs = ['src/lib/projections', 'src/lib/domain', 'src/lib/domain/derive', 'src/lib/domain/costing'];
	for (const d of dirs)
		for (const f of readdirSync(join(ROOT, d)).sort())
			if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(f).update(readFileSync(join(ROOT, d, f)));
	for (const f of ['src/lib/device/read-models.ts', 'src/lib/sync/routing.ts'])
		h.update(readFileSync(join(ROOT, f)));
	return h.digest('hex').slice(0, 16);
}

function prepareLarge(): Prepared {
	const dir = join(CACHE, `app-large-${preparedKey()}`);
	const metaFile = join(dir, 'meta.json');
	if (existsSync(metaFile))
		return { dir, ...(JSON.parse(readFileSync(metaFile, 'utf8')) as Omit<Prepared, 'dir'>) };
	for (const old of existsSync(CACHE) ? readdirSync(CACHE) : [])
		if (old.startsWith('app-large-')) rmSync(join(CACHE, old), { recursive: true, force: true });
	mkdirSync(join(dir, 'rooms'), { recursive: true });
	let t = performance.now();
	const events = loadLargeDemo();
	log(`large demo loaded: ${events.length} events in ${Math.round(performance.now() - t)} ms`);
	t = performance.now();
	const rooms = roomsOf(events);
	rooms.forEach((r, i) => writeFileSync(join(dir, 'rooms', String(i)), r.update));
	log(`${rooms.length} partitions encoded in ${Math.round(performance.now() - t)} ms`);
	t = performance.now();
	events.sort(compareEvents);
	const ledger = deriveAll(events);
	const profile = PROFILES.large;
	const today = dayFromIso(profile.start)! + profile.days - 1;
	const names = masterNames(ledger);
	const conflicts = conflictCards(ledger, names);
	const position = { events: ledger.size, rooms: Object.fromEntries(rooms.map((r) => [r.room, r.vector])) };
	const head = {
		names,
		dashboard: dashboard(ledger, names, today),
		urgent: conflicts.filter((c) => c.urgent).length
	};
	const lists = {
		stock: stockRows(ledger, names),
		money: moneyView(ledger, names),
		report: salesReport(ledger, names, today),
		conflicts,
		documents: latestDocuments(ledger, names, EVENT_TYPES, SAVED_DOCUMENTS)
	};
	log(`derived and projected in ${Math.round(performance.now() - t)} ms`);
	const stamp = { schema: READ_MODEL_SCHEMA, position, savedAt: Date.now() };
	writeFileSync(
		join(dir, 'models.json'),
		JSON.stringify({ head: { ...stamp, models: head }, lists: { ...stamp, models: lists } }, tagged)
	);
	const owner = events.find((e) => e.type === 'user.roles.set' && e.payload.roles.includes('owner'));
	const user = owner?.type === 'user.roles.set' ? owner.payload.user : 'demo';
	const displayName = owner?.type === 'user.roles.set' ? (owner.payload.name ?? user) : user;
	const meta = {
		rooms: rooms.map((r) => r.room),
		events: ledger.size,
		demo: { today, user, displayName, events: ledger.size }
	};
	writeFileSync(metaFile, JSON.stringify(meta));
	return { dir, ...meta };
}

// ---------------------------------------------------------------- the browser

async function launch(profile: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1024, height: 768 }
	});
}

const BLANK = '/api/__bench/blank';

/** A same-origin blank page, so throttling set on it carries over to the app's navigation. */
async function routeBlank(page: Page): Promise<void> {
	await page.route(`**${BLANK}`, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>bench</title>' })
	);
}

/** tsx names functions with a `__name` helper that does not exist in the page: provide it there. */
const NAME_HELPER = 'globalThis.__name = (f) => f;';

/** Writes the journal and the read models into the profile, as the app would have left them. */
async function seedProfile(profile: string, url: string, prepared: Prepared): Promise<void> {
	const t = performance.now();
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.route('**/api/__bench/room/*', (route) =>
			route.fulfill({
				status: 200,
				contentType: 'application/octet-stream',
				body: readFileSync(join(prepared.dir, 'rooms', route.request().url().split('/').pop()!))
			})
		);
		await page.route('**/api/__bench/models', (route) =>
			route.fulfill({ status: 200, contentType: 'application/json', path: join(prepared.dir, 'models.json') })
		);
		await page.addInitScript({ content: NAME_HELPER });
		await page.goto(`${url}/`);
		await page.waitForSelector('input[name=company]');
		await page.evaluate(
			async ({ rooms, prefix, demo, scope }) => {
				const open = (name: string, version: number, upgrade: (db: IDBDatabase) => void) =>
					new Promise<IDBDatabase>((ok, fail) => {
						const r = indexedDB.open(name, version);
						r.onupgradeneeded = () => upgrade(r.result);
						r.onsuccess = () => ok(r.result);
						r.onerror = () => fail(r.error);
					});
				const write = (db: IDBDatabase, store: string, value: unknown) =>
					new Promise<void>((ok, fail) => {
						const tx = db.transaction(store, 'readwrite');
						tx.objectStore(store).put(value);
						tx.oncomplete = () => ok();
						tx.onerror = () => fail(tx.error);
					});
				for (const [i, room] of rooms.entries()) {
					const update = new Uint8Array(await (await fetch(`/api/__bench/room/${i}`)).arrayBuffer());
					// y-indexeddb's layout: an auto-keyed `updates` store and a `custom` one.
					const db = await open(`${prefix}:${room}`, 1, (d) => {
						d.createObjectStore('updates', { autoIncrement: true });
						d.createObjectStore('custom');
					});
					await write(db, 'updates', update);
					db.close();
				}
				const revive = (_k: string, v: unknown): unknown => {
					if (v && typeof v === 'object' && '$map' in v)
						return new Map((v as { $map: [unknown, unknown][] }).$map);
					if (v && typeof v === 'object' && '$bytes' in v)
						return Uint8Array.from(atob((v as { $bytes: string }).$bytes), (c) => c.charCodeAt(0));
					return v;
				};
				const models = JSON.parse(await (await fetch('/api/__bench/models')).text(), revive) as {
					head: object;
					lists: object;
				};
				// Dexie's layout for `version(1).stores({ heads: 'scope', lists: 'scope' })`.
				const db = await open('jxc-read-models', 10, (d) => {
					d.createObjectStore('heads', { keyPath: 'scope' });
					d.createObjectStore('lists', { keyPath: 'scope' });
				});
				await write(db, 'heads', { scope, ...models.head });
				await write(db, 'lists', { scope, ...models.lists });
				db.close();
				localStorage.setItem('jxc:demo', JSON.stringify(demo));
				localStorage.setItem(`jxc:rooms:${prefix}:demo`, JSON.stringify([...rooms].sort()));
				localStorage.setItem('jxc:active', JSON.stringify({ kind: 'demo' }));
			},
			{ rooms: prepared.rooms, prefix: DEMO_PREFIX, demo: prepared.demo, scope: `${DEMO_PREFIX}:${TENANT}` }
		);
		// Once at full speed: the service worker installs and the app opens from what was written.
		await page.reload();
		await page.waitForSelector('[data-testid=page-dashboard][data-provisional=true]', { timeout: 120_000 });
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
	} finally {
		await context.close();
	}
	writeFileSync(join(profile, '.seeded'), '');
	log(`profile seeded in ${Math.round(performance.now() - t)} ms`);
}

/**
 * The profile's service worker still serves the build it cached when the profile was seeded: replace it
 * with this build's, and let that one install and take control, before anything is measured.
 */
async function installThisBuild(profile: string, url: string): Promise<void> {
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.addInitScript({ content: NAME_HELPER });
		await routeBlank(page);
		await page.goto(`${url}${BLANK}`);
		await page.evaluate(async () => {
			for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
			for (const key of await caches.keys()) await caches.delete(key);
		});
		await page.goto(`${url}/`);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
		await page.waitForSelector('[data-testid=page-dashboard]', { timeout: 120_000 });
	} finally {
		await context.close();
	}
}

interface ColdOpen {
	readonly usable: number;
	readonly longestTask: number;
	/** Main-thread task time from navigation to usable (throttled), less sensitive to other load. */
	readonly mainThread: number;
}

async function coldOpenOnce(profile: string, url: string): Promise<ColdOpen> {
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await routeBlank(page);
		await page.addInitScript({ content: NAME_HELPER });
		await page.addInitScript(() => {
			const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
			w.__longTasks = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
			}).observe({ type: 'longtask', buffered: true });
		});
		await page.goto(`${url}${BLANK}`);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await cdp.send('Performance.enable');
		const busy = async () => {
			const { metrics } = await cdp.send('Performance.getMetrics');
			return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
		};
		const busy0 = await busy();
		await page.goto(`${url}/`, { waitUntil: 'commit' });
		await page.waitForFunction(() => performance.getEntriesByName('jxc:dashboard-usable').length > 0, null, {
			timeout: 120_000,
			polling: 50
		});
		const mainThread = (await busy()) - busy0;
		const provisional = await page.locator('[data-testid=page-dashboard]').getAttribute('data-provisional');
		if (provisional !== 'true') throw new Error('the dashboard did not open from the saved read models');
		const marks = await page.evaluate(() =>
			performance
				.getEntriesByType('mark')
				.filter((m) => m.name.startsWith('jxc:'))
				.map((m) => `${m.name.slice(4)} ${m.startTime.toFixed(0)}`)
				.join(', ')
		);
		log(`marks (ms after navigation): ${marks}`);
		const usable = await page.evaluate(
			() => performance.getEntriesByName('jxc:dashboard-usable')[0]!.startTime
		);
		await page.waitForTimeout(3000);
		const longestTask = await page.evaluate((from) => {
			const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
			return Math.max(0, ...tasks.filter((t) => t.start >= from).map((t) => t.duration));
		}, usable);
		return { usable, longestTask, mainThread };
	} finally {
		await context.close();
	}
}

/** The large demo prepared, in a profile seeded once and serving this build. */
async function largeProfile(url: string): Promise<{ prepared: Prepared; profile: string }> {
	const prepared = prepareLarge();
	const profile = join(prepared.dir, 'profile');
	if (!existsSync(join(profile, '.seeded'))) {
		rmSync(profile, { recursive: true, force: true });
		await seedProfile(profile, url, prepared);
	}
	await installThisBuild(profile, url);
	return { prepared, profile };
}

async function coldOpenLarge(url: string): Promise<void> {
	const { prepared, profile } = await largeProfile(url);
	line('app-cold-open-events', prepared.events, 'events');
	const runs: ColdOpen[] = [];
	for (let i = 0; i < RUNS; i++) {
		const r = await coldOpenOnce(profile, url);
		log(
			`cold open ${i + 1}: usable after ${r.usable.toFixed(0)} ms (main thread ${r.mainThread.toFixed(0)} ms), ` +
				`longest task after ${r.longestTask} ms`
		);
		runs.push(r);
	}
	const median = <T>(xs: T[], f: (x: T) => number) =>
		xs.map(f).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	line('app-cold-open-large-4x', median(runs, (r) => r.usable).toFixed(0), 'ms (target < 2000)');
	line('app-cold-open-large-4x-main-thread', median(runs, (r) => r.mainThread).toFixed(0), 'ms');
	line('app-cold-open-longest-task-4x', median(runs, (r) => r.longestTask).toFixed(0), 'ms');
}

// ---------------------------------------------------------------- full catch-up of the large demo

/**
 * The whole catch-up of the large demo in Chromium, unthrottled (`JXC_BENCH_APP=catchup`, minutes, not in
 * the default run): from a cold start on a copy of the seeded profile until every event is derived and the
 * catch-up bar is gone. Prints the time each phase ended and the JS heap's peak (sampled every second).
 */
async function catchUpLarge(url: string): Promise<void> {
	const { prepared, profile: seeded } = await largeProfile(url);
	// A copy: what these runs save must not change the profile the cold starts measure.
	const profile = mkdtempSync(join(tmpdir(), 'jxc-bench-catch-up-'));
	cpSync(seeded, profile, { recursive: true });
	try {
		// The first start after the journal arrived, then the next one: two figures of one measurement,
		// as a start varies by several seconds from one run to the next.
		line('app-catch-up-large-events', prepared.events, 'events');
		await catchUpOnce(url, profile, prepared, 'app-catch-up-large');
		await catchUpOnce(url, profile, prepared, 'app-catch-up-large-again');
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

async function catchUpOnce(url: string, profile: string, prepared: Prepared, name: string): Promise<void> {
	const context = await launch(profile);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.addInitScript({ content: NAME_HELPER });
		const cdp = await context.newCDPSession(page);
		await cdp.send('Performance.enable');
		const metric = async (name: string) =>
			(await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
		const busy0 = await metric('TaskDuration');
		const t0 = Date.now();
		let phase = 'start';
		// A tab that runs out of memory crashes, and nothing it was asked would ever answer.
		const crashed = new Promise<never>((_, reject) =>
			page.once('crash', () => reject(new Error(`the tab crashed ${Date.now() - t0} ms in (${phase})`)))
		);
		crashed.catch(() => undefined);
		if (process.env.JXC_BENCH_CPU_PROFILE) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
			await cdp.send('Profiler.start');
		}
		await page.goto(`${url}/`, { waitUntil: 'commit' });
		let heapPeak = 0;
		const ended: Record<string, number> = {};
		for (;;) {
			if (Date.now() - t0 > 900_000) throw new Error(`catch-up unfinished after 900 s (${phase})`);
			const heap = await Promise.race([metric('JSHeapUsedSize'), crashed]);
			heapPeak = Math.max(heapPeak, heap);
			const [now, events] = await Promise.race([
				crashed,
				page.evaluate(() => [
					document.querySelector('[data-testid=catch-up]')?.getAttribute('data-phase') ?? 'none',
					Number(document.querySelector('[data-testid=sync-status]')?.getAttribute('data-events') ?? 0)
				])
			]);
			if (now !== phase) {
				ended[phase] = Date.now() - t0;
				log(
					`catch-up +${ended[phase]} ms: ${phase} -> ${now} (${events} events; heap ${Math.round(heap / 1e6)} MB, peak ${Math.round(heapPeak / 1e6)} MB)`
				);
				phase = now as string;
			}
			if (now === 'none' && (events as number) >= prepared.events) break;
			await page.waitForTimeout(1000);
		}
		if (process.env.JXC_BENCH_CPU_PROFILE) {
			const { profile: cpu } = await cdp.send('Profiler.stop');
			writeFileSync(
				`${process.env.JXC_BENCH_CPU_PROFILE.replace(/\.cpuprofile$/, '')}-${name}.cpuprofile`,
				JSON.stringify(cpu)
			);
		}
		if (ended['loading'] !== undefined) line(`${name}-loaded`, ended['loading'], 'ms (partitions loaded)');
		line(name, Date.now() - t0, 'ms (navigation → every event derived, no throttling)');
		line(`${name}-main-thread`, (((await metric('TaskDuration')) - busy0) * 1000).toFixed(0), 'ms');
		line(`${name}-heap-peak`, Math.round(heapPeak / 1e6), 'MB (JS heap, sampled every second)');
	} finally {
		await context.close();
	}
}

// ---------------------------------------------------------------- first sync of the small demo

function seedRelay(dataDir: string): number {
	const events = [...generateDemo({ size: 'small' })];
	const store = new SqliteStore(databasePath(dataDir), 'full');
	store.appendUpdates(
		roomsOf(events).map((r) => ({ room: r.room, update: r.update, user: 'admin', receivedAt: Date.now() }))
	);
	store.close();
	return events.length;
}

async function firstSyncSmall(): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'jxc-bench-app-'));
	try {
		// Start once so the relay creates the company and its owner, then put the demo into its store.
		await (await startRelay(dataDir)).stop();
		const events = seedRelay(dataDir);
		line('app-first-sync-small-events', events, 'events');
		const relay = await startRelay(dataDir);
		const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
		try {
			const context = await browser.newContext({
				locale: 'zh-CN',
				timezoneId: 'Asia/Shanghai',
				viewport: { width: 1024, height: 768 }
			});
			await context.addInitScript({ content: NAME_HELPER });
			const page = await context.newPage();
			await page.goto(`${relay.url}/`);
			await page.locator('input[name=company]').fill(TENANT);
			await page.locator('input[name=username]').fill('admin');
			await page.locator('input[name=password]').fill(PASSWORD);
			const cdp = await context.newCDPSession(page);
			await cdp.send('Performance.enable');
			const busy = async () => {
				const { metrics } = await cdp.send('Performance.getMetrics');
				return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
			};
			const busy0 = await busy();
			const t0 = Date.now();
			await page.locator('form button[type=submit]').click();
			const trace = setInterval(() => {
				void page
					.evaluate(() => [
						document.querySelector('[data-testid=sync-status]')?.getAttribute('data-events'),
						document.querySelector('[data-testid=catch-up]')?.textContent?.trim()
					])
					.then((s) => log(`first sync +${Date.now() - t0} ms: ${s.join(' · ')}`))
					.catch(() => undefined);
			}, 2000);
			await page.waitForFunction(
				(n) => Number(document.querySelector('[data-testid=sync-status]')?.getAttribute('data-events')) >= n,
				events,
				{ timeout: 300_000, polling: 20 }
			);
			clearInterval(trace);
			line('app-first-sync-small', Date.now() - t0, 'ms');
			line('app-first-sync-small-main-thread', ((await busy()) - busy0).toFixed(0), 'ms');
		} finally {
			await browser.close();
			await relay.stop();
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------- main

if (!process.env.JXC_BENCH_NO_BUILD) {
	log('building the app');
	const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'ignore' });
	if (r.status !== 0) throw new Error('vite build failed');
}
// A copy of its own, so a test run rebuilding build/ meanwhile does not change what is measured.
rmSync(STATIC_DIR, { recursive: true, force: true });
cpSync(join(ROOT, 'build'), STATIC_DIR, { recursive: true });
// JXC_BENCH_APP=cold or =sync runs one of the two.
const only = process.env.JXC_BENCH_APP ?? '';

/** Runs `measure` against a relay serving this build (on the cold-open port, with a fresh data folder). */
async function withRelay(measure: (url: string) => Promise<void>): Promise<void> {
	const dataDir = mkdtempSync(join(tmpdir(), 'jxc-bench-app-'));
	const relay = await startRelay(dataDir, COLD_OPEN_PORT);
	try {
		await measure(relay.url);
	} finally {
		await relay.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (only === 'catchup') await withRelay(catchUpLarge);
else if (only !== 'sync') await withRelay(coldOpenLarge);
if (only !== 'cold' && only !== 'catchup') await firstSyncSmall();
