/**
 * The embedded default store: one SQLite database (WAL) in the data folder.
 *
 * Durability: `appendUpdates` commits one transaction per batch. In WAL mode the frames are written to the
 * WAL file before commit returns, so a committed batch survives a kill of the process. Power loss needs an
 * fsync: `full` lets SQLite do it inside every commit; `ack` (the default) commits with
 * `synchronous=NORMAL` and `sync()` fdatasyncs the WAL file off the event loop, so that fan-out does not
 * wait for the disk and acknowledgements do (group commit: one fsync covers every batch before it).
 *
 * The relay's own process (`updateLog: true`) goes one step further under `ack`: an update is appended to
 * a plain write-ahead file (update-log.ts), one `write` instead of a SQLite commit on the relay's path,
 * and moved into SQLite in batches a few milliseconds later and before any read of the update log. At
 * start, whatever a crash left in those files is put into SQLite first.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
	close,
	closeSync,
	copyFileSync,
	existsSync,
	fdatasync,
	fdatasyncSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { SqliteSync } from '../config';
import { Checkpointer } from './checkpointer';
import { logFiles, readLogs, UpdateLog, type LoggedUpdate } from './update-log';
import {
	isRole,
	type NewUpdate,
	type RelayStore,
	type RoleChange,
	type RoleGrant,
	type SessionRecord,
	type StoredRoom,
	type StoredUpdate,
	type Tenant,
	type UserPatch,
	type UserRecord
} from './types';

export const DB_FILE = 'relay.db';
/** How long a write-ahead record waits before it is moved into SQLite (with the others of that time). */
const INGEST_DELAY_MS = 200;
/** Size at which the write-ahead file is swapped for a new one at the next fsync round. */
const ROTATE_BYTES = 4 << 20;
const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
	room TEXT NOT NULL, seq INTEGER NOT NULL, blob BLOB NOT NULL, user TEXT NOT NULL, received_at INTEGER NOT NULL,
	PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (room TEXT PRIMARY KEY, seq INTEGER NOT NULL, blob BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tenants (code TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS users (
	tenant TEXT NOT NULL, username TEXT NOT NULL, display_name TEXT NOT NULL, password_hash TEXT NOT NULL,
	roles TEXT NOT NULL, disabled INTEGER NOT NULL, created_at INTEGER NOT NULL, password_changed_at INTEGER NOT NULL,
	PRIMARY KEY (tenant, username)
);
CREATE TABLE IF NOT EXISTS sessions (
	token_hash TEXT PRIMARY KEY, tenant TEXT NOT NULL, username TEXT NOT NULL,
	created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (tenant, username);
CREATE TABLE IF NOT EXISTS role_changes (
	id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, username TEXT NOT NULL, display_name TEXT NOT NULL,
	roles TEXT NOT NULL, disabled INTEGER NOT NULL, changed_at INTEGER NOT NULL, published INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS role_changes_pending ON role_changes (published, id);
`;

interface UserRow {
	tenant: string;
	username: string;
	display_name: string;
	password_hash: string;
	roles: string;
	disabled: number;
	created_at: number;
	password_changed_at: number;
}
interface SessionRow {
	token_hash: string;
	tenant: string;
	username: string;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
}
interface UpdateRow {
	seq: number;
	blob: Buffer;
	user: string;
	received_at: number;
}

function parseRoles(json: string): RoleGrant[] {
	const raw: unknown = JSON.parse(json);
	if (!Array.isArray(raw)) return [];
	return raw.filter(
		(g): g is RoleGrant =>
			typeof g === 'object' && g !== null && isRole((g as RoleGrant).role) && 'branches' in g
	);
}

const toUser = (r: UserRow): UserRecord => ({
	tenant: r.tenant,
	username: r.username,
	displayName: r.display_name,
	passwordHash: r.password_hash,
	roles: parseRoles(r.roles),
	disabled: r.disabled !== 0,
	createdAt: r.created_at,
	passwordChangedAt: r.password_changed_at
});

const toSession = (r: SessionRow): SessionRecord => ({
	tokenHash: r.token_hash,
	tenant: r.tenant,
	username: r.username,
	createdAt: r.created_at,
	lastSeenAt: r.last_seen_at,
	expiresAt: r.expires_at
});

const toUpdate = (r: UpdateRow): StoredUpdate => ({
	seq: r.seq,
	update: new Uint8Array(r.blob.buffer, r.blob.byteOffset, r.blob.byteLength),
	user: r.user,
	receivedAt: r.received_at
});

export function openDatabase(file: string, sync: SqliteSync = 'ack'): Database.Database {
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
	// Checkpoints run in a worker (see checkpointer.ts); this is only the writer's safety net (~40 MB).
	db.pragma('wal_autocheckpoint = 10000');
	db.pragma('busy_timeout = 5000');
	db.exec(SCHEMA);
	const insertMeta = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
	insertMeta.run('schema', SCHEMA_VERSION);
	insertMeta.run('epoch', randomBytes(8).toString('hex'));
	return db;
}

export class SqliteStore implements RelayStore {
	readonly db: Database.Database;
	/** Last sequence per room. Only this process writes the update log, so the cache stays true. */
	#lastSeq = new Map<string, number>();
	#epoch: string;
	#q;
	readonly #file: string;
	readonly #mode: SqliteSync;
	#wal: number | null = null;
	#checkpointer: Checkpointer | null = null;
	/** The write-ahead file (relay process, `ack` only), its records not yet in SQLite, and old files to drop. */
	#log: UpdateLog | null = null;
	#pending: LoggedUpdate[] = [];
	#ingestTimer: NodeJS.Timeout | null = null;
	#rotated: string[] = [];
	#syncChain: Promise<void> = Promise.resolve();
	/** Records recovered from write-ahead files at open (crash recovery), for the relay's log. */
	readonly recovered: { records: number; files: number; torn: number } = { records: 0, files: 0, torn: 0 };

	/**
	 * `updateLog`: this process owns the data folder (the relay). It replays write-ahead files a crash
	 * left behind, and under `ack` writes updates through one. Other processes (the CLI) leave them alone.
	 */
	constructor(
		file: string,
		sync: SqliteSync = 'ack',
		options: { checkpointInWorker?: boolean; updateLog?: boolean } = {}
	) {
		this.#file = file;
		this.#mode = sync;
		this.db = openDatabase(file, sync);
		if (options.checkpointInWorker) this.#checkpointer = new Checkpointer(file);
		const db = this.db;
		this.#q = {
			maxSeq: db.prepare<[string], { s: number | null }>('SELECT max(seq) AS s FROM updates WHERE room = ?'),
			insertUpdate: db.prepare(
				'INSERT INTO updates (room, seq, blob, user, received_at) VALUES (?, ?, ?, ?, ?)'
			),
			snapshot: db.prepare<[string], { seq: number; blob: Buffer }>(
				'SELECT seq, blob FROM snapshots WHERE room = ?'
			),
			since: db.prepare<[string, number], UpdateRow>(
				'SELECT seq, blob, user, received_at FROM updates WHERE room = ? AND seq > ? ORDER BY seq'
			),
			putSnapshot: db.prepare(
				'INSERT INTO snapshots (room, seq, blob, created_at) VALUES (?, ?, ?, ?) ' +
					'ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, blob = excluded.blob, created_at = excluded.created_at'
			),
			rooms: db.prepare<[], { room: string }>(
				'SELECT DISTINCT room FROM updates UNION SELECT room FROM snapshots ORDER BY room'
			),
			epoch: db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'"),
			insertTenant: db.prepare('INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?)'),
			tenant: db.prepare<[string], { code: string; name: string; created_at: number }>(
				'SELECT code, name, created_at FROM tenants WHERE code = ?'
			),
			tenants: db.prepare<[], { code: string; name: string; created_at: number }>(
				'SELECT code, name, created_at FROM tenants ORDER BY code'
			),
			insertUser: db.prepare(
				'INSERT INTO users (tenant, username, display_name, password_hash, roles, disabled, created_at, password_changed_at) ' +
					'VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
			),
			user: db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE tenant = ? AND username = ?'),
			users: db.prepare<[string], UserRow>('SELECT * FROM users WHERE tenant = ? ORDER BY username'),
			insertSession: db.prepare(
				'INSERT INTO sessions (token_hash, tenant, username, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
			),
			session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?'),
			touch: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
			deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
			deleteUserSessions: db.prepare('DELETE FROM sessions WHERE tenant = ? AND username = ?'),
			deleteAllSessions: db.prepare('DELETE FROM sessions'),
			deleteStale: db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at + ? <= ?')
		};
		this.#epoch = this.#q.epoch.get()!.value;
		if (options.updateLog) {
			this.#recoverLogs();
			if (sync === 'ack') this.#log = new UpdateLog(dirname(file));
		}
	}

	/** Puts the records of write-ahead files into SQLite, fsyncs them there, and deletes the files. */
	#recoverLogs(): void {
		const dir = dirname(this.#file);
		const { records, files, torn } = readLogs(dir);
		if (files.length === 0) return;
		const insert = this.db.prepare(
			'INSERT OR IGNORE INTO updates (room, seq, blob, user, received_at) VALUES (?, ?, ?, ?, ?)'
		);
		this.db.transaction(() => {
			for (const r of records) insert.run(r.room, r.seq, r.update, r.user, r.receivedAt);
		})();
		this.#syncWalNow();
		UpdateLog.drop(dir, files);
		Object.assign(this.recovered, { records: records.length, files: files.length, torn });
	}

	#syncWalNow(): void {
		if (this.#mode === 'full' || !existsSync(this.#file + '-wal')) return;
		const fd = openSync(this.#file + '-wal', 'r');
		try {
			fdatasyncSync(fd);
		} finally {
			closeSync(fd);
		}
	}

	get cheapAppends(): boolean {
		return this.#log !== null;
	}

	/** Moves the write-ahead file's pending records into SQLite, in one transaction. */
	#ingest(): void {
		if (this.#ingestTimer) {
			clearTimeout(this.#ingestTimer);
			this.#ingestTimer = null;
		}
		const pending = this.#pending;
		if (pending.length === 0 || !this.db.open) return;
		const insert = this.#q.insertUpdate;
		// On failure nothing was committed and the records stay pending: the next read or fsync round
		// retries and reports it (the relay then refuses writes); they are in the file meanwhile.
		this.db.transaction(() => {
			for (const r of pending) insert.run(r.room, r.seq, r.update, r.user, r.receivedAt);
		})();
		this.#pending = [];
	}

	#ingestSoon = (): void => {
		this.#ingestTimer = null;
		try {
			this.#ingest();
		} catch {
			// Retried and reported by the next read or fsync round.
		}
		// A relay whose clients never ask for acknowledgements runs no fsync rounds: a full file is
		// swapped and dropped from here instead.
		if (this.#log && this.#log.size >= ROTATE_BYTES) this.sync().catch(() => undefined);
	};

	appendUpdates(batch: readonly NewUpdate[]): number[] {
		if (this.#log) {
			const records = batch.map((u): LoggedUpdate => {
				const seq = this.#seqOf(u.room) + 1;
				this.#lastSeq.set(u.room, seq);
				return { room: u.room, seq, user: u.user, receivedAt: u.receivedAt, update: u.update };
			});
			try {
				this.#log.append(records);
			} catch (err) {
				// Not written: the sequence numbers are free again (the relay refuses writes from now on).
				for (const r of records) this.#lastSeq.delete(r.room);
				throw err;
			}
			for (const r of records) this.#pending.push(r);
			this.#ingestTimer ??= setTimeout(this.#ingestSoon, INGEST_DELAY_MS);
			return records.map((r) => r.seq);
		}
		if (batch.length === 1) {
			// One row commits atomically on its own; skipping BEGIN/COMMIT saves two statements per write.
			const u = batch[0]!;
			const seq = this.#seqOf(u.room) + 1;
			this.#q.insertUpdate.run(u.room, seq, u.update, u.user, u.receivedAt);
			this.#lastSeq.set(u.room, seq);
			return [seq];
		}
		const next = new Map<string, number>();
		const seqs = this.db.transaction(() =>
			batch.map((u) => {
				const seq = (next.get(u.room) ?? this.#seqOf(u.room)) + 1;
				next.set(u.room, seq);
				this.#q.insertUpdate.run(u.room, seq, u.update, u.user, u.receivedAt);
				return seq;
			})
		)();
		for (const [room, seq] of next) this.#lastSeq.set(room, seq);
		return seqs;
	}

	#seqOf(room: string): number {
		let seq = this.#lastSeq.get(room);
		if (seq === undefined) {
			seq = this.#q.maxSeq.get(room)?.s ?? 0;
			this.#lastSeq.set(room, seq);
		}
		return seq;
	}

	loadRoom(room: string): StoredRoom {
		this.#ingest();
		const snap = this.#q.snapshot.get(room);
		const snapshotSeq = snap?.seq ?? 0;
		return {
			snapshot: snap ? new Uint8Array(snap.blob) : null,
			snapshotSeq,
			updates: this.updatesSince(room, snapshotSeq)
		};
	}

	writeSnapshot(room: string, snapshot: Uint8Array, uptoSeq: number): void {
		this.#ingest();
		this.#q.putSnapshot.run(room, uptoSeq, snapshot, Date.now());
	}

	updatesSince(room: string, afterSeq: number): StoredUpdate[] {
		this.#ingest();
		return this.#q.since.all(room, afterSeq).map(toUpdate);
	}

	listRooms(): string[] {
		this.#ingest();
		return this.#q.rooms.all().map((r) => r.room);
	}

	getEpoch(): string {
		return this.#epoch;
	}

	sync(): Promise<void> {
		if (this.#mode !== 'ack') return Promise.resolve();
		if (this.#log) return (this.#syncChain = this.#syncChain.then(() => this.#syncThroughLog()));
		// fdatasync works on the file, whichever descriptor wrote it; SQLite keeps the -wal file while open.
		// The callback API runs it on libuv's thread pool with less overhead than a FileHandle.
		return this.#syncWal();
	}

	/**
	 * One round: the current file is fdatasynced (every record appended before this call that is not in an
	 * older file is in it). A full file is first swapped for a new one, its records moved to SQLite, and
	 * SQLite's WAL fdatasynced with the new file; then the old file is dropped.
	 */
	async #syncThroughLog(): Promise<void> {
		const log = this.#log;
		if (!log) return;
		// The current file holds every record since it was started, moved to SQLite or not: its fsync
		// alone covers the acknowledgements. SQLite's WAL is fsynced only before a file is dropped.
		if (log.size >= ROTATE_BYTES) {
			this.#ingest();
			this.#rotated.push(log.rotate());
		}
		const dropping = this.#rotated;
		this.#rotated = [];
		try {
			await Promise.all([log.sync(), dropping.length > 0 ? this.#syncWal() : undefined]);
		} catch (err) {
			if (this.#log === null) return; // closed meanwhile: close() made everything durable itself
			throw err;
		}
		if (dropping.length > 0) UpdateLog.drop(dirname(this.#file), dropping);
	}

	#syncWal(): Promise<void> {
		this.#wal ??= openSync(this.#file + '-wal', 'r');
		const fd = this.#wal;
		return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
	}

	createTenant(t: Tenant): void {
		this.#q.insertTenant.run(t.code, t.name, t.createdAt);
	}
	getTenant(code: string): Tenant | null {
		const r = this.#q.tenant.get(code);
		return r ? { code: r.code, name: r.name, createdAt: r.created_at } : null;
	}
	listTenants(): Tenant[] {
		return this.#q.tenants.all().map((r) => ({ code: r.code, name: r.name, createdAt: r.created_at }));
	}

	#recordRoleChange(u: UserRecord): void {
		this.db
			.prepare(
				'INSERT INTO role_changes (tenant, username, display_name, roles, disabled, changed_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(u.tenant, u.username, u.displayName, JSON.stringify(u.roles), u.disabled ? 1 : 0, Date.now());
	}

	pendingRoleChanges(): RoleChange[] {
		const rows = this.db.prepare('SELECT * FROM role_changes WHERE published = 0 ORDER BY id').all() as {
			id: number;
			tenant: string;
			username: string;
			display_name: string;
			roles: string;
			disabled: number;
			changed_at: number;
		}[];
		return rows.map((r) => ({
			id: r.id,
			tenant: r.tenant,
			username: r.username,
			displayName: r.display_name,
			roles: parseRoles(r.roles),
			disabled: r.disabled !== 0,
			changedAt: r.changed_at
		}));
	}

	markRoleChangePublished(id: number): void {
		this.db.prepare('UPDATE role_changes SET published = 1 WHERE id = ?').run(id);
	}

	createUser(u: UserRecord): void {
		this.db.transaction(() => {
			this.#insertUser(u);
			this.#recordRoleChange(u);
		})();
	}

	#insertUser(u: UserRecord): void {
		this.#q.insertUser.run(
			u.tenant,
			u.username,
			u.displayName,
			u.passwordHash,
			JSON.stringify(u.roles),
			u.disabled ? 1 : 0,
			u.createdAt,
			u.passwordChangedAt
		);
	}
	getUser(tenant: string, username: string): UserRecord | null {
		const r = this.#q.user.get(tenant, username);
		return r ? toUser(r) : null;
	}
	listUsers(tenant: string): UserRecord[] {
		return this.#q.users.all(tenant).map(toUser);
	}
	updateUser(tenant: string, username: string, patch: UserPatch): boolean {
		const current = this.getUser(tenant, username);
		if (!current) return false;
		const u = { ...current, ...patch };
		const write = this.db.transaction(() => {
			this.#updateRow(u, tenant, username);
			if (patch.roles !== undefined || patch.disabled !== undefined) this.#recordRoleChange(u);
		});
		write();
		return true;
	}

	#updateRow(u: UserRecord, tenant: string, username: string): void {
		this.db
			.prepare(
				'UPDATE users SET display_name = ?, password_hash = ?, roles = ?, disabled = ?, password_changed_at = ? ' +
					'WHERE tenant = ? AND username = ?'
			)
			.run(
				u.displayName,
				u.passwordHash,
				JSON.stringify(u.roles),
				u.disabled ? 1 : 0,
				u.passwordChangedAt,
				tenant,
				username
			);
	}

	createSession(s: SessionRecord): void {
		this.#q.insertSession.run(s.tokenHash, s.tenant, s.username, s.createdAt, s.lastSeenAt, s.expiresAt);
	}
	getSession(tokenHash: string): SessionRecord | null {
		const r = this.#q.session.get(tokenHash);
		return r ? toSession(r) : null;
	}
	touchSession(tokenHash: string, lastSeenAt: number): void {
		this.#q.touch.run(lastSeenAt, tokenHash);
	}
	deleteSession(tokenHash: string): void {
		this.#q.deleteSession.run(tokenHash);
	}
	deleteUserSessions(tenant: string, username: string): number {
		return this.#q.deleteUserSessions.run(tenant, username).changes;
	}
	deleteAllSessions(): number {
		return this.#q.deleteAllSessions.run().changes;
	}
	deleteStaleSessions(now: number, idleMs: number): number {
		return this.#q.deleteStale.run(now, idleMs, now).changes;
	}

	/** Online backup through SQLite's backup API: consistent while the relay keeps writing. */
	async backup(file: string): Promise<void> {
		this.#ingest();
		await this.db.backup(file);
	}

	close(): void {
		if (this.#log && this.db.open) {
			// Everything into SQLite and onto its disk; then the write-ahead files are not needed.
			this.#ingest();
			this.#log.close();
			this.#log = null;
			this.#syncWalNow();
			UpdateLog.drop(
				dirname(this.#file),
				logFiles(dirname(this.#file)).map((f) => f.path)
			);
		}
		void this.#checkpointer?.stop();
		this.#checkpointer = null;
		if (this.#wal !== null) close(this.#wal, () => {});
		this.#wal = null;
		if (this.db.open) this.db.close();
	}
}

export function databasePath(dataDir: string): string {
	return join(dataDir, DB_FILE);
}

export function openDataDir(
	dataDir: string,
	sync: SqliteSync = 'ack',
	options: { checkpointInWorker?: boolean; updateLog?: boolean } = {}
): SqliteStore {
	mkdirSync(dataDir, { recursive: true });
	return new SqliteStore(databasePath(dataDir), sync, options);
}

/**
 * Replaces the data folder's database with a backup. The relay must be stopped. The restored database
 * gets a new epoch (devices that synced with the old one are told to resync) and no sessions (a restore
 * must not bring back tokens that were revoked after the backup was taken).
 */
export function restoreDatabase(dataDir: string, backupFile: string): { epoch: string } {
	if (!existsSync(backupFile)) throw new Error(`no such file: ${backupFile}`);
	mkdirSync(dataDir, { recursive: true });
	const target = databasePath(dataDir);
	const staging = target + '.restoring';
	rmSync(staging, { force: true });
	copyFileSync(backupFile, staging);
	const db = new Database(staging);
	try {
		const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
			{ value: string } | undefined;
		if (!schema) throw new Error(`${backupFile} is not a JXC relay backup`);
		const epoch = randomBytes(8).toString('hex');
		db.prepare("UPDATE meta SET value = ? WHERE key = 'epoch'").run(epoch);
		db.prepare('DELETE FROM sessions').run();
		db.pragma('journal_mode = DELETE');
		db.close();
		for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
		// Updates a crash left in write-ahead files belong to the replaced database, not to the backup.
		UpdateLog.drop(
			dataDir,
			logFiles(dataDir).map((f) => f.path)
		);
		renameSync(staging, target);
		return { epoch };
	} catch (err) {
		if (db.open) db.close();
		rmSync(staging, { force: true });
		throw err;
	}
}
