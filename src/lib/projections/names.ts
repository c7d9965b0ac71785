/**
 * Display names of master records (products, warehouses, parties, accounts, branches), folded from the
 * ledger's records once per change, so tables and alerts can show "康师傅冰红茶" instead of "P00001".
 */
import type { Ledger } from '../domain/ledger';

export interface ProductInfo {
	readonly id: string;
	readonly code: string;
	readonly name: string;
	readonly spec: string;
	readonly category: string;
	readonly unit: string;
	readonly barcodes: readonly string[];
	readonly retailPrice: number | null;
	readonly purchasePrice: number | null;
	readonly vat: number | null;
	readonly active: boolean;
	/** Lower-cased text searched by the search boxes. */
	readonly haystack: string;
}

export interface WarehouseInfo {
	readonly id: string;
	readonly name: string;
	readonly branch: string;
}

export interface MasterNames {
	readonly products: ReadonlyMap<string, ProductInfo>;
	readonly warehouses: ReadonlyMap<string, WarehouseInfo>;
	readonly customers: ReadonlyMap<string, string>;
	readonly suppliers: ReadonlyMap<string, string>;
	readonly accounts: ReadonlyMap<string, string>;
	readonly branches: ReadonlyMap<string, string>;
	readonly users: ReadonlyMap<string, string>;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function simpleNames(ledger: Ledger, kind: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const r of ledger.records(kind)) out.set(r.id, str(ledger.values(kind, r.id).name, r.id));
	return out;
}

export function masterNames(ledger: Ledger): MasterNames {
	const products = new Map<string, ProductInfo>();
	for (const r of ledger.records('product')) {
		const v = ledger.values('product', r.id);
		const barcodes = Array.isArray(v.barcodes) ? (v.barcodes as string[]) : [];
		const info = {
			id: r.id,
			code: str(v.code),
			name: str(v.name, r.id),
			spec: str(v.spec),
			category: str(v.category),
			unit: str(v.unit),
			barcodes,
			retailPrice: num(v.retailPrice),
			purchasePrice: num(v.purchasePrice),
			vat: num(v.vat),
			active: v.active !== false
		};
		products.set(r.id, {
			...info,
			haystack: [info.code, info.name, info.spec, info.category, r.id, ...barcodes].join(' ').toLowerCase()
		});
	}
	const warehouses = new Map<string, WarehouseInfo>();
	for (const r of ledger.records('warehouse')) {
		const v = ledger.values('warehouse', r.id);
		warehouses.set(r.id, { id: r.id, name: str(v.name, r.id), branch: str(v.branch) });
	}
	// Users are named by the relay's role events (payload.name), when it wrote one.
	const users = new Map<string, string>();
	for (const e of ledger.roleEvents()) if (e.payload.name) users.set(e.payload.user, e.payload.name);
	return {
		products,
		warehouses,
		customers: simpleNames(ledger, 'customer'),
		suppliers: simpleNames(ledger, 'supplier'),
		accounts: simpleNames(ledger, 'account'),
		branches: simpleNames(ledger, 'branch'),
		users
	};
}

export const productName = (names: MasterNames, id: string) => names.products.get(id)?.name ?? id;

/**
 * What tells a product apart from others of the same name (sizes, colours): its spec, else its code.
 * Lists that show one line per product (the dashboard's stock alerts) put it beside the name.
 */
export function productDetail(names: MasterNames, id: string): string {
	const p = names.products.get(id);
	return p ? p.spec || p.code : '';
}

/** A product's name with its detail, for sentences ("不锈钢合页 4寸" when several share the name). */
export function productLabel(names: MasterNames, id: string): string {
	const detail = productDetail(names, id);
	return detail ? `${productName(names, id)} ${detail}` : productName(names, id);
}
export const warehouseName = (names: MasterNames, id: string) => names.warehouses.get(id)?.name ?? id;
export const partyName = (names: MasterNames, kind: 'customer' | 'supplier', id: string) =>
	(kind === 'customer' ? names.customers : names.suppliers).get(id) ?? id;
export const userName = (names: MasterNames, id: string) => names.users.get(id) ?? id;

/** Does a product match a search text (name, code, spec, category or barcode)? */
export function matchesProduct(info: ProductInfo | undefined, query: string): boolean {
	const q = query.trim().toLowerCase();
	if (q === '') return true;
	return info !== undefined && q.split(/\s+/).every((part) => info.haystack.includes(part));
}
