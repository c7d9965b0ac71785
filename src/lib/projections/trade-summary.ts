/**
 * [RP4] The sales summary (销售汇总表) and [RP5] the purchase summary (采购汇总表) for a span of business
 * days: documents less their returns, grouped by product, category, party (customer or supplier), the
 * person who recorded the document (经办人) or branch.
 *
 * Sales are counter sales and deliveries less sales returns, with tax, cost of goods, gross profit and
 * gross margin. Purchases are goods received (accepted quantities) less purchase returns, with tax.
 * Amounts are tax-inclusive, in fen, as documents carry them; tax is each line's inclusive VAT (M4).
 * A sales return takes back its amount and its tax, and the cost of the goods put back on the shelf;
 * goods returned and written off keep their cost in the sale's (the shop lost them), so gross profit
 * shows the loss. A return counts where its document counted: its party, recorder and branch, even
 * when that document was before the span. Voided and refused documents count nowhere. The margin is
 * gross profit over net sales before tax, in basis points rounded half away from zero (a ratio for
 * display, not money).
 */
import { dayFromIso, isoFromDay } from '../domain/dates';
import type { EventType } from '../domain/catalogue';
import { lineCost, type DocState } from '../domain/derive/state';
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

export type TradeFlow = 'sales' | 'purchase';
export type TradeGroup = 'product' | 'category' | 'party' | 'user' | 'branch';
export const TRADE_GROUPS: readonly TradeGroup[] = ['product', 'category', 'party', 'user', 'branch'];

export interface TradeSummaryRow {
	/** Product, category path, customer or supplier ('' for a walk-in sale), user or branch id. */
	readonly key: string;
	readonly name: string;
	/** Spec or code of a product; empty otherwise. */
	readonly detail: string;
	/** A product's unit; empty otherwise. */
	readonly unit: string;
	/** Documents it appears on (counter sales and deliveries; goods received), returns not counted. */
	readonly docs: number;
	/** Net quantity sold or bought, for a product; null for other groups (units differ). */
	readonly qty: number | null;
	/** What the documents came to: sales, or goods received. */
	readonly amount: number;
	readonly returns: number;
	/** amount − returns. */
	readonly net: number;
	readonly tax: number;
	/** Cost of goods sold (0 for purchases). */
	readonly cost: number;
	/** net − tax − cost: gross profit of sales (of purchases, the net before tax). */
	readonly gross: number;
	/** gross ÷ (net − tax) in basis points; null when net before tax is 0. */
	readonly marginBp: number | null;
}

export interface TradeSummary {
	readonly flow: TradeFlow;
	readonly from: number;
	readonly to: number;
	readonly by: TradeGroup;
	readonly rows: readonly TradeSummaryRow[];
	readonly total: Omit<TradeSummaryRow, 'key' | 'name' | 'detail' | 'unit' | 'qty'>;
}

/** What a summary adds up for one group (and for the total). */
export interface TradeAcc {
	docs: number;
	qty: number;
	amount: number;
	returns: number;
	tax: number;
	cost: number;
}

/** What each flow reads: its documents, their returns, and which party they are with. */
const FLOWS: Record<
	TradeFlow,
	{ docs: readonly EventType[]; returns: EventType; party: 'customer' | 'supplier' }
> = {
	sales: {
		docs: ['sales.counter.posted', 'sales.delivery.posted'],
		returns: 'sales.return.posted',
		party: 'customer'
	},
	purchase: { docs: ['purchase.receipt.posted'], returns: 'purchase.return.posted', party: 'supplier' }
};

