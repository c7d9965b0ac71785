/** A supplier's payables, performance and prices (rules PU9–PU11 in docs/SPEC.md). */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../ledger';
import { payables, priceHistory, supplierPerformance } from './suppliers';

const U = 1000;

function history() {
	const f = new EventFactory();
	const s = f.make('supplier.created', { id: 'S1', fields: { name: '甲', termsDays: 10 } });
	const order = f.make(
		'purchase.order.placed',
		{
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 40_00, vat: 0 }],
			approval: false,
			expected: DAY0 + 5
		},
		{ at: DAY0 }
	);
	const onTime = f.make(
		'purchase.receipt.posted',
		{
			no: 1,
			order: order.id,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 4 * U, amount: 16_00, vat: 0, line: 0, rejected: U, reason: '破损' }]
		},
		{ at: DAY0 + 5 }
	);
	const late = f.make(
		'purchase.receipt.posted',
		{
			no: 2,
			order: order.id,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 5 * U, amount: 20_00, vat: 0, line: 0 }]
		},
		{ at: DAY0 + 8 }
	);
	// No order, so no expected date: counted for rejections and prices, not for punctuality.
	const loose = f.make(
		'purchase.receipt.posted',
		{ no: 3, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount: 45_00, vat: 0 }] },
		{ at: DAY0 + 20 }
	);
	return { l: deriveAll([s, order, onTime, late, loose]), order, onTime, late, loose };
}

describe('supplier account', () => {
	it('[PU9] open payables by due date, overdue the day after', () => {
		const { l, onTime, late, loose } = history();
		const p = payables(l.openItems('supplier', 'S1'), DAY0 + 16);
		expect(p.items.map((i) => [i.id, i.due, i.open, i.overdueDays])).toEqual([
			[onTime.id, DAY0 + 15, 16_00, 1],
			[late.id, DAY0 + 18, 20_00, 0],
			[loose.id, DAY0 + 30, 45_00, 0]
		]);
		expect(p.owed).toBe(81_00);
		expect(p.overdue).toBe(16_00);
		expect(p.dueSoon).toBe(20_00); // due in 2 days; the loose one in 14
	});

	it('[PU10] on-time rate over timed receipts, rejection rate over inspected units', () => {
		const { l, order } = history();
		const receipts = [...l.documents()].filter((d) => d.type === 'purchase.receipt.posted');
		const perf = supplierPerformance(receipts, (id) => l.document(id)?.due);
		expect(perf).toEqual({
			timed: 2,
			onTime: 1,
			onTimeBp: 5000,
			accepted: 19 * U,
			rejected: U,
			rejectionBp: 500 // 1 of 20
		});
		expect(l.document(order.id)!.due).toBe(DAY0 + 5);
		expect(supplierPerformance([], () => undefined)).toMatchObject({ onTimeBp: null, rejectionBp: null });
	});

	it('[PU11] price history per product, oldest first, with the trend last vs first', () => {
		const { l } = history();
		const receipts = [...l.documents()].filter((d) => d.type === 'purchase.receipt.posted');
		const [h] = priceHistory(receipts);
		expect(h!.points.map((p) => p.price)).toEqual([4_00, 4_00, 4_50]);
		expect(h!.changeBp).toBe(1250); // +12.5 %
	});
});
