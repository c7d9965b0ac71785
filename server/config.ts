/**
 * Every tunable of the relay in one object. Defaults are the production values; tests and the benchmark
 * tighten or loosen them explicitly (see docs/RELAY.md, "Environment").
 */
import { resolve } from 'node:path';

/**
 * When an update reaches the platter. `ack` (default): written to the WAL (survives a kill of the relay)
 * before it is relayed, fsynced (survives power loss) before its sender is told it is saved. `full`:
 * fsynced before it is relayed too. `normal`: never fsynced before the ack (survives a kill only).
 */
export type SqliteSync = 'ack' | 'full' | 'normal';

export interface RelayConfig {
	port: number;
	host: string;
	dataDir: string;
	/** Folder with the built app (`vite build` output); served with an SPA fallback when present. */
	staticDir: string;
	/** Password of the bootstrap owner `admin` of company `demo`; generated and printed once when unset. */
	adminPassword: string | undefined;
	/** Browser origins allowed to open a WebSocket. Same-host origins are always allowed. */
	allowedOrigins: string[];
	sqliteSync: SqliteSync;
	limits: RelayLimits;
	auth: AuthConfig;
	/** Write a snapshot of a room after this many appended updates. */
	compactEvery: number;
	/** Unload a room this long after its last connection left. */
	roomIdleMs: number;
	/** How often open connections re-check their session and access (revocations made by the CLI). */
	recheckMs: number;
	/** How often role changes (made by the CLI, too) are published into master rooms. */
	publishRolesMs: number;
	logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export interface RelayLimits {
	/** Largest WebSocket message accepted, in bytes. */
	maxPayload: number;
	/** Token bucket per connection: sustained messages per second and burst. */
	messagesPerSecond: number;
	messageBurst: number;
	maxConnectionsPerIp: number;
	/** A socket whose unsent backlog exceeds this is closed (a reader too slow must not grow our heap). */
	maxBufferedBytes: number;
	/** Largest login/password JSON body, in bytes. */
	maxJsonBody: number;
}

export interface AuthConfig {
	/** log2 of scrypt's N. 17 (OWASP ASVS) by default; tests lower it explicitly. */
	scryptLog2N: number;
	sessionIdleMs: number;
	sessionAbsoluteMs: number;
	/** Failures per account or IP before each further attempt is delayed. */
	freeFailures: number;
	maxDelayMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export function defaultConfig(): RelayConfig {
	return {
		port: 8787,
		host: '0.0.0.0',
		dataDir: resolve('data'),
		staticDir: resolve('build'),
		adminPassword: undefined,
		allowedOrigins: [],
		sqliteSync: 'ack',
		limits: {
			maxPayload: 1024 * 1024,
			messagesPerSecond: 100,
			messageBurst: 400,
			maxConnectionsPerIp: 256,
			maxBufferedBytes: 16 * 1024 * 1024,
			maxJsonBody: 16 * 1024
		},
		auth: {
			scryptLog2N: 17,
			sessionIdleMs: 7 * DAY,
			sessionAbsoluteMs: 30 * DAY,
			freeFailures: 3,
			maxDelayMs: 30_000
		},
		compactEvery: 500,
		roomIdleMs: 30_000,
		recheckMs: 30_000,
		publishRolesMs: 2_000,
		logLevel: 'info'
	};
}

function int(value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
	return n;
}

/** Reads the documented environment variables on top of the defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
	const c = defaultConfig();
	c.port = int(env.PORT, c.port);
	if (env.HOST) c.host = env.HOST;
	c.dataDir = resolve(env.JXC_DATA_DIR || './data');
	if (env.JXC_STATIC_DIR) c.staticDir = resolve(env.JXC_STATIC_DIR);
	c.adminPassword = env.JXC_ADMIN_PASSWORD || undefined;
	if (env.JXC_ALLOWED_ORIGINS)
		c.allowedOrigins = env.JXC_ALLOWED_ORIGINS.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
	const sync = env.JXC_SQLITE_SYNC;
	if (sync === 'ack' || sync === 'normal' || sync === 'full') c.sqliteSync = sync;
	c.limits.maxPayload = int(env.JXC_MAX_PAYLOAD, c.limits.maxPayload);
	c.limits.messagesPerSecond = int(env.JXC_MSGS_PER_SECOND, c.limits.messagesPerSecond);
	c.limits.messageBurst = int(env.JXC_MSG_BURST, c.limits.messageBurst);
	c.limits.maxConnectionsPerIp = int(env.JXC_MAX_CONNS_PER_IP, c.limits.maxConnectionsPerIp);
	// Only for tests and benchmarks: a cheaper password hash. Never set it in production.
	c.auth.scryptLog2N = int(env.JXC_SCRYPT_LOG2N, c.auth.scryptLog2N);
	c.compactEvery = int(env.JXC_COMPACT_EVERY, c.compactEvery);
	const level = env.JXC_LOG_LEVEL;
	if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error' || level === 'silent')
		c.logLevel = level;
	return c;
}
