/**
 * Hand-worked costing examples. Every expected number is worked out in the comments, so a reader can
 * check the rule without running anything. VAT is 0 here so that amounts are stock values.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import type { AnyEvent } from '../event';
import { deriveAll, Ledger } from '../ledger';

const U = 1000; // one unit in thousandths

function scenario(method: 'moving-average' | 'fifo') {
	const f = new EventFactory();
	const setup: AnyEvent[] = [
		f.make('settings.updated', { fields: { costing: method } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '华联超市' } }, { branch: '' })
	];
	const r1 = f.make(
		'purchase.receipt.posted',
		{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount: 10000, vat: 0 }] },
		{ at: DAY0 + 1 }
	);
	const r2 = f.make(
		'purchase.receipt.posted',
		{ no: 2, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount: 13000, vat: 0 }] },
		{ at: DAY0 + 2 }
	);
	const sale = f.make(
		'sales.delivery.posted',
		{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 5 * U, amount: 9000, vat: 0 }] },
		{ at: DAY0 + 3 }
	);
	const ret = f.make(
		'sales.return.posted',
		{ no: 1, delivery: sale.id, lines: [{ line: 0, q: 1 * U, restock: true }] },
		{ at: DAY0 + 4 }
	);
	// Recorded last, but dated day 2: it sorts before the sale.
	const backdated = f.make(
		'purchase.receipt.posted',
		{ no: 3, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 4 * U, amount: 2800, vat: 0 }] },
		{ at: DAY0 + 2 }
	);
	return { setup, r1, r2, sale, ret, backdated };
}

describe('moving weighted average (移动加权平均)', () => {
	it('[C2] purchases at two prices, a sale, a return', () => {
		const s = scenario('moving-average');
		const l = deriveAll([...s.setup, s.r1, s.r2, s.sale, s.ret]);
		// 10 @ 10.00 + 10 @ 13.00 = 20 units, 230.00 (avg 11.50)
		// sale of 5: cost = 230.00 × 5/20 = 57.50 → 15 units, 172.50
		expect(l.document(s.sale.id)!.cost).toBe(5750);
		// return of 1 at the sale's own cost: 57.50 / 5 = 11.50 → 16 units, 184.00
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 16 * U, value: 18400, unitCost: 1150 });
		// receivable: 90.00 sold, 18.00 returned
		expect(l.balanceOf('customer', 'C1')).toBe(9000 - 1800);
	});

	it('[C2][D2] a backdated receipt re-costs the sale after it', () => {
		const s = scenario('moving-average');
		const l = new Ledger();
		l.add([...s.setup, s.r1, s.r2, s.sale, s.ret]);
		const r = l.add([s.backdated]);
		expect(r.mode).toBe('rewind');
		// 10 @ 10 + 10 @ 13 + 4 @ 7 = 24 units, 258.00; sale of 5 = 258.00 × 5/24 = 53.75 → 19 units, 204.25
		expect(l.document(s.sale.id)!.cost).toBe(5375);
		// return of 1 at 53.75 / 5 = 10.75 → 20 units, 215.00
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 20 * U, value: 21500, unitCost: 1075 });
		expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
	});
});

describe('FIFO (先进先出)', () => {
	it('[C2] the sale takes the oldest layer; the return comes back at the sale cost', () => {
		const s = scenario('fifo');
		const l = deriveAll([...s.setup, s.r1, s.r2, s.sale, s.ret, s.backdated]);
		// layers: 10 @ 10, 10 @ 13, 4 @ 7 (backdated to day 2, before the sale)
		// sale of 5 from the first layer: 50.00
		expect(l.document(s.sale.id)!.cost).toBe(5000);
		// left: 5 @ 10 + 10 @ 13 + 4 @ 7 = 50 + 130 + 28 = 208.00; the return adds 1 @ 10.00 → 218.00
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 20 * U, value: 21800 });
	});

	it('[C3][C7] an oversell is costed at the last cost, and the refill books the difference', () => {
		const f = new EventFactory();
		const set = f.make('settings.updated', { fields: { costing: 'fifo' } }, { branch: '' });
		const r1 = f.make('purchase.receipt.posted', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 2 * U, amount: 2000, vat: 0 }]
		});
		const sale = f.make('sales.counter.posted', {
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: 3 * U, amount: 4500, vat: 0 }],
			tenders: [{ account: 'CASH', amount: 4500 }]
		});
		const r2 = f.make('purchase.receipt.posted', {
			no: 2,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 4 * U, amount: 4800, vat: 0 }]
		});
		const l = deriveAll([set, r1, sale, r2]);
		// 2 @ 10 on hand, 3 sold: 20.00 for the two there + 10.00 for the one short (at the last cost)
		expect(l.document(sale.id)!.cost).toBe(3000);
		// 4 @ 12 arrive: one covers the unit sold short (really cost 12, booked 10 → variance 2.00),
		// three stay on the shelf at 36.00
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 3 * U, value: 3600, variance: 200 });
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 4500 }]);
	});

	it('[C4] moving average: stock sold to exactly zero holds exactly zero value', () => {
		const f = new EventFactory();
		const r = f.make('purchase.receipt.posted', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 3 * U, amount: 1000, vat: 0 }]
		});
		const sales = [1, 2, 3].map((no) =>
			f.make('sales.counter.posted', {
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q: U, amount: 500, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 500 }]
			})
		);
		const l = deriveAll([r, ...sales]);
		// 10.00 over 3 units: 3.33, 3.33 (3.335 → 3.34? no: 6.67 × 1/2 = 3.335 → 3.34), then the rest 3.33
		expect(sales.map((s) => l.document(s.id)!.cost)).toEqual([333, 334, 333]);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 0, value: 0, variance: 0 });
	});
});
