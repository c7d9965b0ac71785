import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { defaultConfig } from './config';
import { Connection } from './connection';
import { createLogger } from './log';
import { encodeSaved, MESSAGE_SAVED, MESSAGE_SYNC } from './protocol';
import { encodeSyncUpdate, RoomManager } from './rooms';
import { MemoryStore } from './store/memory';

/** A relay connection on one end of a real socket, and what the stock client at the other end receives. */
async function connected() {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
	await once(wss, 'listening');
	const accepted = once(wss, 'connection');
	const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
	/** Message types received, and after each socket read how many had arrived. */
	const received: number[] = [];
	const reads: number[] = [];
	client.on('message', (data: Buffer) => received.push(decoding.readVarUint(decoding.createDecoder(data))));
	await once(client, 'open');
	const socket = (client as unknown as { _socket: NodeJS.EventEmitter })._socket;
	socket.on('data', () => reads.push(received.length));
	const [ws] = (await accepted) as [WebSocket];
	const rooms = new RoomManager(
		new MemoryStore(),
		{ compactEvery: 500, roomIdleMs: 30_000, syncIntervalMs: 0, ackHoldMs: 0 },
		createLogger('silent')
	);
	const conn = new Connection({
		ws,
		room: rooms.get('t/demo/b/B01/2026-01'),
		rooms,
		user: 'admin',
		tenant: 'demo',
		tokenHash: 'test',
		access: 'write',
		ip: '127.0.0.1',
		ext: true,
		limits: defaultConfig().limits,
		log: createLogger('silent'),
		onClose: () => {}
	});
	const until = async (n: number) => {
		for (let i = 0; i < 200 && received.length < n; i++) await new Promise((r) => setTimeout(r, 5));
		expect(received.length).toBe(n);
	};
	const close = async () => {
		client.terminate();
		await new Promise((r) => wss.close(r));
	};
	return { conn, received, reads, until, close };
}

const saved = () => encodeSaved(Uint8Array.of(0));
const update = () => encodeSyncUpdate(Uint8Array.of(0, 0));

describe('[R58] a connection sends held acknowledgements with its next message', () => {
	let close: (() => Promise<void>) | null = null;
	afterEach(async () => {
		await close?.();
		close = null;
	});

	it('writes the held `saved` messages and the next message together, in order', async () => {
		const c = await connected();
		close = c.close;
		await c.until(1); // sync step 1 of the opening handshake
		c.conn.hold(saved());
		c.conn.hold(saved());
		expect(c.received).toEqual([MESSAGE_SYNC]);
		c.conn.send(update());
		await c.until(4);
		expect(c.received).toEqual([MESSAGE_SYNC, MESSAGE_SAVED, MESSAGE_SAVED, MESSAGE_SYNC]);
		// One write: no socket read ended between the three frames.
		expect(c.reads.filter((n) => n > 1)).toEqual([4]);
		c.conn.release(); // nothing left to release
		await new Promise((r) => setTimeout(r, 30));
		expect(c.received).toHaveLength(4);
	});

	it('release() sends what no message took', async () => {
		const c = await connected();
		close = c.close;
		await c.until(1);
		c.conn.hold(saved());
		c.conn.release();
		await c.until(2);
		expect(c.received).toEqual([MESSAGE_SYNC, MESSAGE_SAVED]);
	});

	it('a closed connection drops what it held', async () => {
		const c = await connected();
		close = c.close;
		await c.until(1);
		c.conn.hold(saved());
		c.conn.close(1000, 'bye');
		c.conn.release();
		await new Promise((r) => setTimeout(r, 30));
		expect(c.received).toEqual([MESSAGE_SYNC]);
	});
});
