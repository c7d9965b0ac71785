/**
 * Accounts and sessions (rules R1–R6 in docs/RELAY.md): login with a slowed-down failure path, random
 * session tokens of which only a SHA-256 is stored, idle and absolute expiry, revocation on logout,
 * password change and user disable.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AuthConfig } from '../config';
import type { Logger } from '../log';
import type { AuthStore, RoleGrant, SessionRecord, UserRecord } from '../store/types';
import { FailureThrottle } from './throttle';

/** The author of server-made journal events (role-events.ts); reserved, so no login can post as it. */
export const RELAY_USER = 'relay';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
/** 32 random bytes (256 bits), base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export type AuthFailure = 'missing' | 'unknown' | 'expired' | 'idle' | 'disabled';
export type Authenticated =
	{ ok: true; user: UserRecord; session: SessionRecord } | { ok: false; reason: AuthFailure };

export type LoginResult =
	{ ok: true; token: string; user: UserRecord } | { ok: false; status: 400 | 401 | 429; reason: string };

/** A username: letters, digits, `_ . -`, at most 64 (R59). */
export const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;
const COMPANY = /^[A-Za-z0-9_-]{1,32}$/;

export class AuthService {
	readonly throttle: FailureThrottle;
	#dummyHash: Promise<string>;

	constructor(
		readonly store: AuthStore,
		readonly config: AuthConfig,
		readonly log: Logger
	) {
		this.throttle = new FailureThrottle({
			baseDelayMs: 250,
			maxDelayMs: config.maxDelayMs,
			maxWaiting: 8,
			forgetMs: 15 * 60_000
		});
		// Unknown users are checked against this hash, so that they take as long as known ones.
		this.#dummyHash = hashPassword(randomBytes(16).toString('hex'), config.scryptLog2N);
		this.#dummyHash.catch(() => {});
	}

	async login(company: unknown, username: unknown, password: unknown, ip: string): Promise<LoginResult> {
		if (typeof company !== 'string' || !COMPANY.test(company))
			return { ok: false, status: 400, reason: 'company must be a company code' };
		if (typeof username !== 'string' || !USERNAME.test(username))
			return { ok: false, status: 400, reason: 'username is required' };
		if (typeof password !== 'string' || password.length === 0 || password.length > 1024)
			return { ok: false, status: 400, reason: 'password is required' };
		const result = await this.throttle.run<UserRecord | string>(
			[
				{ key: `user:${company}/${username}`, free: this.config.freeFailures },
				{ key: `ip:${ip}`, free: this.config.freeFailures * 10 }
			],
			async () => {
				const user = this.store.getUser(company, username);
				const valid = await verifyPassword(password, user?.passwordHash ?? (await this.#dummyHash));
				if (!user || !valid) return { ok: false, value: 'wrong company, username or password' };
				if (user.disabled) return { ok: false, value: 'this user is disabled' };
				return { ok: true, value: user };
			}
		);
		if (result === null) {
			this.log.warn('login refused', { company, user: username, ip, reason: 'too many attempts waiting' });
			return { ok: false, status: 429, reason: 'too many login attempts; try again shortly' };
		}
		if (typeof result === 'string') {
			this.log.warn('login refused', { company, user: username, ip, reason: result });
			return { ok: false, status: 401, reason: result };
		}
		if (needsRehash(result.passwordHash, this.config.scryptLog2N)) {
			const passwordHash = await hashPassword(password, this.config.scryptLog2N);
			this.store.updateUser(result.tenant, result.username, { passwordHash });
		}
		const token = this.#startSession(result);
		this.log.info('login', { company, user: username, ip });
		return { ok: true, token, user: result };
	}

	#startSession(user: UserRecord): string {
		const token = newToken();
		const now = Date.now();
		this.store.createSession({
			tokenHash: hashToken(token),
			tenant: user.tenant,
			username: user.username,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: now + this.config.sessionAbsoluteMs
		});
		return token;
	}

	authenticate(token: string | null | undefined, now = Date.now()): Authenticated {
		if (!token) return { ok: false, reason: 'missing' };
		return this.authenticateHash(hashToken(token), now);
	}

	/** Open sockets keep only the hash of their token; they are re-checked with it. */
	authenticateHash(tokenHash: string, now = Date.now()): Authenticated {
		const session = this.store.getSession(tokenHash);
		if (!session) return { ok: false, reason: 'unknown' };
		if (session.expiresAt <= now) return { ok: false, reason: 'expired' };
		if (session.lastSeenAt + this.config.sessionIdleMs <= now) return { ok: false, reason: 'idle' };
		const user = this.store.getUser(session.tenant, session.username);
		if (!user || session.createdAt < user.passwordChangedAt) return { ok: false, reason: 'unknown' };
		if (user.disabled) return { ok: false, reason: 'disabled' };
		// Writing on every request would cost a transaction per message; a minute of slack is harmless.
		if (now - session.lastSeenAt > 60_000) {
			this.store.touchSession(tokenHash, now);
			session.lastSeenAt = now;
		}
		return { ok: true, user, session };
	}

	logout(token: string): boolean {
		const session = this.store.getSession(hashToken(token));
		if (!session) return false;
		this.store.deleteSession(session.tokenHash);
		this.log.info('logout', { company: session.tenant, user: session.username });
		return true;
	}

	/** Verifies the old password, stores the new one, revokes every session of the user, opens a new one. */
	async changePassword(
		user: UserRecord,
		oldPassword: unknown,
		newPassword: unknown
	): Promise<{ ok: true; token: string } | { ok: false; status: 400 | 401; reason: string }> {
		const problem = passwordProblem(newPassword);
		if (problem) return { ok: false, status: 400, reason: problem };
		if (typeof oldPassword !== 'string' || !(await verifyPassword(oldPassword, user.passwordHash)))
			return { ok: false, status: 401, reason: 'the current password is wrong' };
		await this.setPassword(user.tenant, user.username, newPassword as string);
		return { ok: true, token: this.#startSession(user) };
	}

	/** Sets a password and revokes every session of the user (admin reset and change alike). */
	async setPassword(tenant: string, username: string, password: string): Promise<void> {
		const passwordHash = await hashPassword(password, this.config.scryptLog2N);
		if (!this.store.updateUser(tenant, username, { passwordHash, passwordChangedAt: Date.now() }))
			throw new Error(`no user ${username} in ${tenant}`);
		this.store.deleteUserSessions(tenant, username);
	}

	async createUser(options: {
		tenant: string;
		username: string;
		displayName?: string;
		password: string;
		roles: RoleGrant[];
	}): Promise<UserRecord> {
		if (!USERNAME.test(options.username) || options.username === RELAY_USER)
			throw new Error(`invalid username "${options.username}"`);
		const problem = passwordProblem(options.password);
		if (problem) throw new Error(problem);
		if (!this.store.getTenant(options.tenant)) throw new Error(`no company ${options.tenant}`);
		const now = Date.now();
		const user: UserRecord = {
			tenant: options.tenant,
			username: options.username,
			displayName: options.displayName ?? options.username,
			passwordHash: await hashPassword(options.password, this.config.scryptLog2N),
			roles: options.roles,
			disabled: false,
			createdAt: now,
			passwordChangedAt: 0
		};
		this.store.createUser(user);
		return user;
	}
}

export function isCompanyCode(code: string): boolean {
	return COMPANY.test(code);
}
