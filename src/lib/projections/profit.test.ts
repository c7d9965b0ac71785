import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHistory, lateArrivals } from '../../../tests/factories/business';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { dayFromIso } from '../domain/dates';
import { formatHlc } from '../domain/hlc';
import { deriveAll, Ledger } from '../domain/ledger';
import { expenseSummary } from './cash-book';
import { cashFlow } from './cash-flow';
import { masterNames } from './names';
import { monthsOf, PROFIT_LINES, profitCsv, profitReport, type ProfitFigures } from './profit';
import { TRADE_GROUPS, tradeSummary } from './trade-summary';

const U = 1000;
const FEB = dayFromIso('2026-02-03')!;
const FEB_END = dayFromIso('2026-02-28')!;

describe('[RP7] the profit statement (利润表)', () => {
	const f = new EventFactory();
	const sale = f.make(
		'sales.counter.posted',
		{
			no: 1,
			wh: 'W1',
			lines: [{ p: 'P1', q: 10 * U, amount: 30_00, vat: 1300 }],
			tenders: [{ account: 'CASH', amount: 30_00 }]
		},
		{ at: DAY0 }
	);
	const shipped = f.make(
		'stock.transfer.shipped',
		{ no: 1, from: 'W1', to: 'W2', lines: [{ p: 'P1', q: 10 * U }] },
		{ at: FEB }
	);
	const voidedExpense = f.make(
		'expense.paid',
		{ no: 4, account: 'CASH', amount: 99_00, category: 'other' },
		{ at: FEB }
	);
	const events = [
		f.make('product.created', { id: 'P1', fields: { name: '冰红茶', unit: '瓶' } }, { branch: '' }),
		f.make('customer.created', { id: 'C1', fields: { name: '张记便利店' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总店', branch: 'B01' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '二店', branch: 'B02' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 100_00 }] },
			{ at: DAY0 - 10 }
		),
		f.make(
			'opening.stock',
			{ no: 2, wh: 'W2', lines: [{ p: 'P1', q: 50 * U, value: 50_00 }] },
			{ at: DAY0 - 10, branch: 'B02' }
		),
		// January, 总店: 10 bottles sold for 30.00 (tax 3.45, cost 10.00), 2 back onto the shelf.
		sale,
		f.make(
			'sales.return.posted',
			{ no: 1, delivery: sale.id, lines: [{ line: 0, q: 2 * U, restock: true }] },
			{ at: DAY0 + 1 }
		),
		// Counted 85 of a book of 92: 7 short at 1.00.
		f.make(
			'stocktake.posted',
			{ no: 1, wh: 'W1', countedAt: formatHlc(f.clock('T1').tick()), lines: [{ p: 'P1', counted: 85 * U }] },
			{ at: DAY0 + 2 }
		),
		f.make(
			'stock.adjusted',
			{ no: 1, wh: 'W1', reason: 'found', lines: [{ p: 'P1', q: 2 * U, value: 2_40 }] },
			{ at: DAY0 + 3 }
		),
		f.make(
			'stock.adjusted',
			{ no: 2, wh: 'W2', reason: 'damaged', lines: [{ p: 'P1', q: -3 * U }] },
			{ at: DAY0 + 3, branch: 'B02' }
		),
		f.make('expense.paid', { no: 1, account: 'CASH', amount: 30_00, category: 'rent' }, { at: DAY0 + 4 }),
		// February: 10 bottles leave 总店 (cost 10.05), 6 arrive and the transfer is closed: 4.02 lost.
		shipped,
		f.make(
			'stock.transfer.received',
			{ ref: shipped.id, lines: [{ line: 0, q: 6 * U }], final: true },
			{ at: FEB + 1, branch: 'B02' }
		),
		f.make(
			'sales.delivery.posted',
			{ no: 1, customer: 'C1', wh: 'W2', lines: [{ p: 'P1', q: 20 * U, amount: 60_00, vat: 1300 }] },
			{ at: FEB + 2, branch: 'B02' }
		),
		f.make(
			'expense.paid',
			{ no: 2, account: 'CASH', amount: 20_00, category: 'wages' },
			{ at: FEB + 3, branch: 'B02' }
		),
		f.make('expense.paid', { no: 3, account: 'CASH', amount: 1_50, category: 'utilities' }, { at: FEB + 3 }),
		voidedExpense,
		// The drawer counted 2.00 short.
		f.make('till.counted', { no: 1, account: 'CASH', counted: 98_00, diff: -2_00 }, { at: FEB + 4 }),
		f.make('document.voided', { ref: voidedExpense.id, reason: '录错' }, { at: FEB + 4 })
	];
	const ledger = deriveAll(events);
	const names = masterNames(ledger);
	const line = (fig: ProfitFigures) => [
		fig.sales,
		fig.returns,
		fig.tax,
		fig.revenue,
		fig.cost,
		fig.gross,
		fig.stocktakes,
		fig.adjustments,
		fig.transfers,
		fig.stock,
		fig.till,
		fig.expenses,
		fig.expenseTotal,
		fig.net,
		fig.netMarginBp
	];

	it('adds sales less returns, tax and cost, stock gains and losses, and expenses, month by month', () => {
		expect(ledger.rejected()).toEqual([]);
		const r = profitReport(ledger, names, DAY0, FEB_END, null);
		expect(r.months.map((m) => [m.month, m.from, m.to])).toEqual([
			['2026-01', DAY0, dayFromIso('2026-01-31')],
			['2026-02', dayFromIso('2026-02-01'), FEB_END]
		]);
		// January: tax 3.45 − 0.69; cost 10.00 − 2.00; stock −7.00 counted short, +2.40 found, −3.00 damaged.
		expect(line(r.months[0]!.figures)).toEqual([
			30_00,
			6_00,
			2_76,
			21_24,
			8_00,
			13_24,
			-7_00,
			-60,
			0,
			-7_60,
			0,
			[['rent', 30_00]],
			30_00,
			-24_36,
			-11469
		]);
		// February: 20 bottles at the second shop's average after the transfer (53.03 for 53): 20.01.
		expect(line(r.months[1]!.figures)).toEqual([
			60_00,
			0,
			6_90,
			53_10,
			20_01,
			33_09,
			0,
			0,
			-4_02,
			-4_02,
			-2_00,
			[
				['wages', 20_00],
				['utilities', 1_50]
			],
			21_50,
			5_57,
			1049
		]);
		expect(line(r.total)).toEqual([
			90_00,
			6_00,
			9_66,
			74_34,
			28_01,
			46_33,
			-7_00,
			-60,
			-4_02,
			-11_62,
			-2_00,
			[
				['rent', 30_00],
				['wages', 20_00],
				['utilities', 1_50]
			],
			51_50,
			-18_79,
			-2528
		]);
	});

	it('gives gross margin over revenue, none without revenue', () => {
		// 46.33 over 74.34.
		expect(profitReport(ledger, names, DAY0, FEB_END, null).total.grossMarginBp).toBe(6232);
		expect(profitReport(ledger, names, DAY0 - 60, DAY0 - 1, null).total.grossMarginBp).toBeNull();
	});

	it('puts each figure under the branch that recorded it, a return under its sale’s', () => {
		const b1 = profitReport(ledger, names, DAY0, FEB_END, 'B01');
		const b2 = profitReport(ledger, names, DAY0, FEB_END, 'B02');
		// 总店 also counted its drawer 2.00 short.
		expect([b1.total.gross, b1.total.stock, b1.total.till, b1.total.expenseTotal, b1.total.net]).toEqual([
			13_24, -4_60, -2_00, 31_50, -24_86
		]);
		expect([b2.total.gross, b2.total.stock, b2.total.expenseTotal, b2.total.net]).toEqual([
			33_09, -7_02, 20_00, 6_07
		]);
		expect(profitReport(ledger, names, DAY0, FEB_END, 'B09').total.net).toBe(0);
		expect(b1.companyExpenses).toBe(0);
	});

	it('leaves an expense of the company as a whole out of a branch’s statement, and says how much', () => {
		const tax = f.make(
			'expense.paid',
			{ no: 9, account: 'CASH', amount: 5_00, category: 'tax' },
			{ at: FEB + 5, branch: '' }
		);
		const withTax = deriveAll([...events, tax]);
		const b1 = profitReport(withTax, names, DAY0, FEB_END, 'B01');
		expect([b1.total.expenseTotal, b1.total.net, b1.companyExpenses]).toEqual([31_50, -24_86, 5_00]);
		const all = profitReport(withTax, names, DAY0, FEB_END, null);
		expect([all.total.expenseTotal, all.total.net, all.companyExpenses]).toEqual([56_50, -23_79, 0]);
	});

	it('[F9] other income adds to net profit, in the company’s statement; a voided one counts nowhere', () => {
		const rebate = f.make(
			'income.received',
			{ no: 1, account: 'CASH', amount: 12_00, category: 'rebate', note: '年终返利' },
			{ at: FEB + 5, branch: '' }
		);
		const wrong = f.make(
			'income.received',
			{ no: 2, account: 'CASH', amount: 99_00, category: 'scrap' },
			{ at: FEB + 5, branch: '' }
		);
		const withIncome = deriveAll([
			...events,
			rebate,
			wrong,
			f.make('document.voided', { ref: wrong.id, reason: '录错' }, { at: FEB + 6 })
		]);
		expect(withIncome.rejected()).toEqual([]);
		const before = profitReport(ledger, names, DAY0, FEB_END, null);
		const after = profitReport(withIncome, masterNames(withIncome), DAY0, FEB_END, null);
		expect(after.months.map((m) => m.figures.income)).toEqual([0, 12_00]);
		expect(after.total.income).toBe(12_00);
		expect(after.total.net).toBe(before.total.net + 12_00);
		expect(after.total.gross).toBe(before.total.gross);
		// Recorded for the company as a whole (no branch): no branch's statement counts it.
		expect(profitReport(withIncome, masterNames(withIncome), DAY0, FEB_END, 'B01').total.income).toBe(0);
	});

	it('reads one month as one column, and a day as its own month', () => {
		expect(profitReport(ledger, names, FEB, FEB + 2, null).months.map((m) => m.month)).toEqual(['2026-02']);
		expect(monthsOf(dayFromIso('2025-11-30')!, dayFromIso('2026-01-01')!).map((m) => m.month)).toEqual([
			'2025-11',
			'2025-12',
			'2026-01'
		]);
		expect(monthsOf(FEB, FEB - 1)).toEqual([]);
	});

	it('exports a spreadsheet with a column per month, the total, the span before and 环比', () => {
		const r = profitReport(ledger, names, DAY0, FEB_END, null);
		const before = profitReport(ledger, names, DAY0 - 60, DAY0 - 1, null);
		const L = {
			title: '利润表',
			item: '项目',
			total: '合计',
			before: '上期',
			change: '环比',
			margin: '净利率',
			sales: '销售额',
			returns: '减：退货',
			tax: '减：销项税额',
			revenue: '营业收入',
			cost: '营业成本',
			gross: '毛利',
			stocktakes: '盘盈盘亏',
			adjustments: '报损报溢',
			transfers: '调拨短缺',
			stock: '存货损溢',
			till: '收银长短款',
			income: '其他收入',
			expenseTotal: '费用',
			net: '净利润'
		};
		const rows = profitCsv(
			r,
			before,
			L,
			(c) => ({ rent: '房租', wages: '工资', utilities: '水电' })[c] ?? c,
			'全公司'
		)
			.replace(/^\uFEFF/, '')
			.split('\r\n');
		expect(rows[0]).toBe('利润表,全公司,2026-01-05 – 2026-02-28');
		expect(rows[1]).toBe('项目,2026-01,2026-02,合计,上期,环比');
		expect(rows[2]).toBe('销售额,30.00,60.00,90.00,0.00,');
		expect(rows).toContain('费用,30.00,21.50,51.50,0.00,');
		expect(rows).toContain('房租,30.00,0.00,30.00,0.00,');
		expect(rows).toContain('收银长短款,0.00,-2.00,-2.00,0.00,');
		expect(rows).toContain('其他收入,0.00,0.00,0.00,0.00,');
		expect(rows).toContain('净利润,-24.36,5.57,-18.79,0.00,');
		expect(rows).toContain('净利率,-114.69%,10.49%,-25.28%,,');
		expect(rows.length).toBe(2 + PROFIT_LINES.length + 3 + 1 + 1);
	});

	it('agrees with the sales summary, the expenses paid, the stock moves and the short-transfer alerts (random companies)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 0, max: 60 }), (seed, span) => {
				const h = generateHistory(seed, 150);
				const names = masterNames(h.ledger);
				const last = Math.max(...h.events.map((e) => e.at));
				const from = last - span;
				const r = profitReport(h.ledger, names, from, last, null);
				const t = r.total;
				// Sales: RP4's totals over the same days, in whichever grouping.
				const s = tradeSummary(h.ledger, names, 'sales', from, last, TRADE_GROUPS[seed % 5]!).total;
				expect([t.sales, t.returns, t.tax, t.cost, t.gross]).toEqual([
					s.amount,
					s.returns,
					s.tax,
					s.cost,
					s.gross
				]);
				// Expenses: F5's summary.
				const ex = expenseSummary(h.ledger, from, last);
				expect(t.expenseTotal).toBe(ex.total);
				expect(new Map(t.expenses)).toEqual(new Map(ex.byCategory));
				// Other income: F9's total over the same days, as the report page's profit card adds it.
				expect(t.income).toBe(ex.income);
				// Stocktakes and adjustments: what their stock moves booked, read cell by cell.
				const moved = { 'stocktake.posted': 0, 'stock.adjusted': 0 } as Record<string, number>;
				for (const l of h.ledger.stockLevels())
					for (const m of h.ledger.stockMoves(l.product, l.warehouse))
						if (m.event.at >= from && m.event.at <= last && m.event.type in moved)
							moved[m.event.type]! += m.value;
				expect([t.stocktakes, t.adjustments]).toEqual([moved['stocktake.posted'], moved['stock.adjusted']]);
				// Transfers closed short: the alerts' values, for final receipts within the days.
				let lost = 0;
				for (const a of h.ledger.alerts())
					if (a.kind === 'transfer-short') {
						const receipt = a.events
							.map((id) => h.ledger.event(id))
							.find((e) => e?.type === 'stock.transfer.received');
						if (receipt && receipt.at >= from && receipt.at <= last) lost += Number(a.facts.value);
					}
				expect(t.transfers).toBe(0 - lost);
				// Till differences: the cash flow's (F6).
				const counting = cashFlow(h.ledger, from, last).lines.find((l) => l.kind === 'counting');
				expect(t.till).toBe(counting ? counting.amountIn - counting.amountOut : 0);
				expect(t.net).toBe(t.gross + t.stock + t.till + t.income - t.expenseTotal);
				// Months and branches each add up to the whole.
				const keys = PROFIT_LINES.map(([k]) => k);
				for (const k of keys) expect(r.months.reduce((x, m) => x + m.figures[k], 0)).toBe(t[k]);
				const branches = [...new Set(h.events.map((e) => e.branch))];
				for (const k of keys)
					expect(
						branches.reduce((x, b) => x + profitReport(h.ledger, names, from, last, b).total[k], 0)
					).toBe(t[k]);
			}),
			{ numRuns: 25 }
		);
	});

	it('reads again only the months that changed, and ends where a fresh derivation does (random arrivals)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 0x7fffffff }),
				fc.double({ min: 0.2, max: 0.9, noNaN: true }),
				(seed, cut) => {
					const h = generateHistory(seed, 150);
					const last = Math.max(...h.events.map((e) => e.at));
					const first = Math.min(...h.events.map((e) => e.at));
					const { early, late } = lateArrivals(h.events, cut);
					const ledger = new Ledger();
					ledger.add(early);
					const names = masterNames(h.ledger);
					profitReport(ledger, names, first, last, null);
					ledger.add(late);
					expect(profitReport(ledger, names, first, last, null)).toEqual(
						profitReport(h.ledger, names, first, last, null)
					);
				}
			),
			{ numRuns: 15 }
		);
	});
});
