/**
 * Importing and exporting products (rules IM1–IM4, IM6): every row is checked by the same rules as the
 * product form (checkProduct), against the products that exist and against the rows above it (a code
 * or barcode twice in the file is refused at its second row, naming the first). Rows are checked in
 * chunks so the UI can show progress; the plan is applied only when there is no error at all.
 *
 * [IM6] A row whose code is an existing product's updates that product: its non-blank cells replace the
 * current values, blank cells and absent columns keep them, and only what changed is recorded. So an
 * export edited in Excel imports back as the edits, and a sheet of just 编码 and 零售价 reprices (a
 * sheet without the name or unit column can only update: a code it does not know is an error).
 */
import type { MasterFields } from '../catalogue';
import type { FieldError } from '../master/fields';
import { splitList } from '../master/fields';
import {
	changedFields,
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

/** [IM6] What a row changes in an existing product, and the version it was checked against. */
export interface ProductUpdate {
	readonly id: string;
	readonly fields: Partial<MasterFields<'product'>>;
	readonly base?: string;
}

/** An existing product as the import sees it. */
export interface CurrentProduct {
	readonly values: MasterFields<'product'>;
	readonly version?: string;
}

export interface ProductPlan extends ImportPlan<ProductDraft> {
	readonly updates: ProductUpdate[];
	/** Rows naming an existing product that change nothing. */
	readonly unchanged: number;
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
	readonly #updates: ProductUpdate[] = [];
	#unchanged = 0;
	readonly #errors: ImportError[] = [];
	readonly #current: (id: string) => CurrentProduct | undefined;
	/** The sheet lacks a column a new product needs, but has codes: it can only update. */
	readonly updateOnly: boolean;
	#rows = 0;

	constructor(
		header: readonly string[],
		existing: ProductIndex,
		current: (id: string) => CurrentProduct | undefined = () => undefined
	) {
		const map = mapHeader(header, PRODUCT_COLUMNS);
		this.updateOnly =
			map.errors.length > 0 && map.errors.every((e) => e.code === 'missingColumn') && map.index.has('code');
		this.#map = this.updateOnly ? { ...map, errors: [] } : map;
		this.#existing = existing;
		this.#current = current;
		this.#errors.push(...this.#map.errors);
	}

	get headerOk(): boolean {
		return this.#map.errors.length === 0;
	}

	/** Reads a yes/no cell: blank gives `blank`; anything else unknown is an error. */
	#flag(row: number, key: string, text: string, blank: boolean): boolean {
		const v = text.trim().toLowerCase();
		if (v === '') return blank;
		if (YES.has(v)) return true;
		if (NO.has(v)) return false;
		this.#error(row, key, { code: 'yesNo' });
		return blank;
	}

	/** Reports a failed check's errors, one per column; returns the columns that had one. */
	#report(row: number, errors: Record<string, FieldError>): Set<string> {
		const seen = new Set<string>();
		for (const [path, e] of Object.entries(errors)) {
			const key = columnKey(path);
			if (seen.has(key)) continue; // one reason per cell is enough
			seen.add(key);
			this.#error(row, key, e);
		}
		return seen;
	}

	/** Duplicate codes and barcodes within the file; returns false when the row had one. */
	#noDuplicates(row: number, code: string, barcodes: readonly string[], seen: Set<string>): boolean {
		let ok = true;
		const codeRow = code ? this.#fileCodes.get(code) : undefined;
		if (codeRow !== undefined && !seen.has('code')) {
			this.#error(row, 'code', { code: 'duplicateInFile', params: { value: code, row: codeRow } });
			ok = false;
		} else if (code) this.#fileCodes.set(code, row);
		for (const b of new Set(barcodes.map((x) => x.trim()))) {
			const bRow = this.#fileBarcodes.get(b);
			if (bRow !== undefined && !seen.has('barcodes')) {
				this.#error(row, 'barcodes', { code: 'duplicateInFile', params: { value: b, row: bRow } });
				seen.add('barcodes');
				ok = false;
			} else if (bRow === undefined) this.#fileBarcodes.set(b, row);
		}
		return ok;
	}

	/** [IM6] A row naming an existing product: its non-blank cells over the current values. */
	#updateRow(row: number, cell: (key: string) => string, id: string, current: CurrentProduct): void {
		const base = productInput(current.values);
		const given = (key: string) => cell(key).trim() !== '';
		const text = (key: keyof ProductInput & keyof typeof base) =>
			given(key) ? cell(key) : (base[key] as string);
		const errorsBefore = this.#errors.length;
		const input: ProductInput = {
			...base,
			name: text('name'),
			spec: text('spec'),
			model: text('model'),
			category: text('category'),
			unit: text('unit'),
			units: given('units') ? parseUnitsCell(cell('units')) : base.units,
			barcodes: given('barcodes') ? splitList(cell('barcodes')) : base.barcodes,
			purchasePrice: text('purchasePrice'),
			retailPrice: text('retailPrice'),
			wholesalePrice: text('wholesalePrice'),
			memberPrice: text('memberPrice'),
			vat: text('vat'),
			shelfLifeDays: text('shelfLifeDays'),
			leadTimeDays: text('leadTimeDays'),
			batchTracked: this.#flag(row, 'batchTracked', cell('batchTracked'), base.batchTracked),
			active: this.#flag(row, 'active', cell('active'), base.active)
		};
		const r = checkProduct(input, { index: this.#existing, self: id });
		const seen = r.ok ? new Set<string>() : this.#report(row, r.errors);
		const unique = this.#noDuplicates(
			row,
			cell('code').trim(),
			given('barcodes') ? input.barcodes : [],
			seen
		);
		if (!r.ok || !unique || this.#errors.length > errorsBefore) return;
		// Compared with the current values read the same way, so defaults (active, not batch tracked) and
		// number formats never count as changes.
		const before = checkProduct(base, { index: this.#existing, self: id });
		const changed = changedFields(before.ok ? before.fields : current.values, r.fields) as Partial<
			MasterFields<'product'>
		>;
		if (Object.keys(changed).length === 0) this.#unchanged++;
		else this.#updates.push({ id, fields: changed, ...(current.version ? { base: current.version } : {}) });
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
			const owner = this.#existing.byCode.get(cell('code').trim());
			const current = owner ? this.#current(owner.id) : undefined;
			if (owner && current) return this.#updateRow(row, cell, owner.id, current);
			if (this.updateOnly) {
				const code = cell('code').trim();
				this.#error(row, 'code', code ? { code: 'unknownCode', params: { code } } : { code: 'codeRequired' });
				return;
			}
			const errorsBefore = this.#errors.length;
			const flags = {
				batchTracked: this.#flag(row, 'batchTracked', cell('batchTracked'), false),
				active: this.#flag(row, 'active', cell('active'), true)
			};
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
				batchTracked: flags.batchTracked,
				shelfLifeDays: cell('shelfLifeDays'),
				supplier: '',
				leadTimeDays: cell('leadTimeDays'),
				active: flags.active
			};
			const r = checkProduct(input, { index: this.#existing });
			const seen = r.ok ? new Set<string>() : this.#report(row, r.errors);
			// Duplicates within the file, whatever else is wrong with the row.
			const unique = this.#noDuplicates(row, input.code.trim(), input.barcodes, seen);
			if (r.ok && unique && this.#errors.length === errorsBefore)
				this.#checked.push({ row, fields: r.fields });
		});
	}

	/**
	 * The plan: one `product.created` per new row, with generated codes for rows without one, and one
	 * `product.updated` per row that changes an existing product.
	 */
	plan(newId: () => string): ProductPlan {
		const errors = sortErrors([...this.#errors], this.#map);
		if (errors.length > 0) return { rows: this.#rows, drafts: [], updates: [], unchanged: 0, errors };
		let next = maxCodeNumber([...this.#existing.byCode.keys(), ...this.#fileCodes.keys()]);
		const drafts = this.#checked.map(({ fields }) => {
			const code = fields.code ?? `SP${String(++next).padStart(4, '0')}`;
			return { id: newId(), fields: withoutEmpty({ ...fields, code }) };
		});
		return { rows: this.#rows, drafts, updates: [...this.#updates], unchanged: this.#unchanged, errors };
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
	newId: () => string,
	current?: (id: string) => CurrentProduct | undefined
): ProductPlan {
	const imp = new ProductImport(sheet[0] ?? [], existing, current);
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
