/**
 * Refunds at the counter (K4 planning, T12 derivation): the goods come back at the sale's cost and the
 * money goes out of the accounts it came in through, in one event. Walk-in (散客) and named customers.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll, type Ledger } from '../ledger';
import { defaultRefundSplit, planReturn, returnableLines } from './refund';

const U = 1000;

function stocked(f: EventFactory) {
	// 10 of P1 at 10.00 and 10 of P2 at 2.00 (VAT 0: amounts are stock values).
	return f.make('purchase.receipt.posted', {
		no: 1,
		supplier: 'S1',
		wh: 'W1',
		lines: [
			{ p: 'P1', q: 10 * U, amount: 10_000, vat: 0 },
			{ p: 'P2', q: 10 * U, amount: 2_000, vat: 0 }
		]
	});
}

function sale(
	f: EventFactory,
	tenders: { account: string; amount: number }[],
	more: { customer?: string; change?: number; no?: number } = {}
) {
	// 3 × P1 for 10.00 together (3.33 + 3.33 + 3.34 when split) and 2 × P2 for 6.00: 16.00.
	return f.make('sales.counter.posted', {
		no: more.no ?? 1,
		wh: 'W1',
		lines: [
			{ p: 'P1', q: 3 * U, amount: 1_000, vat: 0 },
			{ p: 'P2', q: 2 * U, amount: 600, vat: 0 }
		],
		tenders,
		...(more.customer ? { customer: more.customer } : {}),
		...(more.change ? { change: more.change } : {})
	});
}

const codes = (l: Ledger) => l.rejected().map((r) => [r.event, r.code]);
const sameAsFullReplay = (l: Ledger) =>
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));

describe('refund at the counter', () => {
	it('[T12][K4] a walk-in refund: goods back at the sale’s cost, money out of the accounts it came in', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		// 16.00 paid half cash (a 10 note, 2.00 change → 8.00 kept) and 8.00 by WeChat.
		const s = sale(
			f,
			[
				{ account: 'CASH', amount: 1_000 },
				{ account: 'WECHAT', amount: 800 }
			],
			{ change: 200 }
		);
		// A dearer purchase after the sale: returns must still come back at 10.00, not the new average.
		const dear = f.make('purchase.receipt.posted', {
			no: 2,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 20_000, vat: 0 }]
		});
		const before = deriveAll([stock, s, dear]);
		const doc = before.document(s.id)!;
		const plan = planReturn(doc, [
			{ line: 0, q: U },
			{ line: 1, q: 2 * U }
		]);
		// One of 3 × P1 (first share of 10.00 = 3.33) and both P2 (6.00): 9.33 back.
		expect(plan).toEqual({
			ok: true,
			lines: [
				{ line: 0, q: U, restock: true },
				{ line: 1, q: 2 * U, restock: true }
			],
			value: 933,
			refund: 933
		});
		if (!plan.ok) return;
		// Split 8.00 : 8.00 kept → 4.67 cash (the odd fen to the first), 4.66 WeChat.
		const refunds = defaultRefundSplit(doc, plan.refund);
		expect(refunds).toEqual([
			{ account: 'CASH', amount: 467 },
			{ account: 'WECHAT', amount: 466 }
		]);
		const back = f.make('sales.return.posted', { no: 1, delivery: s.id, lines: [...plan.lines], refunds });
		const l = deriveAll([stock, s, dear, back]);
		expect(codes(l)).toEqual([]);
		expect(l.cash()).toEqual([
			{ account: 'CASH', balance: 800 - 467 },
			{ account: 'WECHAT', balance: 800 - 466 }
		]);
		// P1: 10 − 3 + 10 = 17 at 70.00 + 200.00; one comes back at the sale's 10.00 → 18 units, 280.00.
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 18 * U, value: 28_000 });
		expect(l.stockOf('P2', 'W1')).toMatchObject({ onHand: 10 * U, value: 2_000 });
		// No customer was involved: the only party is the supplier (100.00 + 20.00 + 200.00 owed).
		expect(l.balances()).toEqual([
			{ kind: 'supplier', id: 'S1', balance: 32_000, unapplied: 0, openItems: 2 }
		]);
		expect(l.document(back.id)).toMatchObject({ total: 933, tenders: refunds });
		sameAsFullReplay(l);
	});

	it('[T12][K4] returning the rest later: the shares add up to the line exactly, never a fen more', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		const s = sale(f, [{ account: 'CASH', amount: 1_600 }]);
		const first = f.make('sales.return.posted', {
			no: 1,
			delivery: s.id,
			lines: [{ line: 0, q: U, restock: true }],
			refunds: [{ account: 'CASH', amount: 333 }]
		});
		const afterFirst = deriveAll([stock, s, first]);
		expect(returnableLines(afterFirst.document(s.id)!).map((x) => x.left)).toEqual([2 * U, 2 * U]);
		const plan = planReturn(afterFirst.document(s.id)!, [{ line: 0, q: 2 * U }]);
		expect(plan).toMatchObject({ ok: true, value: 667, refund: 667 });
		const second = f.make('sales.return.posted', {
			no: 2,
			delivery: s.id,
			lines: [{ line: 0, q: 2 * U, restock: true }],
			refunds: [{ account: 'CASH', amount: 667 }]
		});
		const l = deriveAll([stock, s, first, second]);
		// 16.00 in, 3.33 + 6.67 = 10.00 out: 6.00 left for the two P2 still sold.
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 600 }]);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 10 * U, value: 10_000 });
		expect(planReturn(l.document(s.id)!, [{ line: 0, q: 1 }])).toEqual({
			ok: false,
			code: 'over-return',
			line: 0,
			left: 0
		});
	});

	it('[T12] a refund above the value returned is rejected whole: no stock, no cash moves', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		const s = sale(f, [{ account: 'CASH', amount: 1_600 }]);
		const greedy = f.make('sales.return.posted', {
			no: 1,
			delivery: s.id,
			lines: [{ line: 1, q: U, restock: true }],
			refunds: [
				{ account: 'CASH', amount: 200 },
				{ account: 'WECHAT', amount: 101 }
			]
		});
		const l = deriveAll([stock, s, greedy]);
		expect(codes(l)).toEqual([[greedy.id, 'over-refund']]);
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 1_600 }]);
		expect(l.stockOf('P2', 'W1').onHand).toBe(8 * U);
	});

	it('[T12] a named customer who paid in full: the return’s credit is paid out, the balance stays 0', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		const s = sale(f, [{ account: 'ALIPAY', amount: 1_600 }], { customer: 'C1' });
		const plan = planReturn(deriveAll([stock, s]).document(s.id)!, [{ line: 1, q: U }]);
		expect(plan).toMatchObject({ ok: true, value: 300, refund: 300 });
		const back = f.make('sales.return.posted', {
			no: 1,
			delivery: s.id,
			lines: [{ line: 1, q: U, restock: true }],
			refunds: [{ account: 'ALIPAY', amount: 300 }]
		});
		const l = deriveAll([stock, s, back]);
		expect(l.balanceOf('customer', 'C1')).toBe(0);
		expect(l.balances().filter((b) => b.kind === 'customer')).toEqual([
			{ kind: 'customer', id: 'C1', balance: 0, unapplied: 0, openItems: 0 }
		]);
		expect(l.cash()).toEqual([{ account: 'ALIPAY', balance: 1_300 }]);
		sameAsFullReplay(l);
	});

	it('[T12][K4] a sale partly on account: the return first clears what was owed, only the rest is paid back', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		// 16.00, 10.00 paid in cash, 6.00 on C1's account.
		const s = sale(f, [{ account: 'CASH', amount: 1_000 }], { customer: 'C1' });
		const doc = deriveAll([stock, s]).document(s.id)!;
		expect(doc.open).toBe(600);
		// Returning everything (16.00): 6.00 clears the debt, 10.00 is paid back.
		const plan = planReturn(doc, [
			{ line: 0, q: 3 * U },
			{ line: 1, q: 2 * U }
		]);
		expect(plan).toMatchObject({ ok: true, value: 1_600, refund: 1_000 });
		if (!plan.ok) return;
		const back = f.make('sales.return.posted', {
			no: 1,
			delivery: s.id,
			lines: [...plan.lines],
			refunds: [{ account: 'CASH', amount: plan.refund }]
		});
		const l = deriveAll([stock, s, back]);
		expect(l.balanceOf('customer', 'C1')).toBe(0);
		expect(l.openItems('customer', 'C1')).toEqual([]);
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 0 }]);
		sameAsFullReplay(l);
	});

	it('[T12] paying a customer more than the return left as credit: the excess is owed back, on the return', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		const s = sale(f, [{ account: 'CASH', amount: 1_000 }], { customer: 'C1' });
		// 3.00 back (one P2) while 6.00 was still open: the return absorbs it all, no credit is left…
		const back = f.make('sales.return.posted', {
			no: 1,
			delivery: s.id,
			lines: [{ line: 1, q: U, restock: true }],
			refunds: [{ account: 'CASH', amount: 300 }]
		});
		const l = deriveAll([stock, s, back]);
		// …so the 3.00 paid out is owed again: balance 6.00 − 3.00 + 3.00, an open item on the return.
		expect(l.balanceOf('customer', 'C1')).toBe(600);
		expect(l.openItems('customer', 'C1').map((d) => [d.id, d.open])).toEqual(
			[
				[s.id, 300],
				[back.id, 300]
			].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
		);
		expect(l.document(back.id)).toMatchObject({ due: DAY0 });
		sameAsFullReplay(l);
	});

	it('[K4] only a posted sale can be refunded; empty and unknown picks are refused', () => {
		const f = new EventFactory();
		const stock = stocked(f);
		const s = sale(f, [{ account: 'CASH', amount: 1_600 }]);
		const doc = deriveAll([stock, s]).document(s.id)!;
		expect(planReturn(doc, [])).toEqual({ ok: false, code: 'nothing' });
		expect(planReturn(doc, [{ line: 0, q: 0 }])).toEqual({ ok: false, code: 'nothing' });
		expect(planReturn(doc, [{ line: 7, q: U }])).toEqual({ ok: false, code: 'bad-line', line: 7 });
		expect(planReturn({ ...doc, status: 'voided' }, [{ line: 0, q: U }])).toEqual({
			ok: false,
			code: 'not-returnable',
			status: 'voided'
		});
	});

	it('[K4] a refund split follows what each account kept; a cash-only sale refunds cash', () => {
		expect(defaultRefundSplit({ tenders: [{ account: 'CASH', amount: 2_000 }], change: 400 }, 500)).toEqual([
			{ account: 'CASH', amount: 500 }
		]);
		// Kept: cash 50.00 − 6.00 = 44.00, WeChat 44.00: 1.01 → 0.51 + 0.50.
		expect(
			defaultRefundSplit(
				{
					tenders: [
						{ account: 'CASH', amount: 5_000 },
						{ account: 'WECHAT', amount: 4_400 }
					],
					change: 600
				},
				101
			)
		).toEqual([
			{ account: 'CASH', amount: 51 },
			{ account: 'WECHAT', amount: 50 }
		]);
	});
});
