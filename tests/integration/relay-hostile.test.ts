import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/protocol';
import { JOURNAL_ROOT } from '../../src/lib/domain/journal-format';
import {
	adminToken,
	connectClient,
	encodeMessage,
	journalEvent,
	journalUpdate,
	RawClient,
	startRelay,
	syncStep1,
	syncUpdate,
	synced,
	tempDir,
	waitFor,
	type Client,
	type TestRelay
} from './relay-helpers';
import * as encoding from 'lib0/encoding';

const ROOM = 't/demo/b/B01/2026-02';
const SEED = Number(process.env.JXC_HOSTILE_SEED ?? 20260202);

/** mulberry32: small, seeded, good enough to pick hostile bytes reproducibly. */
function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n: number) => Math.floor(next() * n) };
}

function updateOf(change: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
	const parts: Uint8Array[] = [];
	const capture = (u: Uint8Array) => parts.push(u);
	doc.on('update', capture);
	change(doc);
	doc.off('update', capture);
	return Y.mergeUpdates(parts);
}

interface Hostile {
	kind: string;
	frame: Uint8Array | string;
	/** Close codes that are a correct answer; `open` means the relay may also shrug it off and keep serving. */
	expect: (number | 'open')[];
}

function hostileFrames(seed: number): Hostile[] {
	const r = rng(seed);
	const bytes = (n: number) => Uint8Array.from({ length: n }, () => r.int(256));
	const frames: Hostile[] = [];
	const valid = syncUpdate(journalUpdate([journalEvent('admin', 1), journalEvent('admin', 2)]));
	const refused = [CLOSE.refused];
	for (let i = 0; i < 300; i++)
		frames.push({
			kind: 'garbage',
			frame: bytes(r.int(200)),
			expect: [CLOSE.invalidPayload, CLOSE.refused, 'open']
		});
	for (let i = 0; i < 200; i++)
		frames.push({
			kind: 'truncated sync message',
			frame: valid.slice(0, 1 + r.int(valid.length - 2)),
			expect: [CLOSE.invalidPayload]
		});
	for (let i = 0; i < 100; i++) {
		const u = journalUpdate([journalEvent('admin', i)]);
		frames.push({
			kind: 'truncated update',
			frame: syncUpdate(u.slice(0, r.int(u.length - 1))),
			expect: [CLOSE.invalidPayload, 'open']
		});
	}
	for (let i = 0; i < 100; i++) {
		const doc = new Y.Doc();
		doc.getArray(JOURNAL_ROOT).push([journalEvent('admin', i), journalEvent('admin', i + 1)]);
		const del = updateOf((d) => d.getArray(JOURNAL_ROOT).delete(r.int(2), 1), doc);
		frames.push({ kind: 'delete in journal', frame: syncUpdate(del, r.int(2) ? 1 : 2), expect: refused });
	}
	const wrongRoots: ((d: Y.Doc, i: number) => void)[] = [
		(d, i) => d.getMap('m').set('k', i),
		(d) => d.getText('t').insert(0, 'hello'),
		(d, i) => d.getArray('x').push([journalEvent('admin', i)]),
		(d) => d.getArray(JOURNAL_ROOT).push([new Y.Map()]),
		(d) => d.getArray(JOURNAL_ROOT).push([new Y.Text('x')]),
		(d, i) => d.getMap(JOURNAL_ROOT).set('k', journalEvent('admin', i))
	];
	for (let i = 0; i < 120; i++)
		frames.push({
			kind: 'wrong root type',
			frame: syncUpdate(updateOf((d) => wrongRoots[i % 6]!(d, i))),
			expect: refused
		});
	for (let i = 0; i < 50; i++)
		frames.push({
			kind: 'impersonation',
			frame: syncUpdate(journalUpdate([journalEvent('someone-else', i)])),
			expect: refused
		});
	const notTuples: unknown[] = ['text', 42, { a: 1 }, null, [1, 2]];
	for (let i = 0; i < 50; i++)
		frames.push({
			kind: 'not an event tuple',
			frame: syncUpdate(updateOf((d) => d.getArray(JOURNAL_ROOT).push([notTuples[i % 5]]))),
			expect: refused
		});
	for (let i = 0; i < 50; i++)
		frames.push({ kind: 'text frame', frame: 'hello ' + i, expect: [CLOSE.unsupportedData] });
	for (let i = 0; i < 50; i++)
		frames.push({
			kind: 'unknown message type',
			frame: encodeMessage((e) => {
				encoding.writeVarUint(e, 4 + r.int(1000));
				encoding.writeUint8Array(e, bytes(r.int(20)));
			}),
			expect: [CLOSE.invalidPayload]
		});
	for (let i = 0; i < 50; i++)
		frames.push({
			kind: 'garbage awareness',
			frame: encodeMessage((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(e, bytes(1 + r.int(50)));
			}),
			expect: [CLOSE.invalidPayload, CLOSE.policy, 'open']
		});
	for (let i = 0; i < 50; i++)
		frames.push({
			kind: 'garbage state vector',
			frame: syncStep1(bytes(1 + r.int(30))),
			expect: [CLOSE.invalidPayload, 'open']
		});
	return frames;
}

