/**
 * The relay's HTTP API as the device uses it (server/http.ts): login and logout. The relay serves the
 * app, so it is always the page's own origin. Failures are values whose `code` the UI translates.
 */
export type Role = 'owner' | 'manager' | 'purchasing' | 'sales' | 'warehouse' | 'finance';

export interface RoleGrant {
	readonly role: Role;
	/** null: every branch of the company. */
	readonly branches: readonly string[] | null;
}

export interface RelayUser {
	readonly company: string;
	readonly username: string;
	readonly displayName: string;
	readonly roles: readonly RoleGrant[];
}

export interface RoomGrant {
	/** A room name, or one with `*` for one path segment. */
	readonly pattern: string;
	readonly access: 'read' | 'write';
}

export interface LoginOk {
	readonly ok: true;
	readonly token: string;
	readonly user: RelayUser;
	readonly rooms: readonly RoomGrant[];
	readonly epoch: string;
}

export type LoginFailureCode = 'credentials' | 'throttled' | 'network' | 'server';
export interface LoginFailure {
	readonly ok: false;
	readonly code: LoginFailureCode;
	readonly status?: number;
}

export interface Credentials {
	readonly company: string;
	readonly username: string;
	readonly password: string;
}

export async function login(
	credentials: Credentials,
	fetcher: typeof fetch = fetch
): Promise<LoginOk | LoginFailure> {
	let res: Response;
	try {
		res = await fetcher('/api/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(credentials),
			cache: 'no-store'
		});
	} catch {
		return { ok: false, code: 'network' };
	}
	if (res.status === 400 || res.status === 401) return { ok: false, code: 'credentials', status: res.status };
	if (res.status === 429) return { ok: false, code: 'throttled', status: 429 };
	if (!res.ok) return { ok: false, code: 'server', status: res.status };
	try {
		const body = (await res.json()) as Omit<LoginOk, 'ok'>;
		if (typeof body.token !== 'string' || !body.user || !Array.isArray(body.rooms))
			return { ok: false, code: 'server', status: res.status };
		return { ok: true, token: body.token, user: body.user, rooms: body.rooms, epoch: body.epoch };
	} catch {
		return { ok: false, code: 'server', status: res.status };
	}
}

/** Ends the session on the relay; best effort (offline, it simply expires there). */
export async function logout(token: string, fetcher: typeof fetch = fetch): Promise<void> {
	try {
		await fetcher('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
	} catch {
		// Offline: the relay's idle timeout ends the session.
	}
}

/** Matches a room name against a grant pattern (same rule as the relay's `matchesPattern`). */
export function matchesPattern(pattern: string, room: string): boolean {
	const p = pattern.split('/');
	const r = room.split('/');
	return p.length === r.length && p.every((seg, i) => seg === '*' || seg === r[i]);
}

export function accessTo(rooms: readonly RoomGrant[], room: string): 'none' | 'read' | 'write' {
	let best: 'none' | 'read' | 'write' = 'none';
	for (const g of rooms)
		if (matchesPattern(g.pattern, room)) {
			if (g.access === 'write') return 'write';
			best = 'read';
		}
	return best;
}

/** The WebSocket base URL of the relay: `ws(s)://<this host>/sync`. */
export function syncUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;
}

// ---- the company's users, managed by an owner (R59–R61) ----

export interface ListedUser {
	readonly username: string;
	readonly displayName: string;
	readonly roles: readonly RoleGrant[];
	readonly disabled: boolean;
}

/** Why the relay refused a user change: its `code` (username, password, roles, exists, self…) or ours. */
export interface UsersFailure {
	readonly ok: false;
	readonly code: string;
}

export type UsersResult<T> = { readonly ok: true; readonly value: T } | UsersFailure;

async function usersCall<T>(
	token: string,
	method: string,
	path: string,
	body: unknown,
	pick: (json: Record<string, unknown>) => T,
	fetcher: typeof fetch
): Promise<UsersResult<T>> {
	let res: Response;
	try {
		res = await fetcher(path, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				...(body !== undefined ? { 'content-type': 'application/json' } : {})
			},
			...(body !== undefined ? { body: JSON.stringify(body) } : {}),
			cache: 'no-store'
		});
	} catch {
		return { ok: false, code: 'network' };
	}
	let json: Record<string, unknown> = {};
	try {
		json = (await res.json()) as Record<string, unknown>;
	} catch {
		// An answer that is not JSON: the status says enough.
	}
	if (!res.ok) {
		const code = typeof json.code === 'string' ? json.code : res.status === 401 ? 'session' : 'server';
		return { ok: false, code };
	}
	return { ok: true, value: pick(json) };
}

export function listUsers(token: string, fetcher: typeof fetch = fetch): Promise<UsersResult<ListedUser[]>> {
	return usersCall(token, 'GET', '/api/users', undefined, (j) => j.users as ListedUser[], fetcher);
}

export function addUser(
	token: string,
	user: { username: string; displayName: string; password: string; roles: readonly RoleGrant[] },
	fetcher: typeof fetch = fetch
): Promise<UsersResult<ListedUser>> {
	return usersCall(token, 'POST', '/api/users', user, (j) => j.user as ListedUser, fetcher);
}

export function changeUser(
	token: string,
	username: string,
	change: {
		displayName?: string;
		roles?: readonly RoleGrant[];
		disabled?: boolean;
		password?: string;
	},
	fetcher: typeof fetch = fetch
): Promise<UsersResult<ListedUser>> {
	return usersCall(
		token,
		'PATCH',
		`/api/users/${encodeURIComponent(username)}`,
		change,
		(j) => j.user as ListedUser,
		fetcher
	);
}

/**
 * Changes the signed-in user's own password (R4): every session of the user ends, this one gets a new
 * token. Codes: `wrongPassword` (the current one), `password` (the new one is too short or too long),
 * `session`, `network`, `server`.
 */
export function changeOwnPassword(
	token: string,
	oldPassword: string,
	newPassword: string,
	fetcher: typeof fetch = fetch
): Promise<UsersResult<string>> {
	return usersCall(
		token,
		'POST',
		'/api/password',
		{ oldPassword, newPassword },
		(j) => j.token as string,
		fetcher
	);
}
