/**
 * A supplier's account as purchasing sees it (rules PU9–PU11 in docs/SPEC.md): what is owed and when,
 * how reliably they deliver, how much of what they send is rejected, and where their prices go.
 * Pure: derived documents in, figures out. Rates are integer basis points (10000 = 100 %), so every
 * device shows the same figure and nothing is a float until the UI formats it.
 */
import type { DocState } from '../derive/state';
import { mulDivRound } from '../money';
import { unitPrice } from './orders';

export interface PayableItem {
	readonly id: string;
	readonly number: string;
	readonly type: DocState['type'];
	readonly at: number;
	readonly due: number;
	readonly total: number;
	readonly open: number;
	/** Days past due (0 when not yet due). */
	readonly overdueDays: number;
}

export interface Payables {
	readonly items: readonly PayableItem[];
	readonly owed: number;
	readonly overdue: number;
	/** Due within the next 7 days (not yet overdue). */
	readonly dueSoon: number;
}

/** [PU9] Open payables, oldest due first; an item is overdue the day after its due date. */
export function payables(openItems: readonly DocState[], today: number): Payables {
	const items = openItems
		.filter((d) => (d.open ?? 0) !== 0)
		.map((d) => {
			const due = d.due ?? d.at;
			return {
				id: d.id,
				number: d.number,
				type: d.type,
				at: d.at,
				due,
				total: d.total,
				open: d.open ?? 0,
				overdueDays: Math.max(0, today - due)
			};
		})
		.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
	let owed = 0;
	let overdue = 0;
	let dueSoon = 0;
	for (const i of items) {
		owed += i.open;
		if (i.overdueDays > 0) overdue += i.open;
		else if (i.due - today <= 7) dueSoon += i.open;
	}
	return { items, owed, overdue, dueSoon };
}

export interface Performance {
	/** Receipts against an order with an expected date, and how many came on or before it. */
	readonly timed: number;
	readonly onTime: number;
	/** onTime / timed in basis points; null when nothing could be timed. */
	readonly onTimeBp: number | null;
	readonly accepted: number;
	readonly rejected: number;
	/** rejected / (accepted + rejected) in basis points; null when nothing was inspected. */
	readonly rejectionBp: number | null;
}

/**
 * [PU10] On-time delivery: a receipt against an order is on time when its business date is on or before
 * the order's expected date; receipts without an expected date are not counted. Rejection rate: units
 * rejected at inspection over all units inspected.
 */
export function supplierPerformance(
	receipts: readonly DocState[],
	expectedOf: (orderId: string) => number | undefined
): Performance {
	let timed = 0;
	let onTime = 0;
	let accepted = 0;
	let rejected = 0;
	for (const r of receipts) {
		if (r.type !== 'purchase.receipt.posted' || r.status === 'voided') continue;
		const expected = r.ref ? expectedOf(r.ref) : undefined;
		if (expected !== undefined) {
			timed++;
			if (r.at <= expected) onTime++;
		}
		for (const l of r.lines) {
			accepted += l.q;
			rejected += l.rejected ?? 0;
		}
	}
	const inspected = accepted + rejected;
	return {
		timed,
		onTime,
		onTimeBp: timed > 0 ? mulDivRound(onTime, 10_000, timed) : null,
		accepted,
		rejected,
		rejectionBp: inspected > 0 ? mulDivRound(rejected, 10_000, inspected) : null
	};
}

export interface PricePoint {
	readonly at: number;
	readonly number: string;
	/** Fen per base unit. */
	readonly price: number;
	readonly q: number;
}

export interface PriceHistory {
	readonly product: string;
	readonly points: readonly PricePoint[];
	readonly first: number;
	readonly last: number;
	/** (last − first) / first in basis points; null with fewer than two prices or a zero first price. */
	readonly changeBp: number | null;
}

/**
 * [PU11] Price history per product from the supplier's receipts (what was actually delivered and
 * billed), oldest first; the trend compares the last price with the first.
 */
export function priceHistory(receipts: readonly DocState[]): PriceHistory[] {
	const byProduct = new Map<string, (PricePoint & { id: string })[]>();
	for (const r of receipts) {
		if (r.type !== 'purchase.receipt.posted' || r.status === 'voided') continue;
		for (const l of r.lines) {
			if (l.q <= 0) continue;
			const list = byProduct.get(l.p) ?? [];
			list.push({ at: r.at, number: r.number, price: unitPrice(l), q: l.q, id: r.id });
			byProduct.set(l.p, list);
		}
	}
	const out: PriceHistory[] = [];
	for (const [product, list] of byProduct) {
		list.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		const points = list.map(({ at, number, price, q }) => ({ at, number, price, q }));
		const first = points[0]!.price;
		const last = points[points.length - 1]!.price;
		const changeBp = points.length > 1 && first > 0 ? mulDivRound(last - first, 10_000, first) : null;
		out.push({ product, points, first, last, changeBp });
	}
	return out.sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
}
