import * as decoding from 'lib0/decoding';
import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashToken } from '../../server/auth/service';
import { hashPassword, verifyPassword } from '../../server/auth/password';
import { CLOSE, MESSAGE_SAVED } from '../../server/protocol';
import type { SqliteStore } from '../../server/store/sqlite';
import { ROLES, type Role, type RoleGrant } from '../../server/store/types';
import {
	ADMIN_PASSWORD,
	adminToken,
	journalEvent,
	journalUpdate,
	login,
	messageType,
	RawClient,
	startRelay,
	syncStep1,
	syncUpdate,
	tempDir,
	type TestRelay
} from './relay-helpers';

type Expect = 'none' | 'read' | 'write';
type Kind = 'master' | 'own-branch' | 'other-branch' | 'finance';

/** The matrix of docs/RELAY.md, written out by hand so that the test does not trust server/access.ts. */
const MATRIX: Record<Role, Record<'master' | 'branch' | 'finance', Expect>> = {
	owner: { master: 'write', branch: 'write', finance: 'write' },
	manager: { master: 'write', branch: 'write', finance: 'write' },
	purchasing: { master: 'write', branch: 'write', finance: 'read' },
	sales: { master: 'write', branch: 'write', finance: 'read' },
	warehouse: { master: 'read', branch: 'write', finance: 'none' },
	finance: { master: 'read', branch: 'read', finance: 'write' }
};

const TENANTS = ['demo', 'acme', 'zeta'];
const SEED_TYPE = 'test.seed';
const PASSWORD = 'correct horse 1';

interface Account {
	tenant: string;
	username: string;
	role: Role;
	scoped: boolean;
	token: string;
}

function expected(account: Account, tenant: string, kind: Kind): Expect {
	if (account.tenant !== tenant) return 'none';
	if (kind === 'master') return MATRIX[account.role].master;
	if (kind === 'finance') return MATRIX[account.role].finance;
	// Scoped accounts hold branch B01 only; an owner is always company-wide.
	if (kind === 'other-branch' && account.scoped && account.role !== 'owner') return 'none';
	return MATRIX[account.role].branch;
}

const ROOM_OF: Record<Kind, (t: string) => string> = {
	master: (t) => `t/${t}/master`,
	'own-branch': (t) => `t/${t}/b/B01/2026-03`,
	'other-branch': (t) => `t/${t}/b/B02/2026-03`,
	finance: (t) => `t/${t}/finance/2026-03`
};

/** Connects, tries one write, and reports what the relay allowed. */
async function probe(relay: TestRelay, account: Account, room: string, n: number): Promise<Expect> {
	const client = await RawClient.open(`${relay.ws}/${room}?token=${account.token}&ext=1`);
	try {
		const first = await client.until((m) => m.length >= 2, 3000);
		if (client.closed) {
			expect(client.closed.code, `${account.username} → ${room}`).toBe(CLOSE.forbidden);
			return 'none';
		}
		expect(first).toBe(true);
		// Only this account's updates count: the relay itself publishes role events into master rooms.
		const mine = () =>
			relay.relay.store.updatesSince(room, 0).filter((u) => u.user === account.username).length;
		const before = mine();
		client.send(syncUpdate(journalUpdate([journalEvent(account.username, n)])));
		client.send(syncStep1());
		// Our write is committed by the time this step 1 is answered (in the same turn at the latest); a
		// second step 1, sent after that answer, makes sure of it.
		const answers = () => client.messages.filter((x) => messageType(x) === 0).length;
		await client.until(() => answers() >= 2);
		client.send(syncStep1());
		await client.until(() => answers() >= 3);
		// The read half: the relay's answer to our step 1 carries the room, including the owner's seed event.
		const roomDoc = new Y.Doc();
		for (const m of client.messages) {
			const d = decoding.createDecoder(m);
			if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1)
				Y.applyUpdate(roomDoc, decoding.readVarUint8Array(d));
		}
		const seen = roomDoc
			.getArray<unknown[]>('j')
			.toArray()
			.some((e) => e[0] === SEED_TYPE);
		if (!seen) return 'none';
		const stored = mine() > before;
		if (!stored) return 'read';
		// A stored write is acknowledged once fsynced.
		const acked = await client.until((m) => m.some((x) => messageType(x) === MESSAGE_SAVED), 5000);
		expect(acked, `ack for ${account.username} → ${room}`).toBe(true);
		return 'write';
	} finally {
		client.close();
	}
}

