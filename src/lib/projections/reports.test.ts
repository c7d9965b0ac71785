/**
 * The sales report keeps each day's totals and recomputes only the days a change touched
 * (`Ledger.dayVersion`). It must always equal the report read straight from the journal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivals } from '../../../tests/factories/arrivals';
import { historyOf, historyParams, seededRandom } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { formatHlc } from '../domain/hlc';
import { deriveAll, Ledger } from '../domain/ledger';
import { masterNames, type MasterNames } from './names';
import { salesReport, soldByProduct, type SalesReport } from './reports';

/** The report as a scan of the journal's last `span` days finds it (the definition). */
function scanned(ledger: Ledger, names: MasterNames, today: number, span = 30, topN = 10): SalesReport {
	const first = today - span + 1;
	const days = new Map<number, { revenue: number; gross: number }>();
	for (let d = first; d <= today; d++) days.set(d, { revenue: 0, gross: 0 });
	const products = new Map<string, { qty: number; revenue: number }>();
	for (const e of ledger.events) {
		if (e.at < first || e.at > today) continue;
		const sale = e.type === 'sales.counter.posted' || e.type === 'sales.delivery.posted';
		if (!sale && e.type !== 'sales.return.posted') continue;
		const doc = ledger.document(e.id);
		if (!doc || doc.status === 'voided') continue;
		const f = days.get(e.at)!;
		// A return: its amount back, and of the gross profit what the shelf does not get back.
		const sign = sale ? 1 : -1;
		f.revenue += sign * doc.total;
		f.gross += sale
			? doc.total - doc.tax - doc.cost
			: -(doc.total - doc.tax - doc.lines.reduce((c, l) => c + (l.restock ? l.cost : 0), 0));
		for (const l of doc.lines) {
			const p = products.get(l.p) ?? { qty: 0, revenue: 0 };
			p.qty += sign * l.q;
			p.revenue += sign * l.amount;
			products.set(l.p, p);
		}
	}
	const list = [...days].map(([day, f]) => ({ day, ...f }));
	return {
		days: list,
		top: [...products]
			.map(([product, f]) => ({
				product,
				name: names.products.get(product)?.name ?? product,
				detail: names.products.get(product)?.spec || names.products.get(product)?.code || '',
				unit: names.products.get(product)?.unit ?? '',
				...f
			}))
			.sort((a, b) => b.revenue - a.revenue || (a.product < b.product ? -1 : 1))
			.slice(0, topN),
		revenue: list.reduce((s, f) => s + f.revenue, 0),
		gross: list.reduce((s, f) => s + f.gross, 0)
	};
}

/** Quantity sold per product over `span` days up to `today`, read straight from the journal. */
function scannedSold(ledger: Ledger, today: number, span: number): Map<string, number> {
	const sold = new Map<string, number>();
	for (const e of ledger.events) {
		if (e.at <= today - span || e.at > today) continue;
		const sale = e.type === 'sales.counter.posted' || e.type === 'sales.delivery.posted';
		if (!sale && e.type !== 'sales.return.posted') continue;
		const doc = ledger.document(e.id);
		if (!doc || doc.status === 'voided') continue;
		for (const l of doc.lines) sold.set(l.p, (sold.get(l.p) ?? 0) + (sale ? l.q : -l.q));
	}
	return sold;
}

