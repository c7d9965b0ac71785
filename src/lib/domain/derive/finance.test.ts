/**
 * Money (rules F1–F2 in docs/SPEC.md): opening balances, payments settling open items, credit. Every
 * expected amount is worked out in a comment; VAT is 0. A party's balance must always be the sum of its
 * open items minus its credit: every test checks that identity as well.
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll, Ledger } from '../ledger';

const U = 1000; // one unit in thousandths

function expectSameAsFullReplay(l: Ledger): void {
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
}

/** [F2] balance = Σ open items − unapplied credit. */
function expectBalanceIsItsItems(l: Ledger, kind: 'customer' | 'supplier', id: string): void {
	const open = l.openItems(kind, id).reduce((s, d) => s + (d.open ?? 0), 0);
	const party = l.balances().find((b) => b.kind === kind && b.id === id);
	expect(party ? party.balance : 0).toBe(open - (party?.unapplied ?? 0));
}

function deliveryTo(f: EventFactory, customer: string, amount: number, due: number, no = 1) {
	return f.make('sales.delivery.posted', {
		no,
		customer,
		wh: 'W1',
		due,
		lines: [{ p: 'P1', q: U, amount, vat: 0 }]
	});
}

function received(
	f: EventFactory,
	customer: string,
	amount: number,
	allocations?: { ref: string; amount: number }[],
	at = DAY0
) {
	return f.make(
		'payment.received',
		{ no: 1, customer, account: 'BANK', amount, ...(allocations ? { allocations } : {}) },
		{ branch: '', at }
	);
}

describe('opening balances (期初)', () => {
	it('[F1] an opening receivable or payable is an open item, due when given or on its date', () => {
		const f = new EventFactory();
		const ar = f.make(
			'opening.balance',
			{ party: 'customer', id: 'C1', amount: 5_000, due: DAY0 + 10 },
			{ branch: '' }
		);
		const ap = f.make('opening.balance', { party: 'supplier', id: 'S1', amount: 8_000 }, { branch: '' });
		const cash = f.make('opening.cash', { account: 'CASH', amount: 120_000 }, { branch: '' });
		const l = deriveAll([ar, ap, cash]);
		expect(l.document(ar.id)).toMatchObject({ total: 5_000, open: 5_000, due: DAY0 + 10 });
		expect(l.document(ap.id)).toMatchObject({ total: 8_000, open: 8_000, due: DAY0 });
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C1', balance: 5_000, unapplied: 0, openItems: 1 },
			{ kind: 'supplier', id: 'S1', balance: 8_000, unapplied: 0, openItems: 1 }
		]);
		expect(l.cash()).toEqual([{ account: 'CASH', balance: 120_000 }]);
	});

	it('[F1][F2] a negative opening balance is a credit, applied to the next item', () => {
		const f = new EventFactory();
		const prepaid = f.make(
			'opening.balance',
			{ party: 'customer', id: 'C2', amount: -3_000 },
			{ branch: '' }
		);
		let l = deriveAll([prepaid]);
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C2', balance: -3_000, unapplied: 3_000, openItems: 0 }
		]);
		const first = deliveryTo(f, 'C2', 2_000, DAY0);
		const second = deliveryTo(f, 'C2', 4_000, DAY0, 2);
		l = deriveAll([prepaid, first, second]);
		// 30.00 credit: 20.00 covers the first delivery, 10.00 goes to the second (40.00 → 30.00 open).
		expect(l.document(first.id)!.open).toBe(0);
		expect(l.document(second.id)!.open).toBe(3_000);
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C2', balance: 3_000, unapplied: 0, openItems: 1 }
		]);
		expectBalanceIsItsItems(l, 'customer', 'C2');
	});
});

