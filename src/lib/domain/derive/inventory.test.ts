/**
 * Stock-only documents (rules I1–I5 in docs/SPEC.md) and the costing-method change (C6). Every
 * expected number is worked out in a comment; VAT is 0, so amounts are stock values.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { formatHlc } from '../hlc';
import { deriveAll, type Ledger } from '../ledger';

const U = 1000; // one unit in thousandths

function expectSameAsFullReplay(l: Ledger): void {
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
}

const codes = (l: Ledger) => l.rejected().map((r) => [r.event, r.code]);

function opening(f: EventFactory, q: number, value: number, p = 'P1', at = DAY0) {
	return f.make('opening.stock', { no: 1, wh: 'W1', lines: [{ p, q, value }] }, { at });
}

function ship(f: EventFactory, q: number, no = 1) {
	return f.make('stock.transfer.shipped', { no, from: 'W1', to: 'W2', lines: [{ p: 'P1', q }] });
}

function arrive(f: EventFactory, ref: string, q: number, final: boolean) {
	return f.make('stock.transfer.received', { ref, lines: [{ line: 0, q }], final });
}

function cashSale(f: EventFactory, q: number, amount: number, device = 'T1') {
	return f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q, amount, vat: 0 }],
			tenders: [{ account: 'CASH', amount }]
		},
		{ device }
	);
}

describe('transfers (调拨)', () => {
	it('[I1] a transfer takes stock out at cost; the destination sees it as incoming', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		const out = ship(f, 4 * U);
		const l = deriveAll([os, out]);
		// 4 of 10 at 10.00 = 40.00 leaves W1.
		expect(l.document(out.id)).toMatchObject({ status: 'in-transit', cost: 4_000, wh: 'W1', to: 'W2' });
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 6 * U, value: 6_000 });
		// In transit: not on hand, not available, not valued at the destination yet.
		expect(l.stockOf('P1', 'W2')).toMatchObject({ onHand: 0, available: 0, incoming: 4 * U, value: 0 });
	});

	it('[I1] a transfer needs two different warehouses', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		const same = f.make('stock.transfer.shipped', {
			no: 1,
			from: 'W1',
			to: 'W1',
			lines: [{ p: 'P1', q: U }]
		});
		const l = deriveAll([os, same]);
		expect(codes(l)).toEqual([[same.id, 'same-warehouse']]);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 10 * U, value: 10_000, incoming: 0 });
	});

	it('[I2] received in parts, stock arrives at its shipped cost; the last part takes what is left', () => {
		const f = new EventFactory();
		// 3 units worth 10.00 in all: no exact unit cost.
		const os = opening(f, 3 * U, 1_000);
		const out = ship(f, 3 * U);
		const parts = [arrive(f, out.id, U, false), arrive(f, out.id, U, false), arrive(f, out.id, U, false)];
		const values = [1, 2, 3].map((n) => deriveAll([os, out, ...parts.slice(0, n)]).stockOf('P1', 'W2'));
		// round(10.00 × 1/3) = 3.33; round(10.00 × 2/3) − 3.33 = 6.67 − 3.33 = 3.34; 10.00 − 6.67 = 3.33
		expect(values.map((s) => [s.onHand, s.value, s.incoming])).toEqual([
			[U, 333, 2 * U],
			[2 * U, 667, U],
			[3 * U, 1_000, 0]
		]);
		const l = deriveAll([os, out, ...parts]);
		expect(l.document(out.id)!.status).toBe('received');
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 0, value: 0 });
		expect(l.alerts()).toEqual([]);
	});

	it('[I3] a final receipt short of what was shipped raises transfer-short with the missing quantity and value', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		const out = ship(f, 10 * U);
		const got = arrive(f, out.id, 7 * U, true);
		const l = deriveAll([os, out, got]);
		// 7 of 10 at 10.00 arrive (70.00); 3 are missing, worth 100.00 − 70.00 = 30.00.
		expect(l.stockOf('P1', 'W2')).toMatchObject({ onHand: 7 * U, value: 7_000, incoming: 0 });
		expect(l.document(out.id)).toMatchObject({ status: 'received', open: 3_000 });
		expect(l.alerts()).toEqual([
			{
				id: `transfer-short:${out.id}`,
				kind: 'transfer-short',
				events: [out.id, got.id],
				facts: { transfer: 'DB-B01-T1-000001', short: 'P1×3000', value: 3_000 }
			}
		]);
		expectSameAsFullReplay(l);
	});

	it('[I2] receiving a transfer twice beyond what was shipped is rejected; so is receiving a closed one', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		const out = ship(f, 10 * U);
		const six = arrive(f, out.id, 6 * U, false);
		const sixAgain = arrive(f, out.id, 6 * U, false); // the second clerk scans the same delivery
		const four = arrive(f, out.id, 4 * U, true);
		const afterFinal = arrive(f, out.id, U, false);
		const unknown = f.make('stock.transfer.received', {
			ref: os.id,
			lines: [{ line: 0, q: U }],
			final: true
		});
		const l = deriveAll([os, out, six, sixAgain, four, afterFinal, unknown]);
		expect(codes(l)).toEqual(
			[
				[sixAgain.id, 'over-receipt'], // 6 + 6 > 10
				[afterFinal.id, 'invalid-transition'],
				[unknown.id, 'unknown-document']
			].sort()
		);
		// 6 + 4 arrived: all 10, nothing short, nothing incoming.
		expect(l.stockOf('P1', 'W2')).toMatchObject({ onHand: 10 * U, value: 10_000, incoming: 0 });
		expect(l.document(out.id)!.lines[0]!.done).toBe(10 * U);
		// The refused receipts are listed (A6); nothing was short.
		expect(l.alerts().map((a) => a.kind)).toEqual(['rejected', 'rejected', 'rejected']);
	});
});

describe('stocktakes (盘点)', () => {
	it('[I4] the book quantity is taken at countedAt, so a sale made while counting is not counted twice', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		// The clerk starts counting on T3; meanwhile the counter (T1) sells 2; the count (9: one is
		// missing) is posted afterwards.
		const countedAt = formatHlc(f.clock('T3').tick());
		f.advance(60_000);
		const sale = cashSale(f, 2 * U, 3_000);
		const take = f.make(
			'stocktake.posted',
			{ no: 1, wh: 'W1', countedAt, lines: [{ p: 'P1', counted: 9 * U }] },
			{ device: 'T3' }
		);
		expect(take.hlc.wall).toBeGreaterThan(sale.hlc.wall);
		const l = deriveAll([os, sale, take]);
		// Book at countedAt is 10 (before the sale): −1 at 10.00; then the sale's 2 → 7 units, 70.00.
		// (Taken at posting time, the book would have been 8 and the count a false gain of 1.)
		expect(l.document(take.id)!.lines).toEqual([
			{ p: 'P1', q: 9 * U, amount: 0, vat: 0, done: -U, cost: -1_000, book: 10 * U }
		]);
		expect(l.document(take.id)!.cost).toBe(-1_000);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 7 * U, value: 7_000 });
		expectSameAsFullReplay(l);
	});

	it('[I4] a count above the book brings the difference in at the current average', () => {
		const f = new EventFactory();
		const os = opening(f, 8 * U, 9_000);
		const countedAt = formatHlc(f.clock('T3').tick());
		const take = f.make(
			'stocktake.posted',
			{ no: 1, wh: 'W1', countedAt, lines: [{ p: 'P1', counted: 11 * U }] },
			{ device: 'T3' }
		);
		const l = deriveAll([os, take]);
		// 3 found, at 90.00 / 8 = 11.25 each: round(90.00 × 3/8) = 33.75 → 11 units, 123.75.
		expect(l.document(take.id)!.lines[0]).toMatchObject({ book: 8 * U, done: 3 * U, cost: 3_375 });
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 11 * U, value: 12_375 });
	});

	it('[I4] each counted batch is adjusted on its own', () => {
		const f = new EventFactory();
		const os = f.make('opening.stock', {
			no: 1,
			wh: 'W1',
			lines: [
				{ p: 'P2', q: 5 * U, value: 5_000, batch: 'L1', expiry: DAY0 + 90 },
				{ p: 'P2', q: 3 * U, value: 3_600, batch: 'L2', expiry: DAY0 + 120 }
			]
		});
		const countedAt = formatHlc(f.clock('T3').tick());
		const take = f.make(
			'stocktake.posted',
			{
				no: 1,
				wh: 'W1',
				countedAt,
				lines: [
					{ p: 'P2', counted: 4 * U, batch: 'L1' },
					{ p: 'P2', counted: 3 * U, batch: 'L2' }
				]
			},
			{ device: 'T3' }
		);
		const l = deriveAll([os, take]);
		// L1: book 5, counted 4 → −1 at the product's average in W1: 86.00 / 8 = 10.75. L2: no change.
		expect(l.document(take.id)!.lines.map((x) => [x.batch, x.book, x.done, x.cost])).toEqual([
			['L1', 5 * U, -U, -1_075],
			['L2', 3 * U, 0, 0]
		]);
		expect(l.batches()).toEqual([
			{ product: 'P2', warehouse: 'W1', batch: 'L1', expiry: DAY0 + 90, onHand: 4 * U },
			{ product: 'P2', warehouse: 'W1', batch: 'L2', expiry: DAY0 + 120, onHand: 3 * U }
		]);
		expect(l.stockOf('P2', 'W1')).toMatchObject({ onHand: 7 * U, value: 7_525 });
	});
});

describe('adjustments (报损/报溢)', () => {
	it('[I5] stock comes in at the given value, or at the current cost; it goes out at cost', () => {
		const f = new EventFactory();
		const os = opening(f, 10 * U, 10_000);
		const adjust = (q: number, value?: number) =>
			f.make('stock.adjusted', {
				no: 1,
				wh: 'W1',
				reason: q > 0 ? '盘盈' : '报损',
				lines: [{ p: 'P1', q, ...(value !== undefined ? { value } : {}) }]
			});
		const found = adjust(5 * U, 4_000); // 5 found, valued by the clerk at 40.00
		const foundAtCost = adjust(3 * U); // 15 units, 140.00 → 3 at round(140.00 × 3/15) = 28.00
		const broken = adjust(-6 * U); // 18 units, 168.00 → 6 at round(168.00 × 6/18) = 56.00
		const l = deriveAll([os, found, foundAtCost, broken]);
		expect([found, foundAtCost, broken].map((e) => l.document(e.id)!.cost)).toEqual([4_000, 2_800, -5_600]);
		// 10 + 5 + 3 − 6 = 12 units; 100.00 + 40.00 + 28.00 − 56.00 = 112.00
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 12 * U, value: 11_200 });
	});

	it('[I5] stock found where there is none comes in at the last known unit cost', () => {
		const f = new EventFactory();
		const os = opening(f, 4 * U, 5_000); // 12.50 each
		const sellOut = cashSale(f, 4 * U, 8_000);
		const found = f.make('stock.adjusted', {
			no: 1,
			wh: 'W1',
			reason: '盘盈',
			lines: [{ p: 'P1', q: 2 * U }]
		});
		const neverSeen = f.make('stock.adjusted', {
			no: 2,
			wh: 'W1',
			reason: '盘盈',
			lines: [{ p: 'P9', q: 2 * U }]
		});
		const l = deriveAll([os, sellOut, found, neverSeen]);
		// Empty shelf, last cost 50.00 / 4 = 12.50: 2 units at 25.00.
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 2 * U, value: 2_500 });
		// A product never costed comes in at zero: the clerk must give a value.
		expect(l.stockOf('P9', 'W1')).toMatchObject({ onHand: 2 * U, value: 0 });
	});
});

describe('changing the costing method', () => {
	it('[C6] moving average → FIFO turns the pool into one layer at the average, and back', () => {
		const f = new EventFactory();
		const receipt = (no: number, q: number, amount: number, at: number) =>
			f.make(
				'purchase.receipt.posted',
				{ no, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q, amount, vat: 0 }] },
				{ at }
			);
		const sale = (no: number, q: number, at: number) =>
			f.make(
				'sales.counter.posted',
				{
					no,
					wh: 'W1',
					lines: [{ p: 'P1', q, amount: q * 20, vat: 0 }],
					tenders: [{ account: 'CASH', amount: q * 20 }]
				},
				{ at }
			);
		const costing = (method: 'fifo' | 'moving-average', at: number) =>
			f.make('settings.updated', { fields: { costing: method } }, { branch: '', at });
		const events = [
			receipt(1, 10 * U, 10_000, DAY0),
			receipt(2, 10 * U, 13_000, DAY0),
			costing('fifo', DAY0 + 1),
			receipt(3, 10 * U, 7_000, DAY0 + 2),
			sale(1, 15 * U, DAY0 + 3),
			costing('moving-average', DAY0 + 4),
			sale(2, 3 * U, DAY0 + 5)
		];
		const l = deriveAll(events);
		// Up to day 1 (average): 20 units, 230.00. At the change, one FIFO layer [20 @ 230.00]; then
		// the receipt adds [10 @ 70.00]. The sale of 15 takes from the first layer: round(230.00 × 15/20)
		// = 172.50 (not 10 @ 10.00 + 5 @ 13.00 = 165.00, as if FIFO had always been used).
		expect(l.document(events[4]!.id)!.cost).toBe(17_250);
		// Left: [5 @ 57.50] + [10 @ 70.00] = 15 units, 127.50. Back to average: 3 cost
		// round(127.50 × 3/15) = 25.50 → 12 units, 102.00.
		expect(l.document(events[6]!.id)!.cost).toBe(2_550);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 12 * U, value: 10_200, variance: 0 });
		expectSameAsFullReplay(l);
	});
});
