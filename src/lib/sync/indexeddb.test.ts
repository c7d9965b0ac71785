/**
 * [S16] A tablet killed mid-write: y-indexeddb in fake-indexeddb. Whatever was stored is back after a
 * restart, nothing is delivered or stored twice, a write that never committed is simply absent, and an
 * update whose predecessor was lost stays invisible until the relay brings the predecessor.
 */
import 'fake-indexeddb/auto';
import * as idb from 'lib0/indexeddb';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AnyEvent } from '../domain/event';
import { compareHlc } from '../domain/hlc';
import { DeviceClock } from './device-clock';
import { indexedDbPersistence } from './indexeddb';
import { Journal } from './journal';
import type { JournalBatch } from './partition';
import { branchOperation, seededRandom } from './testing';

const ROOM = 't/demo/b/B01/2026-03';
const FIN = 't/demo/finance/2026-03';
let prefixes = 0;

function tablet(prefix: string, now: () => number) {
	const batches: JournalBatch[] = [];
	const journal = new Journal({
		tenant: 'demo',
		clock: new DeviceClock('T1', { now }),
		sink: (b) => void batches.push(b),
		persistence: indexedDbPersistence(prefix)
	});
	return { journal, batches, ids: () => batches.flatMap((b) => b.added.map((e) => e.id)) };
}

/** Lets fake-indexeddb commit what y-indexeddb queued (it writes each update in its own transaction). */
async function settle(): Promise<void> {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function storedKeys(name: string): Promise<number[]> {
	const db = await idb.openDB(name, () => {});
	const [updates] = idb.transact(db, ['updates'], 'readonly');
	const keys = (await idb.getAllKeys(updates!)) as number[];
	db.close();
	return keys;
}

/** Removes stored records, as if their IndexedDB transactions had never committed. */
async function loseRecords(name: string, keys: number[]): Promise<void> {
	const db = await idb.openDB(name, () => {});
	const [updates] = idb.transact(db, ['updates']);
	for (const key of keys) await idb.del(updates!, key);
	db.close();
}

async function work(journal: Journal, seed: number, operations: number): Promise<AnyEvent[]> {
	const rng = seededRandom(seed);
	const out: AnyEvent[] = [];
	for (let i = 0; i < operations; i++) {
		const r = await journal.recordMany(
			branchOperation(rng, { user: 'u1', branch: 'B01', device: 'T1' }, { withPayments: true })
		);
		if (!r.ok) throw new Error(r.reason);
		out.push(...r.events);
	}
	return out;
}

describe('a tablet killed mid-write (y-indexeddb)', () => {
	let t = Date.UTC(2026, 2, 10, 2);
	const now = () => (t += 1500);

	it('[S16] everything stored is back after a restart, delivered once, stored once', async () => {
		const prefix = `kill-${++prefixes}`;
		const first = tablet(prefix, now);
		await Promise.all([first.journal.open(ROOM), first.journal.open(FIN)]);
		const recorded = await work(first.journal, 1, 40);
		await settle();
		// Killed: no clean shutdown of the journal; the next start finds what IndexedDB committed.
		const lengths = [ROOM, FIN].map((r) => first.journal.doc(r)!.getArray('j').length);

		for (let restart = 0; restart < 2; restart++) {
			const again = tablet(prefix, now);
			await Promise.all([again.journal.open(ROOM), again.journal.open(FIN)]);
			expect(again.batches.every((b) => b.origin === 'load')).toBe(true);
			expect(again.ids().sort()).toEqual(recorded.map((e) => e.id).sort());
			expect([ROOM, FIN].map((r) => again.journal.doc(r)!.getArray('j').length)).toEqual(lengths);
			await again.journal.destroy();
		}
		await first.journal.destroy();
	});

	it('[S16] a write that never committed is absent; the rest is intact and the clock resumes', async () => {
		const prefix = `kill-${++prefixes}`;
		const first = tablet(prefix, now);
		await first.journal.open(ROOM);
		const kept = await work(first.journal, 2, 10);
		await settle();
		const before = await storedKeys(`${prefix}:${ROOM}`);
		const r = await first.journal.record(
			'stock.adjusted',
			{ wh: 'W01', reason: '破损', lines: [{ p: 'P1', q: -1000 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		if (!r.ok) throw new Error(r.reason);
		await settle();
		const after = await storedKeys(`${prefix}:${ROOM}`);
		await loseRecords(
			`${prefix}:${ROOM}`,
			after.filter((k) => !before.includes(k))
		);

		// It restarts with its clock a week behind.
		const again = tablet(prefix, () => Date.UTC(2026, 2, 3));
		await again.journal.open(ROOM);
		const branchKept = kept.filter((e) => again.journal.roomOf(e).ok && e.branch === 'B01');
		expect(again.ids().sort()).toEqual(branchKept.map((e) => e.id).sort());
		expect(again.journal.has(r.event.id)).toBe(false);
		const latest = branchKept
			.map((e) => e.hlc)
			.sort(compareHlc)
			.pop()!;
		expect(compareHlc(again.journal.clock.tick(), latest)).toBeGreaterThan(0);
		await Promise.all([first.journal.destroy(), again.journal.destroy()]);
	});

	it('[S16] an update whose predecessor was lost stays pending until the relay brings it', async () => {
		const prefix = `kill-${++prefixes}`;
		const first = tablet(prefix, now);
		await first.journal.open(ROOM);
		// The relay received everything the tablet wrote (it is a peer that saw every update).
		const relay = new Y.Doc();
		first.journal.doc(ROOM)!.on('update', (u: Uint8Array) => Y.applyUpdate(relay, u));
		const base = await storedKeys(`${prefix}:${ROOM}`);
		const a = await first.journal.record(
			'stock.adjusted',
			{ wh: 'W01', reason: '破损', lines: [{ p: 'P1', q: -1000 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		await settle();
		const afterA = await storedKeys(`${prefix}:${ROOM}`);
		const b = await first.journal.record(
			'stock.adjusted',
			{ wh: 'W01', reason: '过期', lines: [{ p: 'P2', q: -2000 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		if (!a.ok || !b.ok) throw new Error('record failed');
		await settle();
		// A's write is lost, B's (which builds on A) survived.
		await loseRecords(
			`${prefix}:${ROOM}`,
			afterA.filter((k) => !base.includes(k))
		);

		const again = tablet(prefix, now);
		const doc = await again.journal.open(ROOM);
		expect(again.ids()).toEqual([]);
		expect(doc.getArray('j').length).toBe(0);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(relay, Y.encodeStateVector(doc)));
		expect(again.ids().sort()).toEqual([a.event.id, b.event.id].sort());
		expect(again.batches.map((x) => x.origin)).toEqual(['remote']);
		await Promise.all([first.journal.destroy(), again.journal.destroy()]);
	});
});
