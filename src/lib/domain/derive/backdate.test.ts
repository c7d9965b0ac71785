/**
 * [D13] A counter sale, a stock adjustment or a purchase receipt that arrives late re-costs only the
 * stock it moves. Every figure is worked out in
 * a comment and every state is compared with a full replay of the same events. VAT is 0, so line amounts
 * are values; prices are in fen per unit (U = one unit in thousandths).
 */
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { formatHlc } from '../hlc';
import type { AnyEvent } from '../event';
import { deriveAll, Ledger } from '../ledger';

const U = 1000;

function expectSameAsFullReplay(l: Ledger): void {
	expect(l.snapshot({ full: true })).toEqual(deriveAll(l.events).snapshot({ full: true }));
}

function receipt(f: EventFactory, q: number, amount: number, at: number, wh = 'W1') {
	return f.make(
		'purchase.receipt.posted',
		{ no: f.no('purchase.receipt.posted'), supplier: 'S1', wh, lines: [{ p: 'P1', q, amount, vat: 0 }] },
		{ at }
	);
}

function sale(
	f: EventFactory,
	q: number,
	at: number,
	opts: { device?: string; customer?: string; paid?: number } = {}
) {
	const amount = 1_500 * (q / U);
	return f.make(
		'sales.counter.posted',
		{
			no: f.no('sales.counter.posted', opts.device),
			wh: 'W1',
			...(opts.customer ? { customer: opts.customer } : {}),
			lines: [{ p: 'P1', q, amount, vat: 0 }],
			tenders: [{ account: 'CASH', amount: opts.paid ?? amount }]
		},
		{ at, device: opts.device ?? 'T1' }
	);
}

/** A sale recorded now on another tablet (T9), dated `at`: it sorts before what was recorded later. */
function late(f: EventFactory, q: number, at: number, opts: { customer?: string; paid?: number } = {}) {
	f.advance(86_400_000);
	return sale(f, q, at, { ...opts, device: 'T9' });
}

