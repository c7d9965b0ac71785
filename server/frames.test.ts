import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, idleSocket, sendFramed } from './frames';

/** A server socket and the client at its other end, with what the client receives. */
async function pair(perMessageDeflate = false) {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
	await once(wss, 'listening');
	const port = (wss.address() as AddressInfo).port;
	const accepted = once(wss, 'connection');
	const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
	const received: Uint8Array[] = [];
	client.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	await once(client, 'open');
	const [server] = (await accepted) as [WebSocket];
	const close = async () => {
		client.terminate();
		await new Promise((r) => wss.close(r));
	};
	return { server, client, received, close };
}

async function until(test: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('[R57] prepared frames', () => {
	let close: (() => Promise<void>) | null = null;
	afterEach(async () => {
		await close?.();
		close = null;
	});

	it('reach a stock client intact at every length encoding (7-bit, 16-bit, 64-bit) and in order', async () => {
		const p = await pair();
		close = p.close;
		expect(idleSocket(p.server)).not.toBeNull();
		const messages = [0, 1, 125, 126, 127, 65535, 65536, 200_000].map(bytes);
		// Prepared frames, frames built on the way, and ws's own sends interleave in call order.
		messages.forEach((m, i) =>
			i % 3 === 2 ? p.server.send(m) : sendFramed(p.server, m, i % 3 === 0 ? binaryFrame(m) : null)
		);
		await until(() => p.received.length === messages.length);
		expect(p.received).toEqual(messages);
	});

	it('are not written past ws when an extension is negotiated: ws.send frames (and compresses) instead', async () => {
		const p = await pair(true);
		close = p.close;
		expect(p.server.extensions).toContain('permessage-deflate');
		expect(idleSocket(p.server)).toBeNull();
		const m = bytes(5000, 7);
		sendFramed(p.server, m, binaryFrame(m));
		await until(() => p.received.length === 1);
		expect(p.received).toEqual([m]);
	});

	it('wait behind frames ws still holds in its queue', async () => {
		const p = await pair();
		close = p.close;
		const sender = (p.server as unknown as { _sender: { _queue: unknown[] } })._sender;
		sender._queue.push([]);
		expect(idleSocket(p.server)).toBeNull();
		sender._queue.pop();
		expect(idleSocket(p.server)).not.toBeNull();
	});

	it('[R58] send held messages first, in order, then the message, on either path', async () => {
		for (const deflate of [false, true]) {
			const p = await pair(deflate);
			close = p.close;
			const held = [bytes(3, 1), bytes(40, 2)];
			const m = bytes(300, 3);
			sendFramed(p.server, m, deflate ? null : binaryFrame(m), held);
			sendFramed(p.server, bytes(5, 4), null, null);
			await until(() => p.received.length === 4);
			expect(p.received).toEqual([...held, m, bytes(5, 4)]);
			await p.close();
			close = null;
		}
	});
});
