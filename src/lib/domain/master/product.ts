/**
 * A product as the clerk types it, checked and turned into the `product` fields of the catalogue
 * (rules MD1–MD6 in docs/SPEC.md). The same rules serve the form (one product) and the import (many rows,
 * checked against each other through the same index), so a product refused by one is refused by both.
 */
import type { MasterFields } from '../catalogue';
import { formatQty, formatYuan, type Fen, type MilliQty } from '../money';
import {
	BARCODE,
	parseCategory,
	parseInteger,
	parseMoney,
	parseQuantity,
	parseText,
	parseVat,
	type FieldError,
	type Parsed
} from './fields';

export interface UnitInput {
	readonly name: string;
	/** How many base units one of these holds ("12"). */
	readonly factor: string;
}

export interface SafetyInput {
	readonly warehouse: string;
	readonly min: string;
	readonly max: string;
}

export interface ProductInput {
	readonly code: string;
	readonly name: string;
	readonly spec: string;
	readonly model: string;
	readonly category: string;
	readonly unit: string;
	readonly units: readonly UnitInput[];
	readonly barcodes: readonly string[];
	readonly purchasePrice: string;
	readonly retailPrice: string;
	readonly wholesalePrice: string;
	readonly memberPrice: string;
	/** Percent ("13") or basis points chosen from a list. */
	readonly vat: string;
	readonly safety: readonly SafetyInput[];
	readonly batchTracked: boolean;
	readonly shelfLifeDays: string;
	readonly supplier: string;
	readonly leadTimeDays: string;
	readonly active: boolean;
}

export type ProductFields = MasterFields<'product'>;

/** Who holds a code or a barcode already (id and name, to name them in the message). */
export interface Owner {
	readonly id: string;
	readonly name: string;
}

export interface ProductIndex {
	readonly byCode: Map<string, Owner>;
	readonly byBarcode: Map<string, Owner>;
}

export function emptyIndex(): ProductIndex {
	return { byCode: new Map(), byBarcode: new Map() };
}

/** The index of codes and barcodes over existing products (current values). */
export function productIndex(
	products: Iterable<{ readonly id: string; readonly values: Record<string, unknown> }>
): ProductIndex {
	const index = emptyIndex();
	for (const p of products) addToIndex(index, p.id, p.values as ProductFields);
	return index;
}

export function addToIndex(index: ProductIndex, id: string, f: ProductFields): void {
	const owner = { id, name: f.name ?? id };
	if (f.code) index.byCode.set(f.code, owner);
	for (const b of f.barcodes ?? []) if (!index.byBarcode.has(b)) index.byBarcode.set(b, owner);
}

export const EMPTY_PRODUCT: ProductInput = {
	code: '',
	name: '',
	spec: '',
	model: '',
	category: '',
	unit: '',
	units: [],
	barcodes: [],
	purchasePrice: '',
	retailPrice: '',
	wholesalePrice: '',
	memberPrice: '',
	vat: '13',
	safety: [],
	batchTracked: false,
	shelfLifeDays: '',
	supplier: '',
	leadTimeDays: '',
	active: true
};

export type ProductErrors = Record<string, FieldError>;

export type ProductCheck =
	| { readonly ok: true; readonly fields: ProductFields }
	| { readonly ok: false; readonly errors: ProductErrors };

export interface ProductContext {
	readonly index: ProductIndex;
	/** The product being edited (its own code and barcodes are not "taken"). */
	readonly self?: string;
	/** Known warehouses (safety stock) and suppliers, when checking them; omitted = not checked. */
	readonly warehouses?: ReadonlySet<string>;
	readonly suppliers?: ReadonlySet<string>;
}

/**
 * [MD1–MD6] Checks a typed product: name and unit required, lengths, prices (fen, never negative), legal
 * VAT rates, extra units with integer factors ≥ 2 and distinct names, barcodes of 8–14 digits used by
 * no other product, safety min ≤ max per known warehouse. Errors are keyed by field path
 * (`units.1.factor`, `barcodes.0`, `safety.0.max`).
 */
