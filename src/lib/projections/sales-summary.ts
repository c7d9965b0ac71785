/**
 * [RP4] The sales summary (销售汇总表) for a span of business days: counter sales and deliveries less
 * returns, grouped by product, category, customer, the person who recorded the sale (经办人) or branch,
 * with sales, returns, net sales, tax, cost of goods, gross profit and gross margin.
 *
 * Amounts are tax-inclusive, in fen, as documents carry them; tax is each line's inclusive VAT (M4).
 * A return takes back its amount and its tax, and the cost of the goods put back on the shelf; goods
 * returned and written off keep their cost in the sale's (the shop lost them), so gross profit shows
 * the loss. A return counts where its sale counted: the sale's customer, recorder and branch, even when
 * the sale was before the span. Voided and refused documents count nowhere. The margin is gross profit
 * over net sales before tax, in basis points rounded half away from zero (a ratio for display, not money).
 */
import { isoFromDay } from '../domain/dates';
import type { EventType } from '../domain/catalogue';
import { lineCost } from '../domain/derive/state';
import { firstOnOrAfter, type AnyEvent } from '../domain/event';
import { writeCsv } from '../domain/import/csv';
import type { Ledger } from '../domain/ledger';
import {
	formatQty,
	formatYuan,
	splitInclusiveTax,
	type Fen,
	type MilliQty,
	type VatRate
} from '../domain/money';
import { partyName, productDetail, productName, userName, type MasterNames } from './names';

export type SalesGroup = 'product' | 'category' | 'customer' | 'user' | 'branch';
export const SALES_GROUPS: readonly SalesGroup[] = ['product', 'category', 'customer', 'user', 'branch'];

export interface SalesSummaryRow {
	/** Product, category path, customer ('' for walk-in), user or branch id. */
	readonly key: string;
	readonly name: string;
	/** Spec or code of a product; empty otherwise. */
	readonly detail: string;
	/** A product's unit; empty otherwise. */
	readonly unit: string;
	/** Sales documents (counter sales and deliveries) it appears on. */
	readonly docs: number;
	/** Net quantity sold, for a product; null for other groups (units differ). */
	readonly qty: number | null;
	readonly sales: number;
	readonly returns: number;
	/** sales − returns. */
	readonly net: number;
	readonly tax: number;
	readonly cost: number;
	/** net − tax − cost. */
	readonly gross: number;
	/** gross ÷ (net − tax) in basis points; null when net before tax is 0. */
	readonly marginBp: number | null;
}

export interface SalesSummary {
	readonly from: number;
	readonly to: number;
	readonly by: SalesGroup;
	readonly rows: readonly SalesSummaryRow[];
	readonly total: Omit<SalesSummaryRow, 'key' | 'name' | 'detail' | 'unit' | 'qty'>;
}

interface Acc {
	docs: number;
	qty: number;
	sales: number;
	returns: number;
	tax: number;
	cost: number;
}

const SALE_TYPES: readonly EventType[] = ['sales.counter.posted', 'sales.delivery.posted'];

