import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv';
import { exportProducts, planProductImport, PRODUCT_COLUMNS } from './products';
import { exportRecords, planRecordImport } from './records';
import { exportOpening, planOpeningImport, type OpeningContext } from './opening';
import { headerRow } from './sheet';
import { emptyIndex, productIndex, type ProductFields } from '../master/product';
import { codeIndex } from '../master/record';
import { dayFromIso } from '../dates';

let n = 0;
const newId = () => `P${++n}`;
const H = headerRow(PRODUCT_COLUMNS, 'zh');
/** A product row by column key, everything else blank. */
const row = (cells: Record<string, string>) => PRODUCT_COLUMNS.map((c) => cells[c.key] ?? '');

describe('CSV', () => {
	it('reads quotes, commas and line breaks in cells, CRLF, a BOM; writes what it reads', () => {
		const text = '\ufeff编码,名称,备注\r\nA1,"牛仔裤, 蓝","一行\n两行 ""引号"""\r\n\r\nA2,衬衫,\n';
		const rows = parseCsv(text);
		expect(rows).toEqual([
			['编码', '名称', '备注'],
			['A1', '牛仔裤, 蓝', '一行\n两行 "引号"'],
			['A2', '衬衫', '']
		]);
		expect(parseCsv(writeCsv(rows))).toEqual(rows);
	});
});

describe('product import', () => {
	const existing = productIndex([
		{ id: 'X1', values: { code: 'OLD1', name: '旧商品', barcodes: ['6900000000001'] } }
	]);

	it('[IM1] a file without a required column (and no codes to update by) is refused as a whole', () => {
		const plan = planProductImport(
			[
				['规格', '零售价'],
				['x', '5']
			],
			emptyIndex(),
			newId
		);
		expect(plan.errors).toEqual([
			{ row: 1, column: '名称', code: 'missingColumn', params: { column: '名称 / Name' } },
			{ row: 1, column: '单位', code: 'missingColumn', params: { column: '单位 / Unit' } }
		]);
	});

	it('[IM2][IM3] every bad row is reported by row, column and reason, and nothing is planned', () => {
		const sheet = [
			H,
			row({ code: 'A1', name: '牛仔裤', unit: '条', retailPrice: '199', barcodes: '6901234567892' }),
			row({ code: 'A2', name: '', unit: '件' }),
			row({ code: 'A3', name: '衬衫', unit: '件', retailPrice: '12.3.4' }),
			row({ code: 'A1', name: '短裤', unit: '条' }),
			row({ code: 'A5', name: '外套', unit: '件', barcodes: '6901234567892' }),
			row({ code: 'A6', name: '帽子', unit: '顶', barcodes: '6900000000001' }),
			row({ code: 'OLD1', name: '袜子', unit: '双' }),
			row({ code: 'A8', name: '手套', unit: '副', units: '箱=abc', vat: '12' }),
			row({})
		];
		const plan = planProductImport(sheet, existing, newId);
		expect(plan.drafts).toEqual([]);
		expect(plan.rows).toBe(8);
		expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[3, '名称', 'required'],
			[4, '零售价', 'price'],
			[5, '编码', 'duplicateInFile'],
			[6, '条码', 'duplicateInFile'],
			[7, '条码', 'barcodeTaken'],
			[8, '编码', 'codeTaken'],
			[9, '辅助单位', 'factor'],
			[9, '税率%', 'vat']
		]);
		expect(plan.errors[2]!.params).toEqual({ value: 'A1', row: 2 });
		expect(plan.errors[4]!.params).toEqual({ code: '6900000000001', name: '旧商品' });
	});

	it('[IM3] a clean file plans one product per row, with codes generated where blank', () => {
		const plan = planProductImport(
			[
				['名称', '单位', '辅助单位', '条码', '零售价', '分类'],
				['牛仔裤', '条', '箱=20', '6901234567892;6901234567908', '199.5', '服装/裤装'],
				['衬衫', '件', '', '', '', '']
			],
			existing,
			newId
		);
		expect(plan.errors).toEqual([]);
		expect(plan.drafts.map((d) => d.fields)).toEqual([
			{
				name: '牛仔裤',
				unit: '条',
				code: 'SP0001',
				category: '服装/裤装',
				units: [{ name: '箱', factor: 20 }],
				barcodes: ['6901234567892', '6901234567908'],
				retailPrice: 19950,
				batchTracked: false,
				active: true
			},
			{ name: '衬衫', unit: '件', code: 'SP0002', batchTracked: false, active: true }
		]);
	});

	it('[IM4] an export imports back to the same products, in Chinese or English headings', () => {
		const products: { values: ProductFields }[] = [
			{
				values: {
					code: 'K1',
					name: '牛仔裤, "修身"',
					spec: '32码',
					model: 'M-1',
					category: '服装/裤装',
					unit: '条',
					units: [{ name: '箱', factor: 20 }],
					barcodes: ['6901234567892'],
					purchasePrice: 8000,
					retailPrice: 19900,
					wholesalePrice: 15000,
					memberPrice: 17900,
					vat: 1300,
					batchTracked: true,
					shelfLifeDays: 730,
					leadTimeDays: 7,
					active: false
				}
			}
		];
		for (const lang of ['zh', 'en'] as const) {
			const sheet = parseCsv(writeCsv(exportProducts(products, lang)));
			const plan = planProductImport(sheet, emptyIndex(), newId);
			expect(plan.errors).toEqual([]);
			expect(plan.drafts.map((d) => ({ values: d.fields }))).toEqual(products);
			expect(
				exportProducts(
					plan.drafts.map((d) => ({ values: d.fields })),
					lang
				)
			).toEqual(exportProducts(products, lang));
		}
	});
});

