import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { JOURNAL_ROOT } from '../src/lib/domain/journal-format';
import { createLogger } from './log';
import { MESSAGE_SAVED, MESSAGE_SYNC } from './protocol';
import { RoomManager, type RoomPeer } from './rooms';
import { MemoryStore } from './store/memory';

const ROOM = 't/demo/b/B01/2026-01';

/** A peer that records what the room manager asks of it, as `kind:message type`. */
class FakePeer implements RoomPeer {
	readonly ext = true;
	readonly calls: string[] = [];
	constructor(readonly user: string) {}
	send(message: Uint8Array): void {
		this.calls.push(`send:${decoding.readVarUint(decoding.createDecoder(message))}`);
	}
	hold(message: Uint8Array): void {
		this.calls.push(`hold:${decoding.readVarUint(decoding.createDecoder(message))}`);
	}
	release(): void {
		this.calls.push('release');
	}
}

/** One journal append by a fresh Yjs client, with the clocks it ends at. */
function append(n: number): { update: Uint8Array; ends: Map<number, number> } {
	const doc = new Y.Doc();
	doc.getArray(JOURNAL_ROOT).push([JSON.stringify(['t', n])]);
	return { update: Y.encodeStateAsUpdate(doc), ends: new Map([[doc.clientID, 1]]) };
}

const until = async (test: () => boolean) => {
	for (let i = 0; i < 400 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(test()).toBe(true);
};

describe('[R58] saved acknowledgements are held for the next message to their device', () => {
	let rooms: RoomManager | null = null;
	afterEach(async () => {
		await rooms?.acknowledged();
		rooms = null;
	});

	/** A room manager holding acknowledgements `ackHoldMs`, and device `a`'s first write in its room. */
	function aWrites(ackHoldMs: number) {
		const m = (rooms = new RoomManager(
			new MemoryStore(),
			{ compactEvery: 500, roomIdleMs: 30_000, syncIntervalMs: 0, ackHoldMs },
			createLogger('silent')
		));
		const room = m.get(ROOM);
		const a = new FakePeer('admin');
		m.join(room, a);
		const w = append(1);
		m.enqueue(room, a, w.update, w.ends);
		return { m, room, a };
	}

	it('holds the acknowledgement after its fsync round, then releases it once the hold time has passed', async () => {
		const { a } = aWrites(60);
		await until(() => a.calls.includes(`hold:${MESSAGE_SAVED}`));
		expect(a.calls).toEqual([`hold:${MESSAGE_SAVED}`]);
		await until(() => a.calls.length === 2);
		expect(a.calls).toEqual([`hold:${MESSAGE_SAVED}`, 'release']);
	});

	it('lets a relayed update to the same device go out meanwhile (the connection sends both together)', async () => {
		const { m, room, a } = aWrites(10_000);
		const b = new FakePeer('admin');
		m.join(room, b);
		await until(() => a.calls.includes(`hold:${MESSAGE_SAVED}`));
		const w2 = append(2);
		m.enqueue(room, b, w2.update, w2.ends);
		m.flush();
		expect(a.calls).toEqual([`hold:${MESSAGE_SAVED}`, `send:${MESSAGE_SYNC}`]);
	});

	it('acknowledged() releases every held acknowledgement at once (shutdown does not wait out the hold)', async () => {
		const { m, a } = aWrites(10_000);
		m.flush(); // as the relay's shutdown does
		const started = Date.now();
		await m.acknowledged();
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(a.calls).toEqual([`hold:${MESSAGE_SAVED}`, 'release']);
	});

	it('with no hold time, releases right after the round', async () => {
		const { a } = aWrites(0);
		await until(() => a.calls.length === 2);
		expect(a.calls).toEqual([`hold:${MESSAGE_SAVED}`, 'release']);
	});
});
