/**
 * The incremental dashboard equals the one computed from scratch after every batch, whatever the
 * history: counter sales appended one by one (the fast path), deliveries, receipts, payments, voids,
 * returns, backdated and rejected events (the fallbacks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyOf, historyParams } from '../../../tests/factories/business';
import { EventFactory } from '../../../tests/factories/events';
import type { AnyEvent } from '../domain/event';
import { Ledger } from '../domain/ledger';
import { computeDashboard, dashboard } from './dashboard';
import { masterNames } from './names';

function expectSameAfterEachBatch(events: readonly AnyEvent[], batch: (i: number) => number): void {
	const l = new Ledger();
	let i = 0;
	while (i < events.length) {
		const n = Math.max(1, batch(i));
		l.add(events.slice(i, i + n));
		i += n;
		const names = masterNames(l);
		const today = l.events[l.events.length - 1]!.at;
		expect(dashboard(l, names, today)).toEqual(computeDashboard(l, names, today));
		// A day earlier: the same ledger seen as of another day is recomputed, never mixed up.
		expect(dashboard(l, names, today - 1)).toEqual(computeDashboard(l, names, today - 1));
		expect(dashboard(l, names, today)).toEqual(computeDashboard(l, names, today));
	}
}

describe('dashboard', () => {
	it('incremental equals full after every event of a business history', () => {
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 80 }), (p) => {
				const { events } = historyOf(p);
				expectSameAfterEachBatch(events, () => 1);
			}),
			{ numRuns: 15 }
		);
	});

	it('incremental equals full when events arrive in batches and out of order', () => {
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 80 }), fc.integer({ min: 1, max: 9 }), (p, k) => {
				const { events } = historyOf(p);
				// Every k-th batch is held back one step, so it lands before events already applied.
				const shuffled = events.slice();
				for (let i = k; i + 1 < shuffled.length; i += k + 1)
					[shuffled[i], shuffled[i + 1]] = [shuffled[i + 1]!, shuffled[i]!];
				expectSameAfterEachBatch(shuffled, (i) => 1 + (i % 3));
			}),
			{ numRuns: 15 }
		);
	});

	it('regression (seed 8971573, k 2): a delivery against a voided order brings the order back to pending', () => {
		// The delivery makes the order's void refused; the kept pending list had dropped the order for good.
		const { events } = historyOf({ seed: 8971573, ops: 20, turbulent: false });
		const shuffled = events.slice();
		for (let i = 2; i + 1 < shuffled.length; i += 3)
			[shuffled[i], shuffled[i + 1]] = [shuffled[i + 1]!, shuffled[i]!];
		expectSameAfterEachBatch(shuffled, (i) => 1 + (i % 3));
	});

	it('a counter sale shows at once: sales, documents, cash, stock below safety, latest activity', () => {
		const f = new EventFactory();
		const setup = [
			f.make('product.created', {
				id: 'P1',
				fields: { name: 'Tea', unit: 'pc', safety: { W1: { min: 9_000 } } }
			}),
			f.make('purchase.receipt.posted', {
				no: 1,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 10_000, amount: 10_000, vat: 0 }]
			})
		];
		const l = new Ledger();
		l.add(setup);
		const today = setup[1]!.at;
		const names = masterNames(l);
		const before = dashboard(l, names, today);
		expect(before.lowStockCount).toBe(0);
		const sale = f.make('sales.counter.posted', {
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: 2_000, amount: 3_000, vat: 0 }],
			tenders: [{ account: 'CASH', amount: 3_000 }]
		});
		l.add([sale]);
		const after = dashboard(l, names, today);
		expect(after).toEqual(computeDashboard(l, names, today));
		expect(after).toMatchObject({ sales: 3_000, documents: 1, cash: 3_000, gross: 1_000, lowStockCount: 1 });
		expect(after.recent[0]!.id).toBe(sale.id);
		// A walk-in sale that is not paid in full is refused: listed as an alert, nothing else moves.
		const short = f.make('sales.counter.posted', {
			no: 2,
			wh: 'W1',
			lines: [{ p: 'P1', q: 1_000, amount: 1_500, vat: 0 }],
			tenders: [{ account: 'CASH', amount: 1_000 }]
		});
		l.add([short]);
		expect(dashboard(l, names, today)).toEqual(computeDashboard(l, names, today));
		expect(dashboard(l, names, today)).toMatchObject({ sales: 3_000, alerts: before.alerts + 1 });
		// One of the two back the same day, onto the shelf: ¥15.00 off the sales, its ¥10.00 cost back.
		l.add([
			f.make('sales.return.posted', {
				no: 1,
				delivery: sale.id,
				lines: [{ line: 0, q: 1_000, restock: true }]
			})
		]);
		expect(dashboard(l, names, today)).toEqual(computeDashboard(l, names, today));
		expect(dashboard(l, names, today)).toMatchObject({ sales: 1_500, documents: 1, gross: 500 });
	});
	it('tells apart products of one name in the stock alerts: by spec, else by code', () => {
		const f = new EventFactory();
		const jeans = (id: string, fields: Record<string, unknown>) =>
			f.make('product.created', {
				id,
				fields: { name: '男士直筒牛仔裤', unit: '条', safety: { W1: { min: 2_000 } }, ...fields }
			});
		const l = new Ledger();
		l.add([
			jeans('P1', { code: 'FZ0001', spec: '浅蓝 28码' }),
			jeans('P2', { code: 'FZ0002', spec: '浅蓝 29码' }),
			jeans('P3', { code: 'FZ0003' })
		]);
		const names = masterNames(l);
		const today = l.events.at(-1)!.at;
		const d = dashboard(l, names, today);
		expect(d).toEqual(computeDashboard(l, names, today));
		expect(d.lowStock.map((x) => [x.product, x.name, x.detail]).sort()).toEqual([
			['P1', '男士直筒牛仔裤', '浅蓝 28码'],
			['P2', '男士直筒牛仔裤', '浅蓝 29码'],
			['P3', '男士直筒牛仔裤', 'FZ0003']
		]);
	});
	it('[A2] stock above the maximum is listed until sales bring it back under (incremental == full)', () => {
		const f = new EventFactory();
		const setup = [
			f.make('product.created', {
				id: 'P1',
				fields: { name: 'Tea', unit: 'pc', safety: { W1: { min: 2_000, max: 5_000 } } }
			}),
			f.make('purchase.receipt.posted', {
				no: 1,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 4_000, amount: 4_000, vat: 0 }]
			})
		];
		const l = new Ledger();
		l.add(setup);
		const today = setup[1]!.at;
		const names = masterNames(l);
		expect(dashboard(l, names, today)).toMatchObject({ overStockCount: 0, lowStockCount: 0 });
		// A second receipt without an order (the fast path) takes it to 10 on hand, above the maximum of 5.
		l.add([
			f.make('purchase.receipt.posted', {
				no: 2,
				supplier: 'S1',
				wh: 'W1',
				lines: [{ p: 'P1', q: 6_000, amount: 6_000, vat: 0 }]
			})
		]);
		const over = dashboard(l, names, today);
		expect(over).toEqual(computeDashboard(l, names, today));
		expect(over.overStockCount).toBe(1);
		expect(over.overStock[0]).toMatchObject({ product: 'P1', name: 'Tea', onHand: 10_000, max: 5_000 });
		// Selling 6 leaves 4: back within the limits, off the list.
		l.add([
			f.make('sales.counter.posted', {
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 6_000, amount: 9_000, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 9_000 }]
			})
		]);
		const back = dashboard(l, names, today);
		expect(back).toEqual(computeDashboard(l, names, today));
		expect(back.overStockCount).toBe(0);
	});
});