describe('sales report', () => {
	it('counts counter sales and deliveries per day at their cost, leaves out voided ones, ranks by revenue', () => {
		const f = new EventFactory();
		const sale = (no: number, p: string, q: number, amount: number, at: number) =>
			f.make(
				'sales.counter.posted',
				{
					no,
					wh: 'W1',
					lines: [{ p, q, amount, vat: 0 }],
					tenders: [{ account: 'CASH', amount }]
				},
				{ at }
			);
		const s1 = sale(1, 'P1', 2000, 10_00, DAY0 - 1);
		const s2 = sale(2, 'P2', 1000, 30_00, DAY0);
		const s3 = sale(3, 'P1', 1000, 5_00, DAY0);
		const l = deriveAll([
			f.make('product.created', { id: 'P1', fields: { name: '茶', unit: '瓶' } }),
			f.make('product.created', { id: 'P2', fields: { name: '奶', unit: '盒' } }),
			f.make(
				'opening.stock',
				{
					no: 1,
					wh: 'W1',
					lines: [
						{ p: 'P1', q: 10_000, value: 20_00 },
						{ p: 'P2', q: 10_000, value: 100_00 }
					]
				},
				{ at: DAY0 - 5 }
			),
			s1,
			s2,
			s3,
			f.make('document.voided', { ref: s3.id, reason: '录错' }, { at: DAY0 })
		]);
		const r = salesReport(l, masterNames(l), DAY0, 3);
		// P1 costs 2.00 a unit (20.00 for 10), P2 10.00.
		expect(r.days).toEqual([
			{ day: DAY0 - 2, revenue: 0, gross: 0 },
			{ day: DAY0 - 1, revenue: 10_00, gross: 6_00 },
			{ day: DAY0, revenue: 30_00, gross: 20_00 }
		]);
		expect(r.top.map((p) => [p.name, p.qty, p.revenue])).toEqual([
			['奶', 1000, 30_00],
			['茶', 2000, 10_00]
		]);
		expect([r.revenue, r.gross]).toEqual([40_00, 26_00]);
	});

	it('forgets the days of sales a late closing quarantines (documents only undone, never written again)', () => {
		// Each quarantined sale is alone on its day: nothing re-applied after the rewind writes that day.
		const f = new EventFactory();
		const sale = (no: number, at: number, device: string, customer?: string) =>
			f.make(
				'sales.counter.posted',
				{
					no,
					wh: 'W1',
					lines: [{ p: 'P1', q: 1000, amount: 10_00 * no, vat: 0 }],
					tenders: [{ account: 'CASH', amount: customer ? 1_00 : 10_00 * no }],
					...(customer ? { customer } : {})
				},
				{ at, device }
			);
		const seen = sale(1, DAY0 + 1, 'T1');
		const walkIn = sale(2, DAY0 + 2, 'T2'); // kept compact
		const onCredit = sale(3, DAY0 + 3, 'T2', 'C1'); // a full document (a receivable)
		const l = new Ledger();
		l.add([
			f.make('customer.created', { id: 'C1', fields: { name: '湖滨酒店' } }, { at: DAY0 }),
			seen,
			walkIn,
			onCredit
		]);
		const names = masterNames(l);
		expect(salesReport(l, names, DAY0 + 6).revenue).toBe(60_00);
		const close = f.make(
			'period.closed',
			{ through: DAY0 + 5, seen: [{ device: 'T1', hlc: formatHlc(seen.hlc) }] },
			{ branch: '', device: 'HQ1', user: 'fin', at: DAY0 + 6 }
		);
		expect(l.add([close]).mode).toBe('rewind');
		expect(l.quarantined().map((q) => q.event)).toEqual([walkIn.id, onCredit.id].sort());
		expect(salesReport(l, names, DAY0 + 6)).toEqual(scanned(l, names, DAY0 + 6));
		expect(salesReport(l, names, DAY0 + 6).revenue).toBe(10_00);
	});

	it('kept per day, equals a scan of the journal after every batch, in any arrival order', () => {
		fc.assert(
			fc.property(
				historyParams({ minOps: 20, maxOps: 120 }),
				fc.constantFrom('shuffled', 'late', 'reversed', 'in-order' as const),
				fc.integer(),
				fc.constantFrom(0, 1, 3, 62),
				fc.integer({ min: 1, max: 40 }),
				({ seed, ops, turbulent }, order, orderSeed, undoDays, span) => {
					const h = historyOf({ seed, ops, turbulent });
					const l = new Ledger({ undoDays });
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) {
						l.add(batch);
						const names = masterNames(l);
						const today = Math.max(...l.events.map((e) => e.at));
						expect(salesReport(l, names, today, span)).toEqual(scanned(l, names, today, span));
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	it('[RP1] sales per product over 90 days share the kept days, and equal a scan after every batch', () => {
		fc.assert(
			fc.property(
				historyParams({ minOps: 20, maxOps: 120 }),
				fc.constantFrom('shuffled', 'late', 'in-order' as const),
				fc.integer(),
				fc.integer({ min: -40, max: 5 }),
				({ seed, ops, turbulent }, order, orderSeed, shift) => {
					const h = historyOf({ seed, ops, turbulent });
					const l = new Ledger();
					for (const batch of arrivals(h.events, order, seededRandom(orderSeed))) {
						l.add(batch);
						const names = masterNames(l);
						const last = Math.max(...l.events.map((e) => e.at));
						// The report of 30 days and the 90 days of sales read the same kept days, as today moves.
						for (const today of [last + shift, last]) {
							expect(salesReport(l, names, today)).toEqual(scanned(l, names, today));
							expect(soldByProduct(l, today, 90)).toEqual(scannedSold(l, today, 90));
						}
					}
				}
			),
			{ numRuns: 40 }
		);
	});
});
