import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/protocol';
import { databasePath, SqliteStore } from '../../server/store/sqlite';
import {
	connectClient,
	freePort,
	journalEvent,
	login,
	spawnRelay,
	synced,
	tempDir,
	waitFor,
	type ChildRelay
} from './relay-helpers';

const ROOM = 't/demo/b/B01/2026-01';

describe('relay process', () => {
	const dir = tempDir();
	let child: ChildRelay | null = null;
	afterAll(async () => {
		if (child && child.child.exitCode === null) {
			child.child.kill('SIGKILL');
			await child.exited;
		}
		dir.remove();
	});

	it('[R7] [R55] [R56] creates demo/admin once with a printed password, logs JSON, and shuts down gracefully', async () => {
		const port = await freePort();
		child = await spawnRelay(dir.path, port, { JXC_ADMIN_PASSWORD: '' });
		const printed = /password ([A-Za-z0-9_-]{16})/.exec(child.output.join(''));
		expect(printed).not.toBeNull();
		const { status, body } = await login(child.http, 'demo', 'admin', printed![1]!);
		expect(status).toBe(200);
		const client = connectClient(child.ws, 't/demo/master', body.token!);
		await synced(client);
		const closes: number[] = [];
		client.provider.on('connection-close', (e) => closes.push(e?.code ?? 0));
		// A device writing right through the shutdown: whatever the relay took from it is committed and
		// acknowledged before its socket is closed.
		const writer = connectClient(child.ws, ROOM, body.token!, { track: true });
		await synced(writer);
		let writing = true;
		writer.provider.on('connection-close', () => (writing = false));
		const loop = (async () => {
			for (let n = 0; writing; n++) {
				writer.journal.push([journalEvent('admin', n)]);
				await new Promise((r) => setTimeout(r, 3));
			}
		})();
		await new Promise((r) => setTimeout(r, 300));
		await fetch(`${child.http}/healthz`);
		child.child.kill('SIGTERM');
		expect(await child.exited).toBe('0');
		await waitFor(() => closes.length > 0, { what: 'close event' });
		expect(closes[0]).toBe(CLOSE.goingAway);
		await loop;
		const claimed = writer.tracker!.serverState().get(writer.doc.clientID) ?? 0;
		const store = new SqliteStore(databasePath(dir.path), 'normal');
		const stored = store.loadRoom(ROOM);
		expect(stored.snapshot, 'loaded rooms are snapshotted at shutdown').not.toBeNull();
		const onDisk = new Y.Doc();
		Y.applyUpdate(onDisk, stored.snapshot!);
		for (const u of stored.updates) Y.applyUpdate(onDisk, u.update);
		store.close();
		expect(claimed).toBeGreaterThan(0);
		expect(Y.getState(onDisk.store, writer.doc.clientID), 'stored = acknowledged').toBe(claimed);
		writer.destroy();
		client.destroy();
		const lines = child.output
			.join('')
			.split('\n')
			.filter((l) => l.startsWith('{'));
		expect(lines.length).toBeGreaterThan(2);
		for (const l of lines)
			expect(JSON.parse(l)).toMatchObject({ time: expect.any(String), level: expect.any(String) });
		expect(lines.some((l) => l.includes('"relay stopped"'))).toBe(true);

		// A second start finds the company and prints no password.
		child = await spawnRelay(dir.path, port, { JXC_ADMIN_PASSWORD: '' });
		expect(child.output.join('')).not.toMatch(/password [A-Za-z0-9_-]{16}/);
		expect((await login(child.http, 'demo', 'admin', printed![1]!)).status).toBe(200);
		child.child.kill('SIGTERM');
		expect(await child.exited).toBe('0');
	});
});
