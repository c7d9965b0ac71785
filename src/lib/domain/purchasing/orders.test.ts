/** Purchase orders, receipts and returns (rules PU4–PU8 in docs/SPEC.md, with T2–T7 as derivation applies them). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../ledger';
import {
	groupIntoOrders,
	lastPrices,
	needsApproval,
	orderLine,
	orderProgress,
	receiptAmount,
	unitPrice
} from './orders';

const U = 1000;

function setup() {
	const f = new EventFactory();
	const supplier = f.make('supplier.created', { id: 'S1', fields: { name: '甲', termsDays: 30 } });
	const order = f.make('purchase.order.placed', {
		no: 1,
		supplier: 'S1',
		wh: 'W1',
		// 10 units at ¥3 = ¥30; 4 units at ¥5 = ¥20
		lines: [
			{ p: 'P1', q: 10 * U, amount: 30_00, vat: 0 },
			{ p: 'P2', q: 4 * U, amount: 20_00, vat: 0 }
		],
		approval: true,
		expected: DAY0 + 3
	});
	return { f, supplier, order };
}

describe('approval', () => {
	it('[PU4] above the limit needs a manager; at the limit or with no limit it does not', () => {
		expect(needsApproval(500_01, 500_00)).toBe(true);
		expect(needsApproval(500_00, 500_00)).toBe(false);
		expect(needsApproval(9_999_999_00, undefined)).toBe(false);
		expect(needsApproval(1, 0)).toBe(true);
	});

	it('[PU4][T2][T3] pending → rejected (draft) → edited and submitted → approved', () => {
		const { f, supplier, order } = setup();
		const reject = f.make('purchase.order.rejected', { ref: order.id, comment: '价格太高' });
		let l = deriveAll([supplier, order, reject]);
		expect(l.document(order.id)!.status).toBe('draft');
		expect(orderProgress(l.document(order.id)!, []).canEdit).toBe(true);
		const resubmit = f.make('purchase.order.submitted', {
			ref: order.id,
			lines: [{ p: 'P1', q: 10 * U, amount: 25_00, vat: 0 }],
			approval: true
		});
		const approve = f.make('purchase.order.approved', { ref: order.id, comment: 'ok' });
		l = deriveAll([supplier, order, reject, resubmit, approve]);
		const d = l.document(order.id)!;
		expect(d.status).toBe('approved');
		expect(d.total).toBe(25_00);
		expect(orderProgress(d, []).canReceive).toBe(true);
	});
});

describe('order lines', () => {
	it('[PU5] 2.5 boxes of 12 at ¥30.00 a box = 30 units, ¥75.00', () => {
		expect(orderLine(2500, 12, 30_00)).toEqual({ q: 30 * U, amount: 75_00 });
		expect(unitPrice({ q: 30 * U, amount: 75_00 })).toBe(2_50);
	});

	it('[PU7] receiving a line in any parts costs exactly the order line (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1_000_000 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 8 }),
				(q, amount, parts) => {
					let done = 0;
					let sum = 0;
					let left = q;
					for (const part of parts) {
						if (left === 0) break;
						const take = Math.min(part, left);
						sum += receiptAmount({ q, done, amount }, take);
						done += take;
						left -= take;
					}
					if (left > 0) sum += receiptAmount({ q, done, amount }, left);
					expect(sum).toBe(amount);
				}
			)
		);
	});

	it('[PU7] units beyond the order are priced at its unit price', () => {
		expect(receiptAmount({ q: 10 * U, done: 8 * U, amount: 30_00 }, 4 * U)).toBe(6_00 + 6_00);
	});
});

describe('receiving against an order', () => {
	it('[PU6][T4] a partial receipt with a rejected unit leaves the rest open; the rest completes it', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r1 = f.make(
			'purchase.receipt.posted',
			{
				no: 1,
				order: order.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 6 * U, amount: 18_00, vat: 0, line: 0, rejected: 1 * U, reason: '破损' }]
			},
			{ at: DAY0 + 2 }
		);
		let l = deriveAll([supplier, order, approve, r1]);
		let d = l.document(order.id)!;
		expect(d.status).toBe('partial');
		let p = orderProgress(d, [l.document(r1.id)!]);
		expect(p.lines[0]).toMatchObject({ ordered: 10 * U, accepted: 6 * U, rejected: U, outstanding: 4 * U });
		expect(p.lines[1]).toMatchObject({ accepted: 0, outstanding: 4 * U });
		expect(p.outstanding).toBe(8 * U);
		expect(p.canClose).toBe(true);
		expect(l.stockOf('P1', 'W1').onHand).toBe(6 * U); // the rejected unit never enters stock

		const r2 = f.make(
			'purchase.receipt.posted',
			{
				no: 2,
				order: order.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 4 * U, amount: 12_00, vat: 0, line: 0 },
					{ p: 'P2', q: 4 * U, amount: 20_00, vat: 0, line: 1 }
				]
			},
			{ at: DAY0 + 5 }
		);
		l = deriveAll([supplier, order, approve, r1, r2]);
		d = l.document(order.id)!;
		expect(d.status).toBe('complete');
		p = orderProgress(d, [l.document(r1.id)!, l.document(r2.id)!]);
		expect(p.outstanding).toBe(0);
		expect(p.canClose).toBe(false);
	});

	it('[PU6][T2] closing with quantities outstanding is an explicit transition; nothing more is expected', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r1 = f.make('purchase.receipt.posted', {
			no: 1,
			order: order.id,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 6 * U, amount: 18_00, vat: 0, line: 0 }]
		});
		const close = f.make('purchase.order.closed', { ref: order.id, reason: '供应商缺货' });
		const l = deriveAll([supplier, order, approve, r1, close]);
		const d = l.document(order.id)!;
		expect(d.status).toBe('closed');
		const p = orderProgress(d, []);
		expect(p.canClose).toBe(false);
		expect(p.canReceive).toBe(false);
		expect(p.lines[0]!.outstanding).toBe(4 * U); // still shown as not delivered
	});

	it('[T5] receiving more than ordered raises the over-receipt alert', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r = f.make('purchase.receipt.posted', {
			no: 1,
			order: order.id,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P2', q: 5 * U, amount: 25_00, vat: 0, line: 1 }]
		});
		const l = deriveAll([supplier, order, approve, r]);
		expect(l.alerts().filter((a) => a.kind === 'over-receipt')).toHaveLength(1);
		expect(orderProgress(l.document(order.id)!, []).lines[1]!.over).toBe(U);
	});

	it('[T6] the payable is due at the receipt date plus the supplier’s terms', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r = f.make(
			'purchase.receipt.posted',
			{
				no: 1,
				order: order.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 10 * U, amount: 30_00, vat: 0, line: 0 }]
			},
			{ at: DAY0 + 2 }
		);
		const l = deriveAll([supplier, order, approve, r]);
		const items = l.openItems('supplier', 'S1');
		expect(items.map((d) => [d.id, d.due, d.open])).toEqual([[r.id, DAY0 + 32, 30_00]]);
	});

	it('[T7] a return goes out at the receipt line’s cost, not the current average, and reduces the payable', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r = f.make('purchase.receipt.posted', {
			no: 1,
			order: order.id,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 30_00, vat: 0, line: 0 }]
		});
		// Later stock at a higher price moves the average to (30 + 50) / 20 = ¥4.
		const dearer = f.make('purchase.receipt.posted', {
			no: 2,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 50_00, vat: 0 }]
		});
		const ret = f.make('purchase.return.posted', {
			no: 1,
			receipt: r.id,
			lines: [{ line: 0, q: U }],
			reason: '质量'
		});
		const l = deriveAll([supplier, order, approve, r, dearer, ret]);
		expect(l.document(ret.id)!.cost).toBe(3_00);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 19 * U, value: 77_00 });
		expect(l.balanceOf('supplier', 'S1')).toBe(80_00 - 3_00);
	});
});

describe('last prices and grouping', () => {
	it('[PU8] the latest receipt wins over orders; voided documents do not count', () => {
		const { f, supplier, order } = setup();
		const approve = f.make('purchase.order.approved', { ref: order.id });
		const r = f.make(
			'purchase.receipt.posted',
			{
				no: 1,
				order: order.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 2 * U, amount: 7_00, vat: 0, line: 0 }]
			},
			{ at: DAY0 + 1 }
		);
		const r2 = f.make(
			'purchase.receipt.posted',
			{ no: 2, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 2 * U, amount: 9_00, vat: 0 }] },
			{ at: DAY0 + 2 }
		);
		const v = f.make('document.voided', { ref: r2.id });
		const l = deriveAll([supplier, order, approve, r, r2, v]);
		const prices = lastPrices(l.documents(), 'S1');
		expect(prices.get('P1')!.price).toBe(3_50);
		expect(prices.get('P2')!.price).toBe(5_00); // only ordered so far
		expect(lastPrices(l.documents(), 'S2').size).toBe(0);
	});

	it('selected suggestions become one order per supplier and warehouse', () => {
		const line = (supplier: string, warehouse: string, product: string) => ({
			supplier,
			warehouse,
			product,
			q: U,
			amount: 100,
			vat: 1300
		});
		const g = groupIntoOrders([
			line('S1', 'W1', 'A'),
			line('S2', 'W1', 'B'),
			line('S1', 'W1', 'C'),
			line('S1', 'W2', 'D')
		]);
		expect(g.map((o) => [o.supplier, o.warehouse, o.lines.map((l) => l.product).join('')])).toEqual([
			['S1', 'W1', 'AC'],
			['S2', 'W1', 'B'],
			['S1', 'W2', 'D']
		]);
	});
});
