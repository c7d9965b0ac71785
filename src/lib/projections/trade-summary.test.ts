import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { dayFromIso, isoFromDay } from '../domain/dates';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { salesReport } from './reports';
import { changeBp, previousSpan, TRADE_GROUPS, tradeSummary, tradeSummaryCsv } from './trade-summary';

const U = 1000;

describe('[RP4] the sales summary (销售汇总表)', () => {
	const f = new EventFactory();
	const walkIn = f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [
				{ p: 'P1', q: 10 * U, amount: 30_00, vat: 1300 },
				{ p: 'P2', q: 2 * U, amount: 22_60, vat: 1300 }
			],
			tenders: [{ account: 'CASH', amount: 52_60 }]
		},
		{ at: DAY0, user: 'u1' }
	);
	const delivery = f.make(
		'sales.delivery.posted',
		{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 20 * U, amount: 60_00, vat: 1300 }] },
		{ at: DAY0 + 1, user: 'u2' }
	);
	const voided = f.make(
		'sales.counter.posted',
		{
			no: 2,
			wh: 'W1',
			lines: [{ p: 'P1', q: 5 * U, amount: 15_00, vat: 1300 }],
			tenders: [{ account: 'CASH', amount: 15_00 }]
		},
		{ at: DAY0 + 1, user: 'u1' }
	);
	const events = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '冰红茶', unit: '瓶', category: '饮料' } },
			{ branch: '' }
		),
		f.make(
			'product.created',
			{ id: 'P2', fields: { name: '卷尺', unit: '个', category: '五金' } },
			{ branch: '' }
		),
		f.make('customer.created', { id: 'C1', fields: { name: '张记便利店' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '门店', branch: 'B01' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{
				no: 1,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 100 * U, value: 100_00 },
					{ p: 'P2', q: 10 * U, value: 50_00 }
				]
			},
			{ at: DAY0 - 10 }
		),
		walkIn,
		delivery,
		voided,
		f.make('document.voided', { ref: voided.id, reason: '录错' }, { at: DAY0 + 1, user: 'u1' }),
		// 5 bottles back from the shop, onto the shelf (their cost comes back); recorded by u2.
		f.make(
			'sales.return.posted',
			{ no: 1, delivery: delivery.id, lines: [{ line: 0, q: 5 * U, restock: true }] },
			{ at: DAY0 + 2, user: 'u2' }
		),
		// A tape measure back from the walk-in sale, broken: written off, so its cost stays a cost.
		f.make(
			'sales.return.posted',
			{
				no: 2,
				delivery: walkIn.id,
				lines: [{ line: 1, q: 1 * U, restock: false }],
				refunds: [{ account: 'CASH', amount: 11_30 }]
			},
			{ at: DAY0 + 2, user: 'u2' }
		)
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);
	const figures = (by: (typeof TRADE_GROUPS)[number]) =>
		tradeSummary(ledger, names, 'sales', DAY0, DAY0 + 2, by).rows.map((r) => [
			r.name,
			r.docs,
			r.qty,
			r.amount,
			r.returns,
			r.net,
			r.tax,
			r.cost,
			r.gross,
			r.marginBp
		]);

	it('nets returns against sales per product, with tax, cost, gross profit and margin', () => {
		// 冰红茶: tax 345 + 690 − 173; cost 10.00 + 20.00 − 5.00; gross 75.00 − 8.62 − 25.00 = 41.38,
		// over 75.00 − 8.62 = 66.38: 62.34 %. 卷尺: one of two back and written off: no profit left.
		expect(figures('product')).toEqual([
			['冰红茶', 2, 25 * U, 90_00, 15_00, 75_00, 8_62, 25_00, 41_38, 6234],
			['卷尺', 1, 1 * U, 22_60, 11_30, 11_30, 1_30, 10_00, 0, 0]
		]);
		expect(figures('category').map((r) => r[0])).toEqual(['饮料', '五金']);
		const { total } = tradeSummary(ledger, names, 'sales', DAY0, DAY0 + 2, 'product');
		expect(total).toEqual({
			docs: 2,
			amount: 112_60,
			returns: 26_30,
			net: 86_30,
			tax: 9_92,
			cost: 35_00,
			gross: 41_38,
			marginBp: 5418
		});
	});

	it('counts a return where its sale counted: its customer, the person who recorded the sale, its branch', () => {
		expect(figures('party')).toEqual([
			['张记便利店', 1, null, 60_00, 15_00, 45_00, 5_17, 15_00, 24_83, 6234],
			['', 1, null, 52_60, 11_30, 41_30, 4_75, 20_00, 16_55, 4528]
		]);
		expect(figures('user').map((r) => [r[0], r[5]])).toEqual([
			['u2', 45_00],
			['u1', 41_30]
		]);
		expect(figures('branch').map((r) => [r[0], r[5]])).toEqual([['B01', 86_30]]);
		// Returns dated in the span count even when their sale was before it.
		expect(tradeSummary(ledger, names, 'sales', DAY0 + 2, DAY0 + 2, 'party').total).toMatchObject({
			docs: 0,
			amount: 0,
			returns: 26_30,
			net: -26_30
		});
	});

	it('exports CSV with cost and profit only for roles that may see cost', () => {
		const L = {
			group: '商品',
			unit: '单位',
			docs: '单数',
			qty: '数量',
			amount: '销售额',
			returns: '退货额',
			net: '净销售额',
			tax: '税额',
			cost: '成本',
			gross: '毛利',
			margin: '毛利率',
			total: '合计',
			none: '散客'
		};
		const s = tradeSummary(ledger, names, 'sales', DAY0, DAY0 + 2, 'product');
		const full = tradeSummaryCsv(s, L, true)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(full[1]).toBe('商品,单位,数量,单数,销售额,退货额,净销售额,税额,成本,毛利,毛利率');
		expect(full[2]).toBe('冰红茶,瓶,25,2,90.00,15.00,75.00,8.62,25.00,41.38,62.3%');
		expect(full[4]).toBe('合计,,,2,112.60,26.30,86.30,9.92,35.00,41.38,54.2%');
		const plain = tradeSummaryCsv(
			tradeSummary(ledger, names, 'sales', DAY0, DAY0 + 2, 'party'),
			{ ...L, group: '客户' },
			false
		)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(plain[1]).toBe('客户,单数,销售额,退货额,净销售额,税额');
		expect(plain[3]).toBe('散客,1,52.60,11.30,41.30,4.75');
	});

	it('adds up to the same totals in every grouping, and its net sales and gross profit are the daily report’s (random companies)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 0, max: 10 }), (seed, span) => {
				const h = generateHistory(seed, 120);
				const names = masterNames(h.ledger);
				const last = Math.max(...h.events.map((e) => e.at));
				const from = last - span;
				const totals = TRADE_GROUPS.map((by) => {
					const s = tradeSummary(h.ledger, names, 'sales', from, last, by);
					const sum = (k: 'amount' | 'returns' | 'net' | 'tax' | 'cost' | 'gross') =>
						s.rows.reduce((x, r) => x + r[k], 0);
					expect([sum('amount'), sum('returns'), sum('net'), sum('tax'), sum('cost'), sum('gross')]).toEqual([
						s.total.amount,
						s.total.returns,
						s.total.net,
						s.total.tax,
						s.total.cost,
						s.total.gross
					]);
					expect(s.total.gross).toBe(s.total.net - s.total.tax - s.total.cost);
					return s.total;
				});
				for (const t of totals) expect(t).toEqual(totals[0]);
				// The 30-day report reads the same sales and returns by another road, day by day.
				const report = salesReport(h.ledger, names, last, span + 1);
				expect([report.revenue, report.gross]).toEqual([totals[0]!.net, totals[0]!.gross]);
			}),
			{ numRuns: 30 }
		);
	});
});

