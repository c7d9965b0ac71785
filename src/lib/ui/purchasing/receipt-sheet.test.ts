import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../../domain/ledger';
import { i18n } from '../../i18n/index.svelte';
import { masterNames } from '../../projections/names';
import { receiptView } from '../../projections/purchasing';
import { docText } from '../doc-image';
import { receiptNoteSheet } from './receipt-sheet';

describe('[PU13] the goods received note (采购入库单)', () => {
	it('names supplier, warehouse and order, each line accepted and refused with the reason, and the total in capitals', () => {
		const f = new EventFactory();
		const order = f.make(
			'purchase.order.placed',
			{
				no: 1,
				supplier: 'S1',
				wh: 'W1',
				approval: false,
				lines: [{ p: 'P1', q: 12_000, amount: 24_000, vat: 1300 }]
			},
			{ at: DAY0 }
		);
		const receipt = f.make(
			'purchase.receipt.posted',
			{
				no: 1,
				order: order.id,
				supplier: 'S1',
				wh: 'W1',
				lines: [
					{
						p: 'P1',
						q: 10_000,
						amount: 20_000,
						vat: 1300,
						line: 0,
						rejected: 2000,
						reason: '外箱破损',
						batch: 'L20261101',
						expiry: DAY0 + 180
					}
				]
			},
			{ at: DAY0 + 3 }
		);
		const ledger = deriveAll([
			f.make('supplier.created', { id: 'S1', fields: { name: '杭州茶叶批发', termsDays: 30 } }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓' } }),
			f.make('product.created', { id: 'P1', fields: { name: '龙井', unit: '盒', spec: '250g' } }),
			order,
			receipt
		]);
		const names = masterNames(ledger);
		const sheet = receiptNoteSheet(receiptView(ledger, receipt.id)!, { names, company: '' }, i18n);
		expect(sheet.title).toBe('采购入库单');
		expect(Object.fromEntries(sheet.fields)).toMatchObject({
			供应商: '杭州茶叶批发',
			仓库: '总仓',
			订单号: ledger.document(order.id)!.number,
			付款到期: i18n.date(DAY0 + 33)
		});
		expect(sheet.table.rows).toEqual([
			{
				cells: ['龙井', '10 盒', '2 盒', '¥20.00', '¥200.00'],
				detail: `250g  批号 L20261101  有效期 ${i18n.date(DAY0 + 180)}  拒收原因：外箱破损`,
				text: '10 盒 × ¥20.00 = ¥200.00'
			}
		]);
		expect(sheet.words).toEqual(['合计（大写）', '贰佰元整']);
		expect(sheet.footer[1]).toBe('送货人签字：____________');
		expect(docText(sheet)).toContain('1. 龙井 · 250g  批号 L20261101');
	});
});