describe('product import updates existing products [IM6]', () => {
	const kettle: ProductFields = {
		code: 'K1',
		name: '电水壶',
		spec: '1.7L',
		unit: '个',
		barcodes: ['6901234567892'],
		purchasePrice: 6000,
		retailPrice: 12000,
		vat: 1300,
		batchTracked: false,
		active: true
	};
	const cup: ProductFields = {
		code: 'C1',
		name: '保温杯',
		unit: '个',
		barcodes: ['6900000000001'],
		retailPrice: 4500
	};
	const records = [
		{ id: 'P-K', values: kettle },
		{ id: 'P-C', values: cup }
	];
	const index = productIndex(records);
	const current = (id: string) => {
		const r = records.find((x) => x.id === id);
		return r ? { values: r.values, version: `v-${id}` } : undefined;
	}; /** The plan for these rows against the products above. */
	const planRows = (rows: string[][]) => planProductImport(rows, index, newId, current);

	it('[IM6] an export edited in a spreadsheet imports back as just the edits', () => {
		const sheet = exportProducts(
			records.map((r) => ({ values: r.values })),
			'zh'
		);
		sheet[1]![PRODUCT_COLUMNS.findIndex((c) => c.key === 'retailPrice')] = '118';
		const plan = planProductImport(sheet, index, newId, current);
		expect(plan.errors).toEqual([]);
		expect(plan.drafts).toEqual([]);
		expect(plan.updates).toEqual([{ id: 'P-K', fields: { retailPrice: 11800 }, base: 'v-P-K' }]);
		expect(plan.unchanged).toBe(1);
	});

	it('[IM6] a sheet of codes and prices reprices; blank cells keep the value; unknown codes are errors', () => {
		const plan = planRows([
			['编码', '零售价', '进价'],
			['K1', '99.5', ''],
			['C1', '', '20'],
			['NOPE', '3', ''],
			['', '4', '']
		]);
		expect(plan.errors).toEqual([
			{ row: 4, column: '编码', code: 'unknownCode', params: { code: 'NOPE' } },
			{ row: 5, column: '编码', code: 'codeRequired' }
		]);
		expect(plan.updates).toEqual([]);
		const ok = planRows([
			['编码', '零售价', '进价'],
			['K1', '99.5', ''],
			['C1', '', '20']
		]);
		expect(ok.errors).toEqual([]);
		expect(ok.updates).toEqual([
			{ id: 'P-K', fields: { retailPrice: 9950 }, base: 'v-P-K' },
			{ id: 'P-C', fields: { purchasePrice: 2000 }, base: 'v-P-C' }
		]);
	});

	it('[IM6] an update is checked like the form: a barcode of another product, a bad price, a code twice', () => {
		const plan = planRows([
			['编码', '条码', '零售价', '名称', '单位'],
			['K1', '6900000000001', '', '', ''],
			['C1', '', 'abc', '', ''],
			['K1', '', '1', '', ''],
			['N1', '', '2', '新商品', '个']
		]);
		expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, '条码', 'barcodeTaken'],
			[3, '零售价', 'price'],
			[4, '编码', 'duplicateInFile']
		]);
		expect(plan.drafts).toEqual([]);
		expect(plan.updates).toEqual([]);
		// Fixed: one new product and one update in the same file.
		const fixed = planRows([
			['编码', '条码', '零售价', '名称', '单位'],
			['K1', '6901234567892;6901234567908', '', '', ''],
			['N1', '', '2', '新商品', '个']
		]);
		expect(fixed.errors).toEqual([]);
		expect(fixed.drafts.map((d) => d.fields)).toEqual([
			{ code: 'N1', name: '新商品', unit: '个', retailPrice: 200, batchTracked: false, active: true }
		]);
		expect(fixed.updates).toEqual([
			{ id: 'P-K', fields: { barcodes: ['6901234567892', '6901234567908'] }, base: 'v-P-K' }
		]);
	});
});

