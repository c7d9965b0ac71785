/**
 * The relay's storage, behind one interface so that SQLite (the embedded default) and any later store
 * (Postgres for scale-out) pass the same contract suite (`contract.ts`, rules ST1…).
 */

export const ROLES = ['owner', 'manager', 'purchasing', 'sales', 'warehouse', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** One role held by a user; `branches: null` means every branch of the company. */
export interface RoleGrant {
	role: Role;
	branches: string[] | null;
}

export interface Tenant {
	code: string;
	name: string;
	createdAt: number;
}

export interface UserRecord {
	tenant: string;
	/** Immutable; it is also the `user` written into every journal event this user authors. */
	username: string;
	displayName: string;
	passwordHash: string;
	roles: RoleGrant[];
	disabled: boolean;
	createdAt: number;
	passwordChangedAt: number;
}

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'roles' | 'disabled'>> & {
	passwordChangedAt?: number;
};

export interface SessionRecord {
	/** SHA-256 of the token, hex. The token itself is never stored. */
	tokenHash: string;
	tenant: string;
	username: string;
	createdAt: number;
	lastSeenAt: number;
	/** Absolute expiry. */
	expiresAt: number;
}

/**
 * A user's roles as of a change, waiting to be published into the company's master partition as a
 * server-authored `user.roles.set` event (DESIGN §6). Stores record one whenever a user is created or
 * their roles or disabled flag change, in the same write, so no change can be missed.
 */
export interface RoleChange {
	id: number;
	tenant: string;
	username: string;
	displayName: string;
	roles: RoleGrant[];
	disabled: boolean;
	changedAt: number;
}

export interface NewUpdate {
	room: string;
	update: Uint8Array;
	user: string;
	receivedAt: number;
}

export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
	user: string;
	receivedAt: number;
}

export interface StoredRoom {
	/** Latest compaction of the room, covering every update with `seq <= snapshotSeq`. */
	snapshot: Uint8Array | null;
	snapshotSeq: number;
	/** Updates after the snapshot, in sequence order. */
	updates: StoredUpdate[];
}

export interface RoomStore {
	/**
	 * Appends a batch atomically and durably (on disk when this returns); sequence numbers are per room,
	 * increasing from 1, and are returned in batch order.
	 */
	appendUpdates(batch: readonly NewUpdate[]): number[];
	loadRoom(room: string): StoredRoom;
	/** Replaces the room's snapshot. The update log is kept: it is the receipt log. */
	writeSnapshot(room: string, snapshot: Uint8Array, uptoSeq: number): void;
	/** The receipt log of a room after `afterSeq`. */
	updatesSince(room: string, afterSeq: number): StoredUpdate[];
	listRooms(): string[];
	/** Changes only when a backup is restored: devices from another epoch must resync. */
	getEpoch(): string;
	/**
	 * Resolves once every append that returned before the call is safe from power loss. Appends are
	 * already safe from a crash of the process when `appendUpdates` returns.
	 */
	sync(): Promise<void>;
	/**
	 * True when an append costs about one write call (a write-ahead file, memory): the relay then stores
	 * and relays each update as it arrives instead of grouping one event-loop turn's updates per commit.
	 */
	readonly cheapAppends?: boolean;
}

export interface AuthStore {
	/** Throws if the code is taken. */
	createTenant(tenant: Tenant): void;
	getTenant(code: string): Tenant | null;
	listTenants(): Tenant[];
	/** Throws if the username is taken in that tenant. */
	createUser(user: UserRecord): void;
	getUser(tenant: string, username: string): UserRecord | null;
	listUsers(tenant: string): UserRecord[];
	/** Returns false when there is no such user. */
	updateUser(tenant: string, username: string, patch: UserPatch): boolean;
	createSession(session: SessionRecord): void;
	getSession(tokenHash: string): SessionRecord | null;
	touchSession(tokenHash: string, lastSeenAt: number): void;
	deleteSession(tokenHash: string): void;
	deleteUserSessions(tenant: string, username: string): number;
	deleteAllSessions(): number;
	deleteStaleSessions(now: number, idleMs: number): number;
	/** Role changes not yet published, oldest first. */
	pendingRoleChanges(): RoleChange[];
	markRoleChangePublished(id: number): void;
}

export interface RelayStore extends RoomStore, AuthStore {
	close(): void;
}
