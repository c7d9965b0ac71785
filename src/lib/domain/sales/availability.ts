/**
 * Stock check for an order line across warehouses (rule SO1): on hand, reserved by approved orders,
 * available (on hand − reserved) and incoming (transfers on their way), per warehouse, and how much
 * the chosen warehouse is short. Selling short is allowed (offline devices cannot know better); the
 * clerk sees it and the oversell alert follows after merge (A1).
 */
export interface StockFigures {
	readonly warehouse: string;
	readonly onHand: number;
	readonly reserved: number;
	readonly available: number;
	readonly incoming: number;
}

export interface LineAvailability {
	/** The chosen warehouse first, then the others with any stock, by available (most first). */
	readonly warehouses: readonly StockFigures[];
	readonly here: StockFigures;
	/** How much of the line the chosen warehouse cannot cover from available stock. */
	readonly short: number;
	/** Available in the other warehouses together. */
	readonly elsewhere: number;
}

const ZERO = (warehouse: string): StockFigures => ({
	warehouse,
	onHand: 0,
	reserved: 0,
	available: 0,
	incoming: 0
});

/**
 * [SO1] `levels` are the stock levels of the line's product; `ownReserved` is what this very order
 * already holds in `wh`: the figures shown are the warehouse's own, but an approved order is short only
 * of what its own reservation does not cover.
 */
export function lineAvailability(
	levels: readonly StockFigures[],
	wh: string,
	q: number,
	ownReserved = 0
): LineAvailability {
	const here = levels.find((l) => l.warehouse === wh) ?? ZERO(wh);
	const others = levels
		.filter((l) => l.warehouse !== wh && (l.onHand !== 0 || l.incoming !== 0 || l.reserved !== 0))
		.sort((a, b) => b.available - a.available || (a.warehouse < b.warehouse ? -1 : 1));
	const elsewhere = others.reduce((s, l) => s + Math.max(0, l.available), 0);
	return {
		warehouses: [here, ...others],
		here,
		short: Math.max(0, q - Math.max(0, here.available + ownReserved)),
		elsewhere
	};
}
