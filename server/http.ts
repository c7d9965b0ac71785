/**
 * HTTP side of the relay (rules R1–R6, R50–R53): login, logout, password change, health, snapshots of a
 * room for devices that want history without a socket, and the built app with an SPA fallback.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import * as Y from 'yjs';
import { parseRoom } from '../src/lib/domain/journal-format';
import { roomAccess, roomPatterns } from './access';
import { hashToken, type AuthService } from './auth/service';
import type { RelayConfig } from './config';
import type { Logger } from './log';
import type { RoomManager } from './rooms';
import type { RoomStore, UserRecord } from './store/types';
import { checkNewUser, checkUserChange, listedUser } from './user-input';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.wasm': 'application/wasm'
};

export interface HttpContext {
	config: RelayConfig;
	auth: AuthService;
	rooms: RoomManager;
	store: RoomStore;
	log: Logger;
	stats: () => Record<string, unknown>;
	/**
	 * Publishes role changes not yet in their master partition. Login calls it before answering, so a
	 * user's grant is in the journal before the user holds a token to write with (rule R28).
	 */
	publishRoles: () => void;
	/** Closes the live sockets of a revoked session or user. */
	revoke: (match: { tokenHash?: string; tenant?: string; username?: string }, reason: string) => void;
}

/** A refused request: answered `{ error: message }` with `status`, and logged with `fields` (R56). */
class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly fields: Record<string, unknown> = {},
		/** False for plain misses (an asset that does not exist), which are not refusals. */
		readonly logged = true,
		/** A code the app turns into a message in the user's language (user management, R59–R61). */
		readonly code?: string
	) {
		super(message);
	}
}

export function clientIp(req: IncomingMessage): string {
	return req.socket.remoteAddress ?? 'unknown';
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(text)
	});
	res.end(text);
}

async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new HttpError(413, 'request body too large');
		chunks.push(chunk);
	}
	try {
		const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
		return value as Record<string, unknown>;
	} catch {
		throw new HttpError(400, 'expected a JSON object');
	}
}