describe('payments (收款/付款)', () => {
	it('[F2] a payment settles the named items first, then the oldest due', () => {
		const f = new EventFactory();
		const d1 = deliveryTo(f, 'C1', 10_000, DAY0 + 10, 1);
		const d2 = deliveryTo(f, 'C1', 20_000, DAY0 + 5, 2);
		const d3 = deliveryTo(f, 'C1', 30_000, DAY0 + 20, 3);
		// 350.00, of which 300.00 named for d3 (the newest).
		const pay = received(f, 'C1', 35_000, [{ ref: d3.id, amount: 30_000 }]);
		const l = deriveAll([d1, d2, d3, pay]);
		// d3 gets its 300.00; the other 50.00 goes to the oldest due, d2 (day 5): 200.00 → 150.00.
		expect(l.document(pay.id)!.settled).toEqual([
			{ ref: d3.id, amount: 30_000 },
			{ ref: d2.id, amount: 5_000 }
		]);
		expect(l.openItems('customer', 'C1').map((d) => [d.id, d.open])).toEqual([
			[d2.id, 15_000],
			[d1.id, 10_000]
		]);
		// 600.00 − 350.00 = 250.00 = 150.00 + 100.00
		expect(l.balanceOf('customer', 'C1')).toBe(25_000);
		expectBalanceIsItsItems(l, 'customer', 'C1');
		expect(l.cash()).toEqual([{ account: 'BANK', balance: 35_000 }]);
		expectSameAsFullReplay(l);
	});

	it('[F2] an allocation beyond an item’s open amount, or naming another customer’s item, falls through to the oldest due', () => {
		const f = new EventFactory();
		const mine = deliveryTo(f, 'C1', 10_000, DAY0 + 1, 1);
		const older = deliveryTo(f, 'C1', 10_000, DAY0, 2);
		const theirs = deliveryTo(f, 'C2', 50_000, DAY0, 3);
		const pay = received(f, 'C1', 18_000, [
			{ ref: theirs.id, amount: 9_000 }, // not C1's: ignored
			{ ref: mine.id, amount: 15_000 } // only 100.00 open
		]);
		const l = deriveAll([mine, older, theirs, pay]);
		// 180.00: 100.00 to `mine` (named, capped at its open amount), 80.00 to the oldest due (`older`).
		expect(l.document(pay.id)!.settled).toEqual([
			{ ref: mine.id, amount: 10_000 },
			{ ref: older.id, amount: 8_000 }
		]);
		expect(l.document(older.id)!.open).toBe(2_000);
		expect(l.document(theirs.id)!.open).toBe(50_000);
		expectBalanceIsItsItems(l, 'customer', 'C1');
		expectBalanceIsItsItems(l, 'customer', 'C2');
	});

	it('[F2] the rest of a payment is a credit, applied to later deliveries', () => {
		const f = new EventFactory();
		const open = deliveryTo(f, 'C1', 10_000, DAY0, 1);
		const pay = received(f, 'C1', 50_000);
		const later = deliveryTo(f, 'C1', 30_000, DAY0 + 3, 2);
		const more = deliveryTo(f, 'C1', 40_000, DAY0 + 4, 3);
		let l = deriveAll([open, pay]);
		// 500.00 received, 100.00 open: 400.00 credit.
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C1', balance: -40_000, unapplied: 40_000, openItems: 0 }
		]);
		l = deriveAll([open, pay, later]);
		// The 300.00 delivery is paid from the credit at once: 100.00 credit left.
		expect(l.document(later.id)!.open).toBe(0);
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C1', balance: -10_000, unapplied: 10_000, openItems: 0 }
		]);
		l = deriveAll([open, pay, later, more]);
		// 400.00 more: 100.00 from the credit, 300.00 open.
		expect(l.document(more.id)!.open).toBe(30_000);
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C1', balance: 30_000, unapplied: 0, openItems: 1 }
		]);
		expectBalanceIsItsItems(l, 'customer', 'C1');
		expectSameAsFullReplay(l);
	});

	it('[F2] paying a supplier settles the payable and takes the money out of the account', () => {
		const f = new EventFactory();
		const cash = f.make('opening.cash', { account: 'BANK', amount: 100_000 }, { branch: '' });
		const receipt = (no: number, amount: number, at: number) =>
			f.make(
				'purchase.receipt.posted',
				{ no, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount, vat: 0 }] },
				{ at }
			);
		const r1 = receipt(1, 30_000, DAY0);
		const r2 = receipt(2, 20_000, DAY0 + 1);
		const pay = f.make(
			'payment.made',
			{ no: 1, supplier: 'S1', account: 'BANK', amount: 40_000 },
			{ branch: '', at: DAY0 + 2 }
		);
		const l = deriveAll([cash, r1, r2, pay]);
		// 400.00 to the oldest: r1 (300.00) in full, r2 200.00 → 100.00.
		expect(l.openItems('supplier', 'S1').map((d) => [d.id, d.open])).toEqual([[r2.id, 10_000]]);
		expect(l.balanceOf('supplier', 'S1')).toBe(10_000);
		expect(l.cash()).toEqual([{ account: 'BANK', balance: 60_000 }]);
		expectBalanceIsItsItems(l, 'supplier', 'S1');
	});

	it('[F2] a customer with hundreds of open items: named ones are found anywhere, the list stays in due order through rewinds', () => {
		const f = new EventFactory();
		// 300 deliveries of 10.00 each, due on one of 7 days, so most share their due day (ties by id).
		const deliveries = Array.from({ length: 300 }, (_, i) =>
			deliveryTo(f, 'C1', 1_000, DAY0 + ((i * 5) % 7), i + 1)
		);
		// Named items from all over the list, in no order; 10.00 each, so each is paid off exactly.
		const named = [287, 3, 150, 299, 0, 71, 222, 148].map((i) => ({ ref: deliveries[i]!.id, amount: 1_000 }));
		const pay = received(f, 'C1', 8_000 + 2_500, named, DAY0 + 2);
		// A payment dated before the first one, recorded later: the ledger rewinds past `pay` and undoes it.
		const earlier = received(f, 'C1', 3_000, [{ ref: deliveries[150]!.id, amount: 1_000 }], DAY0 + 1);
		const l = new Ledger();
		l.add(deliveries);
		l.add([pay]);
		expect(l.add([earlier]).mode).toBe('rewind');
		const voided = f.make(
			'document.voided',
			{ ref: pay.id, reason: '录入错误' },
			{ branch: '', at: DAY0 + 3 }
		);
		l.add([voided]);
		for (const ledger of [l, deriveAll([...deliveries, pay, earlier, voided])]) {
			const items = ledger.openItems('customer', 'C1');
			// Every open item is listed once, in settling order: due day, then id.
			const order = items.map((d) => [d.due!, d.id] as const);
			const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
			expect(order).toEqual(sorted);
			expect(new Set(items.map((d) => d.id)).size).toBe(items.length);
			// `earlier` paid deliveries[150] and the two oldest-due items; `pay` is void.
			expect(ledger.document(earlier.id)!.settled![0]).toEqual({ ref: deliveries[150]!.id, amount: 1_000 });
			expect(items).toHaveLength(297);
			expect(ledger.document(deliveries[287]!.id)!.open).toBe(1_000);
			expect(ledger.balanceOf('customer', 'C1')).toBe(300 * 1_000 - 3_000);
			expectBalanceIsItsItems(ledger, 'customer', 'C1');
		}
		expectSameAsFullReplay(l);
	});

	it('[F2] the balance stays the sum of open items minus credit through returns on paid deliveries', () => {
		const f = new EventFactory();
		const sold = deliveryTo(f, 'C1', 10_000, DAY0, 1);
		const pay = received(f, 'C1', 10_000);
		// The customer returns the (paid) unit.
		const back = f.make('sales.return.posted', {
			no: 1,
			delivery: sold.id,
			lines: [{ line: 0, q: U, restock: true }]
		});
		const next = deliveryTo(f, 'C1', 6_000, DAY0 + 1, 2);
		const l = deriveAll([sold, pay, back, next]);
		// Paid 100.00, returned 100.00: a 100.00 credit, of which 60.00 pays the next delivery.
		expect(l.balances()).toEqual([
			{ kind: 'customer', id: 'C1', balance: -4_000, unapplied: 4_000, openItems: 0 }
		]);
		expectBalanceIsItsItems(l, 'customer', 'C1');
	});
});