export function checkProduct(input: ProductInput, ctx: ProductContext): ProductCheck {
	const errors: ProductErrors = {};
	const take = <T>(path: string, r: Parsed<T>): T | undefined => {
		if (r.ok) return r.value;
		errors[path] = r.error;
		return undefined;
	};
	const fields: Record<string, unknown> = {};
	const put = (name: string, value: unknown) => {
		if (value !== undefined) fields[name] = value;
	};

	put('name', take('name', parseText(input.name, { required: true, max: 120 })));
	const unit = take('unit', parseText(input.unit, { required: true, max: 8 }));
	put('unit', unit);
	const code = take('code', parseText(input.code, { max: 32 }));
	if (code !== undefined) {
		const owner = ctx.index.byCode.get(code);
		if (owner && owner.id !== ctx.self)
			errors.code = { code: 'codeTaken', params: { code, name: owner.name } };
		else put('code', code);
	}
	put('spec', take('spec', parseText(input.spec, { max: 120 })));
	put('model', take('model', parseText(input.model, { max: 120 })));
	put('category', take('category', parseCategory(input.category)));

	const units: { name: string; factor: number }[] = [];
	const unitNames = new Set(unit ? [unit] : []);
	input.units.forEach((u, i) => {
		if (u.name.trim() === '' && u.factor.trim() === '') return; // an empty row left in the form
		const name = take(`units.${i}.name`, parseText(u.name, { required: true, max: 8 }));
		const factor = take(`units.${i}.factor`, parseInteger(u.factor, 2, 1_000_000, 'factor'));
		if (u.factor.trim() === '')
			errors[`units.${i}.factor`] = { code: 'factor', params: { min: 2, max: 1_000_000 } };
		if (name !== undefined && unitNames.has(name))
			errors[`units.${i}.name`] = { code: 'unitRepeated', params: { unit: name } };
		if (name !== undefined) unitNames.add(name);
		if (name !== undefined && factor !== undefined) units.push({ name, factor });
	});
	if (units.length > 8) errors.units = { code: 'tooMany', params: { max: 8 } };
	put('units', units);

	const barcodes: string[] = [];
	input.barcodes.forEach((raw, i) => {
		const b = raw.trim();
		if (b === '') return;
		if (!BARCODE.test(b)) errors[`barcodes.${i}`] = { code: 'barcode' };
		else if (barcodes.includes(b)) errors[`barcodes.${i}`] = { code: 'barcodeRepeated', params: { code: b } };
		else {
			const owner = ctx.index.byBarcode.get(b);
			if (owner && owner.id !== ctx.self)
				errors[`barcodes.${i}`] = { code: 'barcodeTaken', params: { code: b, name: owner.name } };
			else barcodes.push(b);
		}
	});
	if (barcodes.length > 16) errors.barcodes = { code: 'tooMany', params: { max: 16 } };
	put('barcodes', barcodes);

	for (const k of ['purchasePrice', 'retailPrice', 'wholesalePrice', 'memberPrice'] as const)
		put(k, take(k, parseMoney(input[k])));
	put('vat', take('vat', parseVat(input.vat)));

	const safety: Record<string, { min: number; max?: number }> = {};
	input.safety.forEach((s, i) => {
		const wh = s.warehouse.trim();
		if (wh === '' && s.min.trim() === '' && s.max.trim() === '') return;
		if (wh === '') errors[`safety.${i}.warehouse`] = { code: 'required' };
		else if (ctx.warehouses && !ctx.warehouses.has(wh))
			errors[`safety.${i}.warehouse`] = { code: 'unknownWarehouse', params: { warehouse: wh } };
		else if (wh in safety) errors[`safety.${i}.warehouse`] = { code: 'warehouseRepeated' };
		const min = take(`safety.${i}.min`, parseQuantity(s.min));
		const max = take(`safety.${i}.max`, parseQuantity(s.max));
		if (min !== undefined && max !== undefined && max < min)
			errors[`safety.${i}.max`] = { code: 'safetyRange' };
		if (wh !== '' && !(`safety.${i}.warehouse` in errors))
			safety[wh] = { min: min ?? 0, ...(max !== undefined ? { max } : {}) };
	});
	put('safety', safety);

	fields.batchTracked = input.batchTracked;
	put('shelfLifeDays', take('shelfLifeDays', parseInteger(input.shelfLifeDays, 0, 36500, 'days')));
	const supplier = input.supplier.trim();
	if (supplier !== '') {
		if (ctx.suppliers && !ctx.suppliers.has(supplier))
			errors.supplier = { code: 'unknownSupplier', params: { supplier } };
		else put('supplier', supplier);
	}
	put('leadTimeDays', take('leadTimeDays', parseInteger(input.leadTimeDays, 0, 365, 'days')));
	fields.active = input.active;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, fields: fields as ProductFields };
}