describe('[RP5] the purchase summary (采购汇总表)', () => {
	const f = new EventFactory();
	const r1 = f.make(
		'purchase.receipt.posted',
		{
			no: 1,
			supplier: 'S1',
			wh: 'W1',
			lines: [
				{ p: 'P1', q: 10 * U, amount: 113_00, vat: 1300 },
				{ p: 'P2', q: 4 * U, amount: 40_00, vat: 0, rejected: 1 * U, reason: '破损' }
			]
		},
		{ at: DAY0, user: 'u1' }
	);
	const r2 = f.make(
		'purchase.receipt.posted',
		{ no: 2, supplier: 'S2', wh: 'W1', lines: [{ p: 'P1', q: 5 * U, amount: 56_50, vat: 1300 }] },
		{ at: DAY0 + 1, user: 'u2' }
	);
	const r3 = f.make(
		'purchase.receipt.posted',
		{ no: 3, supplier: 'S2', wh: 'W1', lines: [{ p: 'P2', q: 1 * U, amount: 10_00, vat: 0 }] },
		{ at: DAY0 + 1, user: 'u2' }
	);
	const events = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '冰红茶', unit: '瓶', category: '饮料' } },
			{ branch: '' }
		),
		f.make(
			'product.created',
			{ id: 'P2', fields: { name: '卷尺', unit: '个', category: '五金' } },
			{ branch: '' }
		),
		f.make('supplier.created', { id: 'S1', fields: { name: '康师傅经销商' } }, { branch: '' }),
		f.make('supplier.created', { id: 'S2', fields: { name: '五金批发' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
		r1,
		r2,
		r3,
		f.make('document.voided', { ref: r3.id, reason: '录重了' }, { at: DAY0 + 1, user: 'u2' }),
		// 2 bottles back to 康师傅: a fifth of the receipt line, ¥22.60 with its ¥2.60 tax.
		f.make(
			'purchase.return.posted',
			{ no: 1, receipt: r1.id, lines: [{ line: 0, q: 2 * U }], reason: '临期' },
			{ at: DAY0 + 2, user: 'u2' }
		)
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);

	it('nets returns against goods received per supplier and per product, with tax, and no cost', () => {
		const bySupplier = tradeSummary(ledger, names, 'purchase', DAY0, DAY0 + 2, 'party');
		expect(bySupplier.rows.map((r) => [r.name, r.docs, r.amount, r.returns, r.net, r.tax, r.cost])).toEqual([
			['康师傅经销商', 1, 153_00, 22_60, 130_40, 10_40, 0],
			['五金批发', 1, 56_50, 0, 56_50, 6_50, 0]
		]);
		const byProduct = tradeSummary(ledger, names, 'purchase', DAY0, DAY0 + 2, 'product');
		expect(byProduct.rows.map((r) => [r.name, r.qty, r.net, r.tax])).toEqual([
			['冰红茶', 13 * U, 146_90, 16_90],
			['卷尺', 4 * U, 40_00, 0]
		]);
		expect(byProduct.total).toEqual(bySupplier.total);
		// The return counts under the receipt's recorder (u1), not the return's.
		const byUser = tradeSummary(ledger, names, 'purchase', DAY0, DAY0 + 2, 'user');
		expect(byUser.rows.map((r) => [r.key, r.net])).toEqual([
			['u1', 130_40],
			['u2', 56_50]
		]);
	});

	it('exports CSV without cost, profit or margin, whoever asks', () => {
		const L = {
			group: '供应商',
			unit: '单位',
			docs: '单数',
			qty: '数量',
			amount: '采购额',
			returns: '退货额',
			net: '净采购额',
			tax: '税额',
			cost: '成本',
			gross: '毛利',
			margin: '毛利率',
			total: '合计',
			none: ''
		};
		const csv = tradeSummaryCsv(tradeSummary(ledger, names, 'purchase', DAY0, DAY0 + 2, 'party'), L, true)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(csv[1]).toBe('供应商,单数,采购额,退货额,净采购额,税额');
		expect(csv[2]).toBe('康师傅经销商,1,153.00,22.60,130.40,10.40');
		expect(csv[4]).toBe('合计,2,209.50,22.60,186.90,16.90');
	});

	it('adds up to the same totals in every grouping (random companies)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 0, max: 10 }), (seed, span) => {
				const h = generateHistory(seed, 120);
				const names = masterNames(h.ledger);
				const last = Math.max(...h.events.map((e) => e.at));
				const totals = TRADE_GROUPS.map((by) => {
					const s = tradeSummary(h.ledger, names, 'purchase', last - span, last, by);
					expect(s.rows.reduce((x, r) => x + r.net, 0)).toBe(s.total.net);
					expect(s.rows.reduce((x, r) => x + r.tax, 0)).toBe(s.total.tax);
					return s.total;
				});
				for (const t of totals) expect(t).toEqual(totals[0]);
			}),
			{ numRuns: 20 }
		);
	});
});

