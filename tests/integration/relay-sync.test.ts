import { describe, expect, it } from 'vitest';
import { journalEvent, relayFixture, synced, waitFor } from './relay-helpers';

const ROOM = 't/demo/b/B01/2026-01';

describe('relay sync with stock y-websocket clients', () => {
	const f = relayFixture();
	const { client } = f;

	it('[R24] two clients sync a journal room; a late third receives everything', async () => {
		const a = client(f.relay.ws, ROOM, f.token);
		const b = client(f.relay.ws, ROOM, f.token);
		await Promise.all([synced(a), synced(b)]);
		a.journal.push([journalEvent('admin', 1)]);
		b.journal.push([journalEvent('admin', 2), journalEvent('admin', 3)]);
		await waitFor(() => a.journal.length === 3 && b.journal.length === 3, { what: 'a and b converge' });
		const c = client(f.relay.ws, ROOM, f.token);
		await synced(c);
		await waitFor(() => c.journal.length === 3, { what: 'late client' });
		expect(c.journal.toJSON()).toEqual(a.journal.toJSON());
	});

	it('[R24] relays awareness (presence) between clients, and removes it when a client leaves', async () => {
		const a = client(f.relay.ws, ROOM, f.token);
		const b = client(f.relay.ws, ROOM, f.token);
		await Promise.all([synced(a), synced(b)]);
		a.provider.awareness.setLocalStateField('user', { name: 'clerk A' });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'clerk A', {
			what: "a's presence at b"
		});
		a.provider.disconnect();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), {
			what: "a's presence gone at b"
		});
	});

	it('[R25] acknowledges saved updates to a tracking client', async () => {
		const t = client(f.relay.ws, ROOM, f.token, { track: true });
		await synced(t);
		expect(t.tracker!.status.epoch).toBe(f.relay.relay.store.getEpoch());
		t.journal.push([journalEvent('admin', 4)]);
		expect(t.tracker!.status.saved).toBe(false);
		expect(t.tracker!.status.pending).toBe(1);
		await t.tracker!.whenSaved();
		expect(t.tracker!.status.pending).toBe(0);
		const stored = f.relay.relay.store.updatesSince(ROOM, 0);
		expect(stored.at(-1)!.user).toBe('admin');
	});

	it('[R24] a restarted relay still has the room', async () => {
		await f.restart();
		const d = client(f.relay.ws, ROOM, f.token);
		await synced(d);
		await waitFor(() => d.journal.length === 4, { what: 'room after restart' });
		expect(
			d.journal
				.toJSON()
				.map((e) => (e[7] as { n: number }).n)
				.sort()
		).toEqual([1, 2, 3, 4]);
	});
});
