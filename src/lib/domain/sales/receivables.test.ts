import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../ledger';
import { ageing, customerStatement, uninvoiced } from './receivables';

const U = 1000;

function history(f: EventFactory) {
	const stock = f.make('opening.stock', { no: 1, wh: 'W1', lines: [{ p: 'P1', q: 20 * U, value: 12000 }] });
	const ob = f.make('opening.balance', { party: 'customer', id: 'C1', amount: 500, due: DAY0 });
	const d1 = f.make(
		'sales.delivery.posted',
		{
			no: 1,
			customer: 'C1',
			wh: 'W1',
			due: DAY0 + 30,
			lines: [{ p: 'P1', q: 2 * U, amount: 2260, vat: 1300 }]
		},
		{ at: DAY0 + 1 }
	);
	const d2 = f.make(
		'sales.delivery.posted',
		{
			no: 2,
			customer: 'C1',
			wh: 'W1',
			due: DAY0 + 40,
			lines: [{ p: 'P1', q: 3 * U, amount: 3390, vat: 1300 }]
		},
		{ at: DAY0 + 10 }
	);
	const ret = f.make(
		'sales.return.posted',
		{ no: 1, delivery: d2.id, lines: [{ line: 0, q: 1 * U, restock: true }] },
		{ at: DAY0 + 11 }
	);
	const pay = f.make(
		'payment.received',
		{ no: 1, customer: 'C1', account: 'A1', amount: 1000, allocations: [{ ref: d1.id, amount: 1000 }] },
		{ at: DAY0 + 12 }
	);
	const other = f.make(
		'sales.delivery.posted',
		{ no: 3, customer: 'C2', wh: 'W1', lines: [{ p: 'P1', q: 1 * U, amount: 999, vat: 0 }] },
		{ at: DAY0 + 12 }
	);
	return { events: [stock, ob, d1, d2, ret, pay, other], d1, d2, ret, pay };
}

describe('customer receivables', () => {
	it('[SR1] a statement: opening before the period, each movement with its running balance, closing', () => {
		const f = new EventFactory();
		const h = history(f);
		const l = deriveAll(h.events);
		const docs = [...l.documents()].filter((d) => d.party === 'C1');
		const s = customerStatement(docs, DAY0 + 5, DAY0 + 30);
		// Opening: 5.00 opening balance + 22.60 delivered before the period.
		expect(s.opening).toBe(2760);
		expect(s.rows.map((r) => [r.number, r.debit, r.credit, r.balance])).toEqual([
			[l.document(h.d2.id)!.number, 3390, 0, 6150],
			[l.document(h.ret.id)!.number, 0, 1130, 5020],
			[l.document(h.pay.id)!.number, 0, 1000, 4020]
		]);
		expect(s.closing).toBe(4020);
		// Through today, the statement closes at the ledger's balance.
		expect(customerStatement(docs, 0, DAY0 + 99).closing).toBe(l.balanceOf('customer', 'C1'));
		// A period with no movement: opening = closing, no rows.
		const quiet = customerStatement(docs, DAY0 + 50, DAY0 + 60);
		expect(quiet).toMatchObject({ opening: 4020, closing: 4020, rows: [] });
	});

	it('[SR2] ageing buckets the open items by days past due', () => {
		const f = new EventFactory();
		const h = history(f);
		const l = deriveAll(h.events);
		const items = l.openItems('customer', 'C1');
		// Open: opening 5.00 (due DAY0), d1 22.60 − 10.00 paid (due +30), d2 33.90 − 11.30 returned (due +40).
		const a = ageing(items, DAY0 + 35);
		// Today d1 is 5 days late, the opening balance 35; d2 is due in 5 days.
		expect(a).toEqual({ current: 2260, d1to30: 1260, d31to60: 500, d61to90: 0, over90: 0, total: 4020 });
		expect(a.total).toBe(l.balanceOf('customer', 'C1'));
	});

	it('[SR3][Q3] delivered but not invoiced: returns and invoices come off', () => {
		const f = new EventFactory();
		const h = history(f);
		const inv = f.make(
			'sales.invoice.recorded',
			{
				no: 1,
				customer: 'C1',
				kind: 'special',
				number: '04400123',
				deliveries: [{ ref: h.d1.id, amount: 2260 }],
				tax: 260
			},
			{ at: DAY0 + 13 }
		);
		const l = deriveAll([...h.events, inv]);
		expect(l.document(inv.id)).toMatchObject({ status: 'posted', total: 2260, tax: 260, party: 'C1' });
		const docs = [...l.documents()].filter((d) => d.party === 'C1');
		expect(uninvoiced(docs).map((u) => [u.delivery.id, u.billable, u.invoiced, u.rest])).toEqual([
			[h.d2.id, 2260, 0, 2260]
		]);
		// An invoice never moves the balance.
		expect(l.balanceOf('customer', 'C1')).toBe(4020);
	});

	it('[Q3] an invoice for another customer’s delivery, or an unknown one, is rejected whole', () => {
		const f = new EventFactory();
		const h = history(f);
		const bad = f.make(
			'sales.invoice.recorded',
			{
				no: 1,
				customer: 'C2',
				kind: 'normal',
				number: 'X1',
				deliveries: [{ ref: h.d1.id, amount: 100 }],
				tax: 0
			},
			{ at: DAY0 + 13 }
		);
		const l = deriveAll([...h.events, bad]);
		expect(l.rejected().map((r) => r.code)).toEqual(['wrong-party']);
		expect(l.document(bad.id)).toBeUndefined();
	});
});
