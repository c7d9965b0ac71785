/**
 * The storage contract (rules ST1–ST9 in docs/RELAY.md), run against every RelayStore adapter, in the
 * manner of tldraw's storageContractSuite. An adapter passes this suite or it does not ship.
 */
import { describe, expect, it } from 'vitest';
import type { RelayStore, UserRecord } from './types';

const bytes = (...n: number[]) => new Uint8Array(n);

const user = (tenant: string, username: string): UserRecord => ({
	tenant,
	username,
	displayName: username.toUpperCase(),
	passwordHash: 'scrypt$10$8$1$c2FsdA$aGFzaA',
	roles: [{ role: 'sales', branches: ['B01'] }],
	disabled: false,
	createdAt: 1000,
	passwordChangedAt: 0
});

export function storeContractSuite(
	name: string,
	makeStore: () => { store: RelayStore; cleanup?: () => void }
): void {
	describe(`store contract: ${name}`, () => {
		const withStore = (fn: (s: RelayStore) => void | Promise<void>) => async () => {
			const { store, cleanup } = makeStore();
			try {
				await fn(store);
			} finally {
				store.close();
				cleanup?.();
			}
		};

		it(
			'[ST1] numbers updates per room from 1, in batch order',
			withStore((s) => {
				expect(
					s.appendUpdates([
						{ room: 'a', update: bytes(1), user: 'u', receivedAt: 1 },
						{ room: 'b', update: bytes(2), user: 'u', receivedAt: 2 },
						{ room: 'a', update: bytes(3), user: 'v', receivedAt: 3 }
					])
				).toEqual([1, 1, 2]);
				expect(s.appendUpdates([{ room: 'a', update: bytes(4), user: 'u', receivedAt: 4 }])).toEqual([3]);
				expect(s.appendUpdates([])).toEqual([]);
			})
		);

		it(
			'[ST2] loads a room as its updates in sequence order, byte for byte, with author and time',
			withStore((s) => {
				s.appendUpdates([
					{ room: 'a', update: bytes(1, 2), user: 'u', receivedAt: 10 },
					{ room: 'a', update: bytes(3), user: 'v', receivedAt: 11 }
				]);
				const room = s.loadRoom('a');
				expect(room.snapshot).toBeNull();
				expect(room.snapshotSeq).toBe(0);
				expect(room.updates.map((u) => [u.seq, [...u.update], u.user, u.receivedAt])).toEqual([
					[1, [1, 2], 'u', 10],
					[2, [3], 'v', 11]
				]);
			})
		);

		it(
			'[ST3] a snapshot replaces the older one and hides the updates it covers, but the receipt log keeps them',
			withStore((s) => {
				s.appendUpdates([1, 2, 3].map((n) => ({ room: 'a', update: bytes(n), user: 'u', receivedAt: n })));
				s.writeSnapshot('a', bytes(9), 1);
				s.writeSnapshot('a', bytes(8, 8), 2);
				const room = s.loadRoom('a');
				expect([...room.snapshot!]).toEqual([8, 8]);
				expect(room.snapshotSeq).toBe(2);
				expect(room.updates.map((u) => u.seq)).toEqual([3]);
				expect(s.updatesSince('a', 0).map((u) => u.seq)).toEqual([1, 2, 3]);
				expect(s.appendUpdates([{ room: 'a', update: bytes(4), user: 'u', receivedAt: 4 }])).toEqual([4]);
			})
		);

		it(
			'[ST4] lists the rooms that have updates or a snapshot',
			withStore((s) => {
				s.appendUpdates([{ room: 't/x/master', update: bytes(1), user: 'u', receivedAt: 1 }]);
				s.writeSnapshot('t/x/finance/2026-01', bytes(1), 0);
				expect(s.listRooms()).toEqual(['t/x/finance/2026-01', 't/x/master']);
			})
		);

		it(
			'[ST5] has a stable epoch',
			withStore((s) => {
				expect(s.getEpoch()).toMatch(/^[0-9a-f]{16}$/);
				expect(s.getEpoch()).toBe(s.getEpoch());
			})
		);

		it(
			'[ST6] keeps companies unique',
			withStore((s) => {
				s.createTenant({ code: 'b', name: 'B', createdAt: 1 });
				s.createTenant({ code: 'a', name: 'A', createdAt: 2 });
				expect(() => s.createTenant({ code: 'a', name: 'again', createdAt: 3 })).toThrow();
				expect(s.getTenant('a')).toEqual({ code: 'a', name: 'A', createdAt: 2 });
				expect(s.getTenant('zz')).toBeNull();
				expect(s.listTenants().map((t) => t.code)).toEqual(['a', 'b']);
			})
		);

		it(
			'[ST7] keeps users per company, unique, updated only through updateUser',
			withStore((s) => {
				s.createUser(user('a', 'bob'));
				s.createUser(user('b', 'bob'));
				s.createUser(user('a', 'amy'));
				expect(() => s.createUser(user('a', 'bob'))).toThrow();
				const got = s.getUser('a', 'bob')!;
				expect(got).toEqual(user('a', 'bob'));
				got.roles.push({ role: 'owner', branches: null });
				expect(s.getUser('a', 'bob')!.roles).toHaveLength(1);
				expect(s.updateUser('a', 'bob', { disabled: true, roles: [], passwordChangedAt: 5 })).toBe(true);
				expect(s.getUser('a', 'bob')).toMatchObject({ disabled: true, roles: [], passwordChangedAt: 5 });
				expect(s.getUser('b', 'bob')!.disabled).toBe(false);
				expect(s.updateUser('a', 'nobody', { disabled: true })).toBe(false);
				expect(s.listUsers('a').map((u) => u.username)).toEqual(['amy', 'bob']);
			})
		);

		it(
			'[ST8] stores sessions by token hash and ends them per user, all at once, or when stale',
			withStore((s) => {
				const session = (tokenHash: string, username: string, lastSeenAt: number, expiresAt: number) => ({
					tokenHash,
					tenant: 'a',
					username,
					createdAt: 0,
					lastSeenAt,
					expiresAt
				});
				s.createSession(session('h1', 'bob', 100, 1000));
				s.createSession(session('h2', 'bob', 100, 1000));
				s.createSession(session('h3', 'amy', 100, 1000));
				s.createSession(session('h4', 'amy', 100, 150));
				s.touchSession('h3', 400);
				expect(s.getSession('h3')!.lastSeenAt).toBe(400);
				expect(s.getSession('nope')).toBeNull();
				expect(s.deleteStaleSessions(200, 250)).toBe(1);
				expect(s.deleteStaleSessions(360, 250)).toBe(2);
				expect(s.getSession('h3')).not.toBeNull();
				s.createSession(session('h5', 'bob', 400, 1000));
				expect(s.deleteUserSessions('a', 'bob')).toBe(1);
				s.deleteSession('h3');
				expect(s.getSession('h3')).toBeNull();
				s.createSession(session('h6', 'amy', 400, 1000));
				expect(s.deleteAllSessions()).toBe(1);
			})
		);

		it(
			'[ST12] records a role change with every new user and every change of roles or disabled flag',
			withStore((s) => {
				expect(s.pendingRoleChanges()).toEqual([]);
				s.createUser(user('a', 'bob'));
				s.updateUser('a', 'bob', { displayName: 'Bob' });
				s.updateUser('a', 'bob', { roles: [{ role: 'finance', branches: null }] });
				s.updateUser('a', 'bob', { disabled: true });
				const pending = s.pendingRoleChanges();
				expect(pending.map((c) => [c.username, c.roles.map((g) => g.role), c.disabled])).toEqual([
					['bob', ['sales'], false],
					['bob', ['finance'], false],
					['bob', ['finance'], true]
				]);
				expect(new Set(pending.map((c) => c.id)).size).toBe(3);
				s.markRoleChangePublished(pending[0]!.id);
				expect(s.pendingRoleChanges().map((c) => c.id)).toEqual([pending[1]!.id, pending[2]!.id]);
			})
		);

		it(
			'[ST9] loads an unknown room as empty',
			withStore((s) => {
				expect(s.loadRoom('t/none/master')).toEqual({ snapshot: null, snapshotSeq: 0, updates: [] });
				expect(s.updatesSince('t/none/master', 0)).toEqual([]);
			})
		);
	});
}
