/**
 * [RP7] The profit statement (利润表) of a span of business days, month by month: what the shop
 * earned on its sales, what it lost or found in its stock, what it spent, and what is left.
 *
 * - Sales are the sales summary's (RP4, one fold: `tradeSummary`): counter sales and deliveries less
 *   returns, tax taken out (营业收入 is net of VAT), less the cost of goods, gives gross profit.
 * - Stock gains and losses (存货损溢) are what the stock moves booked outside a sale: stocktakes
 *   (counted − book at cost, I4), adjustments by hand (报损 / 报溢, write-offs of expired lots, I5/I6)
 *   and goods lost on the way between warehouses (a transfer closed short, I3). Signed: a gain adds.
 * - What till counts found over or short in the drawers (收银长短款, F8), signed: an overage adds.
 * - Other income (其他收入: rebates, rent, scrap… F9) adds.
 * - Expenses (费用) are the expenses paid (F5), per category.
 * - Net profit = gross profit + stock gains and losses + till differences + other income − expenses.
 *
 * Each figure counts on its own document's business day and under its own branch (a return under its
 * sale's, as RP4; an expense paid for the company as a whole, with no branch, only in the company's
 * statement, a branch's saying how much there was); voided, refused and quarantined events count nowhere. A company on cash terms reads
 * this as its 经营利润: no depreciation, interest or income tax, which a shop's accountant books
 * elsewhere. Amounts in fen.
 */
import { EXPENSE_CATEGORIES } from '../commands/money';
import { dayFromIso, isoFromDay } from '../domain/dates';
import type { EventType } from '../domain/catalogue';
import { firstOnOrAfter, type AnyEvent } from '../domain/event';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import { formatYuan, type Fen } from '../domain/money';
import { notApplied } from './cash-book';
import type { MasterNames } from './names';
import { changeBp, roundHalfAway, tradeSummary, type TradeSummaryRow } from './trade-summary';

export interface ProfitFigures {
	/** Sales with tax, as documents carry them (counter sales and deliveries). */
	readonly sales: number;
	/** Sales returns with tax. */
	readonly returns: number;
	/** Output VAT in net sales. */
	readonly tax: number;
	/** 营业收入: sales − returns − tax. */
	readonly revenue: number;
	/** 营业成本: cost of goods sold, less what returns put back on the shelf. */
	readonly cost: number;
	/** 毛利: revenue − cost. */
	readonly gross: number;
	/** Gross profit over revenue, in basis points (half away from zero); null when revenue is 0. */
	readonly grossMarginBp: number | null;
	/** 盘盈盘亏: stocktakes' counted − book at cost (gains positive). */
	readonly stocktakes: number;
	/** 报损报溢: adjustments by hand (gains positive). */
	readonly adjustments: number;
	/** 调拨短缺: value lost by transfers closed short (negative or 0). */
	readonly transfers: number;
	/** 存货损溢: the three above. */
	readonly stock: number;
	/** 收银长短款: what till counts found over (+) or short (−) in the drawers (F8). */
	readonly till: number;
	/** 其他收入: other income received (F9). */
	readonly income: number;
	/** Expenses paid, per category code, in the order the app offers them (then any other code). */
	readonly expenses: readonly (readonly [string, number])[];
	readonly expenseTotal: number;
	/** 净利润: gross + stock + till + income − expenseTotal. */
	readonly net: number;
	/** Net profit over revenue, in basis points (half away from zero); null when revenue is 0. */
	readonly netMarginBp: number | null;
}

export interface ProfitMonth {
	/** "2025-12": the calendar month. */
	readonly month: string;
	/** The days of the month inside the span. */
	readonly from: number;
	readonly to: number;
	readonly figures: ProfitFigures;
}

export interface ProfitReport {
	readonly from: number;
	readonly to: number;
	/** The branch reported on, or null for the whole company. */
	readonly branch: string | null;
	readonly months: readonly ProfitMonth[];
	readonly total: ProfitFigures;
	/**
	 * For one branch: the expenses recorded for the company as a whole (no branch: rent or wages paid
	 * from head office), which count only in the company's statement. 0 for the company's.
	 */
	readonly companyExpenses: number;
}

interface Acc {
	sales: number;
	returns: number;
	tax: number;
	cost: number;
	stocktakes: number;
	adjustments: number;
	transfers: number;
	till: number;
	income: number;
	expenses: Map<string, number>;
}

const SUMMED = [
	'sales',
	'returns',
	'tax',
	'cost',
	'stocktakes',
	'adjustments',
	'transfers',
	'till',
	'income'
] as const;

