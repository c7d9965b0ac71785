import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	adminToken,
	connectClient,
	journalEvent,
	login,
	startRelay,
	synced,
	tempDir,
	waitFor,
	type TestRelay
} from './relay-helpers';

describe('relay HTTP side and room lifecycle', () => {
	const dir = tempDir();
	const staticDir = join(dir.path, 'build');
	let relay: TestRelay;
	let token: string;

	beforeAll(async () => {
		mkdirSync(join(staticDir, '_app/immutable'), { recursive: true });
		writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>JXC</title>');
		writeFileSync(join(staticDir, '_app/immutable/app.js'), 'export {};');
		relay = await startRelay({
			dataDir: join(dir.path, 'data'),
			patch: (c) => {
				c.staticDir = staticDir;
				c.roomIdleMs = 100;
				c.compactEvery = 5;
			}
		});
		token = await adminToken(relay.http);
	});
	afterAll(async () => {
		await relay.stop();
		dir.remove();
	});

	it('[R50] answers /healthz with the epoch and counts', async () => {
		const res = await fetch(`${relay.http}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ ok: true, epoch: relay.relay.store.getEpoch(), connections: 0 });
	});

	it('[R51] serves the built app with an SPA fallback, and never outside its folder', async () => {
		const index = await fetch(`${relay.http}/`);
		expect(index.headers.get('content-type')).toContain('text/html');
		expect(await index.text()).toContain('<title>JXC</title>');
		expect(await (await fetch(`${relay.http}/sales/new`)).text()).toContain('<title>JXC</title>');
		const asset = await fetch(`${relay.http}/_app/immutable/app.js`);
		expect(asset.headers.get('cache-control')).toContain('immutable');
		expect((await fetch(`${relay.http}/missing.js`)).status).toBe(404);
		expect((await fetch(`${relay.http}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
		expect((await fetch(`${relay.http}/api/nothing`)).status).toBe(404);
	});

	it('[R54] downloads a snapshot of a room the user may read, and only that', async () => {
		const room = 't/demo/finance/2025-12';
		const c = connectClient(relay.ws, room, token, { track: true });
		await synced(c);
		c.journal.push([journalEvent('admin', 1), journalEvent('admin', 2)]);
		await c.tracker!.whenSaved();
		c.destroy();
		const res = await fetch(`${relay.http}/api/snapshot/${room}`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('x-jxc-epoch')).toBe(relay.relay.store.getEpoch());
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
		expect(doc.getArray('j').length).toBe(2);
		expect((await fetch(`${relay.http}/api/snapshot/${room}`)).status).toBe(401);
		await relay.relay.auth.createUser({
			tenant: 'demo',
			username: 'keeper',
			password: 'warehouse pw 1',
			roles: [{ role: 'warehouse', branches: ['B01'] }]
		});
		const keeper = (await login(relay.http, 'demo', 'keeper', 'warehouse pw 1')).body.token!;
		const denied = await fetch(`${relay.http}/api/snapshot/${room}`, {
			headers: { authorization: `Bearer ${keeper}` }
		});
		expect(denied.status).toBe(403);
		const bad = await fetch(`${relay.http}/api/snapshot/t/demo/nope`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(bad.status).toBe(404);
	});

	it('[R27] loads rooms on demand, compacts them, and unloads idle ones', async () => {
		const room = 't/demo/b/B07/2026-08';
		const c = connectClient(relay.ws, room, token, { track: true });
		await synced(c);
		expect(relay.relay.rooms.rooms.has(room)).toBe(true);
		for (let i = 0; i < 12; i++) {
			c.journal.push([journalEvent('admin', i)]);
			await c.tracker!.whenSaved();
		}
		expect(relay.relay.store.loadRoom(room).snapshotSeq).toBeGreaterThanOrEqual(10);
		c.destroy();
		await waitFor(() => !relay.relay.rooms.rooms.has(room), { what: 'idle room unloaded' });
		const stored = relay.relay.store.loadRoom(room);
		expect(stored.snapshotSeq).toBe(12);
		expect(stored.updates).toEqual([]);
		const d = connectClient(relay.ws, room, token);
		await synced(d);
		await waitFor(() => d.journal.length === 12, { what: 'reloaded room' });
		d.destroy();
	});
});
