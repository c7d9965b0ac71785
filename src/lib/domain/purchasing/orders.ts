/**
 * Purchase orders (rules PU4–PU8 in docs/SPEC.md): when an order needs approval, how a line's quantity
 * and amount follow from what the clerk typed in a chosen unit, what an order has received and still
 * expects, what a receipt line costs so that partial receipts add up to the order exactly, and the
 * supplier's last prices. Pure: the derived documents come in, figures go out.
 */
import type { DocLine, DocState } from '../derive/state';
import { mulDivRound } from '../money';
import { share } from '../derive/trade';

const UNIT = 1000;

/** [PU4] An order needs a manager when its tax-inclusive total is above the company's limit. */
export function needsApproval(total: number, limit: number | undefined): boolean {
	return limit !== undefined && total > limit;
}

/**
 * [PU5] A line typed in a unit of `factor` base units: quantity in thousandths of that unit, price in
 * fen per that unit. The base quantity is exact (integer factor); the amount is rounded once, to the fen.
 */
export function orderLine(
	qtyInUnit: number,
	factor: number,
	pricePerUnit: number
): { q: number; amount: number } {
	return { q: qtyInUnit * factor, amount: mulDivRound(qtyInUnit, pricePerUnit, UNIT) };
}

/** Fen per base unit of a line (rounded): what "last price" and price history compare. */
export function unitPrice(line: { q: number; amount: number }): number {
	return line.q > 0 ? mulDivRound(line.amount, UNIT, line.q) : 0;
}

export interface LineProgress {
	readonly index: number;
	readonly p: string;
	readonly ordered: number;
	readonly accepted: number;
	readonly rejected: number;
	/** Still expected: ordered − accepted, never negative (rejected goods are still owed). */
	readonly outstanding: number;
	/** Accepted beyond what was ordered. */
	readonly over: number;
}

export interface OrderProgress {
	readonly lines: readonly LineProgress[];
	readonly outstanding: number;
	readonly canReceive: boolean;
	/** Closing is possible only while something is outstanding, and then it needs a confirmation. */
	readonly canClose: boolean;
	readonly canApprove: boolean;
	readonly canEdit: boolean;
}

/**
 * [PU6] Received and outstanding per order line: accepted quantities come from the order (derivation
 * advances it), rejected ones from its receipts. A partial receipt leaves the rest open.
 */
export function orderProgress(order: DocState, receipts: readonly DocState[]): OrderProgress {
	const rejected = new Map<number, number>();
	for (const r of receipts) {
		if (r.status === 'voided' || r.ref !== order.id) continue;
		for (const l of r.lines)
			if (l.ref !== undefined && l.rejected) rejected.set(l.ref, (rejected.get(l.ref) ?? 0) + l.rejected);
	}
	const lines = order.lines.map((l, index) => ({
		index,
		p: l.p,
		ordered: l.q,
		accepted: l.done,
		rejected: rejected.get(index) ?? 0,
		outstanding: Math.max(0, l.q - l.done),
		over: Math.max(0, l.done - l.q)
	}));
	const outstanding = lines.reduce((s, l) => s + l.outstanding, 0);
	const open = order.status === 'approved' || order.status === 'partial';
	return {
		lines,
		outstanding,
		canReceive: open || order.status === 'complete',
		canClose: open && outstanding > 0,
		canApprove: order.status === 'pending',
		canEdit: order.status === 'draft'
	};
}

/**
 * [PU7] The amount of `q` more units received against an order line: the order's own amount shared so
 * that receiving everything in any number of parts costs exactly the order line; units beyond the
 * order are priced at the line's unit price.
 */
export function receiptAmount(ol: Pick<DocLine, 'q' | 'done' | 'amount'>, q: number): number {
	const rest = Math.max(0, ol.q - ol.done);
	const within = Math.min(q, rest);
	const inside = within > 0 ? share(ol.amount, Math.min(ol.done, ol.q), within, ol.q) : 0;
	const beyond = q - within;
	return inside + (beyond > 0 ? mulDivRound(ol.amount, beyond, ol.q) : 0);
}

export interface LastPrice {
	/** Fen per base unit. */
	readonly price: number;
	readonly at: number;
	readonly number: string;
}

/**
 * [PU8] The supplier's last price per product: from the latest receipt, or failing that the latest
 * order (business date, then document id, so every device agrees). Voided documents do not count.
 */
export function lastPrices(docs: Iterable<DocState>, supplier: string): Map<string, LastPrice> {
	const best = new Map<string, LastPrice & { rank: number; id: string }>();
	for (const d of docs) {
		if (d.party !== supplier || d.status === 'voided') continue;
		const rank = d.type === 'purchase.receipt.posted' ? 2 : d.type === 'purchase.order.placed' ? 1 : 0;
		if (rank === 0) continue;
		for (const l of d.lines) {
			if (l.q <= 0) continue;
			const prev = best.get(l.p);
			const newer =
				!prev ||
				rank > prev.rank ||
				(rank === prev.rank && (d.at > prev.at || (d.at === prev.at && d.id > prev.id)));
			if (newer) best.set(l.p, { price: unitPrice(l), at: d.at, number: d.number, rank, id: d.id });
		}
	}
	const out = new Map<string, LastPrice>();
	for (const [p, v] of best) out.set(p, { price: v.price, at: v.at, number: v.number });
	return out;
}

export interface PlannedLine {
	readonly supplier: string;
	readonly warehouse: string;
	readonly product: string;
	readonly q: number;
	readonly amount: number;
	readonly vat: number;
	/** When it should arrive (business day), if a lead time is known. */
	readonly expected?: number;
}

/**
 * Selected suggestions become one order per supplier and warehouse (an order has one receiving
 * warehouse), in the order the suggestions were listed.
 */
export function groupIntoOrders(
	lines: readonly PlannedLine[]
): { supplier: string; warehouse: string; lines: PlannedLine[] }[] {
	const groups = new Map<string, { supplier: string; warehouse: string; lines: PlannedLine[] }>();
	for (const l of lines) {
		const key = `${l.supplier}|${l.warehouse}`;
		let g = groups.get(key);
		if (!g) groups.set(key, (g = { supplier: l.supplier, warehouse: l.warehouse, lines: [] }));
		g.lines.push(l);
	}
	return [...groups.values()];
}
