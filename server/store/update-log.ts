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
import * as encoding from 'lib0/encoding';
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

export function encodeRecord(u: LoggedUpdate): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, u.room);
	encoding.writeVarUint(e, u.seq);
	encoding.writeVarString(e, u.user);
	encoding.writeVarUint(e, u.receivedAt);
	encoding.writeVarUint8Array(e, u.update);
	const payload = encoding.toUint8Array(e);
	const out = new Uint8Array(HEADER + payload.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, payload.length, true);
	view.setUint32(4, crc32(payload), true);
	out.set(payload, HEADER);
	return out;
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
		const parts = records.map(encodeRecord);
		let buf: Uint8Array;
		if (parts.length === 1) buf = parts[0]!;
		else {
			buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
			let at = 0;
			for (const p of parts) {
				buf.set(p, at);
				at += p.length;
			}
		}
		let done = 0;
		while (done < buf.length) done += writeSync(this.#fd, buf, done, buf.length - done);
		this.#bytes += buf.length;
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
