/**
 * Importing and exporting products (rules IM1–IM4): every row is checked by the same rules as the
 * product form (checkProduct), against the products that exist and against the rows above it (a code
 * or barcode twice in the file is refused at its second row, naming the first). Rows are checked in
 * chunks so the UI can show progress; the plan is applied only when there is no error at all.
 */
import type { MasterFields } from '../catalogue';
import type { FieldError } from '../master/fields';
import { splitList } from '../master/fields';
import {
	checkProduct,
	formatBp,
	productInput,
	withoutEmpty,
	type ProductIndex,
	type ProductInput,
	type UnitInput
} from '../master/product';
import {
	cellsOf,
	headerRow,
	isBlankRow,
	mapHeader,
	type Column,
	type HeaderMap,
	type ImportError,
	type ImportPlan,
	type Lang,
	sortErrors
} from './sheet';

export const PRODUCT_COLUMNS: readonly Column[] = [
	{ key: 'code', zh: '编码', en: 'Code' },
	{ key: 'name', zh: '名称', en: 'Name', required: true },
	{ key: 'spec', zh: '规格', en: 'Spec' },
	{ key: 'model', zh: '型号', en: 'Model' },
	{ key: 'category', zh: '分类', en: 'Category' },
	{ key: 'unit', zh: '单位', en: 'Unit', required: true },
	{ key: 'units', zh: '辅助单位', en: 'Extra units' },
	{ key: 'barcodes', zh: '条码', en: 'Barcodes' },
	{ key: 'purchasePrice', zh: '进价', en: 'Purchase price' },
	{ key: 'retailPrice', zh: '零售价', en: 'Retail price' },
	{ key: 'wholesalePrice', zh: '批发价', en: 'Wholesale price' },
	{ key: 'memberPrice', zh: '会员价', en: 'Member price' },
	{ key: 'vat', zh: '税率%', en: 'VAT %' },
	{ key: 'batchTracked', zh: '批次管理', en: 'Batch tracked' },
	{ key: 'shelfLifeDays', zh: '保质期天数', en: 'Shelf life days' },
	{ key: 'leadTimeDays', zh: '采购周期天数', en: 'Lead time days' },
	{ key: 'active', zh: '启用', en: 'Active' }
];

export interface ProductDraft {
	readonly id: string;
	readonly fields: MasterFields<'product'>;
}

const YES = new Set(['1', 'y', 'yes', 'true', '是', '启用', '√']);
const NO = new Set(['0', 'n', 'no', 'false', '否', '停用', '×']);

/** "盒=12;箱=144" → extra units. */
export function parseUnitsCell(cell: string): UnitInput[] {
	return splitList(cell).map((item) => {
		const m = /^(.+?)[=＝:：](.*)$/.exec(item);
		return m ? { name: m[1]!.trim(), factor: m[2]!.trim() } : { name: item, factor: '' };
	});
}

/** The column a field error belongs to: `barcodes.1` → barcodes, `units.0.factor` → units. */
function columnKey(path: string): string {
	return path.split('.')[0]!;
}

export class ProductImport {
	readonly #map: HeaderMap;
	readonly #existing: ProductIndex;
	/** Codes and barcodes seen in the file so far → row number. */
	readonly #fileCodes = new Map<string, number>();
	readonly #fileBarcodes = new Map<string, number>();
	readonly #checked: { row: number; fields: MasterFields<'product'> }[] = [];
	readonly #errors: ImportError[] = [];
	#rows = 0;

	constructor(header: readonly string[], existing: ProductIndex) {
		this.#map = mapHeader(header, PRODUCT_COLUMNS);
		this.#existing = existing;
		this.#errors.push(...this.#map.errors);
	}

	get headerOk(): boolean {
		return this.#map.errors.length === 0;
	}

