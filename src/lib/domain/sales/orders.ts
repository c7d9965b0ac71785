/**
 * A sales order after placement (rules SD1, SD3, ST1): what is still to deliver (the backorder), the
 * delivery lines for a partial or full delivery, and the state a clerk tracks it by.
 */
import type { DocState } from '../derive/state';
import { share } from '../derive/trade';
import type { BatchPick } from './fefo';

export interface BackorderLine {
	readonly line: number;
	readonly p: string;
	readonly ordered: number;
	readonly delivered: number;
	/** Still to deliver (never negative: an over-delivery is its own alert). */
	readonly rest: number;
}

/** [SD1] The undelivered rest of each line of an order. */
export function backorder(order: DocState): BackorderLine[] {
	return order.lines.map((l, line) => ({
		line,
		p: l.p,
		ordered: l.q,
		delivered: l.done,
		rest: Math.max(0, l.q - l.done)
	}));
}

export interface DeliveryLine {
	readonly p: string;
	readonly q: number;
	readonly amount: number;
	readonly vat: number;
	readonly line: number;
	readonly batch?: string;
	readonly expiry?: number;
}

/**
 * [SD1] Delivery lines for `quantities[i]` of order line i (0 skips it). Amounts are the order line's
 * amount shared telescopically by what was delivered before (trade.ts `share`), so delivering a line in
 * any number of parts bills exactly its amount. `picks[i]`, when given, splits line i over batches
 * (FEFO); a part the batches did not cover is delivered unbatched.
 */
export function deliveryLines(
	order: DocState,
	quantities: readonly number[],
	picks: readonly (readonly BatchPick[] | undefined)[] = []
): DeliveryLine[] {
	const out: DeliveryLine[] = [];
	order.lines.forEach((l, line) => {
		const q = quantities[line] ?? 0;
		if (q <= 0) return;
		const amount = share(l.amount, Math.min(l.done, l.q), Math.min(q, Math.max(0, l.q - l.done)), l.q);
		// Beyond the ordered quantity (an over-delivery) the order's unit price applies.
		const extra = q - Math.max(0, l.q - l.done);
		const lineAmount = amount + (extra > 0 ? share(l.amount, 0, extra, l.q) : 0);
		const parts: { q: number; batch?: string; expiry?: number }[] = [];
		let covered = 0;
		for (const pk of picks[line] ?? []) {
			if (covered >= q) break;
			const take = Math.min(pk.q, q - covered);
			parts.push({ q: take, batch: pk.batch, ...(pk.expiry !== undefined ? { expiry: pk.expiry } : {}) });
			covered += take;
		}
		if (covered < q) parts.push({ q: q - covered });
		let done = 0;
		for (const part of parts) {
			out.push({
				p: l.p,
				q: part.q,
				amount: share(lineAmount, done, part.q, q),
				vat: l.vat,
				line,
				...(part.batch ? { batch: part.batch } : {}),
				...(part.expiry !== undefined ? { expiry: part.expiry } : {})
			});
			done += part.q;
		}
	});
	return out;
}

export type Tracking = 'pending' | 'approved' | 'partial' | 'delivered' | 'completed' | 'rejected' | 'voided';

/**
 * [ST1] The state a clerk tracks an order by: 待审核, 已审核, 部分发货, 已发货 (all delivered, money
 * still open), 已完成 (all delivered and every delivery paid, or closed short), 已作废; a rejected
 * order is 已驳回 until it is placed again.
 */
export function trackingState(order: DocState, deliveries: readonly DocState[]): Tracking {
	switch (order.status) {
		case 'voided':
			return 'voided';
		case 'draft':
			return 'rejected';
		case 'pending':
			return 'pending';
		case 'approved':
			return 'approved';
		case 'partial':
			return 'partial';
		case 'closed':
			return 'completed';
		default: {
			const live = deliveries.filter((d) => d.status !== 'voided');
			return live.every((d) => (d.open ?? 0) === 0) ? 'completed' : 'delivered';
		}
	}
}
