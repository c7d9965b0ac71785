/**
 * Sales prices (rules SP1–SP4 in docs/SPEC.md): the customer's tier price (零售 / 批发 / 会员) less the
 * customer's discount, the prices this customer paid last, and the margin of a line. Unit prices are fen
 * per base unit, tax included; quantities thousandths; every product rounded once (M2).
 */
import type { DocState } from '../derive/state';
import { mulDivRound, splitInclusiveTax } from '../money';

export type Tier = 'retail' | 'wholesale' | 'member';

export interface ProductPrices {
	readonly retailPrice?: number | null;
	readonly wholesalePrice?: number | null;
	readonly memberPrice?: number | null;
}

export interface CustomerTerms {
	readonly tier?: Tier | null;
	/** Basis points off the tier price (500 = 5 %). */
	readonly discountBp?: number | null;
}

/** [SP1] The list price for a tier; a tier without a price falls back to the retail price. */
export function tierPrice(product: ProductPrices, tier: Tier | null | undefined): number | null {
	const byTier =
		tier === 'wholesale' ? product.wholesalePrice : tier === 'member' ? product.memberPrice : undefined;
	return byTier ?? product.retailPrice ?? null;
}

/** [SP1] The price suggested to a customer: their tier price less their discount, to the fen. */
export function customerPrice(
	product: ProductPrices,
	customer: CustomerTerms
): { list: number | null; price: number | null } {
	const list = tierPrice(product, customer.tier);
	if (list === null) return { list, price: null };
	const bp = customer.discountBp ?? 0;
	return { list, price: mulDivRound(list, 10_000 - bp, 10_000) };
}

/** [M3] A line amount: quantity (thousandths) × unit price, rounded once. */
export function amountOf(unitPrice: number, q: number): number {
	return mulDivRound(unitPrice, q, 1000);
}

/** The unit price a line amount stands for (for display and checks). */
export function unitPriceOf(amount: number, q: number): number {
	return q === 0 ? 0 : mulDivRound(amount, 1000, q);
}

/** [SP2] Discount of a price off its list price, in basis points (0 when there is no list price). */
export function discountBp(list: number | null, price: number): number {
	if (list === null || list <= 0) return 0;
	return mulDivRound(list - price, 10_000, list);
}

export interface LastPrice {
	readonly price: number;
	readonly at: number;
	readonly number: string;
}

const PRICED: ReadonlySet<string> = new Set([
	'sales.delivery.posted',
	'sales.order.placed',
	'sales.counter.posted',
	'sales.quote.placed'
]);

/**
 * [SP3] The last unit price per product this customer was given (delivery, order, counter sale or
 * quotation), latest business date first, then the later document id; voided documents do not count.
 */
export function lastPrices(docs: Iterable<DocState>, customer: string): Map<string, LastPrice> {
	const out = new Map<string, LastPrice & { id: string }>();
	for (const d of docs) {
		if (d.party !== customer || d.status === 'voided' || !PRICED.has(d.type)) continue;
		for (const l of d.lines) {
			const prev = out.get(l.p);
			if (prev && (prev.at > d.at || (prev.at === d.at && prev.id > d.id))) continue;
			out.set(l.p, { price: unitPriceOf(l.amount, l.q), at: d.at, number: d.number, id: d.id });
		}
	}
	return new Map([...out].map(([p, { price, at, number }]) => [p, { price, at, number }]));
}

/**
 * [SP4] A line's gross margin: revenue net of VAT less its cost (cost is what the stock is valued at,
 * net of deductible VAT). `ratioBp` is the margin over net revenue in basis points.
 */
export function lineMargin(
	amount: number,
	vat: number,
	cost: number
): { net: number; margin: number; ratioBp: number } {
	const net = amount - splitInclusiveTax(amount as never, vat).tax;
	const margin = net - cost;
	return { net, margin, ratioBp: net === 0 ? 0 : mulDivRound(margin, 10_000, net) };
}
