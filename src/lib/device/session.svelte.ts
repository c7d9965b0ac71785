/**
 * Who is using this device and which company is open: sign-in against the relay, offline unlock with
 * the password checked locally, the demo, and sign-out. One instance, `device`, for the whole app.
 *
 * The open account is remembered, so a reload (even with no network) reopens it straight from
 * IndexedDB, and the relay connections resume with the stored session token.
 */
import {
	accountKey,
	activeSession,
	installationCode,
	knownAccount,
	knownAccounts,
	saveAccount,
	saveActiveSession,
	saveSessionToken,
	sessionToken,
	updateAccount,
	type KnownAccount
} from './accounts';
import { checkVerifier, makeVerifier } from './credentials';
import { DEMO_PREFIX, DEMO_TENANT, storedDemo, type DemoInfo } from './demo';
import {
	changeOwnPassword,
	login,
	logout,
	syncUrl,
	type Credentials,
	type LoginFailureCode
} from './relay-api';
import { claimTabDevice } from './tab-device';
import { Workspace } from './workspace.svelte';

export type SessionPhase = 'starting' | 'signed-out' | 'opening' | 'open';
export type SignInError = LoginFailureCode | 'missing' | 'noLocal' | 'wrongLocal';

export interface DemoProgress {
	readonly phase: 'generating' | 'saving' | 'opening';
	readonly count: number;
}

export type { CatchUpProgress } from './workspace.svelte';

class DeviceSession {
	#phase = $state<SessionPhase>('starting');
	#workspace = $state.raw<Workspace | null>(null);
	#account = $state.raw<KnownAccount | null>(null);
	#demo = $state.raw<DemoInfo | null>(null);
	#error = $state<{ code: SignInError; status?: number } | null>(null);
	#busy = $state(false);
	#demoProgress = $state.raw<DemoProgress | null>(null);
	/** The workspace being opened (its catch-up progress shows on the splash screen). */
	#opening = $state.raw<Workspace | null>(null);
	#device = $state('');
	/** After an offline unlock: the password, held in memory only, to sign in once the relay answers. */
	#pendingPassword: string | null = null;

	get phase(): SessionPhase {
		return this.#phase;
	}
	get workspace(): Workspace | null {
		return this.#workspace;
	}
	get account(): KnownAccount | null {
		return this.#account;
	}
	get demo(): DemoInfo | null {
		return this.#demo;
	}
	get error() {
		return this.#error;
	}
	get busy(): boolean {
		return this.#busy;
	}
	get demoProgress(): DemoProgress | null {
		return this.#demoProgress;
	}
	/** Progress of the journal being loaded before the app can show anything (no saved read models). */
	get openingProgress() {
		return this.#opening?.catchUp ?? null;
	}
	get device(): string {
		return this.#device;
	}
	get knownAccounts(): KnownAccount[] {
		void this.#phase;
		return knownAccounts();
	}

