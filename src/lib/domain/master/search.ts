/**
 * Product search (DESIGN §7): by name, code, spec, category, barcode, or the pinyin initials of the name.
 * The search key is built once per product; matching is a few substring tests, so filtering 50,000
 * products per keystroke stays in the tens of milliseconds.
 */
import { pinyinInitials } from './pinyin';

export interface SearchKey {
	/** Lower-cased words: code, name, spec, model, category, barcodes. */
	readonly haystack: string;
	/** Pinyin initials of the name (and category), e.g. `nzk fz/kz`. */
	readonly initials: string;
}

export interface Searchable {
	readonly code?: string;
	readonly name?: string;
	readonly spec?: string;
	readonly model?: string;
	readonly category?: string;
	readonly barcodes?: readonly string[];
}

export function searchKey(p: Searchable): SearchKey {
	const words = [p.code, p.name, p.spec, p.model, p.category, ...(p.barcodes ?? [])].filter(Boolean);
	return {
		haystack: words.join(' ').toLowerCase(),
		initials: [pinyinInitials(p.name ?? ''), pinyinInitials(p.category ?? '')].join(' ')
	};
}

/** Splits a query into lower-cased parts; every part must match (in the words or the initials). */
export function queryParts(query: string): string[] {
	return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesKey(key: SearchKey, parts: readonly string[]): boolean {
	for (const part of parts) {
		if (key.haystack.includes(part)) continue;
		if (/^[a-z0-9]+$/.test(part) && key.initials.includes(part)) continue;
		return false;
	}
	return true;
}

/**
 * How well a product matches, for ordering: an exact code or barcode first, then a name that starts
 * with the query, then initials that start with it, then the rest. Lower is better.
 */
export function matchRank(p: Searchable, key: SearchKey, query: string): number {
	const q = query.trim().toLowerCase();
	if (q === '') return 3;
	if (p.code?.toLowerCase() === q || p.barcodes?.includes(q)) return 0;
	if ((p.name ?? '').toLowerCase().startsWith(q)) return 1;
	if (key.initials.startsWith(q)) return 2;
	return 3;
}
