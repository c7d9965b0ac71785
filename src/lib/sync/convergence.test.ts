/**
 * [S11] Replicas converge (STYLE habit 4, the way Yjs fuzzes): several devices record realistic branch
 * work, their updates are queued per receiver and delivered in random order, some are lost to
 * disconnects and recovered by a state-vector resync, peers inject malformed tuples and duplicate
 * events. At the end every replica holds the same arrays and every sink received the same events,
 * each exactly once. A failing seed names itself; fixed ones stay in REGRESSIONS.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AnyEvent } from '../domain/event';
import { DeviceClock } from './device-clock';
import { Journal } from './journal';
import { insertedTuples, type JournalBatch } from './partition';
import { branchOperation, seededRandom } from './testing';

const ROOMS = ['t/demo/b/B01/2026-03', 't/demo/finance/2026-03'] as const;
const NET = Symbol('network');
const SEEDS = Number(process.env.JXC_FUZZ_SEEDS ?? 20);
const OPS = Number(process.env.JXC_FUZZ_OPS ?? 120);
const REGRESSIONS: number[] = [];

interface Replica {
	device: string;
	journal: Journal;
	batches: JournalBatch[];
	/** Updates waiting to be delivered to this replica, per room. */
	inbox: Map<string, Uint8Array[]>;
}

function syncPair(from: Replica, to: Replica, room: string): void {
	const a = from.journal.doc(room)!;
	const b = to.journal.doc(room)!;
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), NET);
}

async function run(seed: number, replicaCount: number, ops: number): Promise<void> {
	const rng = seededRandom(seed);
	let now = Date.UTC(2026, 2, 2, 1);
	const replicas: Replica[] = [];
	for (let i = 1; i <= replicaCount; i++) {
		const batches: JournalBatch[] = [];
		// Device clocks disagree by up to a few seconds, as real tablets do.
		const skew = rng.int(-3000, 3000);
		const journal = new Journal({
			tenant: 'demo',
			clock: new DeviceClock(`T${i}`, { now: () => now + skew }),
			sink: (b) => void batches.push(b)
		});
		replicas.push({ device: `T${i}`, journal, batches, inbox: new Map(ROOMS.map((r) => [r, []])) });
	}
	let deltaMismatches = 0;
	for (const r of replicas) {
		for (const room of ROOMS) {
			const doc = await r.journal.open(room);
			// The partition reads inserts from the transaction's new structs; Yjs's own delta must agree.
			doc.getArray('j').observe((event, tr) => {
				const fromDelta = event.changes.delta.flatMap((op) => (op.insert ?? []) as unknown[]);
				const fromStructs = insertedTuples(doc.getArray('j'), tr);
				const key = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
				if (JSON.stringify(key(fromDelta)) !== JSON.stringify(key(fromStructs))) deltaMismatches++;
			});
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === NET) return;
				for (const other of replicas) if (other !== r) other.inbox.get(room)!.push(update);
			});
		}
	}
	let injected = 0;
	const recorded: AnyEvent[] = [];

	for (let op = 0; op < ops; op++) {
		now += rng.int(1, 90_000);
		const r = rng.pick(replicas);
		const roll = rng.next();
		if (roll < 0.45) {
			const user = `u${r.device.slice(1)}`;
			const result = await r.journal.recordMany(
				branchOperation(rng, { user, branch: 'B01', device: r.device }, { withPayments: true })
			);
			if (!result.ok) throw new Error(`seed ${seed}: the workload made an invalid event: ${result.reason}`);
			recorded.push(...result.events);
		} else if (roll < 0.85) {
			// Deliver one queued update, picked at random: out of order on purpose.
			const room = rng.pick(ROOMS);
			const queue = r.inbox.get(room)!;
			if (queue.length > 0) {
				const [update] = queue.splice(rng.int(0, queue.length - 1), 1);
				Y.applyUpdate(r.journal.doc(room)!, update!, NET);
			}
		} else if (roll < 0.9) {
			// Disconnect: everything in flight to this replica is lost; reconnect resyncs with one peer.
			for (const q of r.inbox.values()) q.length = 0;
			const peer = rng.pick(replicas.filter((x) => x !== r));
			for (const room of ROOMS) syncPair(peer, r, room);
		} else if (roll < 0.95) {
			// A buggy or hostile peer writes a tuple that is not an event.
			const doc = r.journal.doc(ROOMS[0])!;
			doc.transact(() => doc.getArray('j').push([['sdp', 'garbage', injected]]));
			injected++;
		} else {
			// The same event imported on a second device: a second copy in the array, never re-delivered.
			const other = rng.pick(replicas.filter((x) => x !== r));
			const known = other.batches.flatMap((b) => b.added);
			if (known.length > 0) await r.journal.append([rng.pick(known)]);
		}
	}

	// Heal: everybody syncs with everybody until nothing moves.
	for (let round = 0; round < 2; round++)
		for (const a of replicas)
			for (const b of replicas) if (a !== b) for (const room of ROOMS) syncPair(a, b, room);

	const context = `seed ${seed} (replicas ${replicaCount}, ops ${ops})`;
	expect(deltaMismatches, `${context}: inserted structs differ from the Yjs delta`).toBe(0);
	const expectedIds = recorded.map((e) => e.id).sort();
	for (const room of ROOMS) {
		const reference = replicas[0]!.journal.doc(room)!.getArray('j').toJSON();
		for (const r of replicas)
			expect(r.journal.doc(room)!.getArray('j').toJSON(), `${context}: ${r.device} ${room}`).toEqual(
				reference
			);
	}
	for (const r of replicas) {
		const ids = r.batches.flatMap((b) => b.added.map((e) => e.id));
		expect(ids.length, `${context}: ${r.device} got an event twice`).toBe(new Set(ids).size);
		expect([...ids].sort(), `${context}: ${r.device} events`).toEqual(expectedIds);
		const rejected = r.batches.reduce((n, b) => n + b.rejected.length, 0);
		expect(rejected, `${context}: ${r.device} rejected tuples`).toBe(injected);
	}
	await Promise.all(replicas.map((r) => r.journal.destroy()));
}

describe('replicas', () => {
	it(`[S11] ${SEEDS} random runs of 3 replicas converge, every event delivered once everywhere`, async () => {
		for (let seed = 1; seed <= SEEDS; seed++) await run(seed, 3, OPS);
	});

	it('[S11] two replicas converge', async () => {
		for (let seed = 1001; seed <= 1005; seed++) await run(seed, 2, OPS);
	});

	it.skipIf(REGRESSIONS.length === 0)('[S11] regression seeds', async () => {
		for (const seed of REGRESSIONS) await run(seed, 3, OPS);
	});
});
