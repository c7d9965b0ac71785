/**
 * The purchase plan's 调拨建议 (PU14) as the page shows them: one row per route (from → to) with its
 * lines, and the query that opens the transfer form with them.
 */
import type { TransferSuggestion } from '../../domain/purchasing/rebalance';
import { formatDecimal } from '../../domain/money';
import type { MasterNames } from '../../projections/names';

export interface RouteLine {
	readonly product: string;
	readonly name: string;
	readonly unit: string;
	readonly q: number;
}

export interface TransferRoute {
	readonly from: string;
	readonly to: string;
	readonly fromName: string;
	readonly toName: string;
	/** The branch that ships (whose clerk may start the transfer, I7). */
	readonly fromBranch: string;
	readonly lines: readonly RouteLine[];
}

/** Suggestions grouped by route, in the order their first line was suggested. */
export function transferRoutes(
	transfers: readonly TransferSuggestion[],
	names: MasterNames
): TransferRoute[] {
	const routes = new Map<string, { from: string; to: string; lines: RouteLine[] }>();
	for (const t of transfers) {
		const key = `${t.from}>${t.to}`;
		let r = routes.get(key);
		if (!r) routes.set(key, (r = { from: t.from, to: t.to, lines: [] }));
		const info = names.products.get(t.product);
		r.lines.push({ product: t.product, name: info?.name ?? t.product, unit: info?.unit ?? '', q: t.q });
	}
	return [...routes.values()].map((r) => ({
		...r,
		fromName: names.warehouses.get(r.from)?.name ?? r.from,
		toName: names.warehouses.get(r.to)?.name ?? r.to,
		fromBranch: names.warehouses.get(r.from)?.branch ?? ''
	}));
}

/** Thousandths as a quantity a clerk types ("12", "0.5"). */
export const qtyInput = (milli: number): string => formatDecimal(milli, 3).replace(/\.?0+$/, '');

/** The transfers page's query for this route: `from`, `to`, then `p` and `q` per line. */
export function routeQuery(r: TransferRoute): string {
	const enc = encodeURIComponent;
	const parts = [`from=${enc(r.from)}`, `to=${enc(r.to)}`];
	for (const l of r.lines) parts.push(`p=${enc(l.product)}`, `q=${enc(qtyInput(l.q))}`);
	return parts.join('&');
}
