/**
 * The counter's cart (rule K1 in docs/SPEC.md): lines of products with a quantity in thousandths, a unit
 * price in fen per base unit (tax included, as shelf prices are) and an optional discount in fen off the
 * line. A line's amount is `round(q × price) − discount`, rounded once (M3); the cart total is the exact
 * sum of the line amounts, so the receipt, the event and the change all agree to the fen.
 *
 * Every operation returns a new array: the UI keeps the cart as immutable state.
 */
import { lineAmount, type Fen, type MilliQty, MILLI_PER_UNIT, splitInclusiveTax } from '../money';

export interface CartProduct {
	readonly id: string;
	readonly name: string;
	readonly unit: string;
	/** Shelf price, fen per base unit with tax; null when the product has none. */
	readonly price: number | null;
	/** VAT rate in basis points. */
	readonly vat: number;
}

export interface CartLine {
	readonly p: string;
	readonly name: string;
	readonly unit: string;
	readonly vat: number;
	/** Thousandths of the base unit, > 0. */
	readonly q: number;
	/** The shelf price when the line was added (null: the product has none). */
	readonly listPrice: number | null;
	/** The price charged, fen per base unit. */
	readonly price: number;
	/** Fen off the line, 0 ≤ discount ≤ q × price. */
	readonly discount: number;
}

export const ONE = MILLI_PER_UNIT;
/** A line's quantity may not exceed a million units (the schema's safe range, with room). */
export const MAX_QTY = 1_000_000 * MILLI_PER_UNIT;

export function lineGross(l: CartLine): number {
	return lineAmount(l.q as MilliQty, l.price as Fen);
}

export function lineTotal(l: CartLine): number {
	return lineGross(l) - l.discount;
}

/** True when the line is sold at other than the shelf price: only roles allowed to may record it. */
export function isRepriced(l: CartLine): boolean {
	return l.discount > 0 || l.price !== (l.listPrice ?? 0);
}

/** Adds `q` of a product: onto its line if it has one, else as a new line at the end. */
export function addToCart(lines: readonly CartLine[], product: CartProduct, q = ONE): CartLine[] {
	const i = lines.findIndex((l) => l.p === product.id);
	if (i >= 0) return setQty(lines, product.id, Math.min(MAX_QTY, lines[i]!.q + q));
	return [
		...lines,
		{
			p: product.id,
			name: product.name,
			unit: product.unit,
			vat: product.vat,
			q,
			listPrice: product.price,
			price: product.price ?? 0,
			discount: 0
		}
	];
}

/** Sets a line's quantity; 0 removes the line. A discount larger than the new gross is capped to it. */
export function setQty(lines: readonly CartLine[], p: string, q: number): CartLine[] {
	if (!Number.isSafeInteger(q) || q < 0 || q > MAX_QTY) return lines.slice();
	if (q === 0) return lines.filter((l) => l.p !== p);
	return lines.map((l) => (l.p === p ? capDiscount({ ...l, q }) : l));
}

/** One unit more (+1) or less (−1); going below one unit removes the line. */
export function stepQty(lines: readonly CartLine[], p: string, units: 1 | -1): CartLine[] {
	const l = lines.find((x) => x.p === p);
	if (!l) return lines.slice();
	return setQty(lines, p, Math.max(0, Math.min(MAX_QTY, l.q + units * ONE)));
}

/**
 * [K7] The cart meets another customer (or a walk-in): every line still at its list price takes the
 * list price `listOf` gives now (the customer's tier price less their discount, SP1; the shelf price for a
 * walk-in). A line priced by hand or discounted keeps what was agreed, and so does a product with no
 * list price for this customer.
 */
export function applyListPrices(
	lines: readonly CartLine[],
	listOf: (p: string) => number | null
): CartLine[] {
	return lines.map((l) => {
		if (l.discount !== 0 || l.listPrice === null || l.price !== l.listPrice) return l;
		const list = listOf(l.p);
		return list === null || list === l.listPrice ? l : { ...l, listPrice: list, price: list };
	});
}

export function setPrice(lines: readonly CartLine[], p: string, price: number): CartLine[] {
	if (!Number.isSafeInteger(price) || price < 0) return lines.slice();
	return lines.map((l) => (l.p === p ? capDiscount({ ...l, price }) : l));
}

export function setDiscount(lines: readonly CartLine[], p: string, discount: number): CartLine[] {
	if (!Number.isSafeInteger(discount) || discount < 0) return lines.slice();
	return lines.map((l) => (l.p === p ? capDiscount({ ...l, discount }) : l));
}

function capDiscount(l: CartLine): CartLine {
	const gross = lineGross(l);
	return l.discount > gross ? { ...l, discount: gross } : l;
}

export interface CartTotals {
	/** Tax-inclusive total, fen. */
	readonly total: number;
	/** VAT included in the total (per line, M5). */
	readonly tax: number;
	/** Discounts given, fen. */
	readonly discount: number;
	readonly lines: number;
}

export function cartTotals(lines: readonly CartLine[]): CartTotals {
	let total = 0;
	let tax = 0;
	let discount = 0;
	for (const l of lines) {
		const amount = lineTotal(l);
		total += amount;
		tax += splitInclusiveTax(amount as Fen, l.vat).tax;
		discount += l.discount;
	}
	return { total, tax, discount, lines: lines.length };
}

/** The event's lines: the amount of each as charged (the unit is the product's base unit). */
export function eventLines(
	lines: readonly CartLine[]
): { p: string; q: number; amount: number; vat: number }[] {
	return lines.map((l) => ({ p: l.p, q: l.q, amount: lineTotal(l), vat: l.vat }));
}
