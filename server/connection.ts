/**
 * One WebSocket in one room: rate limit, message decoding, read-only dropping, the journal guard
 * (rules R14–R16, R20–R23, R40–R44). Anything it cannot decode closes this socket, never the process.
 */
import type { WebSocket, RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Access } from './access';
import type { RelayLimits } from './config';
import { sendFramed } from './frames';
import { checkJournalUpdate } from './journal-guard';
import type { Logger } from './log';
import { CLOSE, encodeRefused, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './protocol';
import type { Room, RoomManager, RoomPeer } from './rooms';

/** Awareness client ids one connection may announce (a device has one; a few tabs share nothing). */
const MAX_AWARENESS_IDS = 8;

class MalformedMessage extends Error {}

/** Close codes of the errors ws raises for frames it refuses by itself. */
const CLOSE_CODE_OF: Record<string, number> = {
	WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE.tooBig,
	WS_ERR_INVALID_UTF8: CLOSE.invalidPayload
};

export interface ConnectionInfo {
	ws: WebSocket;
	room: Room;
	rooms: RoomManager;
	user: string;
	tenant: string;
	tokenHash: string;
	access: Exclude<Access, 'none'>;
	ip: string;
	ext: boolean;
	limits: RelayLimits;
	log: Logger;
	onClose: (conn: Connection) => void;
}

export class Connection implements RoomPeer {
	readonly ws: WebSocket;
	readonly room: Room;
	readonly user: string;
	readonly tenant: string;
	readonly tokenHash: string;
	readonly ext: boolean;
	readonly ip: string;
	access: Exclude<Access, 'none'>;
	#info: ConnectionInfo;
	#tokens: number;
	#lastRefill = Date.now();
	#closed = false;
	#alive = true;

	constructor(info: ConnectionInfo) {
		this.#info = info;
		this.ws = info.ws;
		this.room = info.room;
		this.user = info.user;
		this.tenant = info.tenant;
		this.tokenHash = info.tokenHash;
		this.access = info.access;
		this.ext = info.ext;
		this.ip = info.ip;
		this.#tokens = info.limits.messageBurst;
		info.rooms.join(this.room, this);
		this.ws.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(data, isBinary));
		this.ws.on('close', () => this.#cleanup());
		// ws reports frames it refuses (over maxPayload, bad framing) here, and closes the socket itself.
		this.ws.on('error', (err: Error & { code?: string }) => {
			this.#logClosed(CLOSE_CODE_OF[err.code ?? ''] ?? 1006, err.message, { error: err.code });
			this.#cleanup();
		});
		this.ws.on('pong', () => (this.#alive = true));
		// Opening handshake of y-websocket: the server sends sync step 1 and the current awareness.
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_SYNC);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(this.room.doc));
		this.send(encoding.toUint8Array(e));
		const states = this.room.awareness.getStates();
		if (states.size > 0) this.send(this.#awarenessMessage([...states.keys()]));
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** `saved` messages waiting to go out with the next message to this device (R58). */
	#held: Uint8Array[] | null = null;

	/**
	 * Sends a binary message, after any held `saved` messages; `frame`, when given, is its prepared frame
	 * (a broadcast builds it once).
	 */
	send(message: Uint8Array, frame: Buffer | null = null): void {
		const held = this.#held;
		this.#held = null;
		if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.#info.limits.maxBufferedBytes) {
			this.close(CLOSE.policy, 'reader too slow', { unsent: this.ws.bufferedAmount });
			return;
		}
		// A failed send surfaces as the socket's 'error' and 'close' events, which clean up.
		sendFramed(this.ws, message, frame, held);
	}

	hold(message: Uint8Array): void {
		if (!this.#closed) (this.#held ??= []).push(message);
	}

	release(): void {
		const held = this.#held;
		if (held === null) return;
		const last = held.pop()!;
		this.#held = held.length > 0 ? held : null;
		this.send(last);
	}

	/** Liveness: returns false (and terminates) when the last ping went unanswered. */
	heartbeat(): boolean {
		if (!this.#alive) {
			this.ws.terminate();
			this.#cleanup();
			return false;
		}
		this.#alive = false;
		try {
			this.ws.ping();
		} catch {
			this.#cleanup();
		}
		return true;
	}

	/** Closes the socket; anything but a shutdown is logged with user, room, address and reason (R56). */
	close(code: number, reason: string, fields: Record<string, unknown> = {}): void {
		if (this.#closed) return;
		if (code !== CLOSE.goingAway) this.#logClosed(code, reason, fields);
		this.#close(code, reason);
	}

	#logClosed(code: number, reason: string, fields: Record<string, unknown>): void {
		this.#info.log.warn('connection closed', {
			user: this.user,
			company: this.tenant,
			room: this.room.name,
			ip: this.ip,
			code,
			reason,
			...fields
		});
	}

	#close(code: number, reason: string): void {
		if (this.#closed) return;
		try {
			this.ws.close(code, reason);
		} catch {
			this.ws.terminate();
		}
		this.#cleanup();
	}

	/** Tells the client why (ext clients), logs, and closes: the client must reset and resync. */
	refuse(code: string, reason: string, closeCode: number = CLOSE.refused): void {
		this.#info.log.warn('update refused', {
			user: this.user,
			company: this.tenant,
			room: this.room.name,
			ip: this.ip,
			code,
			reason
		});
		if (this.ext) this.send(encodeRefused(code, reason));
		this.#close(closeCode, `${code}: ${reason}`.slice(0, 120));
	}

	#cleanup(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#info.rooms.leave(this.room, this);
		this.#info.onClose(this);
	}

	#takeToken(): boolean {
		const now = Date.now();
		const { messagesPerSecond, messageBurst } = this.#info.limits;
		this.#tokens = Math.min(
			messageBurst,
			this.#tokens + ((now - this.#lastRefill) / 1000) * messagesPerSecond
		);
		this.#lastRefill = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#closed) return;
		if (!isBinary) {
			this.close(CLOSE.unsupportedData, 'text frame');
			return;
		}
		if (!this.#takeToken()) {
			this.close(CLOSE.policy, 'rate limit');
			return;
		}
		const bytes = toBytes(data);
		try {
			this.#handle(bytes);
		} catch (err) {
			this.close(CLOSE.invalidPayload, 'malformed message', {
				error: err instanceof Error ? err.message : String(err)
			});
		}
	}

	#handle(bytes: Uint8Array): void {
		const decoder = decoding.createDecoder(bytes);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC:
				this.#handleSync(decoder, bytes);
				return;
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, this);
				if ((this.room.peers.get(this)?.size ?? 0) > MAX_AWARENESS_IDS)
					this.close(CLOSE.policy, 'too many awareness clients');
				return;
			}
			case MESSAGE_QUERY_AWARENESS:
				this.send(this.#awarenessMessage([...this.room.awareness.getStates().keys()]));
				return;
			default:
				throw new MalformedMessage(`unknown message type ${type}`);
		}
	}

	#handleSync(decoder: decoding.Decoder, message: Uint8Array): void {
		const syncType = decoding.readVarUint(decoder);
		if (syncType === 0) {
			// Step 1: answer with what the client lacks. A garbage state vector throws and closes the socket.
			const sv = decoding.readVarUint8Array(decoder);
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.room.doc, sv));
			this.send(encoding.toUint8Array(e));
			return;
		}
		if (syncType !== 1 && syncType !== 2) throw new MalformedMessage(`unknown sync message ${syncType}`);
		const update = decoding.readVarUint8Array(decoder);
		const verdict = checkJournalUpdate(update, this.user);
		if (!verdict.ok && verdict.code === 'malformed') throw new MalformedMessage(verdict.reason);
		if (this.access !== 'write') {
			// y-protocols' guidance for read-only peers: drop their writes, keep serving them.
			if (!(verdict.ok && verdict.empty))
				this.#info.log.warn('update refused', {
					user: this.user,
					company: this.tenant,
					room: this.room.name,
					ip: this.ip,
					code: 'read-only',
					reason: 'this user may only read this room'
				});
			return;
		}
		if (!verdict.ok) {
			this.refuse(verdict.code, verdict.reason);
			return;
		}
		if (this.#info.rooms.failed) {
			this.close(1011, 'store unavailable');
			return;
		}
		// A sync `update` with nothing after it is relayed as it came; a step 2 is relayed as an update.
		const relayAsIs = syncType === 2 && decoder.pos === message.length;
		if (!verdict.empty)
			this.#info.rooms.enqueue(this.room, this, update, verdict.ends, relayAsIs ? message : null);
	}

	#awarenessMessage(clients: number[]): Uint8Array {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients));
		return encoding.toUint8Array(e);
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