describe('[D13] a late counter sale re-costs only its stock', () => {
	it('and a transfer after it carries the new cost into the other warehouse', () => {
		const f = new EventFactory();
		const r1 = receipt(f, 10 * U, 10_000, DAY0); // 10 at 10.00
		const r2 = receipt(f, 10 * U, 20_000, DAY0 + 2); // 10 at 20.00
		const ship = f.make(
			'stock.transfer.shipped',
			{ no: 1, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 5 * U }] },
			{ at: DAY0 + 3 }
		);
		const got = f.make(
			'stock.transfer.received',
			{ ref: ship.id, lines: [{ line: 0, q: 5 * U }], final: true },
			{ at: DAY0 + 4 }
		);
		const after = sale(f, U, DAY0 + 5);
		const l = new Ledger();
		l.add([r1, r2, ship, got, after]);
		// Without the sale: 20 units, 300.00; the transfer takes 5 at 15.00 = 75.00, the sale 1 at 15.00.
		expect(l.document(ship.id)!.cost).toBe(7_500);
		expect(l.document(after.id)!.cost).toBe(1_500);
		const version = l.dayVersion(DAY0 + 5);
		const s = late(f, 4 * U, DAY0 + 1);
		expect(l.add([s])).toEqual({ added: 1, mode: 'recost', applied: 1 });
		// With it: 10 at 100.00, sold 4 at 10.00 (40.00) → 6, 60.00; + 10 at 200.00 → 16, 260.00; the
		// transfer takes 5 at 260.00 × 5/16 = 81.25 → W1 keeps 11, 178.75; W2 receives 5 at 81.25; the
		// later sale takes 1 at 178.75 / 11 = 16.25 → W1 10, 162.50.
		expect(l.document(s.id)!.cost).toBe(4_000);
		expect(l.document(ship.id)!.cost).toBe(8_125);
		expect(l.document(after.id)!.cost).toBe(1_625);
		// Reports of that day are told their figures changed.
		expect(l.dayVersion(DAY0 + 5)).toBeGreaterThan(version);
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 10 * U, value: 16_250 });
		expect(l.stockOf('P1', 'W2')).toMatchObject({ onHand: 5 * U, value: 8_125 });
		expect(l.stockMoves('P1', 'W2').map((m) => [m.event.id, m.q, m.value])).toEqual([[got.id, 5 * U, 8_125]]);
		expect(l.stockMoves('P1', 'W1').map((m) => m.event.id)).toEqual([r1.id, s.id, r2.id, ship.id, after.id]);
		expectSameAsFullReplay(l);
	});

	it('and a stocktake after it that had found the book right now finds the sale missing', () => {
		const f = new EventFactory();
		const r = receipt(f, 10 * U, 10_000, DAY0);
		const countedAt = formatHlc(f.clock('T3').tick());
		const take = f.make(
			'stocktake.posted',
			{ no: 1, wh: 'W1', countedAt, lines: [{ p: 'P1', counted: 10 * U }] },
			{ at: DAY0 + 2, device: 'T3' }
		);
		const after = sale(f, 2 * U, DAY0 + 3);
		const l = new Ledger();
		l.add([r, take, after]);
		expect(l.stockMoves('P1', 'W1').map((m) => m.event.id)).toEqual([r.id, after.id]);
		const s = late(f, 3 * U, DAY0 + 1);
		expect(l.add([s]).mode).toBe('recost');
		// 10 at 100.00; the late sale takes 3 (30.00) → 7, 70.00; the count (10) finds 3 more, valued at
		// the average 10.00: +30.00 → 10, 100.00; the later sale takes 2 at 10.00 → 8, 80.00.
		expect(l.document(take.id)!.lines[0]).toMatchObject({ book: 7 * U, done: 3 * U, cost: 3_000 });
		expect(l.stockOf('P1', 'W1')).toMatchObject({ onHand: 8 * U, value: 8_000 });
		expect(l.stockMoves('P1', 'W1').map((m) => [m.event.id, m.q])).toEqual([
			[r.id, 10 * U],
			[s.id, -3 * U],
			[take.id, 3 * U],
			[after.id, -2 * U]
		]);
		expectSameAsFullReplay(l);
	});

	it('and the oversell it causes names the sales that went short, in order', () => {
		const f = new EventFactory();
		const r = receipt(f, 5 * U, 5_000, DAY0);
		const after = sale(f, 4 * U, DAY0 + 2);
		const l = new Ledger();
		l.add([r, after]);
		expect(l.alerts().filter((a) => a.kind === 'oversell')).toEqual([]);
		const s = late(f, 3 * U, DAY0 + 1);
		expect(l.add([s]).mode).toBe('recost');
		// 5 − 3 = 2 after the late sale (not short); the sale of 4 then leaves −2: it is the oversell.
		const oversell = l.alerts().filter((a) => a.kind === 'oversell');
		expect(oversell.map((a) => a.events)).toEqual([[after.id]]);
		expectSameAsFullReplay(l);
	});

	it('and a rewind to before it, or an event between it and the present, still derives a full replay', () => {
		const f = new EventFactory();
		const events = [
			receipt(f, 10 * U, 10_000, DAY0),
			receipt(f, 10 * U, 20_000, DAY0 + 2),
			sale(f, 5 * U, DAY0 + 4),
			receipt(f, 4 * U, 12_000, DAY0 + 6)
		];
		const l = new Ledger();
		l.add(events);
		expect(l.add([late(f, 2 * U, DAY0 + 3)]).mode).toBe('recost');
		expectSameAsFullReplay(l);
		// Another between the late sale and the end: re-costed on top of the first.
		expect(l.add([late(f, U, DAY0 + 5)]).mode).toBe('recost');
		expectSameAsFullReplay(l);
		// A receipt of a batch (which always rewinds) inside that range, after the sale of the same day,
		// rewinds to the first late sale's place, undoing both re-costings: it, the sale, the receipt, the
		// second late sale, the last receipt.
		const ofBatch = (amount: number, at: number) =>
			f.make(
				'purchase.receipt.posted',
				{
					no: f.no('purchase.receipt.posted'),
					supplier: 'S1',
					wh: 'W1',
					lines: [{ p: 'P1', q: U, amount, vat: 0, batch: 'L1' }]
				},
				{ at }
			);
		expect(l.add([ofBatch(3_000, DAY0 + 4)])).toMatchObject({ mode: 'rewind', applied: 5 });
		expectSameAsFullReplay(l);
		// Then one before everything: a plain rewind again.
		expect(l.add([late(f, U, DAY0 + 1)]).mode).toBe('recost');
		expect(l.add([ofBatch(500, DAY0)]).mode).toBe('rewind');
		expectSameAsFullReplay(l);
	});

	it('and so does a stock adjustment posted late, a loss at the cost of its place or goods found at its average', () => {
		const f = new EventFactory();
		const base = [receipt(f, 10 * U, 10_000, DAY0), receipt(f, 10 * U, 20_000, DAY0 + 2)];
		const after = sale(f, 5 * U, DAY0 + 3);
		const adjust = (q: number) => {
			f.advance(86_400_000);
			return f.make(
				'stock.adjusted',
				{ no: f.no('stock.adjusted', 'T9'), wh: 'W1', reason: '盘亏', lines: [{ p: 'P1', q }] },
				{ at: DAY0 + 1, device: 'T9' }
			);
		};
		const loss = new Ledger();
		loss.add([...base, after]);
		const lost = adjust(-4 * U);
		expect(loss.add([lost]).mode).toBe('recost');
		// 4 lost at 10.00 = 40.00 → 6, 60.00; + 10 at 200.00 → 16, 260.00; the sale takes 5 at
		// 260.00 × 5/16 = 81.25.
		expect(loss.document(lost.id)!.lines[0]!.cost).toBe(-4_000);
		expect(loss.document(after.id)!.cost).toBe(8_125);
		expectSameAsFullReplay(loss);
		const found = new Ledger();
		found.add([...base, after]);
		const gain = adjust(2 * U);
		expect(found.add([gain]).mode).toBe('recost');
		// 2 found at the average there, 10.00 → 12, 120.00; + 10 at 200.00 → 22, 320.00; the sale takes
		// 5 at 320.00 × 5/22 = 72.727… → 72.73.
		expect(found.document(gain.id)!.lines[0]!.cost).toBe(2_000);
		expect(found.document(after.id)!.cost).toBe(7_273);
		expectSameAsFullReplay(found);
	});

	it('and so does a purchase receipt without an order, when nothing after it touches its supplier', () => {
		const f = new EventFactory();
		const base = [receipt(f, 10 * U, 10_000, DAY0)];
		const after = sale(f, 5 * U, DAY0 + 3);
		const lateReceipt = (supplier: string) => {
			f.advance(86_400_000);
			return f.make(
				'purchase.receipt.posted',
				{
					no: f.no('purchase.receipt.posted', 'T9'),
					supplier,
					wh: 'W1',
					due: DAY0 + 31,
					lines: [{ p: 'P1', q: 10 * U, amount: 20_000, vat: 0 }]
				},
				{ at: DAY0 + 1, device: 'T9' }
			);
		};
		const l = new Ledger();
		l.add([...base, after]);
		const r = lateReceipt('S2');
		expect(l.add([r]).mode).toBe('recost');
		// 10 at 100.00 + 10 at 200.00 → 20, 300.00; the sale takes 5 at 15.00 = 75.00 (it was 50.00).
		expect(l.document(after.id)!.cost).toBe(7_500);
		expect(l.balanceOf('supplier', 'S2')).toBe(20_000);
		expectSameAsFullReplay(l);
		// A payment to that supplier after the receipt's place settles open items in date order: rewind.
		const paid = new Ledger();
		paid.add([
			...base,
			after,
			f.make('payment.made', { no: 1, supplier: 'S2', account: 'BANK', amount: 5_000 }, { at: DAY0 + 2 })
		]);
		expect(paid.add([lateReceipt('S2')]).mode).toBe('rewind');
		expectSameAsFullReplay(paid);
	});

	it('and so does a delivery without an order to a customer nothing after it touches', () => {
		const f = new EventFactory();
		const after = sale(f, 5 * U, DAY0 + 3);
		const l = new Ledger();
		l.add([receipt(f, 10 * U, 10_000, DAY0), receipt(f, 10 * U, 20_000, DAY0 + 2), after]);
		expect(l.document(after.id)!.cost).toBe(7_500);
		f.advance(86_400_000);
		const delivery = f.make(
			'sales.delivery.posted',
			{
				no: 1,
				customer: 'C5',
				wh: 'W1',
				due: DAY0 + 31,
				lines: [{ p: 'P1', q: 4 * U, amount: 6_000, vat: 0 }]
			},
			{ at: DAY0 + 1, device: 'T9' }
		);
		expect(l.add([delivery]).mode).toBe('recost');
		// 4 delivered at 10.00 = 40.00 → 6, 60.00; + 10 at 200.00 → 16, 260.00; the sale takes 5 at
		// 260.00 × 5/16 = 81.25 (it was 75.00).
		expect(l.document(delivery.id)!.cost).toBe(4_000);
		expect(l.document(after.id)!.cost).toBe(8_125);
		expect(l.balanceOf('customer', 'C5')).toBe(6_000);
		expectSameAsFullReplay(l);
	});

	it('and so does a purchase receipt whose supplier is paid on named documents and delivers again after it', () => {
		const f = new EventFactory();
		const from = (q: number, amount: number, at: number, device = 'T1', due?: number) =>
			f.make(
				'purchase.receipt.posted',
				{
					no: f.no('purchase.receipt.posted', device),
					supplier: 'S2',
					wh: 'W1',
					...(due !== undefined ? { due } : {}),
					lines: [{ p: 'P1', q, amount, vat: 0 }]
				},
				{ at, device }
			);
		const pay = (amount: number, at: number, allocations?: { ref: string; amount: number }[]) =>
			f.make(
				'payment.made',
				{
					no: f.no('payment.made'),
					supplier: 'S2',
					account: 'BANK',
					amount,
					...(allocations ? { allocations } : {})
				},
				{ at }
			);
		/** The late receipt: 10 at 20.00, dated day 1, due day 5 (before the other items: it would be paid first). */
		const lateOne = () => {
			f.advance(86_400_000);
			return from(10 * U, 20_000, DAY0 + 1, 'T9', DAY0 + 5);
		};
		const r1 = from(10 * U, 10_000, DAY0, 'T1', DAY0 + 10);
		const sold = sale(f, 5 * U, DAY0 + 3);

		// Paid on r1 by name, in full, and another delivery after: nothing of it depends on the late receipt.
		const r3 = from(2 * U, 3_000, DAY0 + 4, 'T1', DAY0 + 20);
		const l = new Ledger();
		l.add([r1, pay(10_000, DAY0 + 2, [{ ref: r1.id, amount: 10_000 }]), sold, r3]);
		const r = lateOne();
		expect(l.add([r]).mode).toBe('recost');
		// 10 at 100.00 + 10 at 200.00 → 20, 300.00; the sale takes 5 at 15.00 = 75.00.
		expect(l.document(sold.id)!.cost).toBe(7_500);
		// r1 paid; the late receipt and r3 owed.
		expect(l.balanceOf('supplier', 'S2')).toBe(23_000);
		expectSameAsFullReplay(l);

		// Goods sent back on r1 while it was owed (the return takes its value off the item) and a void of
		// something else: still nothing of the late receipt's payable depends on its place.
		const paid = pay(4_000, DAY0 + 2, [{ ref: r1.id, amount: 4_000 }]);
		const sendBack = (at: number) =>
			f.make(
				'purchase.return.posted',
				{ no: f.no('purchase.return.posted'), receipt: r1.id, lines: [{ line: 0, q: U }] },
				{ at }
			);
		const other = sale(f, U, DAY0 + 2);
		const returned = new Ledger();
		returned.add([
			r1,
			paid,
			other,
			sold,
			sendBack(DAY0 + 4),
			f.make('document.voided', { ref: other.id, reason: '重复录入' }, { at: DAY0 + 5, branch: '' })
		]);
		expect(returned.add([lateOne()]).mode).toBe('recost');
		// r1: 100.00 − 40.00 paid − 10.00 returned; the late receipt 200.00.
		expect(returned.balanceOf('supplier', 'S2')).toBe(25_000);
		expectSameAsFullReplay(returned);

		// Paid in advance before its place, and nothing after it takes that credit: the receipt takes it at
		// the end as it would have at its place (20.00 owed less 4.00 paid).
		const stock = receipt(f, 10 * U, 10_000, DAY0);
		const credit = new Ledger();
		credit.add([pay(4_000, DAY0 - 1), stock, sold]);
		expect(credit.add([lateOne()]).mode).toBe('recost');
		expect(credit.balanceOf('supplier', 'S2')).toBe(16_000);
		expectSameAsFullReplay(credit);

		// Each of these makes the late receipt's payable depend on its place: rewind.
		const r0 = from(5 * U, 5_000, DAY0 - 1, 'T1', DAY0 + 12);
		const rewinds: [string, AnyEvent[]][] = [
			// paid without naming documents: the oldest due first, which would have been the late receipt;
			['unnamed', [r1, pay(5_000, DAY0 + 2), sold]],
			// named in part: the rest went on to the oldest due, r1 again, where the late receipt came first
			// (found by the D13 property);
			[
				'named in part',
				[
					r0,
					r1,
					pay(12_000, DAY0 + 2, [
						{ ref: r1.id, amount: 5_000 },
						{ ref: r0.id, amount: 5_000 }
					]),
					sold
				]
			],
			// more than r1 owed: the rest went to credit, which the late receipt would have taken;
			['excess', [r1, pay(12_000, DAY0 + 2, [{ ref: r1.id, amount: 12_000 }]), sold]],
			// paid in advance before its place, the credit taken by a later delivery: the late receipt would
			// have taken it;
			['absorbed', [pay(4_000, DAY0 - 1), stock, sold, from(2 * U, 3_000, DAY0 + 4)]],
			// goods sent back after r1 was paid: the return leaves a credit, which the late receipt would have
			// taken;
			[
				'return on a paid receipt',
				[r1, pay(10_000, DAY0 + 2, [{ ref: r1.id, amount: 10_000 }]), sold, sendBack(DAY0 + 4)]
			],
			// a payment voided after it;
			[
				'void',
				[
					r1,
					paid,
					sold,
					f.make('document.voided', { ref: paid.id, reason: '重复录入' }, { at: DAY0 + 4, branch: '' })
				]
			],
			// the supplier's terms edited after it.
			[
				'terms',
				[r1, sold, f.make('supplier.updated', { id: 'S2', fields: { termsDays: 45 } }, { at: DAY0 + 4 })]
			]
		];
		for (const [why, history] of rewinds) {
			const x = new Ledger();
			x.add(history);
			expect(x.add([lateOne()]).mode, why).toBe('rewind');
			expectSameAsFullReplay(x);
		}

		// A payment that names the late receipt itself (its tablet had seen it) was made without it here.
		const named = new Ledger();
		const itself = lateOne();
		named.add([r1, pay(20_000, DAY0 + 2, [{ ref: itself.id, amount: 20_000 }]), sold]);
		expect(named.add([itself]).mode).toBe('rewind');
		expectSameAsFullReplay(named);
	});

	it('and so does a sale on credit whose customer pays on named documents and buys again after it', () => {
		const f = new EventFactory();
		const stock = receipt(f, 20 * U, 20_000, DAY0);
		// C1 owes 14.00 from day 0 (paid 1.00 of 15.00) and pays it by name on day 2; buys again on day 4.
		const owed = sale(f, U, DAY0, { customer: 'C1', paid: 100 });
		const pays = (amount: number, allocations?: { ref: string; amount: number }[]) =>
			f.make(
				'payment.received',
				{
					no: f.no('payment.received'),
					customer: 'C1',
					account: 'CASH',
					amount,
					...(allocations ? { allocations } : {})
				},
				{ at: DAY0 + 2 }
			);
		const again = sale(f, 2 * U, DAY0 + 4, { customer: 'C1', paid: 1_000 });
		const l = new Ledger();
		l.add([stock, owed, pays(1_400, [{ ref: owed.id, amount: 1_400 }]), again]);
		// 3 at 15.00 on credit, 10.00 paid: owes 35.00, due on its own day (before `again`'s).
		expect(l.add([late(f, 3 * U, DAY0 + 1, { customer: 'C1', paid: 1_000 })]).mode).toBe('recost');
		// `again` owes 20.00, the late sale 35.00.
		expect(l.balanceOf('customer', 'C1')).toBe(5_500);
		expectSameAsFullReplay(l);

		// Taken back with money refunded at the counter: refunds move the credit (T12). Rewind.
		const refunded = new Ledger();
		refunded.add([
			stock,
			owed,
			again,
			f.make(
				'sales.return.posted',
				{
					no: f.no('sales.return.posted'),
					delivery: again.id,
					lines: [{ line: 0, q: U, restock: true }],
					refunds: [{ account: 'CASH', amount: 500 }]
				},
				{ at: DAY0 + 5 }
			)
		]);
		expect(refunded.add([late(f, U, DAY0 + 1, { customer: 'C1', paid: 500 })]).mode).toBe('rewind');
		expectSameAsFullReplay(refunded);
		// Paid without naming documents: the oldest due first, where the late sale would have been. Rewind.
		const unnamed = new Ledger();
		unnamed.add([stock, owed, pays(1_400), again]);
		expect(unnamed.add([late(f, U, DAY0 + 1, { customer: 'C1', paid: 500 })]).mode).toBe('rewind');
		expectSameAsFullReplay(unnamed);
	});

	it('but takes the rewind when more than its stock depends on its place', () => {
		const f = new EventFactory();
		const base = [receipt(f, 20 * U, 20_000, DAY0), receipt(f, 10 * U, 20_000, DAY0 + 5)];
		// A reservation after its place: the oversell facts depend on it.
		const order = f.make(
			'sales.order.placed',
			{
				no: 1,
				customer: 'C1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 2 * U, amount: 3_000, vat: 0 }],
				approval: false
			},
			{ at: DAY0 + 3 }
		);
		const reserved = new Ledger();
		reserved.add([...base, order]);
		expect(reserved.add([late(f, U, DAY0 + 1)]).mode).toBe('rewind');
		expectSameAsFullReplay(reserved);
		// On credit (挂账) to a customer who pays after its place: the payment settles open items in date
		// order. (With nothing after it for that customer, the sale re-costs: see above for receipts.)
		const credit = new Ledger();
		credit.add([
			...base,
			f.make('payment.received', { no: 1, customer: 'C1', account: 'CASH', amount: 800 }, { at: DAY0 + 2 })
		]);
		expect(credit.add([late(f, U, DAY0 + 1, { customer: 'C1', paid: 500 })]).mode).toBe('rewind');
		expectSameAsFullReplay(credit);
		const quiet = new Ledger();
		quiet.add(base);
		expect(quiet.add([late(f, U, DAY0 + 1, { customer: 'C1', paid: 500 })]).mode).toBe('recost');
		// It owes 10.00 of its 15.00.
		expect(quiet.balanceOf('customer', 'C1')).toBe(1_000);
		expectSameAsFullReplay(quiet);
		// FIFO: the layers are not in the moves.
		const fifo = new Ledger();
		fifo.add([f.make('settings.updated', { fields: { costing: 'fifo' } }, { branch: '' }), ...base]);
		expect(fifo.add([late(f, U, DAY0 + 1)]).mode).toBe('rewind');
		expectSameAsFullReplay(fifo);
	});

	it('and when the supplier has a credit, since an item opening sweeps it onto the oldest items first', () => {
		// Found by the D13 property test. S1 is owed 30.00 from before (opening balance) and was paid in
		// full for a receipt of 100.00; 20.00 of that receipt goes back, which leaves S1 owing the shop
		// 20.00 (credit, 预付) beside the opening balance still open. On day 2 the shop pays the opening
		// balance, naming it.
		const f = new EventFactory();
		const opening = f.make('opening.balance', { party: 'supplier', id: 'S1', amount: 3_000 }, { at: DAY0 });
		const r1 = receipt(f, 10 * U, 10_000, DAY0);
		const paidR1 = f.make(
			'payment.made',
			{
				no: 1,
				supplier: 'S1',
				account: 'BANK',
				amount: 10_000,
				allocations: [{ ref: r1.id, amount: 10_000 }]
			},
			{ at: DAY0 }
		);
		const back = f.make(
			'purchase.return.posted',
			{ no: 1, receipt: r1.id, lines: [{ line: 0, q: 2 * U }], reason: '质量问题' },
			{ at: DAY0 }
		);
		const paidOpening = f.make(
			'payment.made',
			{
				no: 2,
				supplier: 'S1',
				account: 'BANK',
				amount: 3_000,
				allocations: [{ ref: opening.id, amount: 3_000 }]
			},
			{ at: DAY0 + 2 }
		);
		const l = new Ledger();
		l.add([opening, r1, paidR1, back, paidOpening]);
		expect(l.document(paidOpening.id)!.settled).toEqual([{ ref: opening.id, amount: 3_000 }]);
		// A receipt of 50.00 dated day 1 arrives late. In its place it opens with the credit there: the
		// credit goes to the oldest item first, the opening balance (30.00 → 10.00), so the payment on
		// day 2 finds 10.00 of it open and pays the other 20.00 on the new receipt (50.00 → 30.00).
		f.advance(86_400_000);
		const lateReceipt = f.make(
			'purchase.receipt.posted',
			{ no: 9, supplier: 'S1', wh: 'W1', lines: [{ p: 'P1', q: 5 * U, amount: 5_000, vat: 0 }] },
			{ at: DAY0 + 1, device: 'T9' }
		);
		expect(l.add([lateReceipt]).mode).toBe('rewind');
		expect(l.document(paidOpening.id)!.settled).toEqual([
			{ ref: opening.id, amount: 1_000 },
			{ ref: lateReceipt.id, amount: 2_000 }
		]);
		expect(l.document(lateReceipt.id)!.open).toBe(3_000);
		expect(l.balanceOf('supplier', 'S1')).toBe(3_000);
		expectSameAsFullReplay(l);
	});

	it('and when a later item swept a credit onto older ones, which the late one, due first, would have taken', () => {
		// Found by the D13 property. S1: A (100.00, due day 20) and B (40.00, due day 10), both day 0. B is
		// paid by name and sent back whole: 40.00 credit beside A. On day 2 receipt R (20.00, due day 30)
		// opens and the credit goes to the oldest due, A (100.00 → 60.00).
		const f = new EventFactory();
		const take = (no: number, amount: number, at: number, due: number, device = 'T1') =>
			f.make(
				'purchase.receipt.posted',
				{ no, supplier: 'S1', wh: 'W1', due, lines: [{ p: 'P1', q: (amount / 1_000) * U, amount, vat: 0 }] },
				{ at, device }
			);
		const a = take(1, 10_000, DAY0, DAY0 + 20);
		const b = take(2, 4_000, DAY0, DAY0 + 10);
		const paidB = f.make(
			'payment.made',
			{ no: 1, supplier: 'S1', account: 'BANK', amount: 4_000, allocations: [{ ref: b.id, amount: 4_000 }] },
			{ at: DAY0 }
		);
		const backB = f.make(
			'purchase.return.posted',
			{ no: 1, receipt: b.id, lines: [{ line: 0, q: 4 * U }], reason: '质量问题' },
			{ at: DAY0 }
		);
		const r = take(3, 2_000, DAY0 + 2, DAY0 + 30);
		const l = new Ledger();
		l.add([a, b, paidB, backB, r]);
		expect([a, r].map((d) => l.document(d.id)!.open)).toEqual([6_000, 2_000]);
		// L (50.00, due day 5), dated day 1, arrives late. At its place it opens with the credit and is due
		// first: it takes all 40.00 (50.00 → 10.00), and A stays whole.
		f.advance(86_400_000);
		const late = take(9, 5_000, DAY0 + 1, DAY0 + 5, 'T9');
		expect(l.add([late]).mode).toBe('rewind');
		expect([a, late, r].map((d) => l.document(d.id)!.open)).toEqual([10_000, 1_000, 2_000]);
		expectSameAsFullReplay(l);
	});
});