/** The summary of one flow over business days `from`…`to` (inclusive), grouped `by`. */
export function tradeSummary(
	ledger: Ledger,
	names: MasterNames,
	flow: TradeFlow,
	from: number,
	to: number,
	by: TradeGroup
): TradeSummary {
	const { docs, returns, party } = FLOWS[flow];
	const sales = flow === 'sales';
	const groups = new Map<string, TradeAcc>();
	const acc = (key: string): TradeAcc => {
		let a = groups.get(key);
		if (!a) groups.set(key, (a = { docs: 0, qty: 0, amount: 0, returns: 0, tax: 0, cost: 0 }));
		return a;
	};
	const total: TradeAcc = { docs: 0, qty: 0, amount: 0, returns: 0, tax: 0, cost: 0 };
	const perLine = by === 'product' || by === 'category';
	const lineKey = (p: string) => (by === 'product' ? p : (names.products.get(p)?.category ?? ''));
	const docKey = (doc: AnyEvent, partyId: string | undefined) =>
		by === 'party' ? (partyId ?? '') : by === 'user' ? doc.user : doc.branch;

	for (const type of docs)
		for (const e of inSpan(ledger.eventsOfType(type), from, to)) {
			const f = ledger.documentFigures(e.id);
			if (!f || f.status === 'voided') continue;
			const cost = sales ? f.cost : 0;
			total.docs++;
			total.amount += f.total;
			total.tax += f.tax;
			total.cost += cost;
			if (!perLine) {
				const a = acc(docKey(e, (e.payload as { customer?: string; supplier?: string })[party]));
				a.docs++;
				a.amount += f.total;
				a.tax += f.tax;
				a.cost += cost;
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
				a.amount += l.amount;
				a.tax += splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
				if (sales) a.cost += lineCost(f, i);
			});
		}

	for (const e of inSpan(ledger.eventsOfType(returns), from, to)) {
		const d = ledger.document(e.id);
		if (!d || d.status === 'voided') continue;
		const original = d.ref ? ledger.event(d.ref) : undefined;
		if (!original) continue;
		for (const l of d.lines) {
			const tax = splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
			const cost = sales && l.restock ? l.cost : 0;
			const a = acc(perLine ? lineKey(l.p) : docKey(original, d.party));
			for (const x of [a, total]) {
				x.returns += l.amount;
				x.tax -= tax;
				x.cost -= cost;
			}
			a.qty -= l.q;
		}
	}

	const rows: TradeSummaryRow[] = [];
	for (const [key, a] of groups) {
		const product = by === 'product' ? names.products.get(key) : undefined;
		rows.push({
			key,
			name: groupName(names, by, party, key),
			detail: by === 'product' ? productDetail(names, key) : '',
			unit: product?.unit ?? '',
			qty: by === 'product' ? a.qty : null,
			...tradeFigures(a)
		});
	}
	rows.sort((a, b) => b.net - a.net || b.gross - a.gross || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return { flow, from, to, by, rows, total: tradeFigures(total) };
}

/**
 * The span to compare from…to with (上期, for 环比). A month, or a month so far (from the 1st to a day
 * within it), is compared with the same days of the month before, as far as that month goes; a year,
 * or a year so far (from 1 January to a day within it), with the same days of the year before; other
 * whole months (a quarter) with as many whole months just before; any other span with the span of
 * equal length just before it.
 */
export function previousSpan(from: number, to: number): { from: number; to: number } {
	const f = isoFromDay(from);
	const t = isoFromDay(to);
	if (f.endsWith('-01') && from <= to) {
		const months = monthIndex(t) - monthIndex(f) + 1;
		const start = firstOfMonth(monthIndex(f) - months);
		const whole = isoFromDay(to + 1).endsWith('-01');
		// A month, or a month so far, against the month before, as far as it goes.
		if (months === 1) return { from: start, to: whole ? from - 1 : Math.min(start + (to - from), from - 1) };
		// A year, or a year so far, against the same days of the year before (29 February: to the 28th).
		if (f.endsWith('-01-01') && months <= 12) {
			const y = Number(t.slice(0, 4)) - 1;
			const end = dayFromIso(`${y}${t.slice(4)}`) ?? dayFromIso(`${y}-02-28`)!;
			return { from: firstOfMonth(monthIndex(f) - 12), to: end };
		}
		// Whole months (a quarter) against as many whole months before.
		if (whole) return { from: start, to: from - 1 };
	}
	const days = to - from + 1;
	return { from: from - days, to: from - 1 };
}

