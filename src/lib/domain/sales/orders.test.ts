/**
 * A sales order through the ledger: reservation and availability, partial deliveries and the
 * backorder, FEFO batches, returns at the original cost, tracking states and quotation conversion.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll, type Ledger } from '../ledger';
import { lineAvailability } from './availability';
import { pickFefo } from './fefo';
import { backorder, deliveryLines, trackingState } from './orders';

const U = 1000;

function expectSameAsFullReplay(l: Ledger): void {
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
}

/** 10 units of P1 in W1 at 6.00 each; 3 more in W2; 4 on their way to W2. */
function shop(f: EventFactory) {
	return [
		f.make('opening.stock', { no: 1, wh: 'W1', lines: [{ p: 'P1', q: 10 * U, value: 6000 }] }),
		f.make('opening.stock', { no: 2, wh: 'W2', lines: [{ p: 'P1', q: 7 * U, value: 4200 }] }),
		f.make('stock.transfer.shipped', { no: 1, from: 'W2', to: 'W3', lines: [{ p: 'P1', q: 4 * U }] })
	];
}

function order(f: EventFactory, q: number, amount: number, approval = false) {
	return f.make(
		'sales.order.placed',
		{ no: 1, customer: 'C1', wh: 'W1', approval, lines: [{ p: 'P1', q, amount, vat: 0 }] },
		{ at: DAY0 + 1 }
	);
}

