import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storeContractSuite } from './contract';
import { databasePath, openDataDir, restoreDatabase, SqliteStore } from './sqlite';
import { decodeRecords, encodeRecord, logFiles, type LoggedUpdate } from './update-log';

const temp = () => {
	const dir = mkdtempSync(join(tmpdir(), 'jxc-log-'));
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Runs `fn` in a fresh data folder, removed afterwards whatever happens. */
async function inTemp(fn: (dir: string) => void | Promise<void>): Promise<void> {
	const { dir, cleanup } = temp();
	try {
		await fn(dir);
	} finally {
		cleanup();
	}
}

const record = (seq: number, bytes: number[] = [seq]): LoggedUpdate => ({
	room: 't/demo/b/B01/2026-04',
	seq,
	user: '张三',
	receivedAt: 1_763_000_000_000 + seq,
	update: new Uint8Array(bytes)
});

const update = (room: string, n: number) => ({
	room,
	update: new Uint8Array([n, n + 1, n + 2]),
	user: 'u',
	receivedAt: n
});

// The whole store contract holds with the write-ahead file in front of SQLite.
storeContractSuite('sqlite with write-ahead file', () => {
	const { dir, cleanup } = temp();
	return { store: openDataDir(dir, 'ack', { updateLog: true }), cleanup };
});

describe('write-ahead file format', () => {
	it('[ST13] records read back as written, and a torn tail at any byte ends the file there', () => {
		const records = [record(1), record(2, [9, 8, 7, 6, 5]), record(3, [])];
		const bytes = Buffer.concat(records.map(encodeRecord));
		expect(decodeRecords(bytes)).toEqual({ records, torn: false });
		const ends = [0];
		for (const r of records) ends.push(ends.at(-1)! + encodeRecord(r).length);
		for (let cut = 0; cut < bytes.length; cut++) {
			const read = decodeRecords(bytes.subarray(0, cut));
			const whole = ends.filter((e) => e > 0 && e <= cut).length;
			expect(read.records).toEqual(records.slice(0, whole));
			expect(read.torn).toBe(!ends.includes(cut));
		}
	});

	it('[ST13] a record is lib0 behind a length and a CRC-32, byte for byte (files of earlier versions read back)', () => {
		const samples = [
			record(1),
			{ ...record(300, [1, 2, 3]), room: 'é'.repeat(70), user: '𝄞 user', receivedAt: 2 ** 53 - 1 },
			{ ...record(2 ** 40), update: new Uint8Array(70_000).fill(7), user: '' }
		];
		for (const u of samples) {
			const e = encoding.createEncoder();
			encoding.writeVarString(e, u.room);
			encoding.writeVarUint(e, u.seq);
			encoding.writeVarString(e, u.user);
			encoding.writeVarUint(e, u.receivedAt);
			encoding.writeVarUint8Array(e, u.update);
			const payload = encoding.toUint8Array(e);
			const head = Buffer.alloc(8);
			head.writeUInt32LE(payload.length, 0);
			head.writeUInt32LE(crc32(payload), 4);
			expect(Buffer.from(encodeRecord(u))).toEqual(Buffer.concat([head, payload]));
			expect(decodeRecords(encodeRecord(u)).records).toEqual([u]);
		}
	});

	it('[ST13] a flipped bit fails the checksum: the file ends before that record', () => {
		const bytes = Buffer.concat([record(1), record(2), record(3)].map(encodeRecord));
		const second = encodeRecord(record(1)).length;
		const bad = Buffer.from(bytes);
		bad[second + 10]! ^= 0x04;
		expect(decodeRecords(bad)).toEqual({ records: [record(1)], torn: true });
	});
});

describe('sqlite store with a write-ahead file', () => {
	it('[ST14] updates appended before a crash are in SQLite after the next open, once, in order', async () => {
		await inTemp((dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			expect(s.cheapAppends).toBe(true);
			expect(s.appendUpdates([update('a', 1)])).toEqual([1]);
			expect(s.appendUpdates([update('a', 2), update('b', 3)])).toEqual([2, 1]);
			// Read back before being moved to SQLite: reads move them first.
			expect(s.updatesSince('a', 0).map((u) => u.seq)).toEqual([1, 2]);
			s.appendUpdates([update('a', 4)]);
			// A crash: the last update only in the file, nothing more done by the dead store.
			expect(logFiles(dir).length).toBe(1);
			s.db.close();
			const r = openDataDir(dir, 'ack', { updateLog: true });
			expect(r.recovered).toMatchObject({ records: 4, files: 1, torn: 0 });
			expect(r.updatesSince('a', 0).map((u) => [u.seq, [...u.update]])).toEqual([
				[1, [1, 2, 3]],
				[2, [2, 3, 4]],
				[3, [4, 5, 6]]
			]);
			expect(r.updatesSince('b', 0).map((u) => u.seq)).toEqual([1]);
			// The next sequence continues after what was recovered.
			expect(r.appendUpdates([update('a', 5)])).toEqual([4]);
			r.close();
			expect(logFiles(dir)).toEqual([]);
		});
	});

	it('[ST14] a torn last record is dropped (it was never relayed nor acknowledged), the rest recovered', async () => {
		await inTemp((dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			s.appendUpdates([update('a', 1)]);
			s.appendUpdates([update('a', 2)]);
			const [file] = logFiles(dir);
			const size = readFileSync(file!.path).length;
			truncateSync(file!.path, size - 2);
			s.db.close();
			const r = openDataDir(dir, 'ack', { updateLog: true });
			expect(r.recovered).toMatchObject({ records: 1, torn: 1 });
			expect(r.updatesSince('a', 0).map((u) => u.seq)).toEqual([1]);
			r.close();
		});
	});

	it('[ST14] other processes (the CLI) leave the relay’s files alone', async () => {
		await inTemp((dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			s.appendUpdates([update('a', 1)]);
			const cli = openDataDir(dir, 'ack');
			cli.close();
			expect(logFiles(dir).length).toBe(1);
			expect(s.updatesSince('a', 0).length).toBe(1);
			s.close();
		});
	});

	it('[ST15] an fsync round swaps a full file and drops the old one once SQLite has it on disk', async () => {
		await inTemp(async (dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			const big = new Uint8Array(64 * 1024);
			for (let i = 0; i < 70; i++) s.appendUpdates([{ room: 'a', update: big, user: 'u', receivedAt: i }]);
			const before = logFiles(dir).map((f) => f.n);
			await s.sync();
			const after = logFiles(dir).map((f) => f.n);
			expect(before.length).toBe(1);
			expect(after).toEqual([before[0]! + 1]);
			s.appendUpdates([update('a', 1)]);
			await s.sync();
			expect(s.updatesSince('a', 0).length).toBe(71);
			s.close();
			expect(logFiles(dir)).toEqual([]);
		});
	});

	it('[ST15] with no fsync round asked for, a full file is still swapped and dropped', async () => {
		await inTemp(async (dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			const big = new Uint8Array(64 * 1024);
			for (let i = 0; i < 70; i++) s.appendUpdates([{ room: 'a', update: big, user: 'u', receivedAt: i }]);
			const first = logFiles(dir).map((f) => f.n);
			await new Promise((r) => setTimeout(r, 400));
			expect(logFiles(dir).map((f) => f.n)).toEqual([first[0]! + 1]);
			expect(s.updatesSince('a', 0).length).toBe(70);
			s.close();
		});
	});

	it('[ST15] a restore drops updates a crash left in write-ahead files (they belong to the old database)', async () => {
		await inTemp(async (dir) => {
			const s = openDataDir(dir, 'ack', { updateLog: true });
			s.appendUpdates([update('a', 1)]);
			await s.backup(join(dir, 'backup.db'));
			s.appendUpdates([update('a', 2)]);
			// Crashed: the second update is only in the write-ahead file.
			restoreDatabase(dir, join(dir, 'backup.db'));
			s.db.close();
			const r = new SqliteStore(databasePath(dir), 'ack', { updateLog: true });
			expect(r.updatesSince('a', 0).map((u) => u.seq)).toEqual([1]);
			r.close();
		});
	});

	it('[ST14] garbage in a write-ahead file is not read as updates', async () => {
		await inTemp((dir) => {
			writeFileSync(join(dir, 'updates-1.log'), encodeRecord({ ...record(1), room: 'a' }));
			appendFileSync(join(dir, 'updates-1.log'), Buffer.from('not a record at all'));
			const r = openDataDir(dir, 'ack', { updateLog: true });
			expect(r.recovered).toMatchObject({ records: 1, torn: 1 });
			expect(r.updatesSince('a', 0).map((u) => u.seq)).toEqual([1]);
			r.close();
		});
	});
});
