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

/** At most this many tags in one print (about 13 A4 pages of 24, or 300 labels). */
export const MAX_TAGS = 300;

/** At most this many copies of each product's tag (a shelf and a few spares, or one per item received). */
export const MAX_COPIES = 50;

/**
 * What the tags are printed on: A4 sheets of 24 (3 × 8 tags of 70 × 37 mm, cut by hand or on
 * pre-cut A4 label sheets), or a label printer's roll, one tag per label. `module` is the EAN-13
 * module width in mm: 0.33 is 100 % magnification; the 40 mm label takes 80 % (0.264 mm, the smallest
 * size GS1 recommends for retail), so the bars with their quiet zones (113 modules, 29.8 mm) fit.
 */
export type TagFormat = 'a4' | 'label60x40' | 'label40x30';

export interface TagLayout {
	/** The CSS `@page` size and margin. */
	readonly page: string;
	readonly margin: string;
	/** Tags per printed page (1 on a label roll). */
	readonly perPage: number;
	readonly widthMm: number;
	readonly heightMm: number;
	readonly module: number;
}

export const TAG_FORMATS: Readonly<Record<TagFormat, TagLayout>> = {
	a4: { page: 'A4', margin: '10mm', perPage: 24, widthMm: 70, heightMm: 37, module: 0.33 },
	label60x40: { page: '60mm 40mm', margin: '0', perPage: 1, widthMm: 60, heightMm: 40, module: 0.33 },
	label40x30: { page: '40mm 30mm', margin: '0', perPage: 1, widthMm: 40, heightMm: 30, module: 0.264 }
};

export function isTagFormat(value: unknown): value is TagFormat {
	return typeof value === 'string' && Object.hasOwn(TAG_FORMATS, value);
}

/** Copies per product as typed: a whole number from 1 to MAX_COPIES, or null when it is not one. */
export function tagCopies(text: string): number | null {
	const s = text.trim();
	if (!/^\d{1,3}$/.test(s)) return null;
	const n = Number(s);
	return n >= 1 && n <= MAX_COPIES ? n : null;
}

/** The number of printed pages (sheets, or labels) for a number of tags. */
export function tagPages(format: TagFormat, count: number): number {
	return Math.ceil(count / TAG_FORMATS[format].perPage);
}

/**
 * Tags to print per product for goods received: one per unit received (thousandths of the base unit),
 * at least one, at most MAX_COPIES; a quantity that is not whole units (weighed goods) gets one.
 */
export function receivedCopies(
	lines: readonly { readonly p: string; readonly q: number }[]
): Map<string, number> {
	const units = new Map<string, number>();
	for (const l of lines) units.set(l.p, (units.get(l.p) ?? 0) + l.q);
	const out = new Map<string, number>();
	for (const [p, q] of units) {
		if (q <= 0) continue;
		out.set(p, q % 1000 === 0 ? Math.min(q / 1000, MAX_COPIES) : 1);
	}
	return out;
}

/**
 * The tags of these products, `copies` of each, or per product as a map gives them (a product it
 * does not name gets none), side by side, so a sheet cuts into each product's tags together. A
 * product's copies print all or none; `truncated` when MAX_TAGS left products out.
 */
export function priceTags(
	products: readonly { readonly id: string; readonly active: boolean; readonly values: ProductFields }[],
	copies: number | ReadonlyMap<string, number> = 1
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
		const n = typeof copies === 'number' ? copies : (copies.get(p.id) ?? 0);
		if (n === 0) continue;
		if (tags.length + n > MAX_TAGS) {
			truncated = true;
			break;
		}
		const barcode = v.barcodes?.[0] ?? '';
		const tag: PriceTag = {
			id: p.id,
			name: v.name ?? p.id,
			spec: [v.spec, v.model].filter(Boolean).join(' '),
			unit: v.unit ?? '',
			price: v.retailPrice,
			member: v.memberPrice !== undefined && v.memberPrice < v.retailPrice ? v.memberPrice : null,
			code: v.code ?? '',
			barcode,
			bars: barcode ? ean13Bars(barcode) : null
		};
		for (let i = 0; i < n; i++) tags.push(tag);
	}
	return { tags, skipped, truncated };
}