async function attack(relay: TestRelay, token: string, h: Hostile): Promise<string> {
	const c = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
	try {
		await c.until((m) => m.length > 0);
		c.ws.send(h.frame, { binary: typeof h.frame !== 'string' });
		// A probe after the hostile frame: answered only if the relay kept the socket open.
		c.send(syncStep1());
		const before = c.messages.length;
		await c.until((m) => m.length > before, 2000);
		if (c.closed) return String(c.closed.code);
		return 'open';
	} finally {
		c.close();
	}
}

function heapAfterGc(): number {
	setFlagsFromString('--expose-gc');
	const gc = runInNewContext('gc') as () => void;
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

describe('relay under hostile input', () => {
	const dir = tempDir();
	let relay: TestRelay;
	let token: string;
	let watchers: Client[] = [];

	beforeAll(async () => {
		relay = await startRelay({
			dataDir: dir.path,
			patch: (c) => {
				c.limits.messagesPerSecond = 100;
				c.limits.messageBurst = 200;
				c.limits.maxConnectionsPerIp = 64;
				c.limits.maxBufferedBytes = 2 * 1024 * 1024;
			}
		});
		token = await adminToken(relay.http);
		watchers = [connectClient(relay.ws, ROOM, token), connectClient(relay.ws, ROOM, token)];
		await Promise.all(watchers.map(synced));
	});
	afterAll(async () => {
		for (const w of watchers) w.destroy();
		await relay.stop();
		dir.remove();
	});

	it(`[R40] [R41] [R42] [R21] [R22] [R23] survives 1,400+ hostile frames per round without growing (seed ${SEED})`, async () => {
		const [a, b] = watchers as [Client, Client];
		let written = 0;
		const wrong: string[] = [];
		const heap: number[] = [];
		for (let round = 0; round < 2; round++) {
			const frames = hostileFrames(SEED + round);
			expect(frames.length).toBeGreaterThanOrEqual(1000);
			for (let i = 0; i < frames.length; i += 16) {
				const chunk = frames.slice(i, i + 16);
				const outcomes = await Promise.all(chunk.map((h) => attack(relay, token, h)));
				outcomes.forEach((o, j) => {
					const h = chunk[j]!;
					if (!h.expect.map(String).includes(o)) wrong.push(`${h.kind} #${i + j}: ${o}`);
				});
				// Well-behaved clients keep working in the middle of the attack.
				a.journal.push([journalEvent('admin', written++)]);
			}
			await waitFor(() => b.journal.length === written, { what: 'watcher b to receive every good write' });
			heap.push(heapAfterGc());
		}
		expect(wrong, `seed ${SEED}`).toEqual([]);
		expect(a.journal.toJSON()).toEqual(b.journal.toJSON());
		const health = await fetch(`${relay.http}/healthz`);
		expect(health.status).toBe(200);
		// Memory: the second round may not keep what the first left behind (allowing GC noise).
		expect(heap[1]! - heap[0]!).toBeLessThan(16 * 1024 * 1024);
		const refusals = relay.logs.filter((l) => l.msg === 'update refused');
		expect(refusals.length).toBeGreaterThanOrEqual(2 * (100 + 120 + 50 + 50));
		for (const l of refusals)
			expect(l).toMatchObject({ user: 'admin', room: ROOM, reason: expect.any(String) });
	});

	it('[R40] closes oversize payloads with 1009 and keeps serving', async () => {
		for (let i = 0; i < 3; i++) {
			const c = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
			c.ws.send(new Uint8Array(1024 * 1024 + 1 + i));
			expect((await c.waitClosed()).code).toBe(CLOSE.tooBig);
		}
		const c = connectClient(relay.ws, ROOM, token);
		await synced(c);
		c.destroy();
	});

	it('[R43] closes a flooding connection with 1008', async () => {
		const c = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
		const query = encodeMessage((e) => encoding.writeVarUint(e, 3));
		for (let i = 0; i < 1000 && c.ws.readyState === c.ws.OPEN; i++) c.ws.send(query);
		expect((await c.waitClosed()).code).toBe(CLOSE.policy);
		expect(relay.logs.some((l) => l.reason === 'rate limit')).toBe(true);
	});

	it('[R44] caps connections per IP and frees the slots when they close', async () => {
		const open = relay.relay.connections.size;
		const sockets = await Promise.all(
			Array.from({ length: 70 }, () => RawClient.open(`${relay.ws}/${ROOM}?token=${token}`))
		);
		const accepted = sockets.filter((s) => s.ws.readyState === WebSocket.OPEN);
		expect(accepted.length).toBe(64 - open);
		expect(relay.logs.some((l) => l.reason === 'too many connections from this address')).toBe(true);
		for (const s of sockets) s.close();
		await waitFor(() => relay.relay.connections.size === open, { what: 'slots freed' });
		const again = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
		expect(again.ws.readyState).toBe(WebSocket.OPEN);
		again.close();
	});
	it('[R42] closes a reader that lets more than its backlog cap pile up, and only that one', async () => {
		const room = 't/demo/b/B02/2026-02';
		const reader = await RawClient.open(`${relay.ws}/${room}?token=${token}`);
		await reader.until((m) => m.length > 0);
		reader.ws.pause();
		const watcher = connectClient(relay.ws, room, token);
		await synced(watcher);
		const writer = await RawClient.open(`${relay.ws}/${room}?token=${token}`);
		await writer.until((m) => m.length > 0);
		const doc = new Y.Doc();
		const big = 'x'.repeat(200_000);
		// 16 MB through a reader that reads nothing: more than the kernel's buffers and the 2 MiB cap.
		for (let i = 0; i < 80; i++)
			writer.send(syncUpdate(journalUpdate([journalEvent('admin', i, { big })], doc)));
		await waitFor(() => relay.logs.some((l) => l.reason === 'reader too slow'), {
			timeout: 20_000,
			what: 'slow reader closed'
		});
		expect(relay.logs.find((l) => l.reason === 'reader too slow')).toMatchObject({
			user: 'admin',
			room,
			code: CLOSE.policy
		});
		// The well-behaved client of the same room got everything.
		await waitFor(() => watcher.journal.length === 80, { timeout: 20_000, what: 'watcher to catch up' });
		expect(writer.closed).toBeNull();
		reader.close();
		writer.close();
		watcher.destroy();
	});

	it('[R42] closes a connection that announces more than 8 awareness ids', async () => {
		const c = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
		await c.until((m) => m.length > 0);
		const update = encodeMessage((e) => {
			encoding.writeVarUint(e, 9);
			for (let id = 1; id <= 9; id++) {
				encoding.writeVarUint(e, 1_000_000 + id);
				encoding.writeVarUint(e, 1);
				encoding.writeVarString(e, JSON.stringify({ user: 'x' }));
			}
		});
		c.send(
			encodeMessage((e) => {
				encoding.writeVarUint(e, 1);
				encoding.writeVarUint8Array(e, update);
			})
		);
		expect((await c.waitClosed()).code).toBe(CLOSE.policy);
		expect(relay.logs.some((l) => l.reason === 'too many awareness clients' && l.user === 'admin')).toBe(
			true
		);
		// Its awareness states left with it.
		const [a] = watchers as [Client];
		const announced = (id: number) => id > 1_000_000 && id <= 1_000_009;
		await waitFor(() => ![...a.provider.awareness.getStates().keys()].some(announced), {
			what: 'awareness states removed'
		});
	});

	it('[R56] logs every refused connection, request and frame with address and reason', async () => {
		const before = relay.logs.length;
		const newLogs = () => relay.logs.slice(before);
		const expectLogged = async (what: string, match: Record<string, unknown>) => {
			await waitFor(() => newLogs().some((l) => Object.entries(match).every(([k, v]) => l[k] === v)), {
				what: `a log line for ${what}`
			});
		};
		// Oversize frame (ws refuses it before we see it).
		const big = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
		big.ws.send(new Uint8Array(1024 * 1024 + 10));
		expect((await big.waitClosed()).code).toBe(CLOSE.tooBig);
		await expectLogged('oversize', {
			msg: 'connection closed',
			code: CLOSE.tooBig,
			user: 'admin',
			room: ROOM
		});
		// Text frame, malformed message.
		for (const [frame, code] of [
			['hello', CLOSE.unsupportedData],
			[new Uint8Array([7, 1, 2]), CLOSE.invalidPayload]
		] as const) {
			const c = await RawClient.open(`${relay.ws}/${ROOM}?token=${token}`);
			c.ws.send(frame, { binary: typeof frame !== 'string' });
			expect((await c.waitClosed()).code).toBe(code);
			await expectLogged(`close ${code}`, { msg: 'connection closed', code, user: 'admin', room: ROOM });
		}
		// Upgrades: wrong path, no session, unknown room.
		await RawClient.open(`${relay.ws.replace('/sync', '/elsewhere')}/x`);
		await expectLogged('wrong path', { msg: 'connection refused', reason: 'not a sync path' });
		const anon = await RawClient.open(`${relay.ws}/${ROOM}?token=nope`);
		await anon.waitClosed();
		await expectLogged('bad token', { msg: 'connection refused', room: ROOM, reason: 'session unknown' });
		// HTTP: malformed login, unknown session on logout, wrong current password, snapshot of no room.
		const post = (path: string, body: string, auth?: string) =>
			fetch(`${relay.http}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
				body
			});
		expect((await post('/api/login', 'not json')).status).toBe(400);
		await expectLogged('bad login body', { msg: 'request refused', status: 400, path: '/api/login' });
		expect((await post('/api/logout', '{}', 'no-such-token')).status).toBe(401);
		await expectLogged('logout', { msg: 'request refused', status: 401, path: '/api/logout' });
		const pw = await post(
			'/api/password',
			JSON.stringify({ oldPassword: 'wrong!!!', newPassword: 'whatever 123' }),
			token
		);
		expect(pw.status).toBe(401);
		await expectLogged('password', { msg: 'request refused', status: 401, user: 'admin', company: 'demo' });
		const snap = await fetch(`${relay.http}/api/snapshot/t/demo/nothing`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(snap.status).toBe(404);
		await expectLogged('snapshot', { msg: 'request refused', status: 404, room: 't/demo/nothing' });
		for (const l of newLogs())
			if (l.msg.endsWith('refused') || l.msg === 'connection closed') {
				expect(l.level, JSON.stringify(l)).toBe('warn');
				expect(l.reason, JSON.stringify(l)).toEqual(expect.any(String));
				if (l.msg !== 'login refused') expect(l.ip, JSON.stringify(l)).toEqual(expect.any(String));
			}
	});
});
