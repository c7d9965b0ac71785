/**
 * Shared scaffolding for the relay's integration tests: a real relay on 127.0.0.1 with a temp data dir
 * (in-process, or as a child process that can be SIGKILLed), logins, stock y-websocket clients, and a
 * seeded factory for journal event tuples.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { JOURNAL_ROOT } from '../../src/lib/domain/journal-format';
import { attachSavedTracking, type SavedTracker } from '../../src/lib/sync/relay-client';
import { defaultConfig, type RelayConfig } from '../../server/config';
import { createRelay, type Relay } from '../../server/relay';
import { SqliteStore, databasePath } from '../../server/store/sqlite';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'admin-password-1';
/** Cheap scrypt for tests only (the default is 17). */
export const TEST_SCRYPT_LOG2N = 10;

export function tempDir(prefix = 'jxc-relay-'): { path: string; remove: () => void } {
	const path = mkdtempSync(join(tmpdir(), prefix));
	return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface LogLine {
	level: string;
	msg: string;
	[key: string]: unknown;
}

export interface TestRelay {
	relay: Relay;
	http: string;
	ws: string;
	dataDir: string;
	logs: LogLine[];
	stop(): Promise<void>;
}

export function testConfig(dataDir: string, patch: (c: RelayConfig) => void = () => {}): RelayConfig {
	const c = defaultConfig();
	c.port = 0;
	c.host = '127.0.0.1';
	c.dataDir = dataDir;
	c.staticDir = join(dataDir, 'no-build');
	c.adminPassword = ADMIN_PASSWORD;
	c.auth.scryptLog2N = TEST_SCRYPT_LOG2N;
	patch(c);
	return c;
}

/** A relay in this process, listening on a free loopback port. */
export async function startRelay(
	options: { dataDir?: string; patch?: (c: RelayConfig) => void } = {}
): Promise<TestRelay> {
	const dataDir = options.dataDir ?? tempDir().path;
	mkdirSync(dataDir, { recursive: true });
	const config = testConfig(dataDir, options.patch);
	const logs: LogLine[] = [];
	const write = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
		void logs.push({ level, msg, ...fields });
	const log = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
	const relay = await createRelay(config, {
		store: new SqliteStore(databasePath(dataDir), config.sqliteSync, { updateLog: true }),
		log
	});
	const port = await relay.listen();
	return {
		relay,
		http: `http://127.0.0.1:${port}`,
		ws: `ws://127.0.0.1:${port}/sync`,
		dataDir,
		logs,
		stop: () => relay.close()
	};
}

export function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			const port = typeof a === 'object' && a ? a.port : 0;
			s.close(() => res(port));
		});
	});
}

export interface ChildRelay {
	child: ChildProcess;
	port: number;
	http: string;
	ws: string;
	output: string[];
	/** Resolves with the exit code or signal. */
	exited: Promise<string>;
}

/** The real entry point (`server/main.ts`) as a child process, resolved once it listens. */
export async function spawnRelay(
	dataDir: string,
	port: number,
	env: Record<string, string> = {}
): Promise<ChildRelay> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			JXC_DATA_DIR: dataDir,
			JXC_ADMIN_PASSWORD: ADMIN_PASSWORD,
			JXC_SCRYPT_LOG2N: String(TEST_SCRYPT_LOG2N),
			JXC_LOG_LEVEL: 'info',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	// Never leave a relay behind, even when a test times out before it can stop it.
	const reap = () => child.kill('SIGKILL');
	process.once('exit', reap);
	const exited = new Promise<string>((r) =>
		child.once('exit', (code, signal) => {
			process.off('exit', reap);
			r(signal ?? String(code));
		})
	);
	child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
	child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
	let dead = false;
	const started = Date.now();
	void exited.then(() => (dead = true));
	// Ready when /healthz answers (whatever the log level).
	for (;;) {
		if (dead) throw new Error(`relay exited before listening:\n${output.join('')}`);
		if (Date.now() - started > 30_000) {
			child.kill('SIGKILL');
			throw new Error(`relay did not answer within 30 s:\n${output.join('')}`);
		}
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	return { child, port, http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/sync`, output, exited };
}

export interface LoginAnswer {
	status: number;
	body: {
		token?: string;
		error?: string;
		epoch?: string;
		user?: { company: string; username: string; roles: unknown[] };
		rooms?: { pattern: string; access: 'read' | 'write' }[];
	};
}

export async function login(
	http: string,
	company: string,
	username: string,
	password: string
): Promise<LoginAnswer> {
	const res = await fetch(`${http}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ company, username, password })
	});
	return { status: res.status, body: (await res.json()) as LoginAnswer['body'] };
}

export async function adminToken(http: string): Promise<string> {
	const { body } = await login(http, 'demo', 'admin', ADMIN_PASSWORD);
	if (!body.token) throw new Error(`admin login failed: ${body.error}`);
	return body.token;
}

/** A journal event tuple in the wire shape of src/lib/domain/journal-format.ts. */
export function journalEvent(user: string, n: number, extra: Record<string, unknown> = {}): unknown[] {
	return ['test.appended', Date.now(), n, 'dev-test', user, 'B01', '2026-01-15', { n, ...extra }];
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	tracker: SavedTracker | null;
	journal: Y.Array<unknown[]>;
	destroy(): void;
}