/** The summary of business days `from`…`to` (inclusive), grouped `by`. */
export function salesSummary(
	ledger: Ledger,
	names: MasterNames,
	from: number,
	to: number,
	by: SalesGroup
): SalesSummary {
	const groups = new Map<string, Acc>();
	const acc = (key: string): Acc => {
		let a = groups.get(key);
		if (!a) groups.set(key, (a = { docs: 0, qty: 0, sales: 0, returns: 0, tax: 0, cost: 0 }));
		return a;
	};
	const total: Acc = { docs: 0, qty: 0, sales: 0, returns: 0, tax: 0, cost: 0 };
	const perLine = by === 'product' || by === 'category';
	const lineKey = (p: string) => (by === 'product' ? p : (names.products.get(p)?.category ?? ''));
	const docKey = (sale: AnyEvent, customer: string | undefined) =>
		by === 'customer' ? (customer ?? '') : by === 'user' ? sale.user : sale.branch;

	for (const type of SALE_TYPES)
		for (const e of inSpan(ledger.eventsOfType(type), from, to)) {
			const f = ledger.documentFigures(e.id);
			if (!f || f.status === 'voided') continue;
			total.docs++;
			total.sales += f.total;
			total.tax += f.tax;
			total.cost += f.cost;
			if (!perLine) {
				const a = acc(docKey(e, (e.payload as { customer?: string }).customer));
				a.docs++;
				a.sales += f.total;
				a.tax += f.tax;
				a.cost += f.cost;
				continue;
			}
			const seen = new Set<string>();
			f.lines.forEach((l, i) => {
				const key = lineKey(l.p);
				const a = acc(key);
				if (!seen.has(key)) {
					seen.add(key);
					a.docs++;
				}
				a.qty += l.q;
				a.sales += l.amount;
				a.tax += splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
				a.cost += lineCost(f, i);
			});
		}

	for (const e of inSpan(ledger.eventsOfType('sales.return.posted'), from, to)) {
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided') continue;
		const sale = d.ref ? ledger.event(d.ref) : undefined;
		if (!sale) continue;
		for (const l of d.lines) {
			const tax = splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
			const cost = l.restock ? l.cost : 0;
			const a = acc(perLine ? lineKey(l.p) : docKey(sale, d.party));
			for (const x of [a, total]) {
				x.returns += l.amount;
				x.tax -= tax;
				x.cost -= cost;
			}
			a.qty -= l.q;
		}
	}

	const rows: SalesSummaryRow[] = [];
	for (const [key, a] of groups) {
		const product = by === 'product' ? names.products.get(key) : undefined;
		rows.push({
			key,
			name: groupName(names, by, key),
			detail: by === 'product' ? productDetail(names, key) : '',
			unit: product?.unit ?? '',
			qty: by === 'product' ? a.qty : null,
			...figures(a)
		});
	}
	rows.sort((a, b) => b.net - a.net || b.gross - a.gross || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return { from, to, by, rows, total: figures(total) };
}

/** The events of one type (in derivation order, so by day) dated from…to. */
function inSpan<E extends { readonly at: number }>(events: readonly E[], from: number, to: number): E[] {
	const out: E[] = [];
	for (let i = firstOnOrAfter(events, from); i < events.length && events[i]!.at <= to; i++)
		out.push(events[i]!);
	return out;
}

function figures(a: Acc): Omit<SalesSummaryRow, 'key' | 'name' | 'detail' | 'unit' | 'qty'> {
	const net = a.sales - a.returns;
	const gross = net - a.tax - a.cost;
	const base = net - a.tax;
	return {
		docs: a.docs,
		sales: a.sales,
		returns: a.returns,
		net,
		tax: a.tax,
		cost: a.cost,
		gross,
		marginBp: base === 0 ? null : roundHalfAway((gross * 10_000) / base)
	};
}

const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** What a group is called; '' is the walk-in customer or an uncategorised product (named by the page). */
function groupName(names: MasterNames, by: SalesGroup, key: string): string {
	switch (by) {
		case 'product':
			return productName(names, key);
		case 'category':
			return key;
		case 'customer':
			return key === '' ? '' : partyName(names, 'customer', key);
		case 'user':
			return userName(names, key);
		case 'branch':
			return names.branches.get(key) ?? key;
	}
}

export type SalesSummaryLabels = Record<
	| 'group'
	| 'unit'
	| 'docs'
	| 'qty'
	| 'sales'
	| 'returns'
	| 'net'
	| 'tax'
	| 'cost'
	| 'gross'
	| 'margin'
	| 'total'
	| 'none',
	string
>;

/**
 * The summary as CSV (with a byte-order mark, so Excel reads the Chinese text): amounts in yuan, the
 * margin as a percentage with one decimal; cost, gross profit and margin only when `withCost` (roles
 * that may see cost). The last line holds the totals.
 */
export function salesSummaryCsv(s: SalesSummary, L: SalesSummaryLabels, withCost: boolean): string {
	const money = (v: number) => formatYuan(v as Fen);
	const product = s.by === 'product';
	const margin = (bp: number | null) => (bp === null ? '' : `${(bp / 100).toFixed(1)}%`);
	const costCols = (r: { cost: number; gross: number; marginBp: number | null }) =>
		withCost ? [money(r.cost), money(r.gross), margin(r.marginBp)] : [];
	return writeCsv([
		[`${isoFromDay(s.from)} – ${isoFromDay(s.to)}`],
		[
			L.group,
			...(product ? [L.unit, L.qty] : []),
			L.docs,
			L.sales,
			L.returns,
			L.net,
			L.tax,
			...(withCost ? [L.cost, L.gross, L.margin] : [])
		],
		...s.rows.map((r) => [
			[r.name || L.none, r.detail].filter(Boolean).join(' '),
			...(product ? [r.unit, formatQty((r.qty ?? 0) as MilliQty)] : []),
			String(r.docs),
			money(r.sales),
			money(r.returns),
			money(r.net),
			money(r.tax),
			...costCols(r)
		]),
		[
			L.total,
			...(product ? ['', ''] : []),
			String(s.total.docs),
			money(s.total.sales),
			money(s.total.returns),
			money(s.total.net),
			money(s.total.tax),
			...costCols(s.total)
		]
	]);
}
