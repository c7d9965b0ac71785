/**
 * [K10] What a counter sale saved the customer against the shelf: per line, the shelf price (零售价, tax
 * included, per base unit) times the quantity, rounded once as a cart line is (K1), less what the line was
 * sold for. A member's or a wholesale customer's price (K7) and a cashier's discount both count; a line
 * sold above the shelf price, or of a product with no shelf price, saves nothing and is left out of the
 * shelf total too. The receipt prints the shelf total and the saving when there is one (优惠).
 */
import { lineAmount, type Fen, type MilliQty } from '../money';

export interface SoldLine {
	readonly p: string;
	/** Thousandths of the base unit. */
	readonly q: number;
	/** What the line was sold for, fen, tax included. */
	readonly amount: number;
}

export interface ShelfSavings {
	/** Σ of the shelf value of the lines that saved something. */
	readonly shelf: number;
	/** Σ of shelf value − amount over those lines (≥ 0). */
	readonly saved: number;
}

/** `shelfPrice(p)`: the product's shelf price when it was sold, null when it had none. */
export function shelfSavings(
	lines: readonly SoldLine[],
	shelfPrice: (p: string) => number | null
): ShelfSavings {
	let shelf = 0;
	let saved = 0;
	for (const l of lines) {
		const price = shelfPrice(l.p);
		if (price === null || price <= 0) continue;
		const full = lineAmount(l.q as MilliQty, price as Fen);
		if (full <= l.amount) continue;
		shelf += full;
		saved += full - l.amount;
	}
	return { shelf, saved };
}
