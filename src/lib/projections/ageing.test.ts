import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory, lateArrivals } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll, Ledger } from '../domain/ledger';
import { ageingCsv, ageingReport, openItemsAsOf } from './ageing';
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

	it('[RP8] reads an earlier day: what was open then, aged on that day', () => {
		// The day before C1's and C3's payments: d1 was still open in full, C3 had paid nothing ahead.
		const r = ageingReport(ledger, names, 'customer', today, today - 2);
		expect(r.today).toBe(today - 2);
		expect(
			r.rows.map((x) => [x.name, x.d1to30, x.d31to60, x.over90, x.total, x.unapplied, x.oldest])
		).toEqual([
			['张记便利店', 200_00, 0, 500_00, 700_00, 0, 93],
			['李家超市', 0, 300_00, 0, 400_00, 0, 43]
		]);
		// Before anything was delivered, nobody owed anything.
		expect(ageingReport(ledger, names, 'customer', today, DAY0 - 1).rows).toEqual([]);
	});

	it('[RP8] a refund beyond the credit a return left is owed on the return, from its day', () => {
		const sale = f.make(
			'sales.counter.posted',
			{
				no: 9,
				wh: 'W1',
				customer: 'C3',
				lines: [{ p: 'P1', q: 3 * U, amount: 300_00, vat: 0 }],
				tenders: [{ account: 'CASH', amount: 100_00 }]
			},
			{ at: today - 20 }
		);
		// Everything comes back: ¥200 still on account is cancelled, ¥100 becomes credit; ¥150 paid out
		// uses that credit and leaves ¥50 owed to the shop.
		const back = f.make(
			'sales.return.posted',
			{
				no: 9,
				delivery: sale.id,
				lines: [{ line: 0, q: 3 * U, restock: true }],
				refunds: [{ account: 'CASH', amount: 150_00 }]
			},
			{ at: today - 10 }
		);
		const l = deriveAll([...events, sale, back]);
		expect(l.rejected()).toEqual([]);
		const c3 = (day: number) => openItemsAsOf(l, 'customer', day).get('C3');
		expect(c3(today - 20)).toEqual({
			items: [{ id: sale.id, number: expect.any(String), at: today - 20, due: today - 20, open: 200_00 }],
			unapplied: 0
		});
		expect(c3(today - 10)).toEqual({
			items: [{ id: back.id, number: expect.any(String), at: today - 10, due: today - 10, open: 50_00 }],
			unapplied: 0
		});
		// C3's ¥80 paid at today − 1 settles the ¥50 and leaves ¥30 ahead, as the ledger has it now.
		expect(l.openItems('customer', 'C3')).toEqual([]);
		expect(l.balances().find((b) => b.id === 'C3')!.unapplied).toBe(30_00);
		expect(c3(today)).toEqual({ items: [], unapplied: 30_00 });
	});

	it('[RP8] on an earlier day reads what a ledger of only the events up to that day has open (random companies)', () => {
		let compared = 0;
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.double({ min: 0.2, max: 0.999, noNaN: true }),
				(seed, where) => {
					const h = generateHistory(seed, 150);
					const days = [...new Set(h.events.map((e) => e.at))].sort((a, b) => a - b);
					const day = days[Math.floor(where * days.length)]!;
					const last = days[days.length - 1]!;
					// The books as they stand now, up to that day: voids that took effect, period closings
					// and roles reach back whatever their own day.
					const past = deriveAll(
						h.events.filter(
							(e) =>
								e.at <= day ||
								e.type === 'period.closed' ||
								e.type === 'user.roles.set' ||
								(e.type === 'document.voided' && h.ledger.document(e.payload.ref)?.status === 'voided')
						)
					);
					const names = masterNames(h.ledger);
					for (const kind of ['customer', 'supplier'] as const) {
						const expected = past
							.balances()
							.filter((b) => b.kind === kind && (b.openItems || b.unapplied))
							.map((b) => ({
								party: b.id,
								unapplied: b.unapplied,
								items: past.openItems(kind, b.id).map((d) => [d.id, d.due ?? d.at, d.open])
							}));
						const actual = [...openItemsAsOf(h.ledger, kind, day)]
							.filter(([, p]) => p.items.length || p.unapplied)
							.sort(([a], [b]) => (a < b ? -1 : 1))
							.map(([party, p]) => ({
								party,
								unapplied: p.unapplied,
								items: p.items.map((x) => [x.id, x.due, x.open])
							}));
						expect(actual).toEqual(expected);
						compared += expected.length;
						if (day < last)
							expect(ageingReport(h.ledger, names, kind, last, day)).toEqual(
								ageingReport(past, names, kind, day)
							);
					}
				}
			),
			{ numRuns: 40 }
		);
		expect(compared).toBeGreaterThan(100);
	});

	it('[RP8] an earlier day read again after late events ends where a fresh derivation does; unchanged days are kept', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.double({ min: 0.2, max: 0.9, noNaN: true }),
				fc.double({ min: 0, max: 0.999, noNaN: true }),
				(seed, cut, where) => {
					const h = generateHistory(seed, 150);
					const days = [...new Set(h.events.map((e) => e.at))].sort((a, b) => a - b);
					const day = days[Math.floor(where * days.length)]!;
					const { early, late } = lateArrivals(h.events, cut);
					const ledger = new Ledger();
					ledger.add(early);
					for (const kind of ['customer', 'supplier'] as const) {
						const before = openItemsAsOf(ledger, kind, day);
						expect(openItemsAsOf(ledger, kind, day)).toBe(before);
					}
					ledger.add(late);
					for (const kind of ['customer', 'supplier'] as const)
						expect(openItemsAsOf(ledger, kind, day)).toEqual(openItemsAsOf(deriveAll(h.events), kind, day));
				}
			),
			{ numRuns: 20 }
		);
	});

	it('[RP8] a sale dated after the day leaves the day as it was read', () => {
		const h = generateHistory(7, 120);
		const days = [...new Set(h.events.map((e) => e.at))].sort((a, b) => a - b);
		const day = days[Math.floor(days.length / 2)]!;
		const ledger = deriveAll(h.events);
		const read = openItemsAsOf(ledger, 'customer', day);
		// A member's sale at the end of the last day, paid at the till. (Not a payment: one that settles an
		// older invoice rightly marks that invoice's day as changed. Nor one sorting before that day's
		// other events: the rewind re-applies, so marks, every day since the checkpoint before it.)
		const f = new EventFactory(Math.max(...h.events.map((e) => e.hlc.wall)) + 60_000);
		ledger.add([
			f.make(
				'sales.counter.posted',
				{
					no: 99,
					wh: 'W1',
					customer: 'C1',
					lines: [{ p: 'P1', q: 1 * U, amount: 12_00, vat: 0 }],
					tenders: [{ account: 'CASH', amount: 12_00 }]
				},
				{ at: days[days.length - 1]! }
			)
		]);
		expect(ledger.rejected().at(-1)?.event).not.toBe(ledger.events.at(-1)?.id);
		expect(openItemsAsOf(ledger, 'customer', day)).toBe(read);
	});
});
