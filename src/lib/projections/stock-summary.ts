/**
 * [RP3] The 进销存汇总表 (stock summary) for a span of business days: per product, what was held at the
 * start, what came in and went out, and what was held at the end, each as quantity and value, in one
 * warehouse or all of them. Read from the ledger's stock moves (D12, `Ledger.stockPeriod`), so it says
 * exactly what the stock cards say: a product's closing is its stock card's closing, and on the last
 * day derived, its stock on hand.
 *
 * In and out are the moves' own directions: goods received, returned by a customer, transferred in,
 * found in a count are in; sold, returned to a supplier, transferred out, lost are out. Values are what
 * derivation booked: the value that came in and the cost that went out, so the closing value is the
 * opening value plus in less out, exactly, in fen.
 */
import { isoFromDay } from '../domain/dates';
import { writeCsv } from '../domain/import/csv';
import type { Ledger, StockPeriodCell } from '../domain/ledger';
import { formatQty, formatYuan, type Fen, type MilliQty } from '../domain/money';
import { productDetail, productName, warehouseName, type MasterNames } from './names';

/** A product's figures (a cell's, summed over the warehouses asked for), with its names and closing. */
export interface StockSummaryRow extends Omit<StockPeriodCell, 'warehouse'> {
	readonly code: string;
	readonly name: string;
	readonly detail: string;
	readonly unit: string;
	readonly closeQ: number;
	readonly closeV: number;
}

export interface StockSummary {
	readonly from: number;
	readonly to: number;
	/** The warehouse summed, or null for every warehouse. */
	readonly warehouse: string | null;
	readonly rows: readonly StockSummaryRow[];
	/** Values summed over the rows (quantities of different units are not summed). */
	readonly openV: number;
	readonly inV: number;
	readonly outV: number;
	readonly closeV: number;
	/**
	 * Cost differences held now by the warehouses summed (stock sold short, then refilled at another
	 * cost: C-rules' variance). The moves carry them, the stock value does not, so a closing on the
	 * last day is the stock page's value plus this.
	 */
	readonly variance: number;
}

/** The summary of business days `from`…`to` (inclusive), for one warehouse or (null) all of them. */
export function stockSummary(
	ledger: Ledger,
	names: MasterNames,
	from: number,
	to: number,
	warehouse: string | null
): StockSummary {
	const byProduct = new Map<
		string,
		{ openQ: number; openV: number; inQ: number; inV: number; outQ: number; outV: number }
	>();
	for (const c of ledger.stockPeriod(from, to)) {
		if (warehouse !== null && c.warehouse !== warehouse) continue;
		const r = byProduct.get(c.product);
		if (!r) byProduct.set(c.product, { ...c });
		else {
			r.openQ += c.openQ;
			r.openV += c.openV;
			r.inQ += c.inQ;
			r.inV += c.inV;
			r.outQ += c.outQ;
			r.outV += c.outV;
		}
	}
	const rows: StockSummaryRow[] = [];
	for (const [product, f] of byProduct) {
		const p = names.products.get(product);
		rows.push({
			product,
			code: p?.code ?? '',
			name: productName(names, product),
			detail: productDetail(names, product),
			unit: p?.unit ?? '',
			openQ: f.openQ,
			openV: f.openV,
			inQ: f.inQ,
			inV: f.inV,
			outQ: f.outQ,
			outV: f.outV,
			closeQ: f.openQ + f.inQ - f.outQ,
			closeV: f.openV + f.inV - f.outV
		});
	}
	rows.sort((a, b) => cmp(a.code, b.code) || cmp(a.name, b.name) || cmp(a.product, b.product));
	const sum = (k: 'openV' | 'inV' | 'outV' | 'closeV') => rows.reduce((s, r) => s + r[k], 0);
	return {
		from,
		to,
		warehouse,
		rows,
		openV: sum('openV'),
		inV: sum('inV'),
		outV: sum('outV'),
		closeV: sum('closeV'),
		variance: ledger
			.stockLevels()
			.reduce((v, l) => v + (warehouse === null || l.warehouse === warehouse ? l.variance : 0), 0)
	};
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type StockSummaryLabels = Record<
	'code' | 'product' | 'unit' | 'opening' | 'in' | 'out' | 'closing' | 'qty' | 'amount' | 'total' | 'all',
	string
>;

/**
 * The summary as CSV for a spreadsheet (with a byte-order mark, so Excel reads the Chinese text):
 * quantities as decimals in the product's unit; values in yuan only when `withValues` (roles that may
 * see cost), with their totals on the last line.
 */
export function stockSummaryCsv(
	s: StockSummary,
	names: MasterNames,
	L: StockSummaryLabels,
	withValues: boolean
): string {
	const qty = (q: number) => formatQty(q as MilliQty);
	const money = (v: number) => formatYuan(v as Fen);
	const pair = (label: string) => (withValues ? [`${label} ${L.qty}`, `${label} ${L.amount}`] : [label]);
	const figures = (q: number | null, v: number) =>
		withValues ? [q === null ? '' : qty(q), money(v)] : [q === null ? '' : qty(q)];
	return writeCsv([
		[
			s.warehouse === null ? L.all : warehouseName(names, s.warehouse),
			`${isoFromDay(s.from)} – ${isoFromDay(s.to)}`
		],
		[L.code, L.product, L.unit, ...pair(L.opening), ...pair(L.in), ...pair(L.out), ...pair(L.closing)],
		...s.rows.map((r) => [
			r.code,
			[r.name, names.products.get(r.product)?.spec].filter(Boolean).join(' '),
			r.unit,
			...figures(r.openQ, r.openV),
			...figures(r.inQ, r.inV),
			...figures(r.outQ, r.outV),
			...figures(r.closeQ, r.closeV)
		]),
		...(withValues
			? [
					[
						L.total,
						'',
						'',
						...figures(null, s.openV),
						...figures(null, s.inV),
						...figures(null, s.outV),
						...figures(null, s.closeV)
					]
				]
			: [])
	]);
}
