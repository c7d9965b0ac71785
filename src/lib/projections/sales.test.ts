import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyOf, historyParams } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll, Ledger, type DocState } from '../domain/ledger';
import { trackingState } from '../domain/sales/orders';
import { masterNames } from './names';
import { receivedNotInvoiced } from './purchasing';
import { customerView, deliveryView, orderView, salesRows, statementCsv, uninvoicedAll } from './sales';

function shop() {
	const f = new EventFactory();
	const events = [
		f.make('customer.created', { id: 'C1', fields: { name: '湖滨酒店, 二店', creditLimit: 100_000 } }),
		f.make('warehouse.created', { id: 'W1', fields: { name: 'Main' } }),
		f.make('product.created', { id: 'P1', fields: { name: 'Kettle', unit: 'pc', spec: '1.7L' } }),
		f.make('opening.stock', { no: 1, wh: 'W1', lines: [{ p: 'P1', q: 10_000, value: 60_000 }] })
	];
	const o = f.make(
		'sales.order.placed',
		{
			no: 1,
			customer: 'C1',
			wh: 'W1',
			approval: false,
			lines: [{ p: 'P1', q: 3000, amount: 30_000, vat: 0 }]
		},
		{ at: DAY0 + 1 }
	);
	const d = f.make(
		'sales.delivery.posted',
		{
			no: 1,
			order: o.id,
			customer: 'C1',
			wh: 'W1',
			lines: [{ p: 'P1', q: 1000, amount: 10_000, vat: 0, line: 0 }]
		},
		{ at: DAY0 + 2 }
	);
	return { ledger: deriveAll([...events, o, d]), o, d };
}

describe('sales projections', () => {
	it('an order shows its backorder, its stock check and its delivery', () => {
		const { ledger, o } = shop();
		const v = orderView(ledger, masterNames(ledger), o.id, DAY0 + 2)!;
		expect(v.state).toBe('partial');
		expect(v.lines[0]).toMatchObject({ name: 'Kettle', detail: '1.7L', q: 3000, done: 1000, rest: 2000 });
		expect(v.lines[0]!.availability!.here).toMatchObject({ onHand: 9000, reserved: 2000, available: 7000 });
		expect(v.deliveries).toHaveLength(1);
		// Cost at today's unit cost (60.00): 180.00 for 3; margin 300.00 − 180.00.
		expect([v.cost, v.margin]).toEqual([18_000, 12_000]);
	});

	it('a customer statement exports as CSV with a BOM, quoted names and yuan amounts', () => {
		const { ledger } = shop();
		const v = customerView(ledger, masterNames(ledger), 'C1', DAY0, DAY0 + 9, DAY0 + 9)!;
		expect(v.balance).toBe(10_000);
		expect(v.sales).toEqual({ revenue: 10_000, cost: 6000, profit: 4000 });
		const csv = statementCsv(
			v.statement,
			{
				customer: v.name,
				labels: {
					date: '日期',
					number: '单号',
					type: '类型',
					debit: '应收增加',
					credit: '应收减少',
					balance: '余额',
					opening: '期初',
					closing: '期末'
				}
			},
			(type) => type
		);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('\uFEFF"湖滨酒店, 二店",2026-01-05 – 2026-01-14');
		expect(lines[2]).toBe('2026-01-05,,期初,,,0.00');
		expect(lines[3]).toMatch(/^2026-01-07,CK-B01-T1-000001,sales\.delivery\.posted,100\.00,,100\.00$/);
		expect(lines[4]).toBe('2026-01-14,,期末,100.00,0.00,100.00');
	});
});

describe('sales documents found through their references', () => {
	it('order states and the returns and invoices of a delivery equal what a scan of the journal finds', () => {
		const seen = { delivered: 0, returned: 0, invoiced: 0 };
		fc.assert(
			fc.property(historyParams({ minOps: 20, maxOps: 120 }), (p) => {
				const l = deriveAll(historyOf(p).events);
				const names = masterNames(l);
				const today = l.events.at(-1)?.at ?? DAY0;
				const docs = (keep: (e: (typeof l.events)[number]) => boolean): DocState[] =>
					l.events
						.filter(keep)
						.map((e) => l.document(e.id))
						.filter((d) => d !== undefined);
				for (const row of salesRows(l, names, ['order'], 1000, today)) {
					const order = l.document(row.id)!;
					const deliveries = docs((e) => e.type === 'sales.delivery.posted' && e.payload.order === order.id);
					seen.delivered += deliveries.length;
					if (order.status !== 'voided') expect(row.state, row.number).toBe(trackingState(order, deliveries));
				}
				for (const d of docs((e) => e.type === 'sales.delivery.posted')) {
					const v = deliveryView(l, names, d.id)!;
					const returns = docs((e) => e.type === 'sales.return.posted' && e.payload.delivery === d.id);
					const invoices = docs(
						(e) => e.type === 'sales.invoice.recorded' && e.payload.deliveries.some((x) => x.ref === d.id)
					);
					seen.returned += returns.length;
					seen.invoiced += invoices.length;
					expect(v.returns.map((r) => r.id)).toEqual(returns.map((r) => r.id));
					expect(v.invoices.map((x) => x.id)).toEqual(invoices.map((x) => x.id));
				}
			}),
			{ numRuns: 40 }
		);
		for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
	});

	it('[SR1] a customer’s statement through the last day closes at the customer’s balance (random companies)', () => {
		fc.assert(
			fc.property(historyParams({ minOps: 60, maxOps: 150 }), (p) => {
				const h = historyOf(p);
				const names = masterNames(h.ledger);
				const last = Math.max(...h.events.map((e) => e.at));
				for (const b of h.ledger.balances().filter((x) => x.kind === 'customer')) {
					const v = customerView(h.ledger, names, b.id, DAY0 - 400, last, last)!;
					expect(v.statement.closing).toBe(b.balance);
				}
			}),
			{ numRuns: 25 }
		);
	});
});

describe('[SR3][PU15] what is not invoiced, kept between readings', () => {
	it('equals a fresh ledger’s reading after every batch of a random company’s events', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 150 }), fc.integer({ min: 1, max: 40 }), (p, batch) => {
				const h = historyOf(p, { weights: { invoice: 3, 'purchase-invoice': 3, void: 6 } });
				const l = new Ledger();
				const names = () => masterNames(l);
				for (let i = 0; i < h.events.length; i += batch) {
					l.add(h.events.slice(i, i + batch));
					const fresh = deriveAll(l.events);
					const sales = (x: Ledger) =>
						uninvoicedAll(x, names()).map((u) => [u.delivery.id, u.rest, u.customerName]);
					expect(sales(l)).toEqual(sales(fresh));
					expect(receivedNotInvoiced(l)).toEqual(receivedNotInvoiced(fresh));
				}
			}),
			{ numRuns: 30 }
		);
	});
});
