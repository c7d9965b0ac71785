import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeEvent } from '../../src/lib/domain/codec';
import { JOURNAL_ROOT } from '../../src/lib/domain/journal-format';
import {
	adminToken,
	connectClient,
	login,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type TestRelay
} from './relay-helpers';

describe('role changes as server-authored events', () => {
	const dir = tempDir();
	let relay: TestRelay;
	beforeAll(async () => {
		relay = await startRelay({ dataDir: dir.path, patch: (c) => (c.publishRolesMs = 50) });
	});
	afterAll(async () => {
		await relay.stop();
		dir.remove();
	});

	it('[R28] publishes every role change into the master partition as user.roles.set by the relay', async () => {
		const token = await adminToken(relay.http);
		const master = connectClient(relay.ws, 't/demo/master', token);
		await synced(master);
		const roleEvents = () =>
			master.journal
				.toArray()
				.map((t) => decodeEvent(t))
				.flatMap((r) => (r.ok && r.event.type === 'user.roles.set' ? [r.event] : []));
		// The bootstrap owner was published at start.
		await waitFor(() => roleEvents().length === 1, { what: 'bootstrap role event' });
		expect(roleEvents()[0]).toMatchObject({
			user: 'relay',
			payload: { user: 'admin', roles: ['owner'], branches: [] }
		});

		await relay.relay.auth.createUser({
			tenant: 'demo',
			username: 'clerk',
			password: 'clerk password',
			roles: [
				{ role: 'sales', branches: ['B02', 'B01'] },
				{ role: 'warehouse', branches: ['B01'] }
			]
		});
		relay.relay.store.updateUser('demo', 'clerk', { disabled: true });
		await waitFor(() => roleEvents().length === 3, { what: 'clerk role events' });
		const [, created, disabled] = roleEvents()
			.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
			.map((e) => e.payload);
		expect(created).toEqual({
			user: 'clerk',
			name: 'clerk',
			roles: ['sales', 'warehouse'],
			branches: ['B01', 'B02']
		});
		expect(disabled).toMatchObject({ user: 'clerk', roles: [] });
		expect(relay.relay.store.pendingRoleChanges()).toEqual([]);
		const stored = relay.relay.store.updatesSince('t/demo/master', 0);
		expect(stored.every((u) => u.user === 'relay')).toBe(true);
		master.destroy();
	});

	it('[R28] reserves the name "relay": nobody can log in as the author of server events', async () => {
		await expect(
			relay.relay.auth.createUser({ tenant: 'demo', username: 'relay', password: 'whatever pw', roles: [] })
		).rejects.toThrow(/invalid username/);
	});
});

describe('a grant is in the journal before its user can write', () => {
	const dir = tempDir();
	let relay: TestRelay;
	beforeAll(async () => {
		// No publishing round in the test's time: only the login itself can publish.
		relay = await startRelay({ dataDir: dir.path, patch: (c) => (c.publishRolesMs = 3_600_000) });
	});
	afterAll(async () => {
		await relay.stop();
		dir.remove();
	});

	it('[R28] a login publishes pending role changes first, dated when the change was made', async () => {
		const before = Date.now();
		await relay.relay.auth.createUser({
			tenant: 'demo',
			username: 'newowner',
			password: 'new owner password',
			roles: [{ role: 'owner', branches: null }]
		});
		const changedAt = relay.relay.store
			.pendingRoleChanges()
			.find((c) => c.username === 'newowner')?.changedAt;
		expect(changedAt).toBeGreaterThanOrEqual(before);
		// A user who signs in at once, and writes at once, must not be ahead of their own grant.
		await new Promise((r) => setTimeout(r, 20));
		const { status, body } = await login(relay.http, 'demo', 'newowner', 'new owner password');
		expect(status).toBe(200);
		const grants = relay.relay.store
			.updatesSince('t/demo/master', 0)
			.flatMap((u) => {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, u.update);
				return doc.getArray(JOURNAL_ROOT).toArray();
			})
			.map((t) => decodeEvent(t))
			.flatMap((r) => (r.ok && r.event.type === 'user.roles.set' ? [r.event] : []))
			.filter((e) => e.payload.user === 'newowner');
		expect(body.token).toBeTruthy();
		expect(grants).toHaveLength(1);
		expect(grants[0]!.hlc.wall).toBe(changedAt);
		expect(relay.relay.store.pendingRoleChanges()).toEqual([]);
	});
});
