import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventFactory } from '../../../tests/factories/events';
import { encodeEvent } from '../domain/codec';
import type { AnyEvent } from '../domain/event';
import { JOURNAL_ROOT } from '../domain/journal-format';
import { journalArray, JournalPartition, openPartitionFromUpdate, type JournalBatch } from './partition';

function sales(f: EventFactory, n: number, device = 'T1'): AnyEvent[] {
	return Array.from({ length: n }, () =>
		f.make(
			'sales.delivery.posted',
			{
				no: f.no('sales.delivery.posted', device),
				customer: 'C042',
				wh: 'W01',
				lines: [{ p: 'P0123', q: 2000, amount: 3980, vat: 1300 }]
			},
			{ device }
		)
	);
}

function recorder() {
	const batches: JournalBatch[] = [];
	return { batches, sink: (b: JournalBatch) => void batches.push(b) };
}

/** Sends everything `from` has that `to` lacks, as one update (what a provider does on connect). */
function sync(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('a partition document', () => {
	it('[S6] holds one root, the append-only journal array', () => {
		const f = new EventFactory();
		const p = new JournalPartition('t/demo/b/B01/2026-01', new Y.Doc(), recorder());
		p.append(sales(f, 3));
		expect([...p.doc.share.keys()]).toEqual([JOURNAL_ROOT]);
		expect(p.journal.length).toBe(3);
	});

	it('[S7] appends a batch in one transaction', () => {
		const f = new EventFactory();
		const p = new JournalPartition('r', new Y.Doc(), recorder());
		let transactions = 0;
		p.doc.on('afterTransaction', () => transactions++);
		p.append(sales(f, 50));
		expect(transactions).toBe(1);
		expect(p.journal.length).toBe(50);
	});

	it('[S9] delivers what the document holds on open, as one load batch', () => {
		const f = new EventFactory();
		const a = new JournalPartition('r', new Y.Doc(), recorder());
		const events = sales(f, 20);
		a.append(events);
		const { batches, sink } = recorder();
		const b = openPartitionFromUpdate(Y.encodeStateAsUpdate(a.doc), sink, 'r');
		expect(batches).toHaveLength(1);
		expect(batches[0]).toMatchObject({ origin: 'load', room: 'r', rejected: [] });
		expect(batches[0]!.added).toEqual(events);
		b.dispose();
	});

	it('[S9] a remote update delivers only the events it inserted', () => {
		const f = new EventFactory();
		const a = new JournalPartition('r', new Y.Doc(), recorder());
		a.append(sales(f, 100));
		// An old malformed tuple must not be reported again by later updates: no rescan.
		a.doc.transact(() => a.journal.push([['zz', 1]]));
		const { batches, sink } = recorder();
		const b = new JournalPartition('r', new Y.Doc(), { sink });
		sync(a.doc, b.doc);
		expect(batches).toHaveLength(1);
		expect(batches[0]!.added).toHaveLength(100);
		expect(batches[0]!.rejected).toHaveLength(1);

		const more = sales(f, 3, 'T2');
		a.append(more);
		sync(a.doc, b.doc);
		expect(batches).toHaveLength(2);
		expect(batches[1]).toEqual({ added: more, rejected: [], room: 'r', origin: 'remote' });
	});

	it('[S8] an event already delivered is not delivered again, nor appended again', () => {
		const f = new EventFactory();
		const [event] = sales(f, 1);
		const a = recorder();
		const b = recorder();
		const pa = new JournalPartition('r', new Y.Doc(), a);
		const pb = new JournalPartition('r', new Y.Doc(), b);
		// Two devices hold the same event (an import done twice): each array has its copy.
		expect(pa.append([event!, event!])).toEqual([event]);
		pb.append([event!]);
		expect(pa.append([event!])).toEqual([]);
		sync(pa.doc, pb.doc);
		sync(pb.doc, pa.doc);
		expect(pa.journal.length).toBe(2);
		for (const r of [a, b]) expect(r.batches.flatMap((x) => x.added.map((e) => e.id))).toEqual([event!.id]);
	});

	it('[S10] a malformed tuple from a peer is reported with its failure, never thrown', () => {
		const f = new EventFactory();
		const good = sales(f, 2);
		const peer = new Y.Doc();
		const garbage = [
			null,
			42,
			'text',
			{ a: 1 },
			['zz', 1, 0, 'T9', 'u1', '', 1, []],
			['sdp', 1, 0, 'T9', 'u1']
		];
		journalArray(peer).push([encodeEvent(good[0]!), ...garbage, encodeEvent(good[1]!)]);
		const { batches, sink } = recorder();
		const p = new JournalPartition('r', new Y.Doc(), { sink });
		expect(() => sync(peer, p.doc)).not.toThrow();
		expect(batches).toHaveLength(1);
		expect(batches[0]!.added).toEqual(good);
		expect(batches[0]!.rejected.map((r) => r.tuple)).toEqual(garbage);
		expect(batches[0]!.rejected.map((r) => r.failure.code)).toEqual([
			'bad-envelope',
			'bad-envelope',
			'bad-envelope',
			'bad-envelope',
			'unknown-type',
			'bad-envelope'
		]);
	});

	it('[S17] a deletion from a peer neither throws nor takes an event back', () => {
		const f = new EventFactory();
		const a = new JournalPartition('r', new Y.Doc(), recorder());
		a.append(sales(f, 3));
		const { batches, sink } = recorder();
		const b = new JournalPartition('r', new Y.Doc(), { sink });
		sync(a.doc, b.doc);
		a.journal.delete(0, 2);
		expect(() => sync(a.doc, b.doc)).not.toThrow();
		expect(batches).toHaveLength(1);
		expect(batches[0]!.added).toHaveLength(3);
	});

	it('[S9] a disposed partition stops delivering', () => {
		const f = new EventFactory();
		const a = new JournalPartition('r', new Y.Doc(), recorder());
		const { batches, sink } = recorder();
		const b = new JournalPartition('r', new Y.Doc(), { sink });
		b.dispose();
		a.append(sales(f, 2));
		sync(a.doc, b.doc);
		expect(batches).toHaveLength(0);
		expect(() => b.append(sales(f, 1))).toThrow(/closed/);
	});
});
