/**
 * R59–R61: an owner manages the company's users over HTTP (the app's 员工与权限 page): list, add with
 * roles scoped to branches, change roles, disable and enable, reset a password. Only owners, only their
 * own company; bad input is refused with a code; an owner cannot lock themselves out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../server/protocol';
import { adminToken, login, RawClient, startRelay, type TestRelay } from './relay-helpers';

let relay: TestRelay;
let owner: string;

beforeAll(async () => {
	relay = await startRelay();
	owner = await adminToken(relay.http);
});
afterAll(async () => {
	await relay.stop();
});

async function call(method: string, path: string, token: string | null, body?: unknown) {
	const res = await fetch(`${relay.http}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body !== undefined ? { 'content-type': 'application/json' } : {})
		},
		...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {})
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const CLERK = {
	username: 'clerk1',
	displayName: '小李',
	password: 'clerk-password-1',
	roles: [{ role: 'sales', branches: ['B01'] }]
};

describe('[R59] [R60] [R61] users managed by an owner', () => {
	it('adds a user with scoped roles, who then signs in with exactly those rooms', async () => {
		const added = await call('POST', '/api/users', owner, CLERK);
		expect(added).toEqual({
			status: 201,
			body: { user: { username: 'clerk1', displayName: '小李', roles: CLERK.roles, disabled: false } }
		});
		const list = await call('GET', '/api/users', owner);
		expect((list.body.users as { username: string }[]).map((u) => u.username).sort()).toEqual([
			'admin',
			'clerk1'
		]);
		const clerk = await login(relay.http, 'demo', 'clerk1', CLERK.password);
		expect(clerk.status).toBe(200);
		const patterns = clerk.body.rooms!.map((r) => r.pattern);
		expect(patterns).toContain('t/demo/b/B01/*');
		expect(patterns.some((p) => p.includes('B02'))).toBe(false);
		// The grant reaches the journal (user.roles.set, published by the relay).
		expect(relay.logs.some((l) => l.msg === 'role change published' && l.user === 'clerk1')).toBe(true);
	});

	it('refuses bad input with a code, and a name taken', async () => {
		const cases: [unknown, number, string][] = [
			[{ ...CLERK, username: 'bad name' }, 400, 'username'],
			[{ ...CLERK, username: 'relay' }, 400, 'username'],
			[{ ...CLERK, username: 'x2', password: 'short' }, 400, 'password'],
			[{ ...CLERK, username: 'x3', roles: [{ role: 'boss', branches: null }] }, 400, 'roles'],
			[{ ...CLERK, username: 'x4', roles: [{ role: 'owner', branches: ['B01'] }] }, 400, 'roles'],
			[{ ...CLERK, username: 'x5', roles: [{ role: 'sales', branches: [] }] }, 400, 'roles'],
			[{ ...CLERK, username: 'x6', displayName: '' }, 400, 'displayName'],
			[CLERK, 409, 'exists']
		];
		for (const [body, status, code] of cases) {
			const r = await call('POST', '/api/users', owner, body);
			expect([r.status, r.body.code], JSON.stringify(body)).toEqual([status, code]);
		}
		expect((await call('POST', '/api/users', owner, '{not json')).status).toBe(400);
		const list = await call('GET', '/api/users', owner);
		expect((list.body.users as unknown[]).length).toBe(2);
	});

	it('lets only an owner manage users', async () => {
		const clerk = await login(relay.http, 'demo', 'clerk1', CLERK.password);
		expect(await call('GET', '/api/users', clerk.body.token!)).toMatchObject({
			status: 403,
			body: { code: 'notOwner' }
		});
		expect((await call('POST', '/api/users', clerk.body.token!, { ...CLERK, username: 'x7' })).status).toBe(
			403
		);
		expect((await call('PATCH', '/api/users/admin', clerk.body.token!, { disabled: true })).status).toBe(403);
		expect((await call('GET', '/api/users', null)).status).toBe(401);
		expect((await call('GET', '/api/users', 'never-issued')).status).toBe(401);
	});

	it('changes roles (open sockets reconnect with the new access), disables, enables, resets a password', async () => {
		const first = await login(relay.http, 'demo', 'clerk1', CLERK.password);
		const socket = await RawClient.open(`${relay.ws}/t/demo/master?token=${first.body.token}`);
		await socket.until((m) => m.length > 0);
		const roles = [
			{ role: 'sales', branches: ['B01', 'B02'] },
			{ role: 'warehouse', branches: null }
		];
		expect(await call('PATCH', '/api/users/clerk1', owner, { roles, displayName: '李明' })).toEqual({
			status: 200,
			body: { user: { username: 'clerk1', displayName: '李明', roles, disabled: false } }
		});
		expect((await socket.waitClosed()).code).toBe(CLOSE.unauthorized);
		const me = await call('GET', '/api/me', first.body.token!);
		expect((me.body.user as { roles: unknown }).roles).toEqual(roles);

		expect((await call('PATCH', '/api/users/clerk1', owner, { disabled: true })).status).toBe(200);
		expect((await call('GET', '/api/me', first.body.token!)).status).toBe(401);
		expect((await login(relay.http, 'demo', 'clerk1', CLERK.password)).status).toBe(401);
		expect((await call('PATCH', '/api/users/clerk1', owner, { disabled: false })).status).toBe(200);
		const again = await login(relay.http, 'demo', 'clerk1', CLERK.password);
		expect(again.status).toBe(200);

		expect((await call('PATCH', '/api/users/clerk1', owner, { password: 'new-password-22' })).status).toBe(
			200
		);
		expect((await call('GET', '/api/me', again.body.token!)).status).toBe(401);
		expect((await login(relay.http, 'demo', 'clerk1', CLERK.password)).status).toBe(401);
		expect((await login(relay.http, 'demo', 'clerk1', 'new-password-22')).status).toBe(200);
	});

	it('refuses an owner locking themselves out, an unknown user and an empty or bad change', async () => {
		const cases: [string, unknown, number, string][] = [
			['admin', { disabled: true }, 409, 'self'],
			['admin', { roles: [{ role: 'manager', branches: null }] }, 409, 'self'],
			['nobody', { disabled: true }, 404, 'unknown'],
			['%E0%A4%A', { disabled: true }, 404, 'unknown'],
			['clerk1', {}, 400, 'body'],
			['clerk1', { disabled: 'yes' }, 400, 'body'],
			['clerk1', { password: 'short' }, 400, 'password'],
			['clerk1', { roles: [{ role: 'sales', branches: ['../x'] }] }, 400, 'roles']
		];
		for (const [user, body, status, code] of cases) {
			const r = await call('PATCH', `/api/users/${user}`, owner, body);
			expect([r.status, r.body.code], `${user} ${JSON.stringify(body)}`).toEqual([status, code]);
		}
		// The owner is still an owner, and can still sign in.
		expect((await login(relay.http, 'demo', 'admin', 'admin-password-1')).status).toBe(200);
	});
});
