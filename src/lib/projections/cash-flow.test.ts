import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { moneyMaster, saleWithRefund } from '../../../tests/factories/money';
import { generateDemo } from '../demo/generate';
import { deriveAll } from '../domain/ledger';
import { cashFlow, cashOutlook } from './cash-flow';

const U = 1000;

function shop() {
	const f = new EventFactory();
	const master = moneyMaster(f, { customer: 10, supplier: 30 });
	const opening = f.make('opening.cash', { account: 'CASH', amount: 500_00 }, { at: DAY0 - 10 });
	// Bought on 30 days' terms: a payable due DAY0 + 30.
	const bought = f.make(
		'purchase.receipt.posted',
		{ no: 1, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 50 * U, amount: 200_00, vat: 0 }] },
		{ at: DAY0 }
	);
	// Sold for 30.00, paid 50.00 in cash: 20.00 change; then 10.00 refunded.
	const { sale, refund } = saleWithRefund(f, DAY0 + 1);
	// Delivered on 10 days' terms (due DAY0 + 12), part of it paid; a transfer between own accounts.
	const delivered = f.make(
		'sales.delivery.posted',
		{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount: 150_00, vat: 0 }] },
		{ at: DAY0 + 2 }
	);
	const received = f.make(
		'payment.received',
		{ no: 1, customer: 'C1', account: 'BANK', amount: 50_00 },
		{ at: DAY0 + 3 }
	);
	const banked = f.make(
		'cash.transferred',
		{ no: 1, from: 'CASH', to: 'BANK', amount: 100_00 },
		{ at: DAY0 + 3 }
	);
	const paid = f.make(
		'payment.made',
		{ no: 1, supplier: 'S1', account: 'BANK', amount: 80_00 },
		{ at: DAY0 + 4 }
	);
	const rent = f.make(
		'expense.paid',
		{ no: 1, account: 'BANK', amount: 30_00, category: 'rent' },
		{ at: DAY0 + 5 }
	);
	// Entered twice, then voided: moves nothing.
	const twice = f.make(
		'expense.paid',
		{ no: 2, account: 'BANK', amount: 30_00, category: 'rent' },
		{ at: DAY0 + 5 }
	);
	const undone = f.make(
		'document.voided',
		{ ref: twice.id, reason: '重复' },
		{ at: DAY0 + 5, user: 'owner' }
	);
	// A supplier's rebate into the bank (F9).
	const rebate = f.make(
		'income.received',
		{ no: 1, account: 'BANK', amount: 25_00, category: 'rebate' },
		{ at: DAY0 + 6 }
	);
	return [
		...master,
		opening,
		bought,
		sale,
		refund,
		delivered,
		received,
		banked,
		paid,
		rent,
		twice,
		undone,
		rebate
	];
}

describe('[F6] cash flow', () => {
	it('[F9] sums what came in and went out by kind, other income included; transfers, opening cash and voided entries are no flow', () => {
		const ledger = deriveAll(shop());
		const flow = cashFlow(ledger, DAY0, DAY0 + 30);
		expect(flow.lines).toEqual([
			{ kind: 'counter', amountIn: 30_00, amountOut: 0, count: 1 },
			{ kind: 'receipts', amountIn: 50_00, amountOut: 0, count: 1 },
			{ kind: 'income', amountIn: 25_00, amountOut: 0, count: 1 },
			{ kind: 'refunds', amountIn: 0, amountOut: 10_00, count: 1 },
			{ kind: 'suppliers', amountIn: 0, amountOut: 80_00, count: 1 },
			{ kind: 'expenses', amountIn: 0, amountOut: 30_00, count: 1 }
		]);
		expect(flow).toMatchObject({ totalIn: 105_00, totalOut: 120_00, net: -15_00 });
		// Cash now is the opening cash plus the net flow of every day.
		const cash = ledger.cash().reduce((s, c) => s + c.balance, 0);
		expect(cash).toBe(500_00 + flow.net);
		// A span takes the days it names, both ends included.
		expect(cashFlow(ledger, DAY0 + 3, DAY0 + 4).lines.map((l) => l.kind)).toEqual(['receipts', 'suppliers']);
		expect(cashFlow(ledger, DAY0 + 40, DAY0 + 50)).toMatchObject({ lines: [], net: 0 });
	});

	it('on the demo company, cash now is opening cash plus every day’s net flow', () => {
		const events = [...generateDemo({ size: 'tiny' })];
		const ledger = deriveAll(events);
		let opening = 0;
		for (const e of ledger.eventsOfType('opening.cash')) opening += e.payload.amount;
		const flow = cashFlow(ledger, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
		expect(flow.lines.length).toBeGreaterThanOrEqual(4);
		expect(ledger.cash().reduce((s, c) => s + c.balance, 0)).toBe(opening + flow.net);
	});

	it('[F6] looks ahead: cash now, plus receivables and less payables due by then, overdue included', () => {
		const ledger = deriveAll(shop());
		const cash = ledger.cash().reduce((s, c) => s + c.balance, 0);
		// On DAY0 + 5, ten days ahead: the delivery (due DAY0 + 12, 100.00 still open) falls due, the
		// receipt (due DAY0 + 30, 120.00 still open) does not.
		expect(cashOutlook(ledger, DAY0 + 5, 10)).toEqual({
			until: DAY0 + 15,
			cash,
			receivable: 100_00,
			receivableOverdue: 0,
			payable: 0,
			payableOverdue: 0,
			expected: cash + 100_00
		});
		// Forty days on, both are overdue and both count.
		expect(cashOutlook(ledger, DAY0 + 40, 7)).toMatchObject({
			receivable: 100_00,
			receivableOverdue: 100_00,
			payable: 120_00,
			payableOverdue: 120_00,
			expected: cash + 100_00 - 120_00
		});
	});
});
