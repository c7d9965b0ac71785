import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeContractSuite } from './contract';
import { databasePath, openDataDir, restoreDatabase, SqliteStore } from './sqlite';

const temp = () => {
	const dir = mkdtempSync(join(tmpdir(), 'jxc-store-'));
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

storeContractSuite('sqlite', () => {
	const { dir, cleanup } = temp();
	return { store: new SqliteStore(join(dir, 'relay.db'), 'normal'), cleanup };
});

describe('sqlite store', () => {
	it('[ST10] keeps updates, sequence and epoch across reopening', () => {
		const { dir, cleanup } = temp();
		try {
			let s = openDataDir(dir);
			s.appendUpdates([{ room: 'a', update: new Uint8Array([1]), user: 'u', receivedAt: 1 }]);
			const epoch = s.getEpoch();
			s.close();
			s = openDataDir(dir);
			expect(s.getEpoch()).toBe(epoch);
			expect(s.appendUpdates([{ room: 'a', update: new Uint8Array([2]), user: 'u', receivedAt: 2 }])).toEqual(
				[2]
			);
			s.close();
		} finally {
			cleanup();
		}
	});

	it('[ST11] restores a backup with a new epoch and no sessions', async () => {
		const { dir, cleanup } = temp();
		try {
			const s = openDataDir(dir);
			s.appendUpdates([{ room: 'a', update: new Uint8Array([1]), user: 'u', receivedAt: 1 }]);
			s.createSession({
				tokenHash: 'h',
				tenant: 't',
				username: 'u',
				createdAt: 0,
				lastSeenAt: 0,
				expiresAt: 9
			});
			const epoch = s.getEpoch();
			await s.backup(join(dir, 'backup.db'));
			s.appendUpdates([{ room: 'a', update: new Uint8Array([2]), user: 'u', receivedAt: 2 }]);
			s.close();
			const { epoch: restoredEpoch } = restoreDatabase(dir, join(dir, 'backup.db'));
			const r = new SqliteStore(databasePath(dir));
			expect(restoredEpoch).not.toBe(epoch);
			expect(r.getEpoch()).toBe(restoredEpoch);
			expect(r.updatesSince('a', 0).map((u) => u.seq)).toEqual([1]);
			expect(r.getSession('h')).toBeNull();
			r.close();
			expect(() => restoreDatabase(dir, join(dir, 'missing.db'))).toThrow(/no such file/);
		} finally {
			cleanup();
		}
	});
});
