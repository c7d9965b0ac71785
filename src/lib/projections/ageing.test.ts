import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { ageingCsv, ageingReport } from './ageing';
import { masterNames } from './names';

const U = 1000;

describe('[RP6] ageing of receivables and payables (账龄)', () => {
	const f = new EventFactory();
	const deliver = (no: number, customer: string, amount: number, at: number, due: number) =>
		f.make(
			'sales.delivery.posted',
			{ no, customer, wh: 'W1', due, lines: [{ p: 'P1', q: U, amount, vat: 0 }] },
			{ at }
		);
	const today = DAY0 + 100;
	const d1 = deliver(1, 'C1', 500_00, DAY0, DAY0 + 5); // 95 days late
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '张记便利店' } }, { branch: '' }),
		f.make('customer.created', { id: 'C2', fields: { name: '李家超市' } }, { branch: '' }),
		f.make('customer.created', { id: 'C3', fields: { name: '王老板' } }, { branch: '' }),
		f.make('supplier.created', { id: 'S1', fields: { name: '康师傅经销商' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 100_00 }] },
			{ at: DAY0 - 1 }
		),
		d1,
		deliver(2, 'C1', 200_00, today - 40, today - 10), // 10 days late
		deliver(3, 'C2', 300_00, today - 80, today - 45), // 45 days late
		deliver(4, 'C2', 100_00, today - 2, today + 28), // not yet due
		// C1 pays ¥100 off the oldest; C3 pays ¥80 ahead, against nothing.
		f.make(
			'payment.received',
			{
				no: 1,
				customer: 'C1',
				account: 'CASH',
				amount: 100_00,
				allocations: [{ ref: d1.id, amount: 100_00 }]
			},
			{ at: today - 1 }
		),
		f.make('payment.received', { no: 2, customer: 'C3', account: 'CASH', amount: 80_00 }, { at: today - 1 }),
		f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S1', wh: 'W1', due: today - 70, lines: [{ p: 'P1', q: U, amount: 90_00, vat: 0 }] },
			{ at: today - 75 }
		)
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('buckets each customer’s open items by days past due, most overdue first, with advances aside', () => {
		const r = ageingReport(ledger, names, 'customer', today);
		expect(
			r.rows.map((x) => [
				x.name,
				x.current,
				x.d1to30,
				x.d31to60,
				x.d61to90,
				x.over90,
				x.total,
				x.unapplied,
				x.oldest
			])
		).toEqual([
			['张记便利店', 0, 200_00, 0, 0, 400_00, 600_00, 0, 95],
			['李家超市', 100_00, 0, 300_00, 0, 0, 400_00, 0, 45],
			['王老板', 0, 0, 0, 0, 0, 0, 80_00, 0]
		]);
		expect(r.total).toEqual({
			current: 100_00,
			d1to30: 200_00,
			d31to60: 300_00,
			d61to90: 0,
			over90: 400_00,
			total: 1000_00,
			unapplied: 80_00,
			overdue: 900_00
		});
		const payables = ageingReport(ledger, names, 'supplier', today);
		expect(payables.rows.map((x) => [x.name, x.d61to90, x.total])).toEqual([['康师傅经销商', 90_00, 90_00]]);
	});

	it('exports CSV with a totals line', () => {
		const csv = ageingCsv(ageingReport(ledger, names, 'customer', today), {
			party: '客户',
			current: '未到期',
			d1to30: '逾期1-30天',
			d31to60: '31-60天',
			d61to90: '61-90天',
			over90: '90天以上',
			total: '合计欠款',
			unapplied: '预收款',
			sum: '合计',
			asOf: '截至'
		})
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(csv[0]).toBe('截至 2026-04-15');
		expect(csv[2]).toBe('张记便利店,0.00,200.00,0.00,0.00,400.00,600.00,0.00');
		expect(csv[5]).toBe('合计,100.00,200.00,300.00,0.00,400.00,1000.00,80.00');
	});

	it('owes, per party, its balance: open items less advances (random companies)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
				const h = generateHistory(seed, 120);
				const names = masterNames(h.ledger);
				const last = Math.max(...h.events.map((e) => e.at));
				for (const kind of ['customer', 'supplier'] as const) {
					const r = ageingReport(h.ledger, names, kind, last);
					const balances = new Map(
						h.ledger
							.balances()
							.filter((b) => b.kind === kind)
							.map((b) => [b.id, b.balance])
					);
					for (const row of r.rows) expect(row.total - row.unapplied).toBe(balances.get(row.id));
					for (const [id, balance] of balances)
						if (balance !== 0) expect(r.rows.some((x) => x.id === id)).toBe(true);
				}
			}),
			{ numRuns: 30 }
		);
	});
});
