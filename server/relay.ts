/**
 * The relay process: one HTTP server carrying the API, the built app and the WebSocket upgrade to
 * `/sync/<room>` (docs/RELAY.md). `createRelay` is used by `main.ts` and, in-process, by tests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseRoom } from '../src/lib/domain/journal-format';
import { roomAccess } from './access';
import { AuthService } from './auth/service';
import { generatePassword } from './auth/password';
import type { RelayConfig } from './config';
import { Connection } from './connection';
import { clientIp, createHttpHandler } from './http';
import { createLogger, type Logger } from './log';
import { CLOSE, encodeEpoch, encodeRefused } from './protocol';
import { publishRoleChanges } from './role-events';
import { RoomManager } from './rooms';
import type { RelayStore } from './store/types';

export interface Relay {
	readonly server: Server;
	readonly store: RelayStore;
	readonly auth: AuthService;
	readonly rooms: RoomManager;
	readonly log: Logger;
	readonly connections: Set<Connection>;
	/** The port actually listened on (useful with port 0). */
	port(): number;
	listen(): Promise<number>;
	/** Flushes, closes every socket with "going away", snapshots rooms, closes the store. */
	close(): Promise<void>;
}

export interface RelayOptions {
	store: RelayStore;
	log?: Logger;
	/** Called once with the generated password of the bootstrap owner (when none was configured). */
	onGeneratedPassword?: (password: string) => void;
}

