/**
 * The stock table: one row per product × warehouse with names from master data, and the search over
 * it (name, code, spec, category, barcode or warehouse).
 */
import type { Ledger } from '../domain/ledger';
import { warehouseName, type MasterNames } from './names';

export interface StockRow {
	readonly key: string;
	readonly product: string;
	readonly code: string;
	readonly name: string;
	readonly spec: string;
	readonly unit: string;
	readonly warehouse: string;
	readonly warehouseName: string;
	readonly onHand: number;
	readonly available: number;
	readonly reserved: number;
	readonly incoming: number;
	readonly unitCost: number;
	readonly value: number;
	readonly haystack: string;
}

export function stockRows(ledger: Ledger, names: MasterNames): StockRow[] {
	const rows: StockRow[] = [];
	for (const s of ledger.stockLevels()) {
		if (!s.onHand && !s.reserved && !s.incoming && !s.value) continue;
		const p = names.products.get(s.product);
		const wh = warehouseName(names, s.warehouse);
		rows.push({
			key: `${s.product}|${s.warehouse}`,
			product: s.product,
			code: p?.code ?? s.product,
			name: p?.name ?? s.product,
			spec: p?.spec ?? '',
			unit: p?.unit ?? '',
			warehouse: s.warehouse,
			warehouseName: wh,
			onHand: s.onHand,
			available: s.available,
			reserved: s.reserved,
			incoming: s.incoming,
			unitCost: s.unitCost,
			value: s.value,
			haystack: `${p?.haystack ?? s.product.toLowerCase()} ${wh.toLowerCase()}`
		});
	}
	return rows.sort((a, b) => a.code.localeCompare(b.code) || a.warehouse.localeCompare(b.warehouse));
}

export function filterStock(rows: readonly StockRow[], query: string, warehouse: string): StockRow[] {
	const parts = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	return rows.filter(
		(r) => (warehouse === '' || r.warehouse === warehouse) && parts.every((q) => r.haystack.includes(q))
	);
}
