/**
 * Read models for the master-data pages: product rows with their search keys, stock per warehouse and
 * low-stock status; record rows (suppliers, customers, warehouses, branches, accounts) with theirs.
 * Folded from the ledger once per change (the pages derive them from the workspace version).
 */
import type { RecordState } from '../domain/derive/state';
import type { Ledger } from '../domain/ledger';
import type { ProductFields } from '../domain/master/product';
import type { RecordKind } from '../domain/master/record';
import { matchesKey, matchRank, queryParts, searchKey, type SearchKey } from '../domain/master/search';

export type StockStatus = 'low' | 'high' | 'ok' | 'none';

export interface WarehouseStock {
	readonly warehouse: string;
	readonly onHand: number;
	readonly available: number;
	readonly value: number;
	readonly unitCost: number;
	readonly min?: number;
	readonly max?: number;
	readonly status: StockStatus;
}

export interface ProductRow {
	readonly id: string;
	readonly values: ProductFields;
	readonly code: string;
	readonly name: string;
	readonly active: boolean;
	readonly onHand: number;
	/** Worst status over the warehouses with a safety level. */
	readonly status: StockStatus;
	readonly key: SearchKey;
}

export function stockStatus(
	available: number,
	onHand: number,
	level?: { min: number; max?: number }
): StockStatus {
	if (!level) return 'none';
	if (available < level.min) return 'low';
	if (level.max !== undefined && onHand > level.max) return 'high';
	return 'ok';
}

/** Stock of one product per warehouse: every warehouse with stock or a safety level. */
export function productStock(ledger: Ledger, id: string): WarehouseStock[] {
	const v = ledger.values('product', id) as ProductFields;
	const out: WarehouseStock[] = [];
	const seen = new Set<string>();
	for (const s of ledger.stockLevels()) {
		if (s.product !== id || (!s.onHand && !s.value && !s.reserved)) continue;
		seen.add(s.warehouse);
		const level = v.safety?.[s.warehouse];
		out.push({ ...s, ...(level ?? {}), status: stockStatus(s.available, s.onHand, level) });
	}
	for (const [wh, level] of Object.entries(v.safety ?? {}))
		if (!seen.has(wh))
			out.push({
				warehouse: wh,
				onHand: 0,
				available: 0,
				value: 0,
				unitCost: 0,
				...level,
				status: stockStatus(0, 0, level)
			});
	return out;
}

/**
 * Search keys by record state: a RecordState is replaced, never mutated, when the record changes, so
 * a key computed once stays right for that object (pinyin for 50,000 names is not redone per change).
 */
const keyCache = new WeakMap<RecordState, SearchKey>();

export function productRows(ledger: Ledger): ProductRow[] {
	const onHand = new Map<string, number>();
	const worse = (a: StockStatus | undefined, b: StockStatus): StockStatus =>
		a === 'low' || b === 'low'
			? 'low'
			: a === 'high' || b === 'high'
				? 'high'
				: a === 'ok' || b === 'ok'
					? 'ok'
					: 'none';
	const available = new Map<string, number>();
	for (const s of ledger.stockLevels()) {
		onHand.set(s.product, (onHand.get(s.product) ?? 0) + s.onHand);
		available.set(`${s.product}|${s.warehouse}`, s.available);
	}
	const rows: ProductRow[] = [];
	for (const r of ledger.records('product')) {
		const v = ledger.values('product', r.id) as ProductFields;
		let st: StockStatus = 'none';
		for (const [wh, level] of Object.entries(v.safety ?? {})) {
			const a = available.get(`${r.id}|${wh}`) ?? 0;
			st = worse(st, stockStatus(a, a, level));
		}
		rows.push({
			id: r.id,
			values: v,
			code: v.code ?? '',
			name: v.name ?? r.id,
			active: v.active !== false,
			onHand: onHand.get(r.id) ?? 0,
			status: st,
			key: cachedKey(r, v)
		});
	}
	return rows.sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
}

function cachedKey(r: RecordState, v: ProductFields): SearchKey {
	let key = keyCache.get(r);
	if (!key) keyCache.set(r, (key = searchKey(v)));
	return key;
}

/** Filters and orders rows for a query: exact code or barcode first, then name, then initials. */
export function searchProducts(rows: readonly ProductRow[], query: string, archived: boolean): ProductRow[] {
	const parts = queryParts(query);
	const hits = rows.filter((r) => (archived || r.active) && matchesKey(r.key, parts));
	if (parts.length === 0) return hits;
	return hits
		.map((r) => ({ r, rank: matchRank(r.values, r.key, query) }))
		.sort((a, b) => a.rank - b.rank)
		.map((x) => x.r);
}

/** The product with this barcode or code (a scan), if exactly one has it. */
export function productByScan(rows: readonly ProductRow[], code: string): ProductRow | undefined {
	const c = code.trim();
	return rows.find((r) => r.values.barcodes?.includes(c)) ?? rows.find((r) => r.code === c);
}

export interface RecordRow {
	readonly id: string;
	readonly kind: RecordKind;
	readonly values: Record<string, unknown>;
	readonly code: string;
	readonly name: string;
	readonly active: boolean;
	readonly key: SearchKey;
}

export function recordRows(ledger: Ledger, kind: RecordKind): RecordRow[] {
	return ledger
		.records(kind)
		.map((r) => {
			const v = ledger.values(kind, r.id);
			const name = typeof v.name === 'string' ? v.name : r.id;
			const code = typeof v.code === 'string' ? v.code : '';
			const phones = Array.isArray(v.phones) ? (v.phones as string[]) : [];
			return {
				id: r.id,
				kind,
				values: v,
				code,
				name,
				active: v.active !== false,
				key: searchKey({ code, name, spec: typeof v.contact === 'string' ? v.contact : '', barcodes: phones })
			};
		})
		.sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
}

export function searchRecords(rows: readonly RecordRow[], query: string, archived: boolean): RecordRow[] {
	const parts = queryParts(query);
	return rows.filter((r) => (archived || r.active) && matchesKey(r.key, parts));
}

/** Every category path in use and its parents (服装/裤装 → 服装, 服装/裤装), sorted, for suggestions. */
export function categoryPaths(rows: readonly ProductRow[]): string[] {
	const out = new Set<string>();
	for (const r of rows) {
		const parts = (r.values.category ?? '').split('/').filter(Boolean);
		for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
	}
	return [...out].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** The price fields a shelf tag shows. */
const TAG_PRICES = ['retailPrice', 'memberPrice'] as const;

/**
 * [MD11] Products whose retail or member price took its present value on or after `day` (the business
 * day of the event that first wrote it; an edit that wrote the same price again does not count): new
 * products and price changes (调价), whose shelf tags need printing.
 */
export function repricedSince(ledger: Ledger, day: number): Set<string> {
	const out = new Set<string>();
	for (const r of ledger.records('product')) {
		for (const field of TAG_PRICES) {
			let v = r.fields[field];
			if (!v) continue;
			while (v.prev && v.prev.value === v.value) v = v.prev;
			const at = ledger.event(v.event)?.at;
			if (at !== undefined && at >= day) {
				out.add(r.id);
				break;
			}
		}
	}
	return out;
}
