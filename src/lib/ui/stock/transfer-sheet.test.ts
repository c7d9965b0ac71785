import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../../domain/ledger';
import { i18n } from '../../i18n/index.svelte';
import { masterNames } from '../../projections/names';
import { transferView } from '../../projections/transfers';
import { docText } from '../doc-image';
import { transferSheet } from './transfer-sheet';

const U = 1000;

describe('the transfer slip (调拨单) that travels with the goods', () => {
	it('names both warehouses, each line with spec and batch, and leaves 已收 for the receiver until goods arrive', () => {
		const f = new EventFactory();
		const shipped = f.make(
			'stock.transfer.shipped',
			{
				no: 1,
				from: 'W1',
				to: 'W2',
				lines: [
					{ p: 'P1', q: 5 * U },
					{ p: 'P2', q: 3 * U, batch: 'L20261101' }
				]
			},
			{ at: DAY0 + 1 }
		);
		const events = [
			f.make('product.created', { id: 'P1', fields: { name: '毛巾', unit: '条', spec: '70×140cm' } }),
			f.make('product.created', { id: 'P2', fields: { name: '牛奶', unit: '箱', code: 'MK-1' } }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }),
			f.make('warehouse.created', { id: 'W2', fields: { name: '城东店仓', branch: 'B02' } }),
			f.make('opening.stock', {
				no: 1,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 20 * U, value: 200_00 },
					{ p: 'P2', q: 10 * U, value: 100_00, batch: 'L20261101', expiry: DAY0 + 60 }
				]
			}),
			shipped
		];
		const ledger = deriveAll(events);
		const names = masterNames(ledger);
		const sheet = transferSheet(
			transferView(ledger, names, shipped.id)!,
			{ company: '', user: '仓管老周' },
			i18n
		);
		expect(sheet.title).toBe('调拨单');
		expect(Object.fromEntries(sheet.fields)).toMatchObject({
			调出仓库: '总仓',
			调入仓库: '城东店仓',
			品种数: '2'
		});
		expect(sheet.table.rows.map((r) => [...r.cells, r.detail])).toEqual([
			['毛巾', '', '5 条', '', '70×140cm'],
			['牛奶', 'L20261101', '3 箱', '', 'MK-1']
		]);
		expect(sheet.footer).toEqual(['发货人：仓管老周', '收货人签字：____________']);
		expect(docText(sheet)).toContain('2. 牛奶 · MK-1\n   L20261101  调出 3 箱');

		// Received short and closed: 已收 shows what came.
		const closed = deriveAll([
			...events,
			f.make(
				'stock.transfer.received',
				{ ref: shipped.id, lines: [{ line: 0, q: 4 * U }], final: true },
				{ at: DAY0 + 2 }
			)
		]);
		const after = transferSheet(
			transferView(closed, masterNames(closed), shipped.id)!,
			{ company: '', user: '' },
			i18n
		);
		expect(after.table.rows.map((r) => r.cells[3])).toEqual(['4 条', '0 箱']);
	});
});
