/**
 * Voids (作废; V1–V4): a void cancels its document exactly.
 *
 *   [P3] For any history H and any voidable document D, recorded on any day of H and voided right
 *        after (nothing sorts between D and its void), H + D + void(D) derives the same stock (on hand,
 *        reserved, incoming, value, variance per product × warehouse), the same party balances, credit
 *        and open items, and the same cash as H alone. Documents differ, of course: D is there, voided.
 *
 * It does not hold yet in three situations, each pinned down by a skipped [BUG] case below and
 * excluded from the property (KNOWN_BUGS) until the domain is fixed: remove the exclusion with the fix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostingMethod } from '../../src/lib/domain/costing/pool';
import type { AnyEvent } from '../../src/lib/domain/event';
import { deriveAll, type Ledger } from '../../src/lib/domain/ledger';
import { EventFactory } from '../factories/events';
import { DAY0 as BUSINESS_DAY0, generateHistory, historyParams, type OpKind } from '../factories/business';

const RUNS = Number(process.env.JXC_PROPERTY_RUNS ?? 60);
const U = 1000;

const STOCK_KINDS: readonly OpKind[] = ['counter-sale', 'delivery', 'receipt', 'transfer-ship', 'adjust'];
const MONEY_KINDS: readonly OpKind[] = [
	'payment-in',
	'payment-out',
	'cash-transfer',
	'purchase-order',
	'sales-order'
];

/** The parts of a snapshot a void must leave as they were. */
function books(l: Ledger) {
	const s = l.snapshot();
	return { stock: s.stock, balances: s.balances, cash: s.cash };
}

export interface VoidCase {
	readonly seed: number;
	readonly ops: number;
	readonly kind: OpKind;
	/** Where in H's dates D is recorded: 0 = the first day, 1 = the last. */
	readonly where: number;
	readonly costing: CostingMethod;
}

interface Built {
	readonly history: readonly AnyEvent[];
	/** The books just before D. */
	readonly before: Ledger;
	readonly doc: AnyEvent;
	readonly voided: AnyEvent;
}

/** Builds H, D (decided from the books as they stood on its day) and void(D); null if D was not applied. */
export function voidCase(c: VoidCase): Built | null {
	const h = generateHistory(c.seed, c.ops, { costing: c.costing });
	const last = h.events.reduce((m, e) => Math.max(m, e.at), BUSINESS_DAY0);
	const day = BUSINESS_DAY0 + Math.round(c.where * (last - BUSINESS_DAY0));
	// D gets an HLC above every event of H, so it sorts after everything dated up to its day.
	const before = deriveAll(h.events.filter((e) => e.at <= day));
	const doc = h.more(c.kind, { view: before, at: day, invalidRate: 0, actor: 0 })[0];
	if (!doc) return null;
	const voided = h.actors[0]!.make('document.voided', { ref: doc.id, reason: '录入错误' }, day);
	return { history: h.events, before, doc, voided };
}

/**
 * The known ways P3 fails today (see the [BUG] cases): which one this case falls under, if any.
 *  - fifo-layers: under FIFO, a reversal does not give back the document's own layers.
 *  - empty-pool: under moving average, goods in to a pool at or below zero change more than its
 *    quantity and value (variance, reference cost), and the reversal does not undo that.
 *  - credit: a new receivable/payable absorbs the party's unapplied credit into *older* items too,
 *    and the void gives back only what the new item took.
 */
function knownBug(c: VoidCase, b: Built): string | null {
	const p = b.doc.payload as {
		wh?: string;
		lines?: readonly { p: string; q: number }[];
		customer?: string;
		supplier?: string;
	};
	if (c.costing === 'fifo' && STOCK_KINDS.includes(c.kind)) return 'fifo-layers';
	const goodsIn =
		b.doc.type === 'purchase.receipt.posted' ||
		(b.doc.type === 'stock.adjusted' && p.lines!.some((l) => l.q > 0));
	if (goodsIn && p.lines!.some((l) => b.before.stockOf(l.p, p.wh!).onHand <= 0)) return 'empty-pool';
	const opensItem = ['purchase.receipt.posted', 'sales.delivery.posted', 'sales.counter.posted'].includes(
		b.doc.type
	);
	const party = p.customer
		? { kind: 'customer', id: p.customer }
		: p.supplier
			? { kind: 'supplier', id: p.supplier }
			: undefined;
	const standing = party && b.before.balances().find((x) => x.kind === party.kind && x.id === party.id);
	if (opensItem && standing && standing.unapplied > 0 && standing.openItems > 0) return 'credit';
	return null;
}

