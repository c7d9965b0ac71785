/**
 * Opening stock (期初库存) from a sheet (rules IM1–IM5): each row names a product (code or
 * barcode), a warehouse (name, code or id), a quantity in the product's base unit or one of its extra
 * units, and a unit cost or a total amount (the amount wins: it is what an export writes exactly).
 * Batch-tracked products need a batch. Lines are grouped into one `opening.stock` per warehouse (at most
 * 1,000 lines each), recorded in the warehouse's branch.
 */
import { isoFromDay } from '../dates';
import { formatQty, formatYuan, mulDivRound, type Fen, type MilliQty } from '../money';
import { parseDay, parseMoney, parseQuantity, parseText } from '../master/fields';
import { unitFactor, type ProductFields } from '../master/product';
import {
	eachRow,
	headerRow,
	mapHeader,
	type Column,
	type ImportError,
	type ImportPlan,
	type Lang,
	sortErrors
} from './sheet';

export const OPENING_COLUMNS: readonly Column[] = [
	{ key: 'product', zh: '商品编码', en: 'Product code', required: true },
	{ key: 'name', zh: '商品名称', en: 'Product name' },
	{ key: 'warehouse', zh: '仓库', en: 'Warehouse', required: true },
	{ key: 'qty', zh: '数量', en: 'Quantity', required: true },
	{ key: 'unit', zh: '单位', en: 'Unit' },
	{ key: 'cost', zh: '单位成本', en: 'Unit cost' },
	{ key: 'amount', zh: '金额', en: 'Amount' },
	{ key: 'batch', zh: '批次', en: 'Batch' },
	{ key: 'expiry', zh: '有效期', en: 'Expiry' }
];

export interface OpeningLine {
	readonly p: string;
	readonly q: number;
	readonly value: number;
	readonly batch?: string;
	readonly expiry?: number;
}

export interface OpeningDraft {
	readonly wh: string;
	readonly branch: string;
	readonly lines: OpeningLine[];
}

export interface OpeningContext {
	/** Products by code and by barcode → id and current fields. */
	readonly products: ReadonlyMap<string, { readonly id: string; readonly fields: ProductFields }>;
	/** Warehouses by id, code and name → id and branch. */
	readonly warehouses: ReadonlyMap<string, { readonly id: string; readonly branch: string }>;
}

const MAX_LINES = 1000;

export function planOpeningImport(
	sheet: readonly (readonly string[])[],
	ctx: OpeningContext
): ImportPlan<OpeningDraft> {
	const map = mapHeader(sheet[0] ?? [], OPENING_COLUMNS);
	const errors: ImportError[] = [...map.errors];
	if (errors.length > 0) return { rows: 0, drafts: [], errors };
	const byWarehouse = new Map<string, { branch: string; lines: OpeningLine[] }>();
	const seen = new Map<string, number>();
	const rows = eachRow(sheet, map, OPENING_COLUMNS, errors, ({ row, cell, err }) => {
		const before = errors.length;
		const pCode = cell('product').trim();
		const product = ctx.products.get(pCode);
		if (pCode === '') err('product', 'required');
		else if (!product) err('product', 'unknownProduct', { product: pCode });
		const whText = cell('warehouse').trim();
		const wh = ctx.warehouses.get(whText);
		if (whText === '') err('warehouse', 'required');
		else if (!wh) err('warehouse', 'unknownWarehouse', { warehouse: whText });
		else if (!wh.branch) err('warehouse', 'warehouseNoBranch', { warehouse: whText });
		const qty = parseQuantity(cell('qty'), 1);
		if (!qty.ok) err('qty', qty.error.code);
		else if (qty.value === undefined) err('qty', 'required');
		const unit = cell('unit').trim();
		const factor = product ? unitFactor(product.fields, unit) : 1;
		if (product && factor === null)
			err('unit', 'unknownUnit', {
				unit,
				units: [product.fields.unit, ...(product.fields.units ?? []).map((u) => u.name)].join('/')
			});
		const cost = parseMoney(cell('cost'));
		if (!cost.ok) err('cost', cost.error.code);
		const amount = parseMoney(cell('amount'));
		if (!amount.ok) err('amount', amount.error.code);
		if (cost.ok && amount.ok && cost.value === undefined && amount.value === undefined)
			err('cost', 'required');
		const batch = parseText(cell('batch'), { max: 40 });
		if (!batch.ok) err('batch', batch.error.code);
		else if (product?.fields.batchTracked && batch.value === undefined) err('batch', 'batchRequired');
		const expiry = parseDay(cell('expiry'));
		if (!expiry.ok) err('expiry', expiry.error.code);
		if (errors.length > before || !product || !wh || !qty.ok || qty.value === undefined || !factor) return;
		const key = `${product.id}|${wh.id}|${batch.ok ? (batch.value ?? '') : ''}`;
		const first = seen.get(key);
		if (first !== undefined) return err('product', 'duplicateInFile', { value: pCode, row: first });
		seen.set(key, row);
		const q = qty.value * factor;
		const value =
			amount.ok && amount.value !== undefined
				? amount.value
				: mulDivRound(qty.value, cost.ok ? (cost.value ?? 0) : 0, 1000);
		const group = byWarehouse.get(wh.id) ?? { branch: wh.branch, lines: [] };
		byWarehouse.set(wh.id, group);
		group.lines.push({
			p: product.id,
			q,
			value,
			...(batch.ok && batch.value ? { batch: batch.value } : {}),
			...(expiry.ok && expiry.value !== undefined ? { expiry: expiry.value } : {})
		});
	});
	if (errors.length > 0) return { rows, drafts: [], errors: sortErrors(errors, map) };
	const drafts: OpeningDraft[] = [];
	for (const [wh, { branch, lines }] of byWarehouse)
		for (let i = 0; i < lines.length; i += MAX_LINES)
			drafts.push({ wh, branch, lines: lines.slice(i, i + MAX_LINES) });
	return { rows, drafts, errors };
}

/** Opening stock lines as a sheet (base unit, exact amount; the unit cost rounded to the fen). */
export function exportOpening(
	lines: readonly {
		readonly code: string;
		readonly name: string;
		readonly warehouse: string;
		readonly unit: string;
		readonly line: OpeningLine;
	}[],
	lang: Lang
): string[][] {
	const rows = [headerRow(OPENING_COLUMNS, lang)];
	const yuan = (fen: number) => formatYuan(fen as Fen);
	const qty = (m: number) => formatQty(m as MilliQty);
	for (const { code, name, warehouse, unit, line } of lines)
		rows.push([
			code,
			name,
			warehouse,
			qty(line.q),
			unit,
			yuan(mulDivRound(line.value, 1000, line.q)),
			yuan(line.value),
			line.batch ?? '',
			line.expiry === undefined ? '' : isoFromDay(line.expiry)
		]);
	return rows;
}
