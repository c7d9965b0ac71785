/** The purchase plan as pages see it: supplier, lead time, incoming and price found from the ledger. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivals } from '../../../tests/factories/arrivals';
import { historyOf, historyParams, seededRandom } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import type { EventType } from '../domain/catalogue';
import type { AnyEvent } from '../domain/event';
import { deriveAll, Ledger, type DocState } from '../domain/ledger';
import { masterNames } from './names';
import {
	orderView,
	purchaseDocuments,
	purchaseOverview,
	purchaseSuggestions,
	receiptView,
	supplierView,
	uninvoicedBySupplier
} from './purchasing';

const U = 1000;

function company() {
	const f = new EventFactory();
	const events = [
		f.make('warehouse.created', { id: 'W1', fields: { name: '主仓', branch: 'B01' } }),
		f.make('supplier.created', { id: 'S1', fields: { name: '甲', leadTimeDays: 7, termsDays: 30 } }),
		f.make('supplier.created', { id: 'S2', fields: { name: '乙' } }),
		f.make('product.created', {
			id: 'P1',
			fields: { name: '茶', unit: '瓶', supplier: 'S1', purchasePrice: 2_00, safety: { W1: { min: 20 * U } } }
		}),
		f.make('product.created', { id: 'P2', fields: { name: '奶', unit: '盒', leadTimeDays: 2 } }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 300_00 }] },
			{ at: DAY0 - 40 }
		),
		f.make(
			'sales.counter.posted',
			{
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 88 * U, amount: 880_00, vat: 0 }],
				tenders: [{ account: 'A', amount: 880_00 }]
			},
			{ at: DAY0 - 3 }
		),
		// P2 was last bought from S2 at ¥3.50.
		f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S2', wh: 'W1', lines: [{ p: 'P2', q: 4 * U, amount: 14_00, vat: 0 }] },
			{ at: DAY0 - 1 }
		)
	];
	const order = f.make(
		'purchase.order.placed',
		{
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 5 * U, amount: 15_00, vat: 0 }],
			approval: false
		},
		{ at: DAY0 }
	);
	const l = deriveAll([...events, order]);
	return { l, order };
}

describe('purchaseSuggestions', () => {
	it('[PU1][PU3] takes the supplier and lead time from master data, incoming from open orders', () => {
		const { l } = company();
		const rows = purchaseSuggestions(l, masterNames(l), DAY0, 30);
		const tea = rows.find((r) => r.product === 'P1')!;
		// 88 over 30 days = 2.933 a day × 7 = 20.5 → 21; + 20 − 5 on order − 12 available = 24.
		expect(tea).toMatchObject({ supplier: 'S1', leadFrom: 'supplier', price: 3_00, priceFrom: 'last' });
		expect(tea.s).toMatchObject({
			dailyAverage: 2933,
			leadDemand: 21 * U,
			incoming: 5 * U,
			available: 12 * U
		});
		expect(tea.s.suggested).toBe(24 * U);
		const milk = rows.find((r) => r.product === 'P2')!;
		expect(milk).toMatchObject({ supplier: 'S2', leadFrom: 'product', price: 3_50 });
		expect(milk.s.suggested).toBe(0);
		expect(milk.s.notes).toContain('no-sales');
	});
});

describe('document views', () => {
	it('an order shows its progress; a receipt what can be returned and at what cost; a supplier what is owed', () => {
		const { l, order } = company();
		const v = orderView(l, order.id)!;
		expect(v.progress.outstanding).toBe(5 * U);
		expect(orderView(l, 'nope')).toBeNull();
		const receipt = [...l.documents()].find((d) => d.type === 'purchase.receipt.posted')!;
		expect(receiptView(l, receipt.id)!.returnable).toEqual([{ left: 4 * U, unitCost: 3_50 }]);
		const s2 = supplierView(l, masterNames(l), 'S2', DAY0)!;
		expect(s2.payables.owed).toBe(14_00);
		expect(s2.payables.items[0]!.due).toBe(DAY0 - 1); // no terms: due on receipt
		expect(s2.payables.items[0]!.overdueDays).toBe(1);
		expect(supplierView(l, masterNames(l), 'S9', DAY0)).toBeNull();
	});
});

/** The purchase documents as the pages found them before the type index: by reading every event. */
function scanned(l: Ledger, types: readonly EventType[]): DocState[] {
	return l.events
		.filter((e) => types.includes(e.type))
		.map((e) => l.document(e.id))
		.filter((d) => d !== undefined);
}

