import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../../domain/ledger';
import { i18n } from '../../i18n/index.svelte';
import { masterNames } from '../../projections/names';
import { countSheetPrint } from './count-print';

describe('the count sheet on paper (盘点表)', () => {
	it('lists every line with spec, batch and book quantity, and leaves the count and difference for the pen', () => {
		const f = new EventFactory();
		const ledger = deriveAll([
			f.make('product.created', { id: 'P1', fields: { name: '牛仔裤', unit: '条', spec: 'W32 L32' } }),
			f.make('product.created', { id: 'P2', fields: { name: '牛奶', unit: '箱', code: 'MK-1' } }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '城东店仓' } })
		]);
		const names = masterNames(ledger);
		const paper = countSheetPrint(
			{
				wh: 'W1',
				category: '服装',
				countedAt: '0',
				lines: [
					{ p: 'P1', batch: '', book: 12_000 },
					{ p: 'P2', batch: 'L20261101', book: 2500 }
				]
			},
			{ names, company: '城东服饰', started: '2026/11/24 09:00' },
			i18n
		);
		expect(paper.title).toBe('盘点表');
		expect(paper.fields).toEqual([
			['仓库', '城东店仓'],
			['开始盘点', '2026/11/24 09:00'],
			['类别', '服装'],
			['品种数', '2']
		]);
		expect(paper.table.rows.map((r) => [...r.cells, r.detail])).toEqual([
			['牛仔裤', '', '12 条', '', '', 'W32 L32'],
			['牛奶', 'L20261101', '2.5 箱', '', '', 'MK-1']
		]);
		expect(paper.totals).toEqual([]);
		expect(paper.footer).toEqual(['盘点人：____________', '复核人：____________']);
	});
});