/** The HTTP status of a WebSocket upgrade from a browser page at `origin` (101 when accepted). */
function upgradeStatus(url: string, origin: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers: { origin } });
		ws.on('error', () => {});
		ws.once('upgrade', (res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.once('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.destroy();
		});
	});
}

describe('relay authorization', () => {
	const dir = tempDir();
	let relay: TestRelay;
	const accounts: Account[] = [];

	beforeAll(async () => {
		relay = await startRelay({ dataDir: dir.path });
		const { auth, store } = relay.relay;
		for (const tenant of TENANTS) {
			if (!store.getTenant(tenant)) store.createTenant({ code: tenant, name: tenant, createdAt: Date.now() });
			for (const role of ROLES)
				for (const scoped of [false, true]) {
					const username = `${role}${scoped ? '-b01' : ''}`;
					const roles: RoleGrant[] = [{ role, branches: scoped ? ['B01'] : null }];
					await auth.createUser({ tenant, username, password: PASSWORD, roles });
					const { body } = await login(relay.http, tenant, username, PASSWORD);
					accounts.push({ tenant, username, role, scoped, token: body.token! });
				}
		}
		// One event in every room, written by its company's owner, for the read half of the matrix.
		for (const tenant of TENANTS) {
			const owner = accounts.find((a) => a.tenant === tenant && a.username === 'owner')!;
			for (const kind of Object.keys(ROOM_OF) as Kind[]) {
				const c = await RawClient.open(`${relay.ws}/${ROOM_OF[kind](tenant)}?token=${owner.token}&ext=1`);
				await c.until((m) => m.length >= 2);
				const event = journalEvent('owner', 0);
				event[0] = SEED_TYPE;
				c.send(syncUpdate(journalUpdate([event])));
				expect(await c.until((m) => m.some((x) => messageType(x) === MESSAGE_SAVED))).toBe(true);
				c.close();
			}
		}
	});
	afterAll(async () => {
		await relay.stop();
		dir.remove();
	});

	it('[R10] [R11] [R12] walks roles × room kinds × read/write across every pair of tenants', async () => {
		const outcomes: string[] = [];
		const wanted: string[] = [];
		let n = 0;
		for (const account of accounts)
			for (const tenant of TENANTS)
				for (const kind of Object.keys(ROOM_OF) as Kind[]) {
					const room = ROOM_OF[kind](tenant);
					const label = `${account.tenant}/${account.username} → ${room}`;
					wanted.push(`${label}: ${expected(account, tenant, kind)}`);
					outcomes.push(`${label}: ${await probe(relay, account, room, n++)}`);
				}
		expect(outcomes).toEqual(wanted);
		expect(outcomes.length).toBe(TENANTS.length * ROLES.length * 2 * TENANTS.length * 4);
		// Every refused write and connection was logged with user, room and reason.
		const refusals = relay.logs.filter((l) => l.msg === 'update refused' || l.msg === 'connection refused');
		expect(refusals.length).toBe(wanted.filter((w) => !w.endsWith('write')).length);
		for (const r of refusals) expect(r).toMatchObject({ user: expect.any(String), room: expect.any(String) });
	});

	it('[R13] login answers the room patterns the user may open', async () => {
		const { status, body } = await login(relay.http, 'acme', 'warehouse-b01', PASSWORD);
		expect(status).toBe(200);
		expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(body.user).toMatchObject({ company: 'acme', username: 'warehouse-b01' });
		expect(body.rooms).toEqual([
			{ pattern: 't/acme/master', access: 'read' },
			{ pattern: 't/acme/b/B01/*', access: 'write' }
		]);
		const owner = await login(relay.http, 'demo', 'admin', ADMIN_PASSWORD);
		expect(owner.body.rooms).toEqual([
			{ pattern: 't/demo/master', access: 'write' },
			{ pattern: 't/demo/finance/*', access: 'write' },
			{ pattern: 't/demo/b/*/*', access: 'write' }
		]);
	});

	it('[R1] login refuses wrong passwords, unknown users and other companies with 401', async () => {
		for (const [company, user, pw] of [
			['acme', 'sales', 'wrong password'],
			['acme', 'nobody', PASSWORD],
			['nowhere', 'sales', PASSWORD]
		] as const) {
			const { status, body } = await login(relay.http, company, user, pw);
			expect(status).toBe(401);
			expect(body.error).toBeTruthy();
		}
		const res = await fetch(`${relay.http}/api/login`, { method: 'POST', body: 'not json' });
		expect(res.status).toBe(400);
	});

	it('[R2] stores passwords as scrypt at OWASP parameters and sessions only as hashes', async () => {
		const hash = await hashPassword('some password', 17);
		expect(hash).toMatch(/^scrypt\$17\$8\$1\$/);
		expect(await verifyPassword('some password', hash)).toBe(true);
		expect(await verifyPassword('other password', hash)).toBe(false);
		const { body } = await login(relay.http, 'zeta', 'finance', PASSWORD);
		const db = (relay.relay.store as SqliteStore).db;
		const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
		expect(rows.some((r) => r.token_hash === body.token)).toBe(false);
		expect(rows.some((r) => r.token_hash === hashToken(body.token!))).toBe(true);
	});

	it('[R3] refuses tokens that were never issued, expired (absolute or idle), or revoked', async () => {
		const store = relay.relay.store;
		const now = Date.now();
		const make = (token: string, s: { lastSeenAt: number; expiresAt: number }) =>
			store.createSession({
				tokenHash: hashToken(token),
				tenant: 'acme',
				username: 'owner',
				createdAt: now - 1,
				...s
			});
		make('expired-token', { lastSeenAt: now, expiresAt: now - 1 });
		make('idle-token', { lastSeenAt: now - 8 * 24 * 3600_000, expiresAt: now + 3600_000 });
		const { body } = await login(relay.http, 'acme', 'owner', PASSWORD);
		const logout = await fetch(`${relay.http}/api/logout`, {
			method: 'POST',
			headers: { authorization: `Bearer ${body.token}` }
		});
		expect(logout.status).toBe(200);
		for (const token of ['never-issued-token', 'expired-token', 'idle-token', body.token!, '']) {
			const c = await RawClient.open(`${relay.ws}/t/acme/master?token=${token}`);
			expect((await c.waitClosed()).code, token).toBe(CLOSE.unauthorized);
		}
		const me = await fetch(`${relay.http}/api/me`, { headers: { authorization: `Bearer ${body.token}` } });
		expect(me.status).toBe(401);
	});

	it('[R4] logout and password change close open sockets and revoke every session of the user', async () => {
		const a = await login(relay.http, 'zeta', 'manager', PASSWORD);
		const b = await login(relay.http, 'zeta', 'manager', PASSWORD);
		const socket = await RawClient.open(`${relay.ws}/t/zeta/master?token=${a.body.token}`);
		await socket.until((m) => m.length > 0);
		const res = await fetch(`${relay.http}/api/password`, {
			method: 'POST',
			headers: { authorization: `Bearer ${b.body.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ oldPassword: PASSWORD, newPassword: 'a new password 2' })
		});
		expect(res.status).toBe(200);
		const fresh = ((await res.json()) as { token: string }).token;
		expect((await socket.waitClosed()).code).toBe(CLOSE.unauthorized);
		for (const token of [a.body.token, b.body.token]) {
			const c = await RawClient.open(`${relay.ws}/t/zeta/master?token=${token}`);
			expect((await c.waitClosed()).code).toBe(CLOSE.unauthorized);
		}
		const ok = await RawClient.open(`${relay.ws}/t/zeta/master?token=${fresh}`);
		expect(await ok.until((m) => m.length > 0)).toBe(true);
		ok.close();
		expect((await login(relay.http, 'zeta', 'manager', PASSWORD)).status).toBe(401);
	});

	it('[R5] a disabled user can neither log in nor connect', async () => {
		const { body } = await login(relay.http, 'zeta', 'sales', PASSWORD);
		relay.relay.store.updateUser('zeta', 'sales', { disabled: true });
		expect((await login(relay.http, 'zeta', 'sales', PASSWORD)).status).toBe(401);
		const c = await RawClient.open(`${relay.ws}/t/zeta/master?token=${body.token}`);
		expect((await c.waitClosed()).code).toBe(CLOSE.unauthorized);
	});

	it('[R6] repeated failures slow down without locking the account out', async () => {
		const attempt = async (pw: string) => {
			const t = Date.now();
			const { status } = await login(relay.http, 'demo', 'warehouse', pw);
			return { status, ms: Date.now() - t };
		};
		for (let i = 0; i < 3; i++) expect((await attempt('bad guess')).status).toBe(401);
		// Parallel guesses queue behind the growing delay (250 ms, then 500 ms) instead of running at once.
		const started = Date.now();
		const guesses = await Promise.all([attempt('x1'), attempt('x2')]);
		expect(guesses.map((g) => g.status)).toEqual([401, 401]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(700);
		// No lockout: the right password still works, after the delay.
		const right = await attempt(PASSWORD);
		expect(right.status).toBe(200);
		expect(right.ms).toBeGreaterThanOrEqual(900);
	});

	it('[R14] refuses upgrades from foreign origins and unknown room names', async () => {
		const { body } = await login(relay.http, 'acme', 'manager', PASSWORD);
		const foreign = await RawClient.open(`${relay.ws}/t/acme/master?token=${body.token}`, {
			origin: 'https://evil.example'
		});
		expect(foreign.ws.readyState).not.toBe(foreign.ws.OPEN);
		expect(await upgradeStatus(`${relay.ws}/t/acme/master?token=${body.token}`, 'https://evil.example')).toBe(
			403
		);
		const same = await RawClient.open(`${relay.ws}/t/acme/master?token=${body.token}`, {
			origin: relay.http
		});
		expect(same.ws.readyState).toBe(same.ws.OPEN);
		same.close();
		for (const room of ['t/acme/b/B01', 't/acme/master/x', 'x/acme/master', 't/acme/finance/2026-13']) {
			const c = await RawClient.open(`${relay.ws}/${room}?token=${body.token}`);
			expect((await c.waitClosed()).code, room).toBe(CLOSE.noSuchRoom);
		}
		expect(relay.logs.some((l) => l.reason === 'origin not allowed')).toBe(true);
		// JXC_ALLOWED_ORIGINS opens the door to exactly the origins it names.
		const other = await startRelay({ patch: (c) => (c.allowedOrigins = ['https://shop.example']) });
		try {
			const token = await adminToken(other.http);
			const url = `${other.ws}/t/demo/master?token=${token}`;
			expect(await upgradeStatus(url, 'https://shop.example')).toBe(101);
			expect(await upgradeStatus(url, 'https://shop.example.evil')).toBe(403);
			expect(await upgradeStatus(url, 'null')).toBe(403);
		} finally {
			await other.stop();
			rmSync(other.dataDir, { recursive: true, force: true });
		}
	});
});
