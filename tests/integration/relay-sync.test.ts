import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	adminToken,
	connectClient,
	journalEvent,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type Client,
	type TestRelay
} from './relay-helpers';

const ROOM = 't/demo/b/B01/2026-01';

describe('relay sync with stock y-websocket clients', () => {
	const dir = tempDir();
	let relay: TestRelay;
	let token: string;
	const clients: Client[] = [];
	const client = (...args: Parameters<typeof connectClient>) => {
		const c = connectClient(...args);
		clients.push(c);
		return c;
	};

	beforeAll(async () => {
		relay = await startRelay({ dataDir: dir.path });
		token = await adminToken(relay.http);
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await relay.stop();
		dir.remove();
	});

	it('[R24] two clients sync a journal room; a late third receives everything', async () => {
		const a = client(relay.ws, ROOM, token);
		const b = client(relay.ws, ROOM, token);
		await Promise.all([synced(a), synced(b)]);
		a.journal.push([journalEvent('admin', 1)]);
		b.journal.push([journalEvent('admin', 2), journalEvent('admin', 3)]);
		await waitFor(() => a.journal.length === 3 && b.journal.length === 3, { what: 'a and b converge' });
		const c = client(relay.ws, ROOM, token);
		await synced(c);
		await waitFor(() => c.journal.length === 3, { what: 'late client' });
		expect(c.journal.toJSON()).toEqual(a.journal.toJSON());
	});

	it('[R25] acknowledges saved updates to a tracking client', async () => {
		const t = client(relay.ws, ROOM, token, { track: true });
		await synced(t);
		expect(t.tracker!.status.epoch).toBe(relay.relay.store.getEpoch());
		t.journal.push([journalEvent('admin', 4)]);
		expect(t.tracker!.status.saved).toBe(false);
		expect(t.tracker!.status.pending).toBe(1);
		await t.tracker!.whenSaved();
		expect(t.tracker!.status.pending).toBe(0);
		const stored = relay.relay.store.updatesSince(ROOM, 0);
		expect(stored.at(-1)!.user).toBe('admin');
	});

	it('[R24] a restarted relay still has the room', async () => {
		for (const c of clients.splice(0)) c.destroy();
		await relay.stop();
		relay = await startRelay({ dataDir: dir.path });
		const d = client(relay.ws, ROOM, token);
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
