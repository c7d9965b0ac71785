/**
 * [I10] Batches by expiry (临期与过期批次): what a shop must sell first, move, return or write off. Every
 * batch a warehouse holds (on hand above zero) that has an expiry date, soonest first.
 *
 * The expiry date is the last day the goods may be sold (有效期至): a batch is expired from the day after
 * it, `daysLeft` = expiry − today (0: expires today, negative: expired that many days ago). A batch is
 * valued at its warehouse's average cost of the product (a batch has no cost of its own under moving
 * average), `round(on hand × value ÷ stock on hand)` half away from zero; 0 when the warehouse's stock of
 * the product is not above zero (an oversold total has no meaningful average).
 */
import type { Ledger } from '../domain/ledger';
import { mulDivRound } from '../domain/money';
import { productDetail, productName, warehouseName, type MasterNames } from './names';

/** Batches that expire within this many days count as 临期 where no other window is chosen. */
export const EXPIRY_WINDOW_DAYS = 30;

export interface ExpiryRow {
	readonly product: string;
	readonly name: string;
	/** Spec, else code (see `productDetail`). */
	readonly detail: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly warehouseName: string;
	readonly batch: string;
	/** Day number of the last day it may be sold. */
	readonly expiry: number;
	readonly daysLeft: number;
	/** Thousandths of the base unit. */
	readonly onHand: number;
	/** At the warehouse's average cost (fen). */
	readonly value: number;
}

export interface ExpirySummary {
	readonly expired: number;
	readonly expiredValue: number;
	/** Not expired, expiring within the window. */
	readonly soon: number;
	readonly soonValue: number;
}

/** Every held batch with an expiry date, soonest first (then by product, warehouse and batch). */
export function expiryRows(ledger: Ledger, names: MasterNames, today: number): ExpiryRow[] {
	const rows: ExpiryRow[] = [];
	for (const b of ledger.batches()) {
		if (b.expiry === undefined || b.onHand <= 0) continue;
		const level = ledger.stockOf(b.product, b.warehouse);
		rows.push({
			product: b.product,
			name: productName(names, b.product),
			detail: productDetail(names, b.product),
			unit: names.products.get(b.product)?.unit ?? '',
			warehouse: b.warehouse,
			warehouseName: warehouseName(names, b.warehouse),
			batch: b.batch,
			expiry: b.expiry,
			daysLeft: b.expiry - today,
			onHand: b.onHand,
			value: level.onHand > 0 && level.value > 0 ? mulDivRound(b.onHand, level.value, level.onHand) : 0
		});
	}
	// ledger.batches() is sorted by product, warehouse and batch; a stable sort keeps that within a day.
	return rows.sort((a, b) => a.expiry - b.expiry);
}

/** Counts and values of the expired rows and of those expiring within `window` days. */
export function expirySummary(rows: readonly ExpiryRow[], window: number): ExpirySummary {
	let expired = 0;
	let expiredValue = 0;
	let soon = 0;
	let soonValue = 0;
	for (const r of rows)
		if (r.daysLeft < 0) {
			expired++;
			expiredValue += r.value;
		} else if (r.daysLeft <= window) {
			soon++;
			soonValue += r.value;
		}
	return { expired, expiredValue, soon, soonValue };
}
