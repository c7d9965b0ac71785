/**
 * Sales report over the last days: revenue and gross profit per day, and the best-selling products,
 * from counter sales and deliveries less returns (voided ones excluded), each on its own day, as the
 * sales summary counts them (RP4).
 */
import { firstOnOrAfter } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { productDetail, productName, type MasterNames } from './names';
import { STUCK_SPAN_DAYS } from './stuck';
import { returnFigures } from './trade-summary';

export interface DayFigure {
	readonly day: number;
	readonly revenue: number;
	readonly gross: number;
}

export interface ProductFigure {
	readonly product: string;
	readonly name: string;
	/** Spec, else code: what tells apart products of one name (see `productDetail`). */
	readonly detail: string;
	readonly unit: string;
	readonly qty: number;
	readonly revenue: number;
}

export interface SalesReport {
	readonly days: readonly DayFigure[];
	readonly top: readonly ProductFigure[];
	readonly revenue: number;
	readonly gross: number;
}

/** One day's figures, with the ledger's `dayVersion` they were computed at. */
interface DayTotals {
	readonly version: number;
	readonly revenue: number;
	readonly gross: number;
	readonly products: ReadonlyMap<string, { readonly qty: number; readonly revenue: number }>;
}

/** Per ledger, the days computed so far: a change recomputes only the days it touched. */
const DAYS = new WeakMap<Ledger, Map<number, DayTotals>>();

/** Days kept per ledger: the longest window any report reads (the stuck-stock report's). */
const KEPT_DAYS = STUCK_SPAN_DAYS;

/** The totals of `day`, from the cache unless a document dated that day changed since. */
function cachedDay(ledger: Ledger, today: number, day: number): DayTotals {
	let cache = DAYS.get(ledger);
	if (!cache) DAYS.set(ledger, (cache = new Map()));
	else if (!cache.has(day))
		for (const d of cache.keys()) if (d <= today - KEPT_DAYS || d > today) cache.delete(d);
	let t = cache.get(day);
	if (t === undefined || t.version !== ledger.dayVersion(day)) cache.set(day, (t = dayTotals(ledger, day)));
	return t;
}

/** Quantity sold per product (counter sales and deliveries, voided ones excluded) over `span` days up to `today`. */
export function soldByProduct(ledger: Ledger, today: number, span: number): Map<string, number> {
	const sold = new Map<string, number>();
	for (let day = today - span + 1; day <= today; day++)
		for (const [id, f] of cachedDay(ledger, today, day).products) sold.set(id, (sold.get(id) ?? 0) + f.qty);
	return sold;
}

function dayTotals(ledger: Ledger, day: number): DayTotals {
	const version = ledger.dayVersion(day);
	let revenue = 0;
	let gross = 0;
	const products = new Map<string, { qty: number; revenue: number }>();
	const events = ledger.events;
	for (let i = firstOnOrAfter(events, day); i < events.length && events[i]!.at === day; i++) {
		const e = events[i]!;
		if (e.type === 'sales.return.posted') {
			// Goods back take their amount off the day's sales, and off its gross profit what the shop
			// does not get back: the amount less tax, less the cost of what went back on the shelf (RP4).
			const d = ledger.document(e.id);
			if (!d || d.status === 'voided') continue;
			const r = returnFigures(d);
			revenue -= r.total;
			gross -= r.total - r.tax - r.cost;
			for (const l of d.lines) {
				const p = products.get(l.p);
				if (p) {
					p.qty -= l.q;
					p.revenue -= l.amount;
				} else products.set(l.p, { qty: -l.q, revenue: -l.amount });
			}
			continue;
		}
		if (e.type !== 'sales.counter.posted' && e.type !== 'sales.delivery.posted') continue;
		const doc = ledger.documentFigures(e.id);
		if (!doc || doc.status === 'voided') continue;
		revenue += doc.total;
		gross += doc.total - doc.tax - doc.cost;
		for (const l of doc.lines) {
			const p = products.get(l.p);
			if (p) {
				p.qty += l.q;
				p.revenue += l.amount;
			} else products.set(l.p, { qty: l.q, revenue: l.amount });
		}
	}
	return { version, revenue, gross, products };
}

/**
 * The report over the `span` days up to `today`. Each day's totals are kept per ledger and recomputed
 * only when a document dated that day changed (`Ledger.dayVersion`): the report is saved with the read
 * models after every burst of changes, and on a large company reading a month of sales again each time
 * cost about 90 ms (several times that on a tablet). Best sellers are ranked by revenue, then product id.
 */
export function salesReport(
	ledger: Ledger,
	names: MasterNames,
	today: number,
	span = 30,
	topN = 10
): SalesReport {
	const days: DayFigure[] = [];
	const products = new Map<string, { qty: number; revenue: number }>();
	for (let day = today - span + 1; day <= today; day++) {
		const t = cachedDay(ledger, today, day);
		days.push({ day, revenue: t.revenue, gross: t.gross });
		for (const [id, f] of t.products) {
			const p = products.get(id);
			if (p) {
				p.qty += f.qty;
				p.revenue += f.revenue;
			} else products.set(id, { qty: f.qty, revenue: f.revenue });
		}
	}
	return {
		days,
		top: [...products]
			.map(([product, f]) => ({
				product,
				name: productName(names, product),
				detail: productDetail(names, product),
				unit: names.products.get(product)?.unit ?? '',
				...f
			}))
			.sort((a, b) => b.revenue - a.revenue || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0))
			.slice(0, topN),
		revenue: days.reduce((s, f) => s + f.revenue, 0),
		gross: days.reduce((s, f) => s + f.gross, 0)
	};
}
