/** An in-memory RelayStore: for tests, and the executable specification of the contract. */
import { randomBytes } from 'node:crypto';
import type {
	NewUpdate,
	RelayStore,
	RoleChange,
	SessionRecord,
	StoredRoom,
	StoredUpdate,
	Tenant,
	UserPatch,
	UserRecord
} from './types';

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryStore implements RelayStore {
	#updates = new Map<string, StoredUpdate[]>();
	#snapshots = new Map<string, { seq: number; blob: Uint8Array }>();
	#tenants = new Map<string, Tenant>();
	#users = new Map<string, UserRecord>();
	#sessions = new Map<string, SessionRecord>();
	#epoch = randomBytes(8).toString('hex');
	#roleChanges: (RoleChange & { published: boolean })[] = [];

	#recordRoleChange(u: UserRecord): void {
		this.#roleChanges.push({
			id: this.#roleChanges.length + 1,
			tenant: u.tenant,
			username: u.username,
			displayName: u.displayName,
			roles: clone(u.roles),
			disabled: u.disabled,
			changedAt: Date.now(),
			published: false
		});
	}

	pendingRoleChanges(): RoleChange[] {
		return this.#roleChanges.filter((c) => !c.published).map(({ published: _, ...c }) => clone(c));
	}

	markRoleChangePublished(id: number): void {
		const c = this.#roleChanges.find((x) => x.id === id);
		if (c) c.published = true;
	}

	appendUpdates(batch: readonly NewUpdate[]): number[] {
		return batch.map((u) => {
			let log = this.#updates.get(u.room);
			if (!log) this.#updates.set(u.room, (log = []));
			const seq = log.length + 1;
			log.push({ seq, update: u.update.slice(), user: u.user, receivedAt: u.receivedAt });
			return seq;
		});
	}

	loadRoom(room: string): StoredRoom {
		const snap = this.#snapshots.get(room);
		const snapshotSeq = snap?.seq ?? 0;
		return {
			snapshot: snap?.blob.slice() ?? null,
			snapshotSeq,
			updates: this.updatesSince(room, snapshotSeq)
		};
	}

	writeSnapshot(room: string, snapshot: Uint8Array, uptoSeq: number): void {
		this.#snapshots.set(room, { seq: uptoSeq, blob: snapshot.slice() });
	}

	updatesSince(room: string, afterSeq: number): StoredUpdate[] {
		return (this.#updates.get(room) ?? []).filter((u) => u.seq > afterSeq).map((u) => ({ ...u }));
	}

	listRooms(): string[] {
		return [...new Set([...this.#updates.keys(), ...this.#snapshots.keys()])].sort();
	}

	getEpoch(): string {
		return this.#epoch;
	}

	sync(): Promise<void> {
		return Promise.resolve();
	}

	createTenant(tenant: Tenant): void {
		if (this.#tenants.has(tenant.code)) throw new Error(`company ${tenant.code} exists`);
		this.#tenants.set(tenant.code, clone(tenant));
	}
	getTenant(code: string): Tenant | null {
		const t = this.#tenants.get(code);
		return t ? clone(t) : null;
	}
	listTenants(): Tenant[] {
		return [...this.#tenants.values()].map(clone).sort((a, b) => a.code.localeCompare(b.code));
	}

	createUser(user: UserRecord): void {
		const key = `${user.tenant}/${user.username}`;
		if (this.#users.has(key)) throw new Error(`user ${key} exists`);
		this.#users.set(key, clone(user));
		this.#recordRoleChange(user);
	}
	getUser(tenant: string, username: string): UserRecord | null {
		const u = this.#users.get(`${tenant}/${username}`);
		return u ? clone(u) : null;
	}
	listUsers(tenant: string): UserRecord[] {
		return [...this.#users.values()]
			.filter((u) => u.tenant === tenant)
			.map(clone)
			.sort((a, b) => a.username.localeCompare(b.username));
	}
	updateUser(tenant: string, username: string, patch: UserPatch): boolean {
		const u = this.#users.get(`${tenant}/${username}`);
		if (!u) return false;
		Object.assign(u, clone(patch));
		if (patch.roles !== undefined || patch.disabled !== undefined) this.#recordRoleChange(u);
		return true;
	}

	createSession(session: SessionRecord): void {
		this.#sessions.set(session.tokenHash, { ...session });
	}
	getSession(tokenHash: string): SessionRecord | null {
		const s = this.#sessions.get(tokenHash);
		return s ? { ...s } : null;
	}
	touchSession(tokenHash: string, lastSeenAt: number): void {
		const s = this.#sessions.get(tokenHash);
		if (s) s.lastSeenAt = lastSeenAt;
	}
	deleteSession(tokenHash: string): void {
		this.#sessions.delete(tokenHash);
	}
	deleteUserSessions(tenant: string, username: string): number {
		let n = 0;
		for (const [k, s] of this.#sessions)
			if (s.tenant === tenant && s.username === username) {
				this.#sessions.delete(k);
				n++;
			}
		return n;
	}
	deleteAllSessions(): number {
		const n = this.#sessions.size;
		this.#sessions.clear();
		return n;
	}
	deleteStaleSessions(now: number, idleMs: number): number {
		let n = 0;
		for (const [k, s] of this.#sessions)
			if (s.expiresAt <= now || s.lastSeenAt + idleMs <= now) {
				this.#sessions.delete(k);
				n++;
			}
		return n;
	}

	close(): void {}
}