/** First start on an empty store: company `demo` with owner `admin` (rule R7). */
export async function bootstrapDemo(
	auth: AuthService,
	adminPassword: string | undefined,
	onGenerated?: (password: string) => void
): Promise<boolean> {
	if (auth.store.listTenants().length > 0) return false;
	const password = adminPassword ?? generatePassword();
	auth.store.createTenant({ code: 'demo', name: 'Demo', createdAt: Date.now() });
	await auth.createUser({
		tenant: 'demo',
		username: 'admin',
		displayName: 'Administrator',
		password,
		roles: [{ role: 'owner', branches: null }]
	});
	if (adminPassword === undefined) onGenerated?.(password);
	return true;
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function createRelay(config: RelayConfig, options: RelayOptions): Promise<Relay> {
	const log = options.log ?? createLogger(config.logLevel);
	const store = options.store;
	const auth = new AuthService(store, config.auth, log);
	await bootstrapDemo(auth, config.adminPassword, options.onGeneratedPassword);
	const rooms = new RoomManager(
		store,
		{
			compactEvery: config.compactEvery,
			roomIdleMs: config.roomIdleMs,
			syncIntervalMs: 100,
			ackHoldMs: 100
		},
		log
	);
	const connections = new Set<Connection>();
	const perIp = new Map<string, number>();
	const startedAt = Date.now();

	const revoke = (match: { tokenHash?: string; tenant?: string; username?: string }, reason: string) => {
		for (const c of connections)
			if (
				(match.tokenHash !== undefined && c.tokenHash === match.tokenHash) ||
				(match.tenant !== undefined && c.tenant === match.tenant && c.user === match.username)
			)
				c.close(CLOSE.unauthorized, reason);
	};

	const publish = () => {
		try {
			publishRoleChanges(store, rooms, log);
		} catch (err) {
			log.error('publishing role changes failed', { error: String(err) });
		}
	};
	const handler = createHttpHandler({
		publishRoles: publish,
		config,
		auth,
		rooms,
		store,
		log,
		revoke,
		stats: () => ({
			epoch: store.getEpoch(),
			rooms: rooms.rooms.size,
			connections: connections.size,
			uptimeSeconds: Math.round((Date.now() - startedAt) / 1000)
		})
	});
	const server = createServer((req, res) => void handler(req, res));
	server.keepAliveTimeout = 5000;
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.limits.maxPayload,
		perMessageDeflate: false
	});

	const originAllowed = (req: IncomingMessage): boolean => {
		const origin = req.headers.origin;
		// Non-browser clients send no Origin; the check exists against cross-site pages in a browser.
		if (origin === undefined) return true;
		if (config.allowedOrigins.includes(origin)) return true;
		try {
			return new URL(origin).host === req.headers.host;
		} catch {
			return false;
		}
	};

	const accept = (ws: WebSocket, req: IncomingMessage, ip: string) => {
		const url = new URL(req.url ?? '/', 'http://relay');
		const roomName = url.pathname.slice('/sync/'.length);
		const deny = (code: number, reason: string, fields: Record<string, unknown> = {}) => {
			log.warn('connection refused', { room: roomName, ip, reason, ...fields });
			if (url.searchParams.get('ext') === '1') ws.send(encodeRefused(String(code), reason));
			ws.close(code, reason);
		};
		const parsed = parseRoom(roomName);
		if (!parsed) return deny(CLOSE.noSuchRoom, 'no such room');
		const session = auth.authenticate(url.searchParams.get('token'));
		if (!session.ok) return deny(CLOSE.unauthorized, `session ${session.reason}`);
		const user = session.user;
		const who = { user: user.username, company: user.tenant };
		const access = roomAccess(user, parsed);
		if (access === 'none') return deny(CLOSE.forbidden, 'no access to this room', who);
		const epoch = store.getEpoch();
		const claimed = url.searchParams.get('epoch');
		if (claimed && claimed !== epoch)
			return deny(CLOSE.staleEpoch, 'epoch: the relay was restored; resync', who);
		const ext = url.searchParams.get('ext') === '1';
		if (ext) ws.send(encodeEpoch(epoch));
		let room;
		try {
			room = rooms.get(roomName);
		} catch (err) {
			log.error('room load failed', { room: roomName, error: String(err) });
			ws.close(1011, 'room unavailable');
			return;
		}
		const conn = new Connection({
			ws,
			room,
			rooms,
			user: user.username,
			tenant: user.tenant,
			tokenHash: session.session.tokenHash,
			access,
			ip,
			ext,
			limits: config.limits,
			log,
			onClose: (c) => {
				connections.delete(c);
			}
		});
		connections.add(conn);
		log.debug('connected', { ...who, room: roomName, access, ip });
	};

	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		socket.on('error', () => socket.destroy());
		const ip = clientIp(req);
		const path = (req.url ?? '').split('?')[0] ?? '';
		if (!path.startsWith('/sync/')) {
			log.warn('connection refused', { ip, path, reason: 'not a sync path' });
			return rejectUpgrade(socket, 404, 'Not Found');
		}
		if (!originAllowed(req)) {
			log.warn('connection refused', { ip, origin: req.headers.origin, reason: 'origin not allowed' });
			return rejectUpgrade(socket, 403, 'Forbidden');
		}
		const count = perIp.get(ip) ?? 0;
		if (count >= config.limits.maxConnectionsPerIp) {
			log.warn('connection refused', { ip, reason: 'too many connections from this address' });
			return rejectUpgrade(socket, 429, 'Too Many Requests');
		}
		perIp.set(ip, count + 1);
		let counted = true;
		const release = () => {
			if (!counted) return;
			counted = false;
			const n = (perIp.get(ip) ?? 1) - 1;
			if (n <= 0) perIp.delete(ip);
			else perIp.set(ip, n);
		};
		socket.once('close', release);
		wss.handleUpgrade(req, socket, head, (ws) => {
			ws.on('error', () => ws.terminate());
			try {
				accept(ws, req, ip);
			} catch (err) {
				log.error('connection setup failed', { ip, error: String(err) });
				ws.close(1011, 'internal error');
			}
		});
	});

	// Liveness, session expiry and access changes made by the CLI reach open sockets here.
	const heartbeat = setInterval(() => {
		for (const c of connections) c.heartbeat();
	}, 30_000);
	heartbeat.unref();
	const recheck = setInterval(() => {
		const now = Date.now();
		store.deleteStaleSessions(now, config.auth.sessionIdleMs);
		auth.throttle.prune(now);
		for (const c of connections) {
			const session = auth.authenticateHash(c.tokenHash, now);
			if (!session.ok) {
				c.close(CLOSE.unauthorized, 'session ended');
				continue;
			}
			const access = roomAccess(session.user, c.room.parsed);
			if (access === 'none') c.close(CLOSE.forbidden, 'access withdrawn');
			else c.access = access;
		}
	}, config.recheckMs);
	recheck.unref();
	publish();
	const publisher = setInterval(publish, config.publishRolesMs);
	publisher.unref();

	let closing: Promise<void> | null = null;
	const relay: Relay = {
		server,
		store,
		auth,
		rooms,
		log,
		connections,
		port: () => {
			const a = server.address();
			return typeof a === 'object' && a ? a.port : config.port;
		},
		listen: () =>
			new Promise<number>((resolve, reject) => {
				server.once('error', reject);
				server.listen(config.port, config.host, () => {
					server.off('error', reject);
					log.info('relay listening', {
						port: relay.port(),
						dataDir: config.dataDir,
						epoch: store.getEpoch()
					});
					resolve(relay.port());
				});
			}),
		close: () =>
			(closing ??= (async () => {
				clearInterval(heartbeat);
				clearInterval(recheck);
				clearInterval(publisher);
				const stopped = new Promise<void>((r) => server.close(() => r()));
				rooms.flush();
				await rooms.acknowledged();
				for (const c of [...connections]) c.close(CLOSE.goingAway, 'relay shutting down');
				rooms.closeAll();
				server.closeAllConnections();
				await stopped;
				store.close();
				log.info('relay stopped', {});
			})())
	};
	return relay;
}
