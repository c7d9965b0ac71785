/**
 * The relay's write-ahead file for journal updates, in front of SQLite (rule R26, docs/RELAY.md).
 *
 * Why: a SQLite commit costs 40–100 µs of the event loop per update (b-tree page, WAL frame, six lock
 * calls), and it sits between receiving an update and relaying it. Appending a framed record to a plain
 * file is one `write` of ~150 bytes. The records are moved into SQLite in batches off the relay's path
 * (every few milliseconds, and before any read of the update log), then the file is dropped.
 *
 * Guarantees, the same as a WAL commit with `synchronous=NORMAL`: once `append` returns, the record is
 * in the operating system's file cache and survives a kill of the process; `sync()` fdatasyncs it, and
 * only after that is anyone told it is saved. A file is deleted only after SQLite holds its records and
 * has fsynced them. A record cut short by a crash (torn tail) fails its length or CRC check and ends the
 * file; it was never acknowledged nor relayed, because `append` had not returned.
 *
 * Format, per record: u32 length, u32 CRC-32 of the payload, payload (lib0: room, seq, user,
 * receivedAt, update). Files are `updates-<n>.log` in the data folder, replayed in order of n.
 */
import * as decoding from 'lib0/decoding';
import {
	closeSync,
	fdatasync,
	fsyncSync,
	openSync,
	readdirSync,
	readFileSync,
	unlinkSync,
	writeSync
} from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

export interface LoggedUpdate {
	room: string;
	seq: number;
	user: string;
	receivedAt: number;
	update: Uint8Array;
}

const NAME = /^updates-(\d+)\.log$/;
const HEADER = 8;

/** The log files in a folder, oldest first. */
export function logFiles(dir: string): { n: number; path: string }[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	return names
		.flatMap((name) => {
			const m = NAME.exec(name);
			return m ? [{ n: Number(m[1]), path: join(dir, name) }] : [];
		})
		.sort((a, b) => a.n - b.n);
}

/** lib0's varUint (7 bits per byte, low first), for integers up to 2^53. */
function putVarUint(buf: Buffer, at: number, n: number): number {
	while (n > 0x7f) {
		buf[at++] = 0x80 | (n % 0x80);
		n = Math.floor(n / 0x80);
	}
	buf[at++] = n;
	return at;
}

function putVarString(buf: Buffer, at: number, text: string): number {
	at = putVarUint(buf, at, Buffer.byteLength(text));
	return at + buf.write(text, at, 'utf8');
}

/** Bytes a record can take at most (varUints ≤ 8 bytes, UTF-8 ≤ 3 bytes per UTF-16 unit). */
function maxRecordBytes(u: LoggedUpdate): number {
	return HEADER + 4 * 8 + 3 * (u.room.length + u.user.length) + u.update.length;
}

/**
 * Writes the framed record at `at` (the payload is lib0: varString room, varUint seq, varString user,
 * varUint receivedAt, varUint8Array update) and returns where it ends. `buf` must hold maxRecordBytes.
 */
function putRecord(buf: Buffer, at: number, u: LoggedUpdate): number {
	const start = at + HEADER;
	let end = putVarString(buf, start, u.room);
	end = putVarUint(buf, end, u.seq);
	end = putVarString(buf, end, u.user);
	end = putVarUint(buf, end, u.receivedAt);
	end = putVarUint(buf, end, u.update.length);
	buf.set(u.update, end);
	end += u.update.length;
	buf.writeUInt32LE(end - start, at);
	buf.writeUInt32LE(crc32(buf.subarray(start, end)), at + 4);
	return end;
}

export function encodeRecord(u: LoggedUpdate): Uint8Array {
	const buf = Buffer.allocUnsafe(maxRecordBytes(u));
	return buf.subarray(0, putRecord(buf, 0, u));
}

