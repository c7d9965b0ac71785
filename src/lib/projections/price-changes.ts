/**
 * [RP11] What the shop pays has moved (进价变动): each product whose latest receipt of the last `span`
 * days was billed at another price per base unit than its receipt before, from whichever supplier,
 * with the margin its retail price leaves at the old price and at the new one. Rises first, the
 * largest first: a rise the shelf price has not followed is margin the shop is losing on every sale.
 *
 * Prices are what receipts billed for the quantity accepted, tax included (PU11's `unitPrice`), so a
 * receipt with its goods all rejected has none; voided receipts count nowhere. Margins compare
 * tax-included prices, as the clerk sees them on the shelf and on the bill.
 */
import type { AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { mulDivRound } from '../domain/money';
import { unitPrice } from '../domain/purchasing/orders';
import { partyName, productDetail, productName, type MasterNames } from './names';

export const PRICE_CHANGE_DAYS = 30;

export interface PriceChange {
	readonly product: string;
	readonly name: string;
	readonly detail: string;
	readonly unit: string;
	/** The latest receipt: its id, day, supplier and price (fen per base unit, tax included). */
	readonly receipt: string;
	readonly at: number;
	readonly supplier: string;
	readonly supplierName: string;
	readonly price: number;
	/** The receipt before it. */
	readonly beforeAt: number;
	readonly before: number;
	/** (price − before) ÷ before, in basis points (rounded half away from zero). */
	readonly changeBp: number;
	/** The retail price (tax included), and the margin it leaves at each price, in basis points; null without one. */
	readonly retail: number | null;
	readonly marginBeforeBp: number | null;
	readonly marginNowBp: number | null;
}

interface Priced {
	readonly e: AnyEvent;
	readonly price: number;
}

export function priceChanges(
	ledger: Ledger,
	names: MasterNames,
	today: number,
	span = PRICE_CHANGE_DAYS
): PriceChange[] {
	const receipts = ledger.eventsOfType('purchase.receipt.posted');
	const latest = new Map<string, Priced>();
	const before = new Map<string, Priced>();
	/** Products with a receipt in the span whose receipt before is still to be found. */
	const looking = new Set<string>();
	// Newest first: the span's receipts, then back only as far as the products still looking need.
	for (let i = receipts.length - 1; i >= 0; i--) {
		const e = receipts[i]!;
		if (e.at > today) continue;
		const inSpan = e.at > today - span;
		if (!inSpan && looking.size === 0) break;
		const f = ledger.documentFigures(e.id);
		if (!f || f.status === 'voided') continue;
		// A product on two lines of one receipt: one price for both.
		const per = new Map<string, { q: number; amount: number }>();
		for (const l of f.lines) {
			const x = per.get(l.p);
			if (x) {
				x.q += l.q;
				x.amount += l.amount;
			} else per.set(l.p, { q: l.q, amount: l.amount });
		}
		for (const [p, x] of per) {
			if (x.q <= 0) continue;
			const price = unitPrice(x);
			if (!latest.has(p)) {
				if (inSpan) {
					latest.set(p, { e, price });
					looking.add(p);
				}
			} else if (looking.delete(p)) before.set(p, { e, price });
		}
	}

	const rows: PriceChange[] = [];
	for (const [p, now] of latest) {
		const was = before.get(p);
		if (!was || was.price === now.price || was.price === 0) continue;
		const retailValue = ledger.values('product', p).retailPrice;
		const retail = typeof retailValue === 'number' && retailValue > 0 ? retailValue : null;
		const margin = (price: number) => (retail === null ? null : mulDivRound(retail - price, 10_000, retail));
		const supplier = (now.e.payload as { supplier: string }).supplier;
		rows.push({
			product: p,
			name: productName(names, p),
			detail: productDetail(names, p),
			unit: names.products.get(p)?.unit ?? '',
			receipt: now.e.id,
			at: now.e.at,
			supplier,
			supplierName: partyName(names, 'supplier', supplier),
			price: now.price,
			beforeAt: was.e.at,
			before: was.price,
			changeBp: mulDivRound(now.price - was.price, 10_000, was.price),
			retail,
			marginBeforeBp: margin(was.price),
			marginNowBp: margin(now.price)
		});
	}
	return rows.sort(
		(a, b) => b.changeBp - a.changeBp || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0)
	);
}
