/**
 * Transfer before buying (调拨建议, rule PU14 in docs/SPEC.md). A chain often has in one branch what
 * another is about to order: before a purchase is suggested for a warehouse, stock another warehouse
 * can spare is offered to it. What a warehouse can spare is what it holds beyond what it keeps for
 * itself: its own plan's target (PU1–PU2), and at least its safety stock plus a window's worth of its
 * own sales, so that a transfer never makes the sender the next one short. Whole units only, integers
 * throughout.
 */
import type { Suggestion } from './suggest';

const UNIT = 1000;

/** One warehouse's plan for a product, as the purchase plan computed it. */
export type PlanOf = Pick<
	Suggestion,
	'product' | 'warehouse' | 'available' | 'sold' | 'target' | 'suggested' | 'min'
>;

export interface TransferSuggestion {
	readonly product: string;
	readonly from: string;
	readonly to: string;
	/** Whole units, thousandths. */
	readonly q: number;
}

/** What a warehouse keeps for itself: its target, and at least safety stock plus the window's sales. */
export function keepOf(s: PlanOf): number {
	return Math.max(s.target, (s.min ?? 0) + Math.max(0, s.sold));
}

/**
 * What a warehouse can give: available beyond what it keeps, in whole units (rounded down: a sender is
 * never left below its keep). A warehouse that needs to buy gives nothing. Incoming stock is not given
 * away before it has arrived.
 */
export function spareOf(s: PlanOf): number {
	if (s.suggested > 0) return 0;
	const extra = s.available - keepOf(s);
	return extra > 0 ? Math.floor(extra / UNIT) * UNIT : 0;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Transfers that cover purchase suggestions from other warehouses' spare stock, per product: the
 * largest need first, served from the largest spare first (ties by warehouse id), each transfer as
 * much as both allow. Deterministic: the same plans give the same transfers on every device.
 */
export function transferSuggestions(plans: readonly PlanOf[]): TransferSuggestion[] {
	const byProduct = new Map<string, PlanOf[]>();
	for (const s of plans) {
		const list = byProduct.get(s.product);
		if (list) list.push(s);
		else byProduct.set(s.product, [s]);
	}
	const out: TransferSuggestion[] = [];
	for (const product of [...byProduct.keys()].sort(byCode)) {
		const list = byProduct.get(product)!;
		const needs = list
			.filter((s) => s.suggested > 0)
			.map((s) => ({ wh: s.warehouse, left: s.suggested }))
			.sort((a, b) => b.left - a.left || byCode(a.wh, b.wh));
		if (needs.length === 0) continue;
		const givers = list
			.map((s) => ({ wh: s.warehouse, left: spareOf(s) }))
			.filter((g) => g.left > 0)
			.sort((a, b) => b.left - a.left || byCode(a.wh, b.wh));
		for (const need of needs) {
			for (const g of givers) {
				if (need.left === 0) break;
				if (g.left === 0 || g.wh === need.wh) continue;
				const q = Math.min(need.left, g.left);
				need.left -= q;
				g.left -= q;
				out.push({ product, from: g.wh, to: need.wh, q });
			}
		}
	}
	return out;
}

/** How much of each `product|warehouse` suggestion the transfers cover. */
export function coveredByTransfers(transfers: readonly TransferSuggestion[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const t of transfers) {
		const key = `${t.product}|${t.to}`;
		out.set(key, (out.get(key) ?? 0) + t.q);
	}
	return out;
}