	#error(row: number, key: string, e: FieldError): void {
		const column = this.#map.heading.get(key) ?? PRODUCT_COLUMNS.find((c) => c.key === key)?.zh ?? '';
		this.#errors.push({ row, column, code: e.code, ...(e.params ? { params: e.params } : {}) });
	}

	/** Checks rows; `firstRow` is the spreadsheet number of `rows[0]` (2 for the row after the header). */
	addRows(rows: readonly (readonly string[])[], firstRow: number): void {
		if (!this.headerOk) return;
		rows.forEach((cells, k) => {
			if (isBlankRow(cells)) return;
			const row = firstRow + k;
			this.#rows++;
			const cell = cellsOf(cells, this.#map);
			const flags: Record<string, boolean> = {};
			for (const key of ['batchTracked', 'active']) {
				const v = cell(key).trim().toLowerCase();
				if (v === '') flags[key] = key === 'active';
				else if (YES.has(v)) flags[key] = true;
				else if (NO.has(v)) flags[key] = false;
				else this.#error(row, key, { code: 'yesNo' });
			}
			const input: ProductInput = {
				code: cell('code'),
				name: cell('name'),
				spec: cell('spec'),
				model: cell('model'),
				category: cell('category'),
				unit: cell('unit'),
				units: parseUnitsCell(cell('units')),
				barcodes: splitList(cell('barcodes')),
				purchasePrice: cell('purchasePrice'),
				retailPrice: cell('retailPrice'),
				wholesalePrice: cell('wholesalePrice'),
				memberPrice: cell('memberPrice'),
				vat: cell('vat'),
				safety: [],
				batchTracked: flags.batchTracked ?? false,
				shelfLifeDays: cell('shelfLifeDays'),
				supplier: '',
				leadTimeDays: cell('leadTimeDays'),
				active: flags.active ?? true
			};
			const r = checkProduct(input, { index: this.#existing });
			const seen = new Set<string>();
			if (!r.ok)
				for (const [path, e] of Object.entries(r.errors)) {
					const key = columnKey(path);
					if (seen.has(key)) continue; // one reason per cell is enough
					seen.add(key);
					this.#error(row, key, e);
				}
			// Duplicates within the file, whatever else is wrong with the row.
			const code = input.code.trim();
			const codeRow = code ? this.#fileCodes.get(code) : undefined;
			if (codeRow !== undefined && !seen.has('code'))
				this.#error(row, 'code', { code: 'duplicateInFile', params: { value: code, row: codeRow } });
			else if (code) this.#fileCodes.set(code, row);
			for (const b of new Set(input.barcodes.map((x) => x.trim()))) {
				const bRow = this.#fileBarcodes.get(b);
				if (bRow !== undefined && !seen.has('barcodes')) {
					this.#error(row, 'barcodes', { code: 'duplicateInFile', params: { value: b, row: bRow } });
					seen.add('barcodes');
				} else if (bRow === undefined) this.#fileBarcodes.set(b, row);
			}
			if (
				r.ok &&
				!seen.has('code') &&
				!seen.has('barcodes') &&
				!seen.has('batchTracked') &&
				!seen.has('active')
			)
				this.#checked.push({ row, fields: r.fields });
		});
	}

	/** The plan: one `product.created` per row, with generated codes for rows without one. */
	plan(newId: () => string): ImportPlan<ProductDraft> {
		const errors = sortErrors([...this.#errors], this.#map);
		if (errors.length > 0) return { rows: this.#rows, drafts: [], errors };
		let next = maxCodeNumber([...this.#existing.byCode.keys(), ...this.#fileCodes.keys()]);
		const drafts = this.#checked.map(({ fields }) => {
			const code = fields.code ?? `SP${String(++next).padStart(4, '0')}`;
			return { id: newId(), fields: withoutEmpty({ ...fields, code }) };
		});
		return { rows: this.#rows, drafts, errors };
	}
}

function maxCodeNumber(codes: Iterable<string>): number {
	let max = 0;
	for (const c of codes) {
		const m = /^SP(\d+)$/.exec(c);
		if (m) max = Math.max(max, Number(m[1]));
	}
	return max;
}

/** Checks a whole sheet at once (tests, benchmark); the UI feeds chunks to a ProductImport instead. */
export function planProductImport(
	sheet: readonly (readonly string[])[],
	existing: ProductIndex,
	newId: () => string
): ImportPlan<ProductDraft> {
	const imp = new ProductImport(sheet[0] ?? [], existing);
	imp.addRows(sheet.slice(1), 2);
	return imp.plan(newId);
}

/** The products as a sheet with the import's columns, so an export imports back unchanged. */
export function exportProducts(
	products: readonly { readonly values: MasterFields<'product'> }[],
	lang: Lang
): string[][] {
	const rows = [headerRow(PRODUCT_COLUMNS, lang)];
	const yes = lang === 'zh' ? '是' : 'yes';
	const no = lang === 'zh' ? '否' : 'no';
	for (const { values: v } of products) {
		const t = productInput(v);
		rows.push([
			t.code,
			t.name,
			t.spec,
			t.model,
			t.category,
			t.unit,
			t.units.map((u) => `${u.name}=${u.factor}`).join(';'),
			t.barcodes.join(';'),
			t.purchasePrice,
			t.retailPrice,
			t.wholesalePrice,
			t.memberPrice,
			v.vat === undefined ? '' : formatBp(v.vat),
			t.batchTracked ? yes : no,
			t.shelfLifeDays,
			t.leadTimeDays,
			t.active ? yes : no
		]);
	}
	return rows;
}
