import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { customerView, orderView, statementCsv } from './sales';

function shop() {
	const f = new EventFactory();
	const events = [
		f.make('customer.created', { id: 'C1', fields: { name: '湖滨酒店, 二店', creditLimit: 100_000 } }),
		f.make('warehouse.created', { id: 'W1', fields: { name: 'Main' } }),
		f.make('product.created', { id: 'P1', fields: { name: 'Kettle', unit: 'pc' } }),
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
		expect(v.lines[0]).toMatchObject({ name: 'Kettle', q: 3000, done: 1000, rest: 2000 });
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