/** The form's text for an existing product (the inverse of checkProduct, for editing). */
export function productInput(v: ProductFields): ProductInput {
	const yuan = (fen: number | undefined) => (fen === undefined ? '' : formatFen(fen));
	return {
		code: v.code ?? '',
		name: v.name ?? '',
		spec: v.spec ?? '',
		model: v.model ?? '',
		category: v.category ?? '',
		unit: v.unit ?? '',
		units: (v.units ?? []).map((u) => ({ name: u.name, factor: String(u.factor) })),
		barcodes: [...(v.barcodes ?? [])],
		purchasePrice: yuan(v.purchasePrice),
		retailPrice: yuan(v.retailPrice),
		wholesalePrice: yuan(v.wholesalePrice),
		memberPrice: yuan(v.memberPrice),
		vat: v.vat === undefined ? '' : formatBp(v.vat),
		safety: Object.entries(v.safety ?? {}).map(([warehouse, s]) => ({
			warehouse,
			min: formatMilli(s.min),
			max: s.max === undefined ? '' : formatMilli(s.max)
		})),
		batchTracked: v.batchTracked ?? false,
		shelfLifeDays: v.shelfLifeDays === undefined ? '' : String(v.shelfLifeDays),
		supplier: v.supplier ?? '',
		leadTimeDays: v.leadTimeDays === undefined ? '' : String(v.leadTimeDays),
		active: v.active !== false
	};
}

const formatFen = (fen: number) => formatYuan(fen as Fen);
const formatMilli = (q: number) => formatQty(q as MilliQty);

/** 1300 → "13", 950 → "9.5". */
export function formatBp(bp: number): string {
	const whole = Math.floor(bp / 100);
	const frac = bp % 100;
	return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0+$/, '')}`;
}

/**
 * The fields of `next` that differ from `current` (deep, by value), for an update event that carries
 * only what changed: unchanged fields keep their history clean. An empty list or map equals an absent
 * one. Lists and maps can be emptied; a text or price once set cannot be removed by a later edit (the
 * catalogue has no "unset"), so a cleared text is simply not sent.
 */
export function changedFields(
	current: Record<string, unknown>,
	next: Record<string, unknown>
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(next))
		if (stableJson(emptyToUndefined(current[k])) !== stableJson(emptyToUndefined(v))) out[k] = v;
	return out;
}

/** Optional product fields the product form edits: emptying one of them in the form clears it. */
export const CLEARABLE_PRODUCT_FIELDS: readonly string[] = [
	'spec',
	'model',
	'category',
	'units',
	'barcodes',
	'purchasePrice',
	'retailPrice',
	'wholesalePrice',
	'memberPrice',
	'safety',
	'shelfLifeDays',
	'supplier',
	'leadTimeDays'
];

/** [MD10] Fields among `clearable` that have a value now and none in what the form saves. */
export function clearedFields(
	current: Record<string, unknown>,
	next: Record<string, unknown>,
	clearable: readonly string[]
): string[] {
	return clearable.filter(
		(k) => emptyToUndefined(current[k]) !== undefined && emptyToUndefined(next[k]) === undefined
	);
}

function emptyToUndefined(v: unknown): unknown {
	if (Array.isArray(v)) return v.length === 0 ? undefined : v;
	if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 ? undefined : v;
	return v;
}

/** Drops empty lists and maps (a new record need not say it has none). */
export function withoutEmpty<T extends Record<string, unknown>>(fields: T): T {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(fields)) if (emptyToUndefined(v) !== undefined) out[k] = v;
	return out as T;
}

export function stableJson(v: unknown): string {
	if (v === undefined) return 'undefined';
	if (v === null || typeof v !== 'object') return JSON.stringify(v);
	if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
	const o = v as Record<string, unknown>;
	return `{${Object.keys(o)
		.sort()
		.filter((k) => o[k] !== undefined)
		.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
		.join(',')}}`;
}

/** Base-unit quantity of `qty` thousandths of `unit` (the base unit or one of its extra units). */
export function unitFactor(f: ProductFields, unit: string): number | null {
	if (unit === '' || unit === f.unit) return 1;
	return f.units?.find((u) => u.name === unit)?.factor ?? null;
}