const emptyAcc = (): Acc => ({
	sales: 0,
	returns: 0,
	tax: 0,
	cost: 0,
	stocktakes: 0,
	adjustments: 0,
	transfers: 0,
	till: 0,
	income: 0,
	expenses: new Map()
});

/** The calendar months that meet from…to, each cut to the span. */
export function monthsOf(from: number, to: number): { month: string; from: number; to: number }[] {
	const out: { month: string; from: number; to: number }[] = [];
	let start = from;
	while (start <= to) {
		const iso = isoFromDay(start);
		const y = Number(iso.slice(0, 4));
		const m = Number(iso.slice(5, 7));
		const next = dayFromIso(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`)!;
		out.push({ month: iso.slice(0, 7), from: start, to: Math.min(next - 1, to) });
		start = next;
	}
	return out;
}

/**
 * Per ledger, each month's sales by branch with the sum of its days' `dayVersion`s when read. Sales are
 * nearly all of a statement's work (a year of the large demo reads half a million documents), and a new
 * sale changes one day of one month: the other months are read again only when a document dated in
 * them changed. Every day's version only grows, so their sum changes exactly when one of them does.
 */
const SALES = new WeakMap<Ledger, Map<string, { version: number; rows: readonly TradeSummaryRow[] }>>();
/** Months kept per ledger: two years and their two years before, with room. */
const KEPT_MONTHS = 60;

/** Sales by the sales summary's own fold, so the two never disagree (by branch: no lines read). */
function salesByBranch(
	ledger: Ledger,
	names: MasterNames,
	from: number,
	to: number
): readonly TradeSummaryRow[] {
	let cache = SALES.get(ledger);
	if (!cache) SALES.set(ledger, (cache = new Map()));
	let version = 0;
	for (let day = from; day <= to; day++) version += ledger.dayVersion(day);
	const key = `${from}:${to}`;
	const kept = cache.get(key);
	if (kept?.version === version) return kept.rows;
	const rows = tradeSummary(ledger, names, 'sales', from, to, 'branch').rows;
	if (cache.size >= KEPT_MONTHS) cache.clear();
	cache.set(key, { version, rows });
	return rows;
}

/** The statement of business days `from`…`to` (inclusive), for one branch or (null) all of them. */
export function profitReport(
	ledger: Ledger,
	names: MasterNames,
	from: number,
	to: number,
	branch: string | null
): ProfitReport {
	const spans = monthsOf(from, to);
	const accs = spans.map(emptyAcc);
	const monthAt = (day: number): Acc => {
		let lo = 0;
		let hi = spans.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >>> 1;
			if (spans[mid]!.from <= day) lo = mid;
			else hi = mid - 1;
		}
		return accs[lo]!;
	};
	const mine = (b: string) => branch === null || b === branch;

	spans.forEach((s, i) => {
		const a = accs[i]!;
		for (const r of salesByBranch(ledger, names, s.from, s.to)) {
			if (!mine(r.key)) continue;
			a.sales += r.amount;
			a.returns += r.returns;
			a.tax += r.tax;
			a.cost += r.cost;
		}
	});

	const skip = notApplied(ledger);
	function* inSpan<T extends EventType>(type: T): Generator<Extract<AnyEvent, { type: T }>> {
		const list = ledger.eventsOfType(type);
		for (let i = firstOnOrAfter(list, from); i < list.length && list[i]!.at <= to; i++) {
			const e = list[i]!;
			if (mine(e.branch) && !skip.has(e.id)) yield e;
		}
	}
	for (const type of ['stocktake.posted', 'stock.adjusted'] as const)
		for (const e of inSpan(type)) {
			const d = ledger.document(e.id);
			if (!d || d.status === 'voided') continue;
			let value = 0;
			for (const l of d.lines) value += l.cost;
			if (type === 'stocktake.posted') monthAt(e.at).stocktakes += value;
			else monthAt(e.at).adjustments += value;
		}
	// A transfer closed short keeps what was lost as its open amount (I3), set by its final receipt.
	for (const e of inSpan('stock.transfer.received')) {
		if (!e.payload.final) continue;
		const d = ledger.document(e.payload.ref);
		if (d && d.status === 'received' && d.open) monthAt(e.at).transfers -= d.open;
	}
	for (const e of inSpan('till.counted')) monthAt(e.at).till += e.payload.diff;
	for (const e of inSpan('income.received')) monthAt(e.at).income += e.payload.amount;
	let companyExpenses = 0;
	if (branch !== null) {
		const list = ledger.eventsOfType('expense.paid');
		for (let i = firstOnOrAfter(list, from); i < list.length && list[i]!.at <= to; i++)
			if (list[i]!.branch === '' && !skip.has(list[i]!.id)) companyExpenses += list[i]!.payload.amount;
	}
	for (const e of inSpan('expense.paid')) {
		const m = monthAt(e.at).expenses;
		m.set(e.payload.category, (m.get(e.payload.category) ?? 0) + e.payload.amount);
	}

	const total = emptyAcc();
	for (const a of accs) {
		for (const k of SUMMED) total[k] += a[k];
		for (const [c, v] of a.expenses) total.expenses.set(c, (total.expenses.get(c) ?? 0) + v);
	}
	return {
		from,
		to,
		branch,
		months: spans.map((s, i) => ({ ...s, figures: figures(accs[i]!) })),
		total: figures(total),
		companyExpenses
	};
}

function figures(a: Acc): ProfitFigures {
	const revenue = a.sales - a.returns - a.tax;
	const gross = revenue - a.cost;
	const stock = a.stocktakes + a.adjustments + a.transfers;
	const expenses = [...a.expenses].sort((x, y) => byCategory(x[0], y[0]));
	const expenseTotal = expenses.reduce((s, [, v]) => s + v, 0);
	const net = gross + stock + a.till + a.income - expenseTotal;
	return {
		sales: a.sales,
		returns: a.returns,
		tax: a.tax,
		revenue,
		cost: a.cost,
		gross,
		grossMarginBp: revenue === 0 ? null : roundHalfAway((gross * 10_000) / revenue),
		stocktakes: a.stocktakes,
		adjustments: a.adjustments,
		transfers: a.transfers,
		stock,
		till: a.till,
		income: a.income,
		expenses,
		expenseTotal,
		net,
		netMarginBp: revenue === 0 ? null : roundHalfAway((net * 10_000) / revenue)
	};
}

/** The lines of the statement, in order: the key of each figure and how deep it is indented. */
export const PROFIT_LINES = [
	['sales', 1],
	['returns', 1],
	['tax', 1],
	['revenue', 0],
	['cost', 0],
	['gross', 0],
	['stocktakes', 1],
	['adjustments', 1],
	['transfers', 1],
	['stock', 0],
	['till', 0],
	['income', 0],
	['expenseTotal', 0],
	['net', 0]
] as const satisfies readonly (readonly [keyof ProfitFigures, number])[];

export type ProfitLine = (typeof PROFIT_LINES)[number][0];

/**
 * The statement as CSV: one line per figure (expenses per category under their total), a column per
 * month when the span has more than one, then the span's total, the span before (上期) and 环比.
 */
export function profitCsv(
	r: ProfitReport,
	before: ProfitReport | null,
	L: Record<ProfitLine | 'item' | 'total' | 'before' | 'change' | 'margin' | 'title', string>,
	category: (code: string) => string,
	scope: string
): string {
	const money = (v: number) => formatYuan(v as Fen);
	const months = r.months.length > 1 ? r.months : [];
	const pct = (bp: number | null) => (bp === null ? '' : `${(bp / 100).toFixed(2)}%`);
	const row = (label: string, get: (f: ProfitFigures) => number) => [
		label,
		...months.map((m) => money(get(m.figures))),
		money(get(r.total)),
		...(before ? [money(get(before.total)), pct(changeBp(get(r.total), get(before.total)))] : [])
	];
	const codes = new Set<string>();
	for (const f of [r.total, before?.total]) for (const [c] of f?.expenses ?? []) codes.add(c);
	const expenseOf = (f: ProfitFigures, c: string) => f.expenses.find(([x]) => x === c)?.[1] ?? 0;
	const lines: string[][] = [];
	for (const [key] of PROFIT_LINES) {
		lines.push(row(L[key], (f) => f[key]));
		if (key === 'expenseTotal')
			for (const c of [...codes].sort(byCategory)) lines.push(row(category(c), (f) => expenseOf(f, c)));
	}
	lines.push([
		L.margin,
		...months.map((m) => pct(m.figures.netMarginBp)),
		pct(r.total.netMarginBp),
		...(before ? [pct(before.total.netMarginBp), ''] : [])
	]);
	return writeCsv([
		[L.title, scope, `${isoFromDay(r.from)} – ${isoFromDay(r.to)}`],
		[L.item, ...months.map((m) => m.month), L.total, ...(before ? [L.before, L.change] : [])],
		...lines
	]);
}

/** Expense categories in the statement's order, unknown codes last by code. */
function byCategory(a: string, b: string): number {
	const order: readonly string[] = EXPENSE_CATEGORIES;
	const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
	return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
