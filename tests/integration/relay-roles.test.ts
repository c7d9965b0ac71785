import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEvent } from '../../src/lib/domain/codec';
import {
	adminToken,
	connectClient,
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
