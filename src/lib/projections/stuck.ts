/**
 * [RP1] Stock that does not sell (滞销库存): the money a shop has tied up in goods its customers do not
 * buy. A product is stuck when the company holds some of it and, at the pace it sold over the last
 * `span` days, what is on hand would last longer than `SLOW_COVER_DAYS` (or it did not sell at all).
 * Quantities are summed over every warehouse: stock that sits in one branch while another sells it is a
 * transfer to make, not a product to clear, so it is not listed. Ranked by the value tied up (at cost).
 *
 * Days of cover = on hand × span ÷ sold, rounded down. Both are integers (thousandths) below 2^53, so
 * `Math.floor` of their double quotient is exact: a true quotient short of a whole number k falls short
 * by at least 1/sold, which is more than k/2^53, more than half the spacing of doubles below k.
 */
import type { MasterNames } from './names';
import { productDetail, productName } from './names';
import type { StockRow } from './stock';

/** On hand for longer than this at the recent pace of sales: too much of it. */
export const SLOW_COVER_DAYS = 180;

/** The window of sales the report looks at, in days up to today. */
export const STUCK_SPAN_DAYS = 90;

export interface StuckProduct {
	readonly product: string;
	readonly name: string;
	/** Spec, else code (see `productDetail`). */
	readonly detail: string;
	readonly unit: string;
	/** On hand over every warehouse (thousandths of the base unit). */
	readonly onHand: number;
	/** Its value at cost (fen). */
	readonly value: number;
	/** Sold over the window (thousandths). */
	readonly sold: number;
	/** How many days the stock lasts at that pace; null when nothing was sold. */
	readonly coverDays: number | null;
	/** Names of the warehouses holding it, in the order of the stock rows. */
	readonly warehouses: readonly string[];
}

export interface StuckStock {
	readonly span: number;
	/** The first `limit` stuck products, most value first. */
	readonly rows: readonly StuckProduct[];
	/** How many products are stuck in all, and the value they tie up. */
	readonly count: number;
	readonly value: number;
}

/** Days the stock lasts at the pace of `sold` per `span` days (null: nothing sold). */
export function coverDays(onHand: number, sold: number, span: number): number | null {
	return sold > 0 ? Math.floor((onHand * span) / sold) : null;
}

export function isStuck(onHand: number, sold: number, span: number): boolean {
	if (onHand <= 0) return false;
	const cover = coverDays(onHand, sold, span);
	return cover === null || cover > SLOW_COVER_DAYS;
}

/**
 * The stuck products, from the stock rows (one per product × warehouse) and what each product sold
 * over the last `span` days.
 */
export function stuckStock(
	stock: readonly StockRow[],
	sold: ReadonlyMap<string, number>,
	names: MasterNames,
	span = STUCK_SPAN_DAYS,
	limit = 20
): StuckStock {
	const byProduct = new Map<string, { onHand: number; value: number; warehouses: string[] }>();
	for (const r of stock) {
		if (r.onHand <= 0) continue;
		const p = byProduct.get(r.product);
		if (p) {
			p.onHand += r.onHand;
			p.value += r.value;
			p.warehouses.push(r.warehouseName);
		} else byProduct.set(r.product, { onHand: r.onHand, value: r.value, warehouses: [r.warehouseName] });
	}
	const stuck: StuckProduct[] = [];
	let value = 0;
	for (const [product, p] of byProduct) {
		const q = Math.max(0, sold.get(product) ?? 0);
		if (!isStuck(p.onHand, q, span)) continue;
		value += p.value;
		stuck.push({
			product,
			name: productName(names, product),
			detail: productDetail(names, product),
			unit: names.products.get(product)?.unit ?? '',
			onHand: p.onHand,
			value: p.value,
			sold: q,
			coverDays: coverDays(p.onHand, q, span),
			warehouses: p.warehouses
		});
	}
	stuck.sort((a, b) => b.value - a.value || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
	return { span, rows: stuck.slice(0, limit), count: stuck.length, value };
}