describe('supplier and customer import', () => {
	it('[IM2][IM4] checks rows like the form, refuses duplicate codes, and round-trips', () => {
		const codes = codeIndex([{ id: 'C0', values: { code: 'KH0', name: '老客户' } }]);
		const bad = planRecordImport(
			'customer',
			[
				['编码', '名称', '电话', '价格等级', '信用额度'],
				['KH1', '王老板', '13800000000', '批发', '5000'],
				['KH1', '李老板', '', '', ''],
				['KH0', '', '', 'vip', 'x']
			],
			codes,
			newId
		);
		expect(bad.drafts).toEqual([]);
		expect(bad.errors.map((e) => [e.row, e.column, e.code])).toEqual(
			[
				[3, '编码', 'duplicateInFile'],
				[4, '编码', 'codeTaken'],
				[4, '名称', 'required'],
				[4, '价格等级', 'choice'],
				[4, '信用额度', 'price']
			].sort((a, b) => (a[0] as number) - (b[0] as number))
		);
		const good = planRecordImport(
			'customer',
			[
				['编码', '名称', '电话', '价格等级', '信用额度', '折让%'],
				['KH1', '王老板', '13800000000;0571-8888', '批发', '5000', '2.5']
			],
			codes,
			newId
		);
		expect(good.drafts[0]!.fields).toEqual({
			code: 'KH1',
			name: '王老板',
			phones: ['13800000000', '0571-8888'],
			tier: 'wholesale',
			creditLimit: 500000,
			discountBp: 250,
			active: true
		});
		const again = planRecordImport(
			'customer',
			exportRecords('customer', [{ values: good.drafts[0]!.fields }], 'zh'),
			new Map(),
			newId
		);
		expect(again.drafts[0]!.fields).toEqual(good.drafts[0]!.fields);
	});
});

describe('opening stock import', () => {
	const ctx: OpeningContext = {
		products: new Map([
			['K1', { id: 'P1', fields: { name: '可乐', unit: '瓶', units: [{ name: '箱', factor: 24 }] } }],
			[
				'6901234567892',
				{ id: 'P1', fields: { name: '可乐', unit: '瓶', units: [{ name: '箱', factor: 24 }] } }
			],
			['M1', { id: 'P2', fields: { name: '牛奶', unit: '盒', batchTracked: true } }]
		]),
		warehouses: new Map([
			['主仓', { id: 'W1', branch: 'B01' }],
			['W1', { id: 'W1', branch: 'B01' }],
			['无店仓', { id: 'W9', branch: '' }]
		])
	};
	const H2 = ['商品编码', '仓库', '数量', '单位', '单位成本', '金额', '批次', '有效期'];

	it('[IM5] converts extra units to the base unit, values at cost, groups by warehouse', () => {
		const plan = planOpeningImport(
			[
				H2,
				['K1', '主仓', '2', '箱', '48', '', '', ''],
				['M1', 'W1', '10', '', '3.5', '', 'L01', '2027-03-01']
			],
			ctx
		);
		expect(plan.errors).toEqual([]);
		expect(plan.drafts).toEqual([
			{
				wh: 'W1',
				branch: 'B01',
				lines: [
					{ p: 'P1', q: 48000, value: 9600 },
					{ p: 'P2', q: 10000, value: 3500, batch: 'L01', expiry: dayFromIso('2027-03-01')! }
				]
			}
		]);
	});

	it('[IM2][IM5] unknown unit, unknown product or warehouse, missing batch, bad date: all reported', () => {
		const plan = planOpeningImport(
			[
				H2,
				['K1', '主仓', '2', '盒', '48', '', '', ''],
				['ZZ', '主仓', '1', '', '1', '', '', ''],
				['K1', '后仓', '1', '', '1', '', '', ''],
				['M1', '主仓', '1', '', '1', '', '', '2027-02-30'],
				['K1', '无店仓', '0', '', '', '', '', '']
			],
			ctx
		);
		expect(plan.drafts).toEqual([]);
		expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, '单位', 'unknownUnit'],
			[3, '商品编码', 'unknownProduct'],
			[4, '仓库', 'unknownWarehouse'],
			[5, '批次', 'batchRequired'],
			[5, '有效期', 'date'],
			[6, '仓库', 'warehouseNoBranch'],
			[6, '数量', 'qty'],
			[6, '单位成本', 'required']
		]);
		expect(plan.errors[0]!.params).toEqual({ unit: '盒', units: '瓶/箱' });
	});

	it('[IM4] an export imports back to the same lines', () => {
		const lines = [{ p: 'P1', q: 7000, value: 2333, batch: 'B1' }];
		const sheet = exportOpening(
			[{ code: 'K1', name: '可乐', warehouse: '主仓', unit: '瓶', line: lines[0]! }],
			'zh'
		);
		expect(sheet[1]).toEqual(['K1', '可乐', '主仓', '7', '瓶', '3.33', '23.33', 'B1', '']);
		const plan = planOpeningImport(sheet, ctx);
		expect(plan.drafts[0]!.lines).toEqual(lines);
	});
});