/** Months since year 0 of an ISO date ("2025-12-…" → 2025 × 12 + 11). */
export const monthIndex = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
/** The first day of month `i` (a `monthIndex`). */
export const firstOfMonth = (i: number): number =>
	dayFromIso(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`)!;

export function changeBp(now: number, before: number): number | null {
	return before === 0 ? null : roundHalfAway(((now - before) * 10_000) / Math.abs(before));
}

/**
 * What a sales return takes off a day's figures: its amount, its tax, and the cost of the goods that
 * went back on the shelf (goods written off keep their cost: the shop lost them). Shared by the
 * summaries, the 30-day report and the home page.
 */
export function returnFigures(doc: DocState): { total: number; tax: number; cost: number } {
	let total = 0;
	let tax = 0;
	let cost = 0;
	for (const l of doc.lines) {
		total += l.amount;
		tax += splitInclusiveTax(l.amount as Fen, l.vat as VatRate).tax;
		if (l.restock) cost += l.cost;
	}
	return { total, tax, cost };
}

/** The events of one type (in derivation order, so by day) dated from…to. */
function inSpan<E extends { readonly at: number }>(events: readonly E[], from: number, to: number): E[] {
	const out: E[] = [];
	for (let i = firstOnOrAfter(events, from); i < events.length && events[i]!.at <= to; i++)
		out.push(events[i]!);
	return out;
}

/** A group's figures from what was added up: net, gross profit and margin, as every summary shows them. */
export function tradeFigures(a: TradeAcc): Omit<TradeSummaryRow, 'key' | 'name' | 'detail' | 'unit' | 'qty'> {
	const net = a.amount - a.returns;
	const gross = net - a.tax - a.cost;
	const base = net - a.tax;
	return {
		docs: a.docs,
		amount: a.amount,
		returns: a.returns,
		net,
		tax: a.tax,
		cost: a.cost,
		gross,
		marginBp: base === 0 ? null : roundHalfAway((gross * 10_000) / base)
	};
}

/** A ratio for display rounded half away from zero (Math.round rounds −0.5 up). */
export const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** What a group is called; '' is the walk-in customer or an uncategorised product (named by the page). */
function groupName(names: MasterNames, by: TradeGroup, party: 'customer' | 'supplier', key: string): string {
	switch (by) {
		case 'product':
			return productName(names, key);
		case 'category':
			return key;
		case 'party':
			return key === '' ? '' : partyName(names, party, key);
		case 'user':
			return userName(names, key);
		case 'branch':
			return names.branches.get(key) ?? key;
	}
}

export type TradeSummaryLabels = Record<
	| 'group'
	| 'unit'
	| 'docs'
	| 'qty'
	| 'amount'
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
 * margin as a percentage with one decimal; cost, gross profit and margin only for sales and when
 * `withCost` (roles that may see cost). The last line holds the totals.
 */
export function tradeSummaryCsv(s: TradeSummary, L: TradeSummaryLabels, seeCost: boolean): string {
	const withCost = seeCost && s.flow === 'sales';
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
			L.amount,
			L.returns,
			L.net,
			L.tax,
			...(withCost ? [L.cost, L.gross, L.margin] : [])
		],
		...s.rows.map((r) => [
			[r.name || L.none, r.detail].filter(Boolean).join(' '),
			...(product ? [r.unit, formatQty((r.qty ?? 0) as MilliQty)] : []),
			String(r.docs),
			money(r.amount),
			money(r.returns),
			money(r.net),
			money(r.tax),
			...costCols(r)
		]),
		[
			L.total,
			...(product ? ['', ''] : []),
			String(s.total.docs),
			money(s.total.amount),
			money(s.total.returns),
			money(s.total.net),
			money(s.total.tax),
			...costCols(s.total)
		]
	]);
}