	/** Reopens whatever was open when the app was last closed. */
	async start(): Promise<void> {
		if (this.#phase !== 'starting') return;
		performance.mark('jxc:session-start'); // read by the cold-open benchmark
		this.#device = await claimTabDevice(installationCode());
		const active = activeSession();
		try {
			if (active?.kind === 'demo' && storedDemo()) return await this.openDemo();
			if (active?.kind === 'account') {
				const account = knownAccount(active.key);
				if (account) return await this.#openAccount(account, sessionToken(account.key));
			}
		} catch (error) {
			console.error('could not reopen the last session', error);
		}
		this.#phase = 'signed-out';
	}

	/** Signs in with the relay; when it cannot be reached, unlocks the local data with the same password. */
	async signIn(credentials: Credentials): Promise<void> {
		const company = credentials.company.trim();
		const username = credentials.username.trim();
		if (!company || !username || !credentials.password) return void (this.#error = { code: 'missing' });
		this.#busy = true;
		this.#error = null;
		try {
			const key = accountKey(company, username);
			const r = await login({ company, username, password: credentials.password });
			if (!r.ok) {
				if (r.code === 'network' && knownAccount(key)) return await this.unlockOffline(credentials);
				this.#error = { code: r.code, ...(r.status ? { status: r.status } : {}) };
				return;
			}
			const previous = knownAccount(key);
			const account: KnownAccount = {
				key,
				user: r.user,
				rooms: r.rooms,
				verifier: await makeVerifier(key, credentials.password),
				epoch: previous?.epoch ?? r.epoch,
				...(previous?.branch ? { branch: previous.branch } : {}),
				lastSignIn: Date.now()
			};
			saveAccount(account);
			saveSessionToken(key, r.token);
			saveActiveSession({ kind: 'account', key });
			await this.#openAccount(account, r.token);
		} finally {
			this.#busy = false;
		}
	}

	/**
	 * Changes the signed-in user's password on the relay; on success the device keeps the new session
	 * token (the relay ended the others) and unlocks offline with the new password from now on.
	 * Returns null, or the failure's code (see `changeOwnPassword`).
	 */
	async changePassword(oldPassword: string, newPassword: string): Promise<string | null> {
		const account = this.#account;
		const token = account ? sessionToken(account.key) : null;
		if (!account || !token) return 'session';
		const r = await changeOwnPassword(token, oldPassword, newPassword);
		if (!r.ok) return r.code;
		saveSessionToken(account.key, r.value);
		const verifier = await makeVerifier(account.key, newPassword);
		updateAccount(account.key, { verifier });
		this.#account = { ...account, verifier };
		this.#workspace?.renewToken(r.value);
		return null;
	}

	/** Opens the local data of an account that signed in here before, checking the password locally. */
	async unlockOffline(credentials: Credentials): Promise<void> {
		const key = accountKey(credentials.company.trim(), credentials.username.trim());
		const account = knownAccount(key);
		if (!account) return void (this.#error = { code: 'noLocal' });
		this.#busy = true;
		try {
			if (!(await checkVerifier(account.verifier, key, credentials.password)))
				return void (this.#error = { code: 'wrongLocal' });
			this.#error = null;
			this.#pendingPassword = credentials.password;
			saveActiveSession({ kind: 'account', key });
			await this.#openAccount(account, sessionToken(key));
			this.#startRetrying();
		} finally {
			this.#busy = false;
		}
	}

	#retrySignIn = () => void this.#signInQuietly();
	#retryTimer: ReturnType<typeof setInterval> | null = null;
	#signingIn = false;

	/**
	 * Tries the background sign-in again when the browser says it is back online, and every few seconds
	 * besides: the first attempt after the network returns can still fail (the browser may not say so at
	 * all, or say it before the relay answers), and one failure must not leave the device unsigned until
	 * a reload.
	 */
	#startRetrying(): void {
		window.addEventListener('online', this.#retrySignIn);
		this.#retryTimer ??= setInterval(this.#retrySignIn, SIGN_IN_RETRY_MS);
	}

	#stopRetrying(): void {
		window.removeEventListener('online', this.#retrySignIn);
		if (this.#retryTimer !== null) clearInterval(this.#retryTimer);
		this.#retryTimer = null;
	}

	/** After an offline unlock, or when the relay refused the stored token: sign in in the background. */
	async #signInQuietly(): Promise<void> {
		const account = this.#account;
		const ws = this.#workspace;
		if (!account || !ws || this.#pendingPassword === null || this.#signingIn) return;
		this.#signingIn = true;
		let r: Awaited<ReturnType<typeof login>>;
		try {
			r = await login({
				company: account.user.company,
				username: account.user.username,
				password: this.#pendingPassword
			});
		} finally {
			this.#signingIn = false;
		}
		// Signed out or switched account meanwhile: this answer is for a session that is gone.
		if (this.#account !== account || this.#workspace !== ws) return;
		if (!r.ok) {
			// The relay refused the password (changed elsewhere): asking again would only be slowed down.
			// The device stays usable offline; the next sign-in form takes the new password.
			if (r.code === 'credentials') {
				this.#pendingPassword = null;
				this.#stopRetrying();
				ws.signInRefused();
			}
			return;
		}
		this.#pendingPassword = null;
		this.#stopRetrying();
		saveSessionToken(account.key, r.token);
		updateAccount(account.key, { rooms: r.rooms, user: r.user, lastSignIn: Date.now() });
		ws.setToken(r.token);
	}

	async #openAccount(account: KnownAccount, token: string | null): Promise<void> {
		this.#phase = 'opening';
		const ws = new Workspace({
			mode: 'live',
			tenant: account.user.company,
			user: account.user.username,
			displayName: account.user.displayName,
			device: this.#device,
			storagePrefix: 'jxc',
			rooms: account.rooms,
			roles: account.user.roles,
			...(account.branch ? { branch: account.branch } : {})
		});
		this.#opening = ws;
		try {
			await ws.open();
		} finally {
			this.#opening = null;
		}
		if (!ws.branch && ws.branches.length > 0) ws.branch = ws.branches[0]!;
		ws.connect({
			url: syncUrl(location),
			token,
			epoch: account.epoch,
			onEpoch: (epoch) => updateAccount(account.key, { epoch })
		});
		this.#account = account;
		this.#demo = null;
		this.#workspace = ws;
		this.#phase = 'open';
		if (token === null && this.#pendingPassword !== null && navigator.onLine) void this.#signInQuietly();
	}

	/** Opens the demo company, generating it on first use. */
	async openDemo(): Promise<void> {
		await this.#close();
		this.#phase = 'opening';
		this.#demoProgress = { phase: 'opening', count: 0 };
		try {
			let info = storedDemo();
			const ws = new Workspace({
				mode: 'demo',
				tenant: DEMO_TENANT,
				user: info?.user ?? 'demo',
				displayName: info?.displayName ?? '',
				device: this.#device,
				storagePrefix: DEMO_PREFIX,
				rooms: [],
				roles: [],
				...(info ? { fixedToday: info.today } : {})
			});
			this.#opening = ws;
			const opened = await ws.open().finally(() => (this.#opening = null));
			if (!info || (!opened.fromReadModels && ws.ledger.size === 0)) {
				info = await ws.importDemo((phase, count) => (this.#demoProgress = { phase, count }));
				// Not saved: this workspace did not know the demo's "today" yet, its figures would be off.
				await ws.destroy({ saveReadModels: false });
				// Reopen with the demo's owner and "today", now known.
				return await this.openDemo();
			}
			if (!ws.branch && ws.branches.length > 0) ws.branch = ws.branches[0]!;
			saveActiveSession({ kind: 'demo' });
			this.#demo = info;
			this.#account = null;
			this.#workspace = ws;
			this.#phase = 'open';
		} finally {
			this.#demoProgress = null;
		}
	}

	/** Events not yet on the relay's disk (what sign-out would leave behind on this device). */
	get unsaved(): number {
		return this.#workspace?.pending ?? 0;
	}

	/** Signs out (the caller asked the user first if anything is unsaved). Local data stays for offline unlock. */
	async signOut(): Promise<void> {
		const account = this.#account;
		if (account) {
			const token = sessionToken(account.key);
			saveSessionToken(account.key, null);
			if (token) await logout(token);
		}
		saveActiveSession(null);
		this.#pendingPassword = null;
		await this.#close();
		this.#phase = 'signed-out';
	}

	/** Chooses the branch new documents are recorded for, remembered per account. */
	setBranch(code: string): void {
		const ws = this.#workspace;
		if (!ws) return;
		ws.branch = code;
		if (this.#account) updateAccount(this.#account.key, { branch: code });
	}

	async #close(): Promise<void> {
		const ws = this.#workspace;
		this.#workspace = null;
		this.#account = null;
		this.#demo = null;
		this.#stopRetrying();
		if (ws) await ws.destroy();
	}
}

/** How often a pending background sign-in is tried again while it has not worked. */
const SIGN_IN_RETRY_MS = 5_000;

export const device = new DeviceSession();