describe('sales orders', () => {
	it('[SO1] a line is checked against every warehouse: on hand, reserved, available, incoming', () => {
		const f = new EventFactory();
		const l = deriveAll([...shop(f), order(f, 8 * U, 8000)]);
		const levels = l.stockLevels().filter((s) => s.product === 'P1');
		const a = lineAvailability(levels, 'W1', 5 * U);
		expect(a.here).toMatchObject({ warehouse: 'W1', onHand: 10 * U, reserved: 8 * U, available: 2 * U });
		expect(a.short).toBe(3 * U);
		expect(a.elsewhere).toBe(3 * U);
		expect(a.warehouses.map((w) => [w.warehouse, w.available, w.incoming])).toEqual([
			['W1', 2 * U, 0],
			['W2', 3 * U, 0],
			['W3', 0, 4 * U]
		]);
		// The order's own reservation does not count against itself.
		expect(lineAvailability(levels, 'W1', 8 * U, 8 * U).short).toBe(0);
	});

	it('[T9] a pending order reserves nothing; approval reserves; rejection releases', () => {
		const f = new EventFactory();
		const o = order(f, 4 * U, 4000, true);
		const events = [...shop(f), o];
		expect(deriveAll(events).stockOf('P1', 'W1').reserved).toBe(0);
		const ok = f.make('sales.order.approved', { ref: o.id, comment: 'fine' }, { at: DAY0 + 1 });
		expect(deriveAll([...events, ok]).stockOf('P1', 'W1')).toMatchObject({
			reserved: 4 * U,
			available: 6 * U
		});
		const no = f.make('sales.order.rejected', { ref: o.id }, { at: DAY0 + 1 });
		expect(deriveAll([...events, no]).stockOf('P1', 'W1').reserved).toBe(0);
	});

	it('[SD1] partial delivery: the rest stays as a backorder and reserved; the amounts add up exactly', () => {
		const f = new EventFactory();
		// 3 units for 10.00: 3.33, 3.33, 3.34 whatever the split.
		const o = order(f, 3 * U, 1000);
		const l = deriveAll([...shop(f), o]);
		const first = deliveryLines(l.document(o.id)!, [1 * U]);
		expect(first).toEqual([{ p: 'P1', q: 1 * U, amount: 333, vat: 0, line: 0 }]);
		const d1 = f.make(
			'sales.delivery.posted',
			{ no: 1, order: o.id, customer: 'C1', wh: 'W1', lines: first },
			{ at: DAY0 + 2 }
		);
		l.add([d1]);
		const after = l.document(o.id)!;
		expect(after.status).toBe('partial');
		expect(trackingState(after, [l.document(d1.id)!])).toBe('partial');
		expect(backorder(after)).toEqual([{ line: 0, p: 'P1', ordered: 3 * U, delivered: 1 * U, rest: 2 * U }]);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 9 * U, reserved: 2 * U, available: 7 * U });
		const rest = deliveryLines(after, [2 * U]);
		expect(rest[0]!.amount).toBe(667);
		const d2 = f.make(
			'sales.delivery.posted',
			{ no: 2, order: o.id, customer: 'C1', wh: 'W1', lines: rest },
			{ at: DAY0 + 3 }
		);
		l.add([d2]);
		const done = l.document(o.id)!;
		expect(done.status).toBe('complete');
		expect(trackingState(done, [l.document(d1.id)!, l.document(d2.id)!])).toBe('delivered');
		expect(l.stockOf('P1', 'W1').reserved).toBe(0);
		expect(l.balanceOf('customer', 'C1')).toBe(1000);
		// Cost of goods sold: 3 × 6.00.
		expect(l.document(d1.id)!.cost + l.document(d2.id)!.cost).toBe(1800);
		const paid = f.make(
			'payment.received',
			{ no: 1, customer: 'C1', account: 'A1', amount: 1000 },
			{ at: DAY0 + 4 }
		);
		l.add([paid]);
		expect(trackingState(l.document(o.id)!, [l.document(d1.id)!, l.document(d2.id)!])).toBe('completed');
		expectSameAsFullReplay(l);
	});

	it('[SD2] a delivery of a batch-tracked product takes the earliest expiry first, line by batch', () => {
		const f = new EventFactory();
		const stock = f.make('opening.stock', {
			no: 1,
			wh: 'W1',
			lines: [
				{ p: 'P1', q: 2 * U, value: 1200, batch: 'L2', expiry: DAY0 + 60 },
				{ p: 'P1', q: 2 * U, value: 1200, batch: 'L1', expiry: DAY0 + 30 }
			]
		});
		const o = order(f, 3 * U, 3000);
		const l = deriveAll([stock, o]);
		const cells = l.batches().filter((b) => b.product === 'P1' && b.warehouse === 'W1');
		const { picks } = pickFefo(cells, 3 * U);
		const lines = deliveryLines(l.document(o.id)!, [3 * U], [picks]);
		expect(lines).toEqual([
			{ p: 'P1', q: 2 * U, amount: 2000, vat: 0, line: 0, batch: 'L1', expiry: DAY0 + 30 },
			{ p: 'P1', q: 1 * U, amount: 1000, vat: 0, line: 0, batch: 'L2', expiry: DAY0 + 60 }
		]);
		l.add([
			f.make(
				'sales.delivery.posted',
				{ no: 1, order: o.id, customer: 'C1', wh: 'W1', lines },
				{ at: DAY0 + 2 }
			)
		]);
		expect(l.batches().map((b) => [b.batch, b.onHand])).toEqual([['L2', 1 * U]]);
		expect(l.document(o.id)!.status).toBe('complete');
	});

	it('[T11] a return restocks at the original cost, not today’s, and reduces the receivable', () => {
		const f = new EventFactory();
		const o = order(f, 2 * U, 2000);
		const d = f.make(
			'sales.delivery.posted',
			{
				no: 1,
				order: o.id,
				customer: 'C1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 2 * U, amount: 2000, vat: 0, line: 0 }]
			},
			{ at: DAY0 + 2 }
		);
		// Later receipts change the average: 10 units at 6.00 − 2 sold, plus 8 at 9.00 → 7.50.
		const dear = f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 8 * U, amount: 7200, vat: 0 }] },
			{ at: DAY0 + 3 }
		);
		const ret = f.make(
			'sales.return.posted',
			{ no: 1, delivery: d.id, lines: [{ line: 0, q: 1 * U, restock: true }] },
			{ at: DAY0 + 4 }
		);
		const l = deriveAll([shop(f)[0]!, o, d, dear, ret]);
		expect(l.document(ret.id)).toMatchObject({ cost: 600, total: 1000 });
		// Stock value: 8 × 6.00 + 72.00 + 6.00 back = 126.00 for 17 units.
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 17 * U, value: 12600 });
		expect(l.balanceOf('customer', 'C1')).toBe(1000);
		// Written off: the receivable still falls, the stock does not come back.
		const f2 = new EventFactory();
		const o2 = order(f2, 2 * U, 2000);
		const d2 = f2.make(
			'sales.delivery.posted',
			{
				no: 1,
				order: o2.id,
				customer: 'C1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 2 * U, amount: 2000, vat: 0, line: 0 }]
			},
			{ at: DAY0 + 2 }
		);
		const off = f2.make(
			'sales.return.posted',
			{ no: 1, delivery: d2.id, lines: [{ line: 0, q: 1 * U, restock: false }] },
			{ at: DAY0 + 3 }
		);
		const l2 = deriveAll([shop(f2)[0]!, o2, d2, off]);
		expect(l2.stockOf('P1', 'W1').onHand).toBe(8 * U);
		expect(l2.balanceOf('customer', 'C1')).toBe(1000);
	});

	it('[ST1] tracking: pending, rejected, voided, closed short', () => {
		const f = new EventFactory();
		const o = order(f, 2 * U, 2000, true);
		const l = deriveAll([...shop(f), o]);
		expect(trackingState(l.document(o.id)!, [])).toBe('pending');
		l.add([f.make('sales.order.rejected', { ref: o.id, comment: 'too cheap' }, { at: DAY0 + 1 })]);
		expect(trackingState(l.document(o.id)!, [])).toBe('rejected');
		const o2 = order(f, 2 * U, 2000);
		l.add([o2, f.make('sales.order.closed', { ref: o2.id }, { at: DAY0 + 2 })]);
		expect(trackingState(l.document(o2.id)!, [])).toBe('completed');
		const o3 = order(f, 2 * U, 2000);
		l.add([o3, f.make('document.voided', { ref: o3.id }, { at: DAY0 + 2 })]);
		expect(trackingState(l.document(o3.id)!, [])).toBe('voided');
		expectSameAsFullReplay(l);
	});

	it('[Q2] converting a quotation places an order naming it; the quotation shows as converted', () => {
		const f = new EventFactory();
		const q = f.make('sales.quote.placed', {
			no: 1,
			customer: 'C1',
			wh: 'W1',
			valid: DAY0 + 7,
			lines: [{ p: 'P1', q: 2 * U, amount: 2000, vat: 0 }]
		});
		const l = deriveAll([...shop(f), q]);
		expect(l.document(q.id)).toMatchObject({ status: 'posted', due: DAY0 + 7, total: 2000 });
		expect(l.stockOf('P1', 'W1').reserved).toBe(0);
		const o = f.make(
			'sales.order.placed',
			{
				no: 1,
				customer: 'C1',
				wh: 'W1',
				approval: false,
				quote: q.id,
				lines: [{ p: 'P1', q: 2 * U, amount: 2000, vat: 0 }]
			},
			{ at: DAY0 + 1 }
		);
		l.add([o]);
		expect(l.document(q.id)).toMatchObject({ status: 'closed', ref: o.id });
		expect(l.document(q.id)!.history.map((h) => h.type)).toEqual([
			'sales.quote.placed',
			'sales.order.placed'
		]);
		expectSameAsFullReplay(l);
	});
});