describe('[RP4] against the span before (环比)', () => {
	it('compares with the span of equal length just before, in basis points of what was before', () => {
		const d = (iso: string) => dayFromIso(iso)!;
		const span = (from: string, to: string) => {
			const p = previousSpan(d(from), d(to));
			return [isoFromDay(p.from), isoFromDay(p.to)];
		};
		// Any span: the same number of days just before.
		expect(span('2026-01-15', '2026-01-24')).toEqual(['2026-01-05', '2026-01-14']);
		expect(span('2026-01-05', '2026-01-05')).toEqual(['2026-01-04', '2026-01-04']);
		// A month, or a month so far: the month before, to the same day as far as it goes.
		expect(span('2025-11-01', '2025-11-30')).toEqual(['2025-10-01', '2025-10-31']);
		expect(span('2025-12-01', '2025-12-31')).toEqual(['2025-11-01', '2025-11-30']);
		expect(span('2025-12-01', '2025-12-10')).toEqual(['2025-11-01', '2025-11-10']);
		expect(span('2025-03-01', '2025-03-30')).toEqual(['2025-02-01', '2025-02-28']);
		expect(span('2024-03-01', '2024-03-31')).toEqual(['2024-02-01', '2024-02-29']);
		expect(span('2026-01-01', '2026-01-31')).toEqual(['2025-12-01', '2025-12-31']);
		// Whole months: as many whole months before (a quarter).
		expect(span('2025-10-01', '2025-12-31')).toEqual(['2025-07-01', '2025-09-30']);
		expect(span('2025-02-01', '2025-03-31')).toEqual(['2024-12-01', '2025-01-31']);
		// A year, or a year so far: the same days of the year before, 29 February to the 28th.
		expect(span('2025-01-01', '2025-12-31')).toEqual(['2024-01-01', '2024-12-31']);
		expect(span('2025-01-01', '2025-12-20')).toEqual(['2024-01-01', '2024-12-20']);
		expect(span('2024-01-01', '2024-02-29')).toEqual(['2023-01-01', '2023-02-28']);
		expect(span('2024-01-01', '2024-02-28')).toEqual(['2023-01-01', '2023-02-28']);
		// Months so far that are not a year so far: equal days before.
		expect(span('2025-03-01', '2025-04-10')).toEqual(['2025-01-19', '2025-02-28']);
		expect(changeBp(112_30, 100_00)).toBe(1230);
		expect(changeBp(92_00, 100_00)).toBe(-800);
		// Half a basis point rounds away from zero, either way.
		expect(changeBp(100_005, 100_000)).toBe(1);
		expect(changeBp(99_995, 100_000)).toBe(-1);
		// From a loss to a smaller loss is an improvement.
		expect(changeBp(-50_00, -100_00)).toBe(5000);
		expect(changeBp(50_00, 0)).toBeNull();
	});
});
