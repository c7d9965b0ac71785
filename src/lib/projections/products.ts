/** The product list: master data with the stock on hand summed over warehouses. */
import type { ProductInfo, MasterNames } from './names';
import type { StockRow } from './stock';

export interface ProductRow extends ProductInfo {
	readonly onHand: number;
}

export function productRows(names: MasterNames, stock: readonly StockRow[]): ProductRow[] {
	const onHand = new Map<string, number>();
	for (const s of stock) onHand.set(s.product, (onHand.get(s.product) ?? 0) + s.onHand);
	return [...names.products.values()]
		.map((p) => ({ ...p, onHand: onHand.get(p.id) ?? 0 }))
		.sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
}

/** Branch codes of the company: from master data, plus any named in the user's room grants. */
export function branchCodes(names: MasterNames, grantPatterns: readonly string[]): string[] {
	const out = new Set<string>(names.branches.keys());
	for (const pattern of grantPatterns) {
		const m = /^t\/[^/]+\/b\/([^/*]+)\//.exec(pattern);
		if (m) out.add(m[1]!);
	}
	return [...out].sort();
}
