/**
 * Shelf price tags (价签) for products: name, spec and model, unit, retail price (large), member price
 * when there is one, item code, and the first barcode as EAN-13 bars (printed digits alone when it is
 * not a valid EAN-13, so a scanner never reads a wrong product). Archived products and products
 * without a retail price get no tag: a tag without a price is no use on a shelf.
 */
import type { ProductFields } from '../domain/master/product';
import { ean13Bars } from './ean13';

export interface PriceTag {
	readonly id: string;
	readonly name: string;
	/** Spec and model, as the shelf shows them. */
	readonly spec: string;
	readonly unit: string;
	readonly price: number;
	readonly member: number | null;
	readonly code: string;
	readonly barcode: string;
	/** EAN-13 modules ('1' bar, '0' space), or null to print the digits alone. */
	readonly bars: string | null;
}

/** At most this many tags in one print (about 13 A4 pages of 24). */
export const MAX_TAGS = 300;

export function priceTags(
	products: readonly { readonly id: string; readonly active: boolean; readonly values: ProductFields }[]
): { tags: PriceTag[]; skipped: number; truncated: boolean } {
	const tags: PriceTag[] = [];
	let skipped = 0;
	let truncated = false;
	for (const p of products) {
		const v = p.values;
		if (!p.active || v.retailPrice === undefined) {
			skipped++;
			continue;
		}
		if (tags.length === MAX_TAGS) {
			truncated = true;
			break;
		}
		const barcode = v.barcodes?.[0] ?? '';
		tags.push({
			id: p.id,
			name: v.name ?? p.id,
			spec: [v.spec, v.model].filter(Boolean).join(' '),
			unit: v.unit ?? '',
			price: v.retailPrice,
			member: v.memberPrice !== undefined && v.memberPrice < v.retailPrice ? v.memberPrice : null,
			code: v.code ?? '',
			barcode,
			bars: barcode ? ean13Bars(barcode) : null
		});
	}
	return { tags, skipped, truncated };
}
