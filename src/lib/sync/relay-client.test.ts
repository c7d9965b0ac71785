import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as server from '../../../server/protocol';
import { journalEvent, login, relayFixture, synced, waitFor } from '../../../tests/integration/relay-helpers';
import { MESSAGE_EPOCH, MESSAGE_REFUSED, MESSAGE_SAVED, type SavedStatus } from './relay-client';

const ROOM = 't/demo/b/B01/2026-06';

describe('relay client: saved-on-server tracking', () => {
	const f = relayFixture(async (r) => {
		await r.relay.auth.createUser({
			tenant: 'demo',
			username: 'fin',
			password: 'finance password',
			roles: [{ role: 'finance', branches: null }]
		});
	});
	const { client } = f;

	it('[R30] uses the same message numbers as the relay', () => {
		expect([MESSAGE_SAVED, MESSAGE_EPOCH, MESSAGE_REFUSED]).toEqual([
			server.MESSAGE_SAVED,
			server.MESSAGE_EPOCH,
			server.MESSAGE_REFUSED
		]);
	});

	it('[R31] counts pending events until the relay acknowledges them, then reports saved', async () => {
		const c = client(f.relay.ws, ROOM, f.token, { track: true });
		const seen: SavedStatus[] = [];
		c.tracker!.subscribe((s) => seen.push(s));
		await synced(c);
		await c.tracker!.whenSaved();
		c.doc.transact(() => {
			for (let i = 0; i < 5; i++) c.journal.push([journalEvent('admin', i)]);
		});
		expect(c.tracker!.status).toMatchObject({ saved: false, pending: 5, connected: true });
		await c.tracker!.whenSaved();
		expect(c.tracker!.status.pending).toBe(0);
		expect(seen.some((s) => s.pending === 5)).toBe(true);
		// Offline edits stay pending and are saved after reconnecting.
		c.provider.disconnect();
		c.journal.push([journalEvent('admin', 6)]);
		expect(c.tracker!.status).toMatchObject({ saved: false, pending: 1, connected: false });
		c.provider.connect();
		await c.tracker!.whenSaved();
		expect(f.relay.relay.rooms.get(ROOM).doc.getArray('j').length).toBe(6);
	});

	it('[R31] counts what the relay relays as on the relay, also when this device already had it', async () => {
		const room = 't/demo/b/B01/2026-05';
		const a = client(f.relay.ws, room, f.token, { track: true });
		const b = client(f.relay.ws, room, f.token, { track: true });
		await Promise.all([synced(a), synced(b)]);
		const before = b.journal.length;
		// Relayed only: read from the transaction that applied it.
		a.journal.push([journalEvent('admin', 100)]);
		await waitFor(() => b.journal.length === before + 1, { what: 'relayed event' });
		expect(b.tracker!.status).toMatchObject({ saved: true, pending: 0 });
		// Had already, from elsewhere (another tab): pending until the relay is known to hold it too.
		const sv = Y.encodeStateVector(b.doc);
		a.journal.push([journalEvent('admin', 101)]);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, sv));
		expect(b.tracker!.status).toMatchObject({ saved: false, pending: 1 });
		await waitFor(() => b.tracker!.status.saved, { what: 'relayed duplicate counted as saved' });
	});

	it('[R31] never reports saved for a read-only connection whose writes the relay dropped', async () => {
		const { body } = await login(f.relay.http, 'demo', 'fin', 'finance password');
		const c = client(f.relay.ws, ROOM, body.token!, { track: true });
		await synced(c);
		c.journal.push([journalEvent('fin', 1)]);
		await new Promise((r) => setTimeout(r, 300));
		expect(c.tracker!.status).toMatchObject({ saved: false, pending: 1 });
	});

	it('[R33] reports a refusal and stops reconnecting', async () => {
		const c = client(f.relay.ws, ROOM, f.token, { track: true });
		await synced(c);
		c.doc.getMap('not-the-journal').set('x', 1);
		await waitFor(() => c.tracker!.status.refused !== null, { what: 'refusal' });
		expect(c.tracker!.status.refused!.code).toBe('root');
		// The close frame follows the refusal message by a round trip.
		await waitFor(() => !c.provider.shouldConnect, { what: 'provider to stop reconnecting' });
	});

	it('[R32] a device that knows another epoch is refused before it can push anything', async () => {
		const c = client(f.relay.ws, ROOM, f.token, { track: true, epoch: 'ffffffffffffffff' });
		c.journal.push([journalEvent('admin', 99)]);
		await waitFor(() => c.tracker!.status.refused !== null, { what: 'epoch refusal' });
		expect(c.tracker!.status.refused!.code).toBe('epoch');
		expect(f.relay.relay.rooms.get(ROOM).doc.getArray('j').length).toBe(6);
	});
});
