/**
 * Purchase suggestions (采购计划, rules PU1–PU3 in docs/SPEC.md): for one product in one warehouse, how
 * much to order so that stock covers the sales expected during the supplier's lead time plus the safety
 * stock, after what is available and what is already on its way. Every figure is an integer (quantities
 * in thousandths, whole base units where a clerk would count), and the reasoning is returned as facts the
 * UI puts into words, so the clerk sees why and not only how much.
 */
import type { AnyEvent } from '../event';
import { mulDivRound } from '../money';

/** The sales windows a clerk can choose, in days. */
export const SALES_WINDOWS = [7, 30, 90] as const;
export type SalesWindow = (typeof SALES_WINDOWS)[number];

const UNIT = 1000;

export interface SuggestionInput {
	readonly product: string;
	readonly warehouse: string;
	/** On hand − reserved, thousandths (may be negative after an oversell). */
	readonly available: number;
	/** On its way: open purchase orders not yet received plus transfers in transit, thousandths. */
	readonly incoming: number;
	/** Sold over the window, net of returns, thousandths. */
	readonly sold: number;
	readonly windowDays: number;
	/** Product's lead time, else its supplier's; undefined when neither is known. */
	readonly leadTimeDays?: number;
	/** Safety stock (minimum) and maximum for this warehouse, thousandths. */
	readonly min?: number;
	readonly max?: number;
}

/** Why the figure is what it is, beyond the arithmetic itself. */
export type SuggestionNote = 'no-sales' | 'no-lead-time' | 'above-max' | 'capped-at-max' | 'enough';

export interface Suggestion extends SuggestionInput {
	/** Average sales per day over the window, thousandths (rounded half up). */
	readonly dailyAverage: number;
	/** Sales expected during the lead time, in whole units (thousandths). */
	readonly leadDemand: number;
	/** What stock should reach: lead demand + safety stock (capped at the maximum). */
	readonly target: number;
	/** Whole units to order (thousandths); 0 when nothing is needed. */
	readonly suggested: number;
	readonly notes: readonly SuggestionNote[];
}

/** Rounds thousandths up to whole units: an order is placed in units, and short is worse than one over. */
function ceilUnits(milli: number): number {
	return Math.ceil(milli / UNIT) * UNIT;
}

/**
 * [PU1] suggested = lead demand + safety stock − available − incoming, in whole units, never negative;
 * lead demand = average daily sales × lead time. [PU2] With a maximum, stock is never planned above it:
 * nothing is suggested when available + incoming already reach it, and the target is capped at it.
 */
export function suggestQuantity(input: SuggestionInput): Suggestion {
	const notes: SuggestionNote[] = [];
	const window = Math.max(1, input.windowDays);
	const sold = Math.max(0, input.sold);
	const lead = input.leadTimeDays;
	if (sold === 0) notes.push('no-sales');
	if (lead === undefined) notes.push('no-lead-time');
	const dailyAverage = mulDivRound(sold, 1, window);
	// One rounding, half up, straight to whole units: 4.2 a day × 7 days = 29.4 → 29.
	const leadDemand = lead === undefined ? 0 : mulDivRound(sold, lead, window * UNIT) * UNIT;
	const min = input.min ?? 0;
	let target = leadDemand + min;
	const have = input.available + input.incoming;
	let suggested: number;
	if (input.max !== undefined && have >= input.max) {
		notes.push('above-max');
		suggested = 0;
	} else {
		if (input.max !== undefined && target > input.max) {
			notes.push('capped-at-max');
			target = input.max;
		}
		suggested = target > have ? ceilUnits(target - have) : 0;
		if (suggested === 0) notes.push('enough');
	}
	return { ...input, dailyAverage, leadDemand, target, suggested, notes };
}

interface DeliveredDoc {
	readonly wh?: string;
	readonly lines: readonly { readonly p: string }[];
}

/**
 * [PU3] Sales per product × warehouse (key `product|warehouse`) with business dates in [from, to]:
 * deliveries and counter sales, less customer returns; voided documents do not count. `events` are in
 * derivation order (by business date), so the walk stops at the first event before the window.
 */
export function salesDemand(
	events: readonly AnyEvent[],
	from: number,
	to: number,
	isVoided: (id: string) => boolean,
	deliveryOf: (id: string) => DeliveredDoc | undefined
): Map<string, number> {
	const out = new Map<string, number>();
	const add = (p: string, wh: string, q: number) => {
		const key = `${p}|${wh}`;
		out.set(key, (out.get(key) ?? 0) + q);
	};
	for (let i = events.length - 1; i >= 0; i--) {
		const e = events[i]!;
		if (e.at < from) break;
		if (e.at > to) continue;
		if (e.type === 'sales.delivery.posted' || e.type === 'sales.counter.posted') {
			if (isVoided(e.id)) continue;
			for (const l of e.payload.lines) add(l.p, e.payload.wh, l.q);
		} else if (e.type === 'sales.return.posted') {
			if (isVoided(e.id)) continue;
			const d = deliveryOf(e.payload.delivery);
			if (!d?.wh) continue;
			for (const l of e.payload.lines) {
				const dl = d.lines[l.line];
				if (dl) add(dl.p, d.wh, -l.q);
			}
		}
	}
	return out;
}

interface OrderDoc {
	readonly type: string;
	readonly status: string;
	readonly wh?: string;
	readonly lines: readonly { readonly p: string; readonly q: number; readonly done: number }[];
}

/**
 * What open purchase orders will still bring, per `product|warehouse`: the unreceived rest of every
 * order that is waiting for approval, approved or partly received. Drafts (rejected) and closed,
 * complete or voided orders bring nothing.
 */
export function openOrderQuantities(orders: Iterable<OrderDoc>): Map<string, number> {
	const out = new Map<string, number>();
	for (const o of orders) {
		if (o.type !== 'purchase.order.placed' || !o.wh) continue;
		if (o.status !== 'pending' && o.status !== 'approved' && o.status !== 'partial') continue;
		for (const l of o.lines) {
			const rest = l.q - l.done;
			if (rest <= 0) continue;
			const key = `${l.p}|${o.wh}`;
			out.set(key, (out.get(key) ?? 0) + rest);
		}
	}
	return out;
}