/** A stock y-websocket provider (Node needs `ws` as its WebSocket), optionally with saved-tracking. */
export function connectClient(
	wsBase: string,
	room: string,
	token: string,
	options: { track?: boolean; epoch?: string | null; doc?: Y.Doc; maxBackoffTime?: number } = {}
): Client {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(wsBase, room, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect: false,
		maxBackoffTime: options.maxBackoffTime ?? 2500
	});
	const tracker = options.track ? attachSavedTracking(provider, { epoch: options.epoch ?? null }) : null;
	provider.connect();
	return {
		doc,
		provider,
		tracker,
		journal: doc.getArray<unknown[]>(JOURNAL_ROOT),
		destroy() {
			tracker?.destroy();
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function waitFor(
	condition: () => boolean,
	{ timeout = 10_000, what = 'condition' }: { timeout?: number; what?: string } = {}
): Promise<void> {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export function synced(client: Client): Promise<void> {
	return waitFor(() => client.provider.synced, { what: `sync of ${client.provider.roomname}` });
}

/** Opens a raw WebSocket (for hostile input) and resolves once it is open or closed. */
export function rawSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
	return new Promise((res) => {
		const ws = new WebSocket(url, { headers });
		ws.on('error', () => {});
		ws.once('open', () => res(ws));
		ws.once('close', () => res(ws));
	});
}

export function closeCode(ws: WebSocket, timeout = 5000): Promise<number> {
	return new Promise((res, rej) => {
		if (ws.readyState === ws.CLOSED) return res(-1);
		const t = setTimeout(() => rej(new Error('socket not closed')), timeout);
		ws.once('close', (code: number) => {
			clearTimeout(t);
			res(code);
		});
	});
}

/** A client that speaks the relay's protocol by hand, for authorization and hostile-input tests. */
export class RawClient {
	readonly messages: Uint8Array[] = [];
	closed: { code: number; reason: string } | null = null;
	#waiters: (() => void)[] = [];

	constructor(readonly ws: WebSocket) {
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer) => {
			this.messages.push(new Uint8Array(data));
			this.#wake();
		});
		ws.on('close', (code: number, reason: Buffer) => {
			this.closed = { code, reason: reason.toString() };
			this.#wake();
		});
	}

	static async open(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
		const ws = new WebSocket(url, { headers });
		ws.on('error', () => {});
		const client = new RawClient(ws);
		await new Promise<void>((r) => {
			ws.once('open', () => r());
			ws.once('close', () => r());
			ws.once('unexpected-response', () => r());
		});
		return client;
	}

	#wake(): void {
		for (const w of this.#waiters.splice(0)) w();
	}

	send(bytes: Uint8Array): void {
		if (this.ws.readyState === this.ws.OPEN) this.ws.send(bytes);
	}

	/** Waits until `predicate` holds over received messages or the socket closes. */
	async until(predicate: (messages: Uint8Array[]) => boolean, timeout = 5000): Promise<boolean> {
		const deadline = Date.now() + timeout;
		while (!predicate(this.messages)) {
			if (this.closed || Date.now() > deadline) return predicate(this.messages);
			await new Promise<void>((r) => {
				const t = setTimeout(r, Math.max(1, deadline - Date.now()));
				this.#waiters.push(() => {
					clearTimeout(t);
					r();
				});
			});
		}
		return true;
	}

	async waitClosed(timeout = 5000): Promise<{ code: number; reason: string }> {
		await this.until(() => this.closed !== null, timeout);
		if (!this.closed) throw new Error('socket still open');
		return this.closed;
	}

	close(): void {
		this.ws.terminate();
	}
}

export function encodeMessage(write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

export const syncStep1 = (sv: Uint8Array = new Uint8Array([0])) =>
	encodeMessage((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, sv);
	});

export const syncUpdate = (update: Uint8Array, syncType: 1 | 2 = 2) =>
	encodeMessage((e) => {
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, syncType);
		encoding.writeVarUint8Array(e, update);
	});

/** An update appending `events` to a fresh doc's journal. */
export function journalUpdate(events: unknown[][], doc: Y.Doc = new Y.Doc()): Uint8Array {
	let update: Uint8Array | null = null;
	const capture = (u: Uint8Array) => (update = u);
	doc.on('update', capture);
	doc.getArray(JOURNAL_ROOT).push(events);
	doc.off('update', capture);
	return update!;
}

export const messageType = (m: Uint8Array) => decoding.readVarUint(decoding.createDecoder(m));

/**
 * A relay for one describe block: started (with an admin token) before its tests, stopped with every
 * client it connected after them. `setup` runs once the relay is up; `restart` disconnects every client
 * (as a relay going down would) and starts a new relay on the same data folder.
 */
export function relayFixture(setup?: (relay: TestRelay) => Promise<void>) {
	const dir = tempDir();
	let relay: TestRelay | undefined;
	let token = '';
	const clients: Client[] = [];
	beforeAll(async () => {
		relay = await startRelay({ dataDir: dir.path });
		token = await adminToken(relay.http);
		await setup?.(relay);
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await relay?.stop();
		dir.remove();
	});
	return {
		get relay(): TestRelay {
			if (!relay) throw new Error('the relay is not started yet');
			return relay;
		},
		get token(): string {
			return token;
		},
		client(...args: Parameters<typeof connectClient>): Client {
			const c = connectClient(...args);
			clients.push(c);
			return c;
		},
		async restart(): Promise<void> {
			for (const c of clients.splice(0)) c.destroy();
			await relay?.stop();
			relay = await startRelay({ dataDir: dir.path });
		}
	};
}