function bearer(req: IncomingMessage): string | null {
	const h = req.headers.authorization;
	return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

export function publicUser(user: UserRecord) {
	return {
		company: user.tenant,
		username: user.username,
		displayName: user.displayName,
		roles: user.roles
	};
}

export function createHttpHandler(ctx: HttpContext) {
	const { config, auth, log } = ctx;

	const authenticated = (req: IncomingMessage) => {
		const result = auth.authenticate(bearer(req));
		if (!result.ok) throw new HttpError(401, `session ${result.reason}`);
		return result;
	};

	/** The signed-in user, if an owner of their company (R59); else 401 or 403. */
	const owner = (req: IncomingMessage): UserRecord => {
		const { user } = authenticated(req);
		if (!user.roles.some((g) => g.role === 'owner'))
			throw new HttpError(
				403,
				'only an owner manages users',
				{ user: user.username, company: user.tenant },
				true,
				'notOwner'
			);
		return user;
	};

	/** R60: `PATCH /api/users/<username>`: roles, name, disabled, a new password. */
	const changeUser = async (req: IncomingMessage, res: ServerResponse, username: string) => {
		const user = owner(req);
		const who = { user: user.username, company: user.tenant, target: username };
		let name = '';
		try {
			name = decodeURIComponent(username);
		} catch {
			// A malformed escape names no user.
		}
		const current = name ? ctx.auth.store.getUser(user.tenant, name) : null;
		if (!current) throw new HttpError(404, 'no such user', who, true, 'unknown');
		const body = await readJson(req, config.limits.maxJsonBody);
		const checked = checkUserChange(body, current);
		if (!checked.ok) throw new HttpError(400, checked.reason, who, true, checked.code);
		const change = checked.value;
		if (
			current.username === user.username &&
			(change.disabled === true || (change.roles && !change.roles.some((g) => g.role === 'owner')))
		)
			throw new HttpError(409, 'an owner cannot lock themselves out', who, true, 'self');
		if (change.displayName !== undefined || change.roles !== undefined || change.disabled !== undefined)
			ctx.auth.store.updateUser(current.tenant, current.username, {
				...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
				...(change.roles !== undefined ? { roles: change.roles } : {}),
				...(change.disabled !== undefined ? { disabled: change.disabled } : {})
			});
		if (change.password !== undefined)
			await auth.setPassword(current.tenant, current.username, change.password);
		if (change.disabled === true) ctx.auth.store.deleteUserSessions(current.tenant, current.username);
		// Sockets hold the access of their connection: a user whose roles changed, who was disabled or whose
		// password was reset reconnects, and is let in (or not) as they now are.
		if (change.roles !== undefined || change.disabled === true || change.password !== undefined)
			ctx.revoke({ tenant: current.tenant, username: current.username }, 'user changed by an owner');
		if (change.roles !== undefined || change.disabled !== undefined) ctx.publishRoles();
		log.info('user changed', { ...who, fields: Object.keys(change) });
		sendJson(res, 200, { user: listedUser(ctx.auth.store.getUser(current.tenant, current.username)!) });
	};

	const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
		'POST /api/login': async (req, res) => {
			const body = await readJson(req, config.limits.maxJsonBody);
			const result = await auth.login(body.company, body.username, body.password, clientIp(req));
			// The auth service logs refused credentials itself ('login refused'); a malformed body is ours.
			if (!result.ok) throw new HttpError(result.status, result.reason, {}, result.status === 400);
			ctx.publishRoles();
			sendJson(res, 200, {
				token: result.token,
				user: publicUser(result.user),
				rooms: roomPatterns(result.user),
				epoch: ctx.store.getEpoch()
			});
		},
		'POST /api/logout': (req, res) => {
			const token = bearer(req);
			if (!token || !auth.logout(token)) throw new HttpError(401, 'no such session');
			ctx.revoke({ tokenHash: hashToken(token) }, 'logged out');
			sendJson(res, 200, { ok: true });
		},
		'POST /api/password': async (req, res) => {
			const { user } = authenticated(req);
			const body = await readJson(req, config.limits.maxJsonBody);
			const result = await auth.changePassword(user, body.oldPassword, body.newPassword);
			if (!result.ok)
				throw new HttpError(
					result.status,
					result.reason,
					{ user: user.username, company: user.tenant },
					true,
					result.status === 401 ? 'wrongPassword' : 'password'
				);
			ctx.revoke({ tenant: user.tenant, username: user.username }, 'password changed');
			log.info('password changed', { company: user.tenant, user: user.username });
			sendJson(res, 200, { token: result.token });
		},
		'GET /api/me': (req, res) => {
			const { user } = authenticated(req);
			sendJson(res, 200, { user: publicUser(user), rooms: roomPatterns(user), epoch: ctx.store.getEpoch() });
		},
		// ---- the company's users, managed by its owners (R59–R61) ----
		'GET /api/users': (req, res) => {
			const user = owner(req);
			sendJson(res, 200, { users: ctx.auth.store.listUsers(user.tenant).map(listedUser) });
		},
		'POST /api/users': async (req, res) => {
			const user = owner(req);
			const body = await readJson(req, config.limits.maxJsonBody);
			const checked = checkNewUser(body);
			const who = { user: user.username, company: user.tenant };
			if (!checked.ok) throw new HttpError(400, checked.reason, who, true, checked.code);
			if (ctx.auth.store.getUser(user.tenant, checked.value.username))
				throw new HttpError(409, 'a user with this name exists', who, true, 'exists');
			const added = await auth.createUser({ tenant: user.tenant, ...checked.value });
			ctx.publishRoles();
			log.info('user added', { ...who, target: added.username, roles: added.roles });
			sendJson(res, 201, { user: listedUser(added) });
		},
		'GET /healthz': (_req, res) => {
			sendJson(res, ctx.rooms.failed ? 503 : 200, { ok: !ctx.rooms.failed, ...ctx.stats() });
		}
	};

	const snapshot = (req: IncomingMessage, res: ServerResponse, name: string) => {
		const { user } = authenticated(req);
		const room = parseRoom(name);
		if (!room)
			throw new HttpError(404, 'no such room', { user: user.username, company: user.tenant, room: name });
		if (roomAccess(user, room) === 'none')
			throw new HttpError(403, 'no access to this room', {
				user: user.username,
				company: user.tenant,
				room: name
			});
		// Writes received before this request but not yet committed (group commit) belong in the snapshot.
		ctx.rooms.flush();
		const live = ctx.rooms.get(name);
		const update = Y.encodeStateAsUpdate(live.doc);
		ctx.rooms.scheduleUnload(live);
		res.writeHead(200, {
			'content-type': 'application/octet-stream',
			'content-length': update.byteLength,
			'cache-control': 'no-store',
			'x-jxc-epoch': ctx.store.getEpoch(),
			'x-jxc-seq': String(live.lastSeq)
		});
		res.end(update);
	};

	const staticFile = (req: IncomingMessage, res: ServerResponse, pathname: string) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
		const root = config.staticDir;
		const index = join(root, 'index.html');
		if (!existsSync(index)) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(
				'<!doctype html><meta charset="utf-8"><title>JXC relay</title>' +
					'<p>The JXC relay is running, but the app is not built. Run <code>npm run build</code>.</p>'
			);
			return;
		}
		let file = normalize(join(root, decodeURIComponent(pathname)));
		if (file !== root && !file.startsWith(root + sep)) throw new HttpError(404, 'not found');
		if (!existsSync(file) || !statSync(file).isFile()) {
			// SPA fallback for app routes; a missing asset is a plain 404.
			if (extname(pathname) !== '' && extname(pathname) !== '.html')
				throw new HttpError(404, 'not found', {}, false);
			file = index;
		}
		const immutable = pathname.includes('/_app/immutable/');
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			'x-content-type-options': 'nosniff'
		});
		if (req.method === 'HEAD') return void res.end();
		createReadStream(file).pipe(res);
	};

	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		try {
			const url = new URL(req.url ?? '/', 'http://relay');
			const route = routes[`${req.method} ${url.pathname}`];
			if (route) await route(req, res);
			else if (req.method === 'GET' && url.pathname.startsWith('/api/snapshot/'))
				snapshot(req, res, url.pathname.slice('/api/snapshot/'.length));
			else if (req.method === 'PATCH' && url.pathname.startsWith('/api/users/'))
				await changeUser(req, res, url.pathname.slice('/api/users/'.length));
			else if (url.pathname.startsWith('/api/')) throw new HttpError(404, 'not found');
			else staticFile(req, res, url.pathname);
		} catch (err) {
			if (res.headersSent) return void res.destroy();
			if (err instanceof HttpError) {
				if (err.logged)
					log.warn('request refused', {
						...err.fields,
						path: req.url?.split('?')[0],
						ip: clientIp(req),
						status: err.status,
						reason: err.message
					});
				return sendJson(res, err.status, { error: err.message, ...(err.code ? { code: err.code } : {}) });
			}
			log.error('request failed', { path: req.url, error: String(err) });
			sendJson(res, 500, { error: 'internal error' });
		}
	};
}