describe('purchase lists read from the type index', () => {
	it('equal the documents found by reading every event, per supplier, on the overview and in the document views', () => {
		const seen = { approve: 0, receive: 0, received: 0, returned: 0 };
		const PURCHASES: EventType[] = [
			'purchase.order.placed',
			'purchase.receipt.posted',
			'purchase.return.posted'
		];
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 120 }), fc.integer({ min: 1, max: 30 }), (p, limit) => {
				const l = deriveAll(historyOf(p).events);
				const all = scanned(l, PURCHASES);
				expect(purchaseDocuments(l)).toEqual(all);
				for (const s of new Set(all.map((d) => d.party)))
					expect(purchaseDocuments(l, s)).toEqual(all.filter((d) => d.party === s));
				for (const types of [
					PURCHASES,
					['purchase.receipt.posted' as const],
					['purchase.return.posted' as const]
				]) {
					const o = purchaseOverview(l, types, limit);
					const orders = scanned(l, ['purchase.order.placed']);
					seen.approve += o.toApprove.length;
					seen.receive += o.toReceive.length;
					expect(o.toApprove).toEqual(orders.filter((d) => d.status === 'pending'));
					expect(o.toReceive).toEqual(
						orders.filter((d) => d.status === 'approved' || d.status === 'partial')
					);
					expect(o.latest).toEqual(scanned(l, types).reverse().slice(0, limit));
				}
				// The document views as they read every event before (by the events' own references).
				const docsOf = (keep: (e: AnyEvent) => boolean) =>
					l.events
						.filter(keep)
						.map((e) => l.document(e.id))
						.filter((d) => d !== undefined);
				for (const order of scanned(l, ['purchase.order.placed'])) {
					const receipts = docsOf(
						(e) => e.type === 'purchase.receipt.posted' && e.payload.order === order.id
					);
					const ids = new Set(receipts.map((r) => r.id));
					const v = orderView(l, order.id)!;
					expect(v.receipts).toEqual(receipts);
					seen.received += receipts.length;
					expect(v.returns).toEqual(
						docsOf((e) => e.type === 'purchase.return.posted' && ids.has(e.payload.receipt))
					);
				}
				for (const receipt of scanned(l, ['purchase.receipt.posted']))
					seen.returned += receiptView(l, receipt.id)!.returns.length;
				for (const receipt of scanned(l, ['purchase.receipt.posted']))
					expect(receiptView(l, receipt.id)!.returns).toEqual(
						docsOf((e) => e.type === 'purchase.return.posted' && e.payload.receipt === receipt.id)
					);
			}),
			{ numRuns: 40 }
		);
		// The histories held every case: orders waiting, receipts on orders, returns on receipts.
		for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
	});

	it('orders waiting, kept per day, equal a scan after every batch of every arrival order', () => {
		fc.assert(
			fc.property(
				historyParams({ minOps: 20, maxOps: 120 }),
				fc.constantFrom('shuffled', 'late', 'reversed', 'in-order' as const),
				fc.integer(),
				({ seed, ops, turbulent }, order, orderSeed) => {
					const l = new Ledger();
					const h = historyOf({ seed, ops, turbulent });
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) {
						l.add(batch);
						const o = purchaseOverview(l, [], 0);
						const orders = scanned(l, ['purchase.order.placed']);
						expect(o.toApprove).toEqual(orders.filter((d) => d.status === 'pending'));
						expect(o.toReceive).toEqual(
							orders.filter((d) => d.status === 'approved' || d.status === 'partial')
						);
					}
				}
			),
			{ numRuns: 40 }
		);
	});
});

describe('[PU15] goods received not invoiced, per supplier', () => {
	it('is what each supplier’s page lists, added up; nothing for a small-scale taxpayer who never recorded one', () => {
		let tracked = 0;
		fc.assert(
			fc.property(historyParams({ maxOps: 150 }), (p) => {
				const l = deriveAll(historyOf(p, { weights: { 'purchase-invoice': 3, receipt: 8 } }).events);
				const names = masterNames(l);
				const by = uninvoicedBySupplier(l);
				const invoices = l.eventsOfType('purchase.invoice.recorded').length;
				if (invoices > 0) tracked++;
				// The history may have made the company a small-scale taxpayer itself.
				if (l.values('settings', 'company').vatDeductible === false && invoices === 0) {
					expect(by).toEqual([]);
					return;
				}
				const small = deriveAll([
					// Set after anything the history set (its HLC is later), dated before it all.
					new EventFactory(Date.UTC(2030, 0, 1)).make(
						'settings.updated',
						{ fields: { vatDeductible: false } },
						{ branch: '', at: DAY0 - 400 }
					),
					...l.events.filter((e) => e.type !== 'purchase.invoice.recorded')
				]);
				expect(uninvoicedBySupplier(small)).toEqual([]);
				for (const s of names.suppliers.keys()) {
					const rests = supplierView(l, names, s, DAY0)!.uninvoiced.map((u) => u.rest);
					const amount = rests.reduce((a, b) => a + b, 0);
					const row = by.find((x) => x.supplier === s);
					if (amount > 0) expect(row).toEqual({ supplier: s, count: rests.length, amount });
					else expect(row).toBeUndefined();
				}
				// Most first.
				expect(by.map((x) => x.amount)).toEqual(by.map((x) => x.amount).sort((a, b) => b - a));
			}),
			{ numRuns: 40 }
		);
		expect(tracked).toBeGreaterThan(10);
	});
});
