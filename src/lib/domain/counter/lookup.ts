/**
 * Finding what the clerk scanned or typed (rule K3 in docs/SPEC.md). A keyboard-wedge scanner types the
 * barcode and Enter into the focused box; the same box takes a product code typed by hand. An exact
 * barcode wins, then an exact product code; anything else is "unknown", and the caller keeps the text so
 * nothing is lost. A barcode on two products (alert A4) is reported as ambiguous, never guessed.
 *
 * [K5] A weighing-scale label (条码秤, 称重码): an EAN-13 in the in-store range, `2F PPPPP WWWWW C` (a flag
 * digit after the 2, as the scale is set up), with the product's 5-digit PLU (its code, leading zeros
 * aside) and the weight in grams, its check digit valid.
 * It is read only when no product has that exact barcode. The weight becomes a quantity in the
 * product's base unit when that unit is a weight (kg, 斤, g); otherwise the label is refused by name.
 */

export interface ScanProduct {
	readonly id: string;
	readonly code: string;
	readonly barcodes: readonly string[];
	readonly active: boolean;
}

export interface ScanIndex {
	readonly byBarcode: ReadonlyMap<string, readonly string[]>;
	readonly byCode: ReadonlyMap<string, readonly string[]>;
	/** Numeric codes without leading zeros: the PLU a scale prints (K5). */
	readonly byPlu: ReadonlyMap<string, readonly string[]>;
}

function push(map: Map<string, string[]>, key: string, id: string): void {
	const list = map.get(key);
	if (!list) map.set(key, [id]);
	else if (!list.includes(id)) list.push(id);
}

/** Inactive products are left out: they are not sold any more. */
export function buildScanIndex(products: Iterable<ScanProduct>): ScanIndex {
	const byBarcode = new Map<string, string[]>();
	const byCode = new Map<string, string[]>();
	const byPlu = new Map<string, string[]>();
	for (const p of products) {
		if (!p.active) continue;
		for (const b of p.barcodes) push(byBarcode, b.trim(), p.id);
		const code = p.code.trim();
		if (code) push(byCode, code.toUpperCase(), p.id);
		if (/^\d{1,5}$/.test(code) && /[1-9]/.test(code)) push(byPlu, code.replace(/^0+/, ''), p.id);
	}
	return { byBarcode, byCode, byPlu };
}

export type ScanResult =
	| { readonly ok: true; readonly product: string }
	| { readonly ok: true; readonly product: string; readonly grams: number }
	| { readonly ok: false; readonly code: 'empty' }
	| { readonly ok: false; readonly code: 'unknown'; readonly text: string }
	| {
			readonly ok: false;
			readonly code: 'ambiguous';
			readonly text: string;
			readonly products: readonly string[];
	  };

export function resolveScan(index: ScanIndex, raw: string): ScanResult {
	// Scanners may send a trailing CR/LF or tab; people type spaces.
	const text = raw.replace(/\s+/g, '');
	if (text === '') return { ok: false, code: 'empty' };
	const hits = index.byBarcode.get(text) ?? index.byCode.get(text.toUpperCase());
	if (!hits || hits.length === 0) return scaleLabel(index, text) ?? { ok: false, code: 'unknown', text };
	if (hits.length > 1) return { ok: false, code: 'ambiguous', text, products: hits };
	return { ok: true, product: hits[0]! };
}

/** EAN-13 check digit of the first 12 digits. */
export function ean13Check(digits12: string): number {
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * (i % 2 === 0 ? 1 : 3);
	return (10 - (sum % 10)) % 10;
}

/** [K5] A scale label's product (by PLU = code, leading zeros aside) and weight, or null. */
function scaleLabel(index: ScanIndex, text: string): ScanResult | null {
	if (!/^2\d{12}$/.test(text) || ean13Check(text.slice(0, 12)) !== Number(text[12])) return null;
	const plu = text.slice(2, 7).replace(/^0+/, '');
	const grams = Number(text.slice(7, 12));
	if (plu === '' || grams === 0) return null;
	const hits = index.byPlu.get(plu);
	if (!hits || hits.length === 0) return null;
	if (hits.length > 1) return { ok: false, code: 'ambiguous', text, products: hits };
	return { ok: true, product: hits[0]!, grams };
}

/** Grams per base unit for units sold by weight; null for anything else. */
export function gramsPerUnit(unit: string): number | null {
	const u = unit.trim().toLowerCase();
	if (u === 'kg' || u === '公斤' || u === '千克') return 1000;
	if (u === '斤') return 500;
	if (u === 'g' || u === '克') return 1;
	return null;
}

/** A weight in grams as thousandths of the base unit (rounded to the nearest), or null. */
export function weightQty(grams: number, unit: string): number | null {
	const per = gramsPerUnit(unit);
	return per === null ? null : Math.round((grams * 1000) / per);
}
