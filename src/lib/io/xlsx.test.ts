import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readXlsx, writeXlsx, XlsxError } from './xlsx';
import { exportProducts, planProductImport } from '../domain/import/products';
import { emptyIndex, type ProductFields } from '../domain/master/product';

describe('xlsx', () => {
	it('[IM4] writes rows that read back the same (Chinese, leading zeros, long barcodes, XML characters)', () => {
		const rows = [
			['编码', '名称', '条码', '备注'],
			['00123', '牛仔裤 <蓝> & "修身"', '6901234567892', ' 前后空格 '],
			['A2', '衬衫', '', 'x']
		];
		expect(readXlsx(writeXlsx(rows))).toEqual([rows[0], rows[1], ['A2', '衬衫', '', 'x']]);
	});

	it('reads what Excel writes: shared strings, numbers, booleans, gaps between cells and rows', () => {
		const sheet = `<?xml version="1.0"?><worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
<row r="3"><c r="A3"><v>12.5</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="inlineStr"><is><t>内联</t></is></c></row>
</sheetData></worksheet>`;
		const shared = `<sst><si><t>名称</t></si><si><r><t>富</t></r><r><t xml:space="preserve">文本 &amp; 更多</t></r></si></sst>`;
		const file = zipSync({
			'xl/worksheets/sheet1.xml': strToU8(sheet),
			'xl/sharedStrings.xml': strToU8(shared)
		});
		expect(readXlsx(file)).toEqual([['名称', '', '富文本 & 更多'], [], ['12.5', 'TRUE', '内联']]);
	});

	it('refuses a file that is not an xlsx', () => {
		expect(() => readXlsx(strToU8('name,unit\n'))).toThrow(XlsxError);
	});
});

describe('xlsx product round trip', () => {
	it('[IM4] products exported to .xlsx import back unchanged', () => {
		const products: { values: ProductFields }[] = [
			{
				values: {
					code: '00017',
					name: '可口可乐 330ml',
					category: '饮料/碳酸',
					unit: '罐',
					units: [{ name: '箱', factor: 24 }],
					barcodes: ['6901234567892', '06901234567'],
					purchasePrice: 150,
					retailPrice: 300,
					vat: 1300,
					batchTracked: true,
					shelfLifeDays: 365,
					active: true
				}
			}
		];
		const sheet = readXlsx(writeXlsx(exportProducts(products, 'zh')));
		const plan = planProductImport(sheet, emptyIndex(), () => 'P1');
		expect(plan.errors).toEqual([]);
		expect(plan.drafts.map((d) => ({ values: d.fields }))).toEqual(products);
	});
});
