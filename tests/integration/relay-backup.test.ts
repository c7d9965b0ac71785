import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/protocol';
import { SqliteStore } from '../../server/store/sqlite';
import {
	adminToken,
	connectClient,
	freePort,
	journalEvent,
	ROOT,
	spawnRelay,
	synced,
	tempDir,
	TEST_SCRYPT_LOG2N,
	waitFor,
	type ChildRelay,
	type Client
} from './relay-helpers';

const run = promisify(execFile);
const ROOM = 't/demo/b/B01/2026-05';

function admin(dataDir: string, ...args: string[]) {
	return run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, JXC_DATA_DIR: dataDir, JXC_SCRYPT_LOG2N: String(TEST_SCRYPT_LOG2N) }
	});
}

function roomIn(file: string): Y.Doc {
	const store = new SqliteStore(file, 'normal');
	try {
		const doc = new Y.Doc();
		const stored = store.loadRoom(ROOM);
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(doc, u.update);
		return doc;
	} finally {
		store.close();
	}
}

describe('relay backup, restore and epoch', () => {
	const dir = tempDir();
	const backupFile = join(dir.path, 'backup.db');
	const dataDir = join(dir.path, 'data');
	let child: ChildRelay | null = null;
	const clients: Client[] = [];
	afterAll(async () => {
		for (const c of clients) c.destroy();
		if (child && child.child.exitCode === null) {
			child.child.kill('SIGKILL');
			await child.exited;
		}
		dir.remove();
	});

	it('[R52] [R53] [R32] backs up while writing; a restore bumps the epoch and old devices are told to resync', async () => {
		const port = await freePort();
		child = await spawnRelay(dataDir, port, { JXC_LOG_LEVEL: 'warn' });
		const token = await adminToken(child.http);
		const writer = connectClient(child.ws, ROOM, token, { track: true });
		clients.push(writer);
		await synced(writer);
		const oldEpoch = writer.tracker!.status.epoch;
		expect(oldEpoch).toMatch(/^[0-9a-f]{16}$/);

		// Writes keep flowing while the online backup runs.
		let n = 0;
		let writing = true;
		const loop = (async () => {
			while (writing) {
				writer.journal.push([journalEvent('admin', n++)]);
				await new Promise((r) => setTimeout(r, 5));
			}
		})();
		await new Promise((r) => setTimeout(r, 200));
		await writer.tracker!.whenSaved();
		const savedBefore = writer.tracker!.serverState().get(writer.doc.clientID)!;
		const { stdout } = await admin(dataDir, 'backup', backupFile);
		expect(stdout).toContain('backed up');
		await new Promise((r) => setTimeout(r, 200));
		writing = false;
		await loop;
		await writer.tracker!.whenSaved();

		const inBackup = roomIn(backupFile);
		expect(Y.getState(inBackup.store, writer.doc.clientID)).toBeGreaterThanOrEqual(savedBefore);
		expect(inBackup.getArray('j').length).toBeLessThan(n);
		expect(inBackup.store.pendingStructs).toBeNull();
		const backedUp = inBackup.getArray('j').length;

		// Restore refuses to run under a live relay.
		await expect(admin(dataDir, 'restore', backupFile)).rejects.toThrow(/running/);
		child.child.kill('SIGTERM');
		expect(await child.exited).toBe('0');
		writer.provider.disconnect();
		const restored = await admin(dataDir, 'restore', backupFile);
		const newEpoch = /new epoch ([0-9a-f]+)/.exec(restored.stdout)![1]!;
		expect(newEpoch).not.toBe(oldEpoch);

		child = await spawnRelay(dataDir, port, { JXC_LOG_LEVEL: 'warn' });
		// Sessions do not survive a restore: the old token is refused and the device logs in again...
		writer.provider.connect();
		await waitFor(() => writer.tracker!.status.refused !== null, { what: 'old token refused' });
		expect(writer.tracker!.status.refused!.code).toBe(String(CLOSE.unauthorized));
		const fresh = await adminToken(child.http);
		writer.provider.params.token = fresh;
		// ...and is then told to resync because its copy is from another epoch; it pushes nothing.
		writer.provider.connect();
		await waitFor(() => writer.tracker!.status.refused?.code === 'epoch', { what: 'epoch refusal' });
		const late = connectClient(child.ws, ROOM, fresh, { track: true });
		clients.push(late);
		await synced(late);
		await new Promise((r) => setTimeout(r, 200));
		expect(late.journal.length).toBe(backedUp);
		expect(late.tracker!.status.epoch).toBe(newEpoch);
		const login = await fetch(`${child.http}/api/me`, { headers: { authorization: `Bearer ${fresh}` } });
		expect(((await login.json()) as { epoch: string }).epoch).toBe(newEpoch);
	}, 90_000);
});
