import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { formatHlc } from '../domain/hlc';
import { deriveAll } from '../domain/ledger';
import { masterNames } from './names';
import { countCategories, stocktakeReport, stocktakeRows } from './stocktakes';

const U = 1000;

describe('stocktakes as the stock pages show them (I4)', () => {
	it('reports book, counted, difference and its value, differences first; the list sums over and short', () => {
		const f = new EventFactory();
		const master = [
			f.make(
				'product.created',
				{ id: 'P1', fields: { name: '毛巾', unit: '条', code: 'MJ01' } },
				{ branch: '' }
			),
			f.make('product.created', { id: 'P2', fields: { name: '浴巾', unit: '条' } }, { branch: '' }),
			f.make('product.created', { id: 'P3', fields: { name: '浴袍', unit: '件' } }, { branch: '' }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' })
		];
		const opening = f.make(
			'opening.stock',
			{
				no: 1,
				wh: 'W1',
				lines: [
					{ p: 'P1', q: 10 * U, value: 100_00 },
					{ p: 'P2', q: 5 * U, value: 100_00 },
					{ p: 'P3', q: 2 * U, value: 100_00 }
				]
			},
			{ at: DAY0 }
		);
		const take = f.make(
			'stocktake.posted',
			{
				no: 1,
				wh: 'W1',
				countedAt: formatHlc(f.clock('T1').tick()),
				lines: [
					{ p: 'P3', counted: 2 * U },
					{ p: 'P1', counted: 8 * U },
					{ p: 'P2', counted: 6 * U }
				]
			},
			{ at: DAY0 + 1 }
		);
		const l = deriveAll([...master, opening, take]);
		const names = masterNames(l);
		const report = stocktakeReport(l, names, take.id)!;
		expect(report.lineViews.map((v) => [v.name, v.detail, v.book, v.counted, v.diff, v.value])).toEqual([
			['毛巾', 'MJ01', 10 * U, 8 * U, -2 * U, -20_00],
			['浴巾', '', 5 * U, 6 * U, 1 * U, 20_00],
			['浴袍', '', 2 * U, 2 * U, 0, 0]
		]);
		expect(stocktakeRows(l, names)).toEqual([
			expect.objectContaining({ id: take.id, whName: '总仓', lines: 3, gainValue: 20_00, lossValue: 20_00 })
		]);
		expect(stocktakeReport(l, names, opening.id)).toBeUndefined();
	});
});

describe('[I9] the categories a count can be limited to', () => {
	it('lists those of the products held in the warehouse, with the categories above them', () => {
		const f = new EventFactory();
		const events = [
			f.make(
				'product.created',
				{ id: 'P1', fields: { name: '长裤', unit: '条', category: '服装/裤装' } },
				{ branch: '' }
			),
			f.make(
				'product.created',
				{ id: 'P2', fields: { name: '短袖', unit: '件', category: '服装/上衣' } },
				{ branch: '' }
			),
			f.make(
				'product.created',
				{ id: 'P3', fields: { name: '毛巾', unit: '条', category: '家纺' } },
				{ branch: '' }
			),
			f.make('product.created', { id: 'P4', fields: { name: '袜子', unit: '双' } }, { branch: '' }),
			f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
			f.make('warehouse.created', { id: 'W2', fields: { name: '分仓', branch: 'B01' } }, { branch: '' }),
			f.make(
				'opening.stock',
				{
					no: 1,
					wh: 'W1',
					lines: [
						{ p: 'P1', q: U, value: 10_00 },
						{ p: 'P2', q: U, value: 10_00 },
						{ p: 'P4', q: U, value: 10_00 }
					]
				},
				{ at: DAY0 }
			),
			f.make('opening.stock', { no: 2, wh: 'W2', lines: [{ p: 'P3', q: U, value: 10_00 }] }, { at: DAY0 })
		];
		const ledger = deriveAll(events);
		const names = masterNames(ledger);
		expect(countCategories(ledger, names, 'W1')).toEqual(['服装', '服装/裤装', '服装/上衣']);
		expect(countCategories(ledger, names, 'W2')).toEqual(['家纺']);
		expect(countCategories(ledger, names, 'W9')).toEqual([]);
	});
});
