import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EventFactory } from '../../../tests/factories/events';
import { dayFromIso } from '../domain/dates';
import type { AnyEvent } from '../domain/event';
import { compareHlc, formatHlc } from '../domain/hlc';
import { DeviceClock } from './device-clock';
import { Journal } from './journal';
import type { JournalBatch } from './partition';
import { MemoryStore, type PersistenceAdapter } from './persistence';

const MARCH = Date.UTC(2026, 2, 10, 2);
const B01 = 't/demo/b/B01/2026-03';
const FIN = 't/demo/finance/2026-03';
const line = { p: 'P0123', q: 2000, amount: 3980, vat: 1300 };

function setup(options: { device?: string; now?: () => number; persistence?: PersistenceAdapter } = {}) {
	const batches: JournalBatch[] = [];
	const journal = new Journal({
		tenant: 'demo',
		clock: new DeviceClock(options.device ?? 'T1', { now: options.now ?? (() => MARCH) }),
		sink: (b) => void batches.push(b),
		...(options.persistence ? { persistence: options.persistence } : {})
	});
	const delivered = () => batches.flatMap((b) => b.added);
	return { journal, batches, delivered };
}

const sale = { customer: 'C042', wh: 'W01', lines: [line] };

describe('journal', () => {
	it('[S5] records into the partition of the recording month, whatever the business date', async () => {
		const { journal, batches } = setup();
		const r = await journal.record(
			'purchase.receipt.posted',
			{ supplier: 'S01', wh: 'W01', lines: [line] },
			{ user: 'u1', branch: 'B01', at: dayFromIso('2026-02-27')! }
		);
		expect(r.ok).toBe(true);
		expect(journal.rooms()).toEqual([B01]);
		expect(batches).toMatchObject([{ room: B01, origin: 'local' }]);
		expect(Y.encodeStateAsUpdate(journal.doc(B01)!).length).toBeGreaterThan(0);
	});

	it('dates a record on the day `today` names (the demo), still filing it by its recording month', async () => {
		const batches: JournalBatch[] = [];
		const journal = new Journal({
			tenant: 'demo',
			clock: new DeviceClock('T1', { now: () => MARCH }),
			sink: (b) => void batches.push(b),
			today: () => dayFromIso('2025-12-31')!
		});
		const r = await journal.record(
			'purchase.receipt.posted',
			{ supplier: 'S01', wh: 'W01', lines: [line] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		expect(r.ok && r.event.at).toBe(dayFromIso('2025-12-31'));
		expect(journal.rooms()).toEqual([B01]);
		// A record that names its date keeps it.
		const dated = await journal.record(
			'purchase.receipt.posted',
			{ supplier: 'S01', wh: 'W01', lines: [line] },
			{
				user: 'u1',
				branch: 'B01',
				at: dayFromIso('2026-03-01')!
			}
		);
		expect(dated.ok && dated.event.at).toBe(dayFromIso('2026-03-01'));
	});

	it('[S5] opens the new month when the month turns between planning and ticking', async () => {
		// 2026-03-31 23:59:59.999 in Beijing, then the next millisecond.
		const end = Date.UTC(2026, 2, 31, 15, 59, 59, 999);
		const readings = [end, end + 1];
		const { journal } = setup({ now: () => readings.shift() ?? end + 1 });
		const r = await journal.record(
			'stock.adjusted',
			{ wh: 'W01', reason: '破损', lines: [{ p: 'P1', q: -1000 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		expect(r.ok).toBe(true);
		expect(journal.rooms().sort()).toEqual(['t/demo/b/B01/2026-03', 't/demo/b/B01/2026-04']);
		expect(journal.doc('t/demo/b/B01/2026-04')!.getArray('j').length).toBe(1);
		expect(journal.doc('t/demo/b/B01/2026-03')!.getArray('j').length).toBe(0);
	});

	it('[S5] a branch event without a branch is a failure and opens nothing', async () => {
		const { journal, batches } = setup();
		const r = await journal.record('sales.delivery.posted', sale, { user: 'u1' });
		expect(r).toMatchObject({ ok: false, code: 'bad-envelope', path: 'branch' });
		expect(journal.rooms()).toEqual([]);
		expect(batches).toEqual([]);
	});

	it('[S7] a sale and its payment: one transaction per partition, the payment referring to the sale', async () => {
		const { journal } = setup();
		await Promise.all([journal.open(B01), journal.open(FIN)]);
		const transactions = new Map<string, number>();
		for (const room of [B01, FIN])
			journal
				.doc(room)!
				.on('afterTransaction', () => transactions.set(room, (transactions.get(room) ?? 0) + 1));
		const r = await journal.recordMany([
			{ type: 'sales.delivery.posted', payload: sale, user: 'u1', branch: 'B01' },
			{ type: 'sales.delivery.posted', payload: sale, user: 'u1', branch: 'B01' },
			{
				type: 'payment.received',
				user: 'u1',
				payload: (earlier: readonly AnyEvent[]) => ({
					customer: 'C042',
					account: 'WX',
					amount: 7960,
					allocations: earlier.map((e) => ({ ref: e.id, amount: 3980 }))
				})
			}
		]);
		if (!r.ok) throw new Error(r.reason);
		expect(transactions).toEqual(
			new Map([
				[B01, 1],
				[FIN, 1]
			])
		);
		const [d1, d2, pay] = r.events;
		expect(pay!.type === 'payment.received' && pay.payload.allocations?.map((a) => a.ref)).toEqual([
			d1!.id,
			d2!.id
		]);
		expect(d1!.id).toBe(formatHlc(d1!.hlc));
		expect(d1!.at).toBe(dayFromIso('2026-03-10'));
	});

	it('[S8] appending known events again writes nothing', async () => {
		const f = new EventFactory(MARCH);
		const events = [1, 2, 3].map((no) => f.make('sales.delivery.posted', { no, ...sale }));
		const { journal, delivered } = setup();
		const first = await journal.append(events);
		expect(first.appended).toEqual(events);
		const again = await journal.append([...events, events[0]!]);
		expect(again).toEqual({ appended: [], duplicates: [...events, events[0]!], unroutable: [] });
		expect(journal.doc(B01)!.getArray('j').length).toBe(3);
		expect(delivered()).toEqual(events);
		expect(journal.size).toBe(3);
		expect(journal.has(events[0]!.id)).toBe(true);
	});

	it('[S14] numbers documents per device and type, continuing after a restart, without gaps', async () => {
		const store = new MemoryStore();
		const a = setup({ persistence: store.adapter });
		const nos = async (j: Journal) => {
			const r = await j.record('sales.delivery.posted', sale, { user: 'u1', branch: 'B01' });
			return r.ok && r.event.payload.no;
		};
		expect([await nos(a.journal), await nos(a.journal)]).toEqual([1, 2]);
		// A failed batch takes no number.
		const failed = await a.journal.recordMany([
			{ type: 'sales.delivery.posted', payload: sale, user: 'u1', branch: 'B01' },
			{ type: 'sales.delivery.posted', payload: { ...sale, wh: '' }, user: 'u1', branch: 'B01' }
		]);
		expect(failed).toMatchObject({ ok: false, index: 1, path: 'payload.wh' });
		const receipt = await a.journal.record(
			'purchase.receipt.posted',
			{ supplier: 'S01', wh: 'W01', lines: [line] },
			{ user: 'u1', branch: 'B01' }
		);
		expect(receipt.ok && receipt.event.payload.no).toBe(1);
		await a.journal.destroy();

		const b = setup({ persistence: store.adapter });
		await b.journal.open(B01);
		expect(await nos(b.journal)).toBe(3);
		const explicit = await b.journal.record(
			'sales.delivery.posted',
			{ ...sale, no: 10 },
			{ user: 'u1', branch: 'B01' }
		);
		expect(explicit.ok && explicit.event.payload.no).toBe(10);
		expect(await nos(b.journal)).toBe(11);
	});

	it('[S15] an invalid command returns its failure and writes nothing, even from earlier commands', async () => {
		const { journal, batches } = setup();
		const r = await journal.record(
			'sales.delivery.posted',
			{ ...sale, lines: [{ ...line, q: -5 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		expect(r).toMatchObject({ ok: false, code: 'invalid-payload', path: 'payload.lines[0].q' });
		const many = await journal.recordMany([
			{ type: 'sales.delivery.posted', payload: sale, user: 'u1', branch: 'B01' },
			{ type: 'payment.received', payload: { customer: 'C042', account: 'WX', amount: 0 }, user: 'u1' }
		]);
		expect(many).toMatchObject({ ok: false, index: 1, path: 'payload.amount' });
		const bad = await journal.record('sales.delivery.posted', sale, { user: 'not a user', branch: 'B01' });
		expect(bad).toMatchObject({ ok: false, path: 'user' });
		expect(batches).toEqual([]);
		for (const room of journal.rooms()) expect(journal.doc(room)!.getArray('j').length).toBe(0);
	});

	it('[S9][S12] reopening delivers stored events as load, and the clock resumes after them', async () => {
		const store = new MemoryStore();
		const a = setup({ persistence: store.adapter });
		const r = await a.journal.record('sales.delivery.posted', sale, { user: 'u1', branch: 'B01' });
		if (!r.ok) throw new Error(r.reason);
		await a.journal.destroy();

		// Same tablet, clock now an hour behind.
		const b = setup({ persistence: store.adapter, now: () => MARCH - 3_600_000 });
		await b.journal.open(B01);
		expect(b.batches).toEqual([{ added: [r.event], rejected: [], room: B01, origin: 'load' }]);
		const next = await b.journal.record(
			'stock.adjusted',
			{ wh: 'W01', reason: '破损', lines: [{ p: 'P1', q: -1000 }] },
			{
				user: 'u1',
				branch: 'B01'
			}
		);
		if (!next.ok) throw new Error(next.reason);
		expect(compareHlc(next.event.hlc, r.event.hlc)).toBeGreaterThan(0);
		expect(next.event.id).not.toBe(r.event.id);
	});

	it('[S9][S13] events from a peer arrive as remote and move the clock', async () => {
		const t1 = setup({ device: 'T1' });
		const t2 = setup({ device: 'T2', now: () => MARCH + 60_000 });
		const r = await t2.journal.record('sales.delivery.posted', sale, { user: 'u2', branch: 'B01' });
		if (!r.ok) throw new Error(r.reason);
		const doc = await t1.journal.open(B01);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(t2.journal.doc(B01)!));
		expect(t1.batches).toEqual([{ added: [r.event], rejected: [], room: B01, origin: 'remote' }]);
		expect(compareHlc(t1.journal.clock.tick(), r.event.hlc)).toBeGreaterThan(0);
	});

	it('opens a partition once however often it is asked, and only rooms of its tenant', async () => {
		const { journal } = setup();
		const [a, b] = await Promise.all([journal.open(B01), journal.open(B01)]);
		expect(a).toBe(b);
		await expect(journal.open('t/other/master')).rejects.toThrow(/not a partition of demo/);
		await expect(journal.open('nonsense')).rejects.toThrow();
		expect(journal.rooms()).toEqual([B01]);
		await journal.close(B01);
		expect(journal.isOpen(B01)).toBe(false);
		expect(journal.doc(B01)).toBeUndefined();
	});
});
