/**
 * Fan-out without re-framing (rule R57): a relayed message goes to every peer of a room, so its WebSocket
 * frame (RFC 6455 §5.2: FIN + binary opcode, length, unmasked payload) is built once and the same bytes
 * are written to each socket in one `write`. `ws` would build a header per peer and write header and
 * payload as two buffers (cork, writev).
 *
 * A frame may be written past `ws` only while nothing of `ws`'s own can be in flight on that socket: no
 * extension negotiated (the relay turns permessage-deflate off) and `ws`'s sender idle with an empty queue.
 * Otherwise `ws.send` is used, so the order of frames on a socket is always the order of the calls.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** One unfragmented binary frame carrying `payload`, as a server sends it (unmasked). */
export function binaryFrame(payload: Uint8Array): Buffer {
	const n = payload.length;
	const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(head + n);
	frame[0] = 0x82;
	if (n < 126) frame[1] = n;
	else if (n < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(n, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
		frame.writeUInt32BE(n >>> 0, 6);
	}
	frame.set(payload, head);
	return frame;
}

/** The parts of a `ws` 8 WebSocket this module relies on; absent or different, it falls back to `send`. */
interface WsInternals {
	_extensions?: Record<string, unknown>;
	_socket?: Socket;
	_sender?: { _state?: number; _queue?: unknown[] };
}

/** The socket a prepared frame may be written to now, or null when `ws.send` must be used. */
export function idleSocket(ws: WebSocket): Socket | null {
	const { _extensions: extensions, _socket: socket, _sender: sender } = ws as unknown as WsInternals;
	// (`ws.extensions` would join the names into a new string on every call.)
	if (!extensions) return null;
	for (const _ in extensions) return null;
	if (!socket || !sender || sender._state !== 0 || !Array.isArray(sender._queue) || sender._queue.length > 0)
		return null;
	return socket;
}

/**
 * Sends `held` messages (R58), then `message`: as frames written to the socket together (one `writev`)
 * when that is safe, through `ws.send` otherwise. `frame` is `message`'s frame when the caller prepared
 * it for several peers.
 */
export function sendFramed(
	ws: WebSocket,
	message: Uint8Array,
	frame: Buffer | null,
	held: readonly Uint8Array[] | null = null
): void {
	const socket = idleSocket(ws);
	if (socket === null) {
		if (held !== null) for (const m of held) ws.send(m);
		ws.send(message);
	} else if (held === null) socket.write(frame ?? binaryFrame(message));
	else {
		socket.cork();
		for (const m of held) socket.write(binaryFrame(m));
		socket.write(frame ?? binaryFrame(message));
		socket.uncork();
	}
}
