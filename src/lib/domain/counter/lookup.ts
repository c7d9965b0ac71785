/**
 * Finding what the clerk scanned or typed (rule K3 in docs/SPEC.md). A keyboard-wedge scanner types the
 * barcode and Enter into the focused box; the same box takes a product code typed by hand. An exact
 * barcode wins, then an exact product code; anything else is "unknown", and the caller keeps the text so
 * nothing is lost. A barcode on two products (alert A4) is reported as ambiguous, never guessed.
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
	for (const p of products) {
		if (!p.active) continue;
		for (const b of p.barcodes) push(byBarcode, b.trim(), p.id);
		if (p.code) push(byCode, p.code.trim().toUpperCase(), p.id);
	}
	return { byBarcode, byCode };
}

export type ScanResult =
	| { readonly ok: true; readonly product: string }
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
	if (!hits || hits.length === 0) return { ok: false, code: 'unknown', text };
	if (hits.length > 1) return { ok: false, code: 'ambiguous', text, products: hits };
	return { ok: true, product: hits[0]! };
}