/** The whole records of one file's bytes; a torn or corrupt record ends the file. */
export function decodeRecords(bytes: Uint8Array): { records: LoggedUpdate[]; torn: boolean } {
	const records: LoggedUpdate[] = [];
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let pos = 0;
	while (pos < bytes.length) {
		if (bytes.length - pos < HEADER) return { records, torn: true };
		const length = view.getUint32(pos, true);
		const sum = view.getUint32(pos + 4, true);
		if (length > bytes.length - pos - HEADER) return { records, torn: true };
		const payload = bytes.subarray(pos + HEADER, pos + HEADER + length);
		if (crc32(payload) !== sum) return { records, torn: true };
		try {
			const d = decoding.createDecoder(payload);
			records.push({
				room: decoding.readVarString(d),
				seq: decoding.readVarUint(d),
				user: decoding.readVarString(d),
				receivedAt: decoding.readVarUint(d),
				update: decoding.readVarUint8Array(d).slice()
			});
		} catch {
			return { records, torn: true };
		}
		pos += HEADER + length;
	}
	return { records, torn: false };
}

/** Every record in the folder's log files, oldest first. */
export function readLogs(dir: string): { records: LoggedUpdate[]; files: string[]; torn: number } {
	const files = logFiles(dir);
	const records: LoggedUpdate[] = [];
	let torn = 0;
	for (const f of files) {
		const read = decodeRecords(readFileSync(f.path));
		records.push(...read.records);
		if (read.torn) torn++;
	}
	return { records, files: files.map((f) => f.path), torn };
}

/** The file being appended to, and those waiting to be dropped once SQLite has their records on disk. */
export class UpdateLog {
	#fd: number;
	#n: number;
	#path: string;
	#bytes = 0;
	#scratch = Buffer.allocUnsafe(64 * 1024);

	constructor(readonly dir: string) {
		const last = logFiles(dir).at(-1);
		this.#n = (last?.n ?? 0) + 1;
		this.#path = join(dir, `updates-${this.#n}.log`);
		this.#fd = openSync(this.#path, 'a');
	}

	/** Bytes appended to the current file. */
	get size(): number {
		return this.#bytes;
	}

	/** Appends records with one write; returns once the operating system holds them. */
	append(records: readonly LoggedUpdate[]): void {
		let size = 0;
		for (const r of records) size += maxRecordBytes(r);
		// Records are framed into one reused buffer: an append allocates nothing on the relay's path.
		if (this.#scratch.length < size)
			this.#scratch = Buffer.allocUnsafe(Math.max(size, 2 * this.#scratch.length));
		const buf = this.#scratch;
		let end = 0;
		for (const r of records) end = putRecord(buf, end, r);
		let done = 0;
		while (done < end) done += writeSync(this.#fd, buf, done, end - done);
		this.#bytes += end;
	}

	/** fdatasyncs what was appended so far (off the event loop). */
	sync(): Promise<void> {
		const fd = this.#fd;
		return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
	}

	/**
	 * Starts a new file and returns the path of the one before, whose records the caller has moved to
	 * SQLite: it may be deleted once SQLite has fsynced them (see `drop`).
	 */
	rotate(): string {
		const old = this.#path;
		const fd = this.#fd;
		this.#n++;
		this.#path = join(this.dir, `updates-${this.#n}.log`);
		this.#fd = openSync(this.#path, 'a');
		this.#bytes = 0;
		closeSync(fd);
		return old;
	}

	close(): void {
		closeSync(this.#fd);
	}

	/** Deletes log files whose records SQLite holds on disk, then fsyncs the folder. */
	static drop(dir: string, paths: readonly string[]): void {
		for (const p of paths)
			try {
				unlinkSync(p);
			} catch {
				// Already gone: replaying it again would only re-insert what SQLite ignores.
			}
		try {
			const d = openSync(dir, 'r');
			try {
				fsyncSync(d);
			} finally {
				closeSync(d);
			}
		} catch {
			// Some file systems cannot fsync a folder; the files' records are in SQLite either way.
		}
	}
}
