/**
 * What the device remembers between visits, in localStorage: the accounts that signed in here (with
 * their offline-unlock verifier, room grants and the relay epoch they synced with), the session token
 * of each, which account is open, and this installation's device code.
 *
 * The journal itself lives in IndexedDB (one database per partition); this is only the key ring.
 */
import type { Verifier } from './credentials';
import type { RelayUser, RoomGrant } from './relay-api';

export interface KnownAccount {
	/** `${company}/${username}` */
	readonly key: string;
	readonly user: RelayUser;
	readonly rooms: readonly RoomGrant[];
	readonly verifier: Verifier;
	readonly epoch: string | null;
	/** The branch new documents are recorded for (chosen in settings). */
	readonly branch?: string;
	readonly lastSignIn: number;
}

/** `demo` opens the local demo journal; anything else is an account key. */
export type ActiveSession = { kind: 'account'; key: string } | { kind: 'demo' };

const ACCOUNTS = 'jxc:accounts';
const ACTIVE = 'jxc:active';
const DEVICE = 'jxc:device';
const tokenKey = (key: string) => `jxc:token:${key}`;

export const accountKey = (company: string, username: string) => `${company}/${username}`;

function read<T>(key: string, fallback: T): T {
	try {
		const text = localStorage.getItem(key);
		return text === null ? fallback : (JSON.parse(text) as T);
	} catch {
		return fallback;
	}
}

function write(key: string, value: unknown): void {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// A full or disabled storage: the device forgets, nothing else breaks.
	}
}

export function knownAccounts(): KnownAccount[] {
	const list = read<KnownAccount[]>(ACCOUNTS, []);
	return Array.isArray(list) ? list.sort((a, b) => b.lastSignIn - a.lastSignIn) : [];
}

export function knownAccount(key: string): KnownAccount | undefined {
	return knownAccounts().find((a) => a.key === key);
}

export function saveAccount(account: KnownAccount): void {
	write(ACCOUNTS, [account, ...knownAccounts().filter((a) => a.key !== account.key)]);
}

export function updateAccount(key: string, patch: Partial<Omit<KnownAccount, 'key'>>): void {
	const current = knownAccount(key);
	if (current) saveAccount({ ...current, ...patch });
}

export function sessionToken(key: string): string | null {
	return read<string | null>(tokenKey(key), null);
}

export function saveSessionToken(key: string, token: string | null): void {
	write(tokenKey(key), token);
}

export function activeSession(): ActiveSession | null {
	return read<ActiveSession | null>(ACTIVE, null);
}

export function saveActiveSession(session: ActiveSession | null): void {
	write(ACTIVE, session);
}

/**
 * This installation's device code: random, made once, never reused by another install (a reused code
 * could repeat HLCs and document numbers; docs/SYNC.md, "Known gaps").
 */
export function installationCode(): string {
	const known = read<string | null>(DEVICE, null);
	if (typeof known === 'string' && /^[A-Z0-9]{6}$/.test(known)) return known;
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(6));
	const code = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
	write(DEVICE, code);
	return code;
}