function property(costing: CostingMethod, kinds: readonly OpKind[]) {
	const skipped = new Map<string, number>();
	let checked = 0;
	fc.assert(
		fc.property(
			historyParams({ maxOps: 120 }),
			fc.constantFrom(...kinds),
			fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
			({ seed, ops }, kind, where) => {
				const c: VoidCase = { seed, ops, kind, where, costing };
				const built = voidCase(c);
				fc.pre(built !== null);
				const withVoid = deriveAll([...built.history, built.doc, built.voided]);
				fc.pre(withVoid.document(built.doc.id)?.status === 'voided');
				const bug = knownBug(c, built);
				if (bug) {
					skipped.set(bug, (skipped.get(bug) ?? 0) + 1);
					return;
				}
				checked++;
				const ctx = `seed ${seed} ops ${ops} ${kind} where ${where} (${costing})`;
				expect(books(withVoid), ctx).toEqual(books(deriveAll(built.history)));
			}
		),
		{ numRuns: RUNS }
	);
	// The exclusions must leave most cases checked, or the property says little.
	expect(checked, `checked ${checked}, skipped ${JSON.stringify([...skipped])}`).toBeGreaterThan(RUNS / 2);
}

describe('voids', () => {
	it('[P3] H + D + void(D) derives the same stock, balances and cash as H, for every voidable D on any day (moving average)', () => {
		property('moving-average', [...STOCK_KINDS, ...MONEY_KINDS]);
	});

	it('[P3] the same under FIFO, for documents that move money or reserve stock', () => {
		property('fifo', MONEY_KINDS);
	});

	// ---------------------------------------------------------------- known bugs (src/lib/domain)

	it.skip('[BUG][P3] FIFO: voiding a receipt gives back the oldest layer, not the receipt’s own', () => {
		const f = new EventFactory();
		const fifo = f.make('settings.updated', { fields: { costing: 'fifo' } }, { branch: '' });
		const line = (amount: number) => [{ p: 'P1', q: 10 * U, amount, vat: 0 }];
		const r1 = f.make('purchase.receipt.posted', { no: 1, supplier: 'S1', wh: 'W1', lines: line(10_000) });
		const r2 = f.make('purchase.receipt.posted', { no: 2, supplier: 'S1', wh: 'W1', lines: line(13_000) });
		const v = f.make('document.voided', { ref: r2.id });
		// Without r2: 10 @ 10.00, value 100.00, no variance. With r2 voided, voids.ts takes 10 units out
		// through issueAt(), i.e. fifoIssue() from the OLDEST layer (r1's, 100.00) and books the 30.00
		// difference as variance: 10 @ 13.00 stay on the shelf, and every later sale costs 13.00.
		expect(deriveAll([fifo, r1, r2, v]).stockOf('P1', 'W1')).toMatchObject(
			deriveAll([fifo, r1]).stockOf('P1', 'W1')
		);
	});

	it.skip('[BUG][P3] FIFO: voiding a sale puts its units back as the newest layer, so later sales cost differently', () => {
		const f = new EventFactory();
		const fifo = f.make('settings.updated', { fields: { costing: 'fifo' } }, { branch: '' });
		const receipt = (no: number, amount: number) =>
			f.make('purchase.receipt.posted', {
				no,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 2 * U, amount, vat: 0 }]
			});
		const sale = (no: number, q: number) =>
			f.make('sales.counter.posted', {
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q, amount: 4_000, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 4_000 }]
			});
		const r1 = receipt(1, 2_000); // 2 @ 10.00
		const r2 = receipt(2, 3_000); // 2 @ 15.00
		const s1 = sale(1, U); // takes 1 @ 10.00
		const v = f.make('document.voided', { ref: s1.id });
		const s2 = sale(2, 2 * U);
		// Without s1, s2 takes both units of r1: 20.00. With s1 voided, voids.ts gives its unit back
		// with stockIn(), i.e. fifoReceive(), as a NEW layer after r2's: [1 @ 10, 2 @ 15, 1 @ 10], so s2
		// takes 10.00 + 15.00 = 25.00, and the shelf holds 25.00 instead of 30.00.
		expect(deriveAll([fifo, r1, r2, s1, v, s2]).document(s2.id)!.cost).toBe(
			deriveAll([fifo, r1, r2, s2]).document(s2.id)!.cost
		);
	});

	it.skip('[BUG][P3] moving average: voiding a receipt into an oversold pool leaves the refill’s variance behind', () => {
		const f = new EventFactory();
		const r1 = f.make('purchase.receipt.posted', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 2 * U, amount: 2_000, vat: 0 }]
		});
		// 3 sold, 2 there: 20.00 + 10.00 at the reference cost → −1 unit, −10.00.
		const sale = f.make('sales.counter.posted', {
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: 3 * U, amount: 4_500, vat: 0 }],
			tenders: [{ account: 'CASH', amount: 4_500 }]
		});
		// 4 @ 12.00 refill: 3 left on the shelf at 36.00, 2.00 to variance (pool.ts receive(), C4).
		const r2 = f.make('purchase.receipt.posted', {
			no: 2,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 4 * U, amount: 4_800, vat: 0 }]
		});
		const v = f.make('document.voided', { ref: r2.id });
		// The void takes 4 units and 48.00 out with issueAt(): −1 unit, value −12.00, variance +2.00;
		// without r2 it is −1 unit, value −10.00, variance 0.
		expect(deriveAll([r1, sale, r2, v]).stockOf('P1', 'W1')).toEqual(
			deriveAll([r1, sale]).stockOf('P1', 'W1')
		);
	});

	it.skip('[BUG][P3] moving average: a voided receipt into an empty pool leaves its cost as the reference for oversells', () => {
		const f = new EventFactory();
		const r1 = f.make('purchase.receipt.posted', {
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 2 * U, amount: 2_000, vat: 0 }]
		});
		const sale = (no: number, q: number) =>
			f.make('sales.counter.posted', {
				no,
				wh: 'W1',
				lines: [{ p: 'P1', q, amount: 3_000, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 3_000 }]
			});
		const s1 = sale(1, 2 * U); // to exactly zero: the reference cost stays 10.00 (refQ/refV)
		const r2 = f.make('purchase.receipt.posted', {
			no: 2,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: U, amount: 5_000, vat: 0 }]
		});
		const v = f.make('document.voided', { ref: r2.id }); // back to zero, but refQ/refV are now r2's 50.00
		const s2 = sale(2, U); // an oversell, costed at the reference: 50.00 instead of 10.00
		expect(deriveAll([r1, s1, r2, v, s2]).document(s2.id)!.cost).toBe(
			deriveAll([r1, s1, s2]).document(s2.id)!.cost
		);
	});

	it.skip('[BUG][P3] a new receivable absorbs the customer’s credit into older items; its void does not give it back', () => {
		const f = new EventFactory();
		const c1 = f.make('customer.created', { id: 'C1', fields: { name: '华联超市' } }, { branch: '' });
		const delivery = (no: number, q: number, amount: number) =>
			f.make('sales.delivery.posted', {
				no,
				customer: 'C1',
				wh: 'W1',
				lines: [{ p: 'P1', q, amount, vat: 0 }]
			});
		const a = delivery(1, 10 * U, 10_000);
		const b = delivery(2, 5 * U, 5_000);
		const pay = f.make(
			'payment.received',
			{
				no: 1,
				customer: 'C1',
				account: 'BANK',
				amount: 10_000,
				allocations: [{ ref: a.id, amount: 10_000 }]
			},
			{ branch: '' }
		);
		// A is paid; returning 4 of its 10 units frees 40.00 that no item absorbs: credit 40.00 while B
		// (50.00) is still open (reduceItem() in state.ts does not apply it).
		const ret = f.make('sales.return.posted', {
			no: 1,
			delivery: a.id,
			lines: [{ line: 0, q: 4 * U, restock: true }]
		});
		const d = delivery(3, 3 * U, 3_000);
		const v = f.make('document.voided', { ref: d.id });
		// openItem() for D re-applies ALL of the credit over all open items (settle(…, reapply)), so B
		// drops to 10.00 and the credit to 0; the void takes D away and B stays at 10.00. Balance 10.00
		// either way, but the open items and credit differ from never having posted D.
		const before = deriveAll([c1, a, b, pay, ret]);
		const after = deriveAll([c1, a, b, pay, ret, d, v]);
		expect(after.balances()).toEqual(before.balances());
		expect(after.openItems('customer', 'C1').map((x) => x.open)).toEqual(
			before.openItems('customer', 'C1').map((x) => x.open)
		);
	});
});
