import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { repricedSince } from './master';

describe('[MD11] products to re-tag: new or repriced since a day', () => {
	const f = new EventFactory();
	const at = (day: number) => ({ branch: '', at: day });
	const events = [
		f.make('product.created', { id: 'OLD', fields: { name: '旧品', retailPrice: 1_00 } }, at(DAY0 - 30)),
		f.make('product.created', { id: 'NEW', fields: { name: '新品', retailPrice: 2_00 } }, at(DAY0 - 2)),
		f.make('product.created', { id: 'UP', fields: { name: '涨价', retailPrice: 3_00 } }, at(DAY0 - 30)),
		f.make('product.updated', { id: 'UP', fields: { retailPrice: 3_50 } }, at(DAY0 - 1)),
		// The same price written again, and an edit of another field: the tag still says the truth.
		f.make('product.created', { id: 'SAME', fields: { name: '同价', retailPrice: 4_00 } }, at(DAY0 - 30)),
		f.make('product.updated', { id: 'SAME', fields: { retailPrice: 4_00, name: '同价品' } }, at(DAY0)),
		// A member price set later is on the tag too.
		f.make('product.created', { id: 'MEM', fields: { name: '会员', retailPrice: 5_00 } }, at(DAY0 - 30)),
		f.make('product.updated', { id: 'MEM', fields: { memberPrice: 4_50 } }, at(DAY0 - 6)),
		// No price at all: no tag to reprint.
		f.make('product.created', { id: 'NONE', fields: { name: '无价' } }, at(DAY0))
	];
	const ledger = deriveAll(events);

	it('lists new products and changed retail or member prices from that day on', () => {
		expect([...repricedSince(ledger, DAY0 - 6)].sort()).toEqual(['MEM', 'NEW', 'UP']);
		expect([...repricedSince(ledger, DAY0 - 1)].sort()).toEqual(['UP']);
		expect([...repricedSince(ledger, DAY0 + 1)]).toEqual([]);
		expect([...repricedSince(ledger, DAY0 - 30)].sort()).toEqual(['MEM', 'NEW', 'OLD', 'SAME', 'UP']);
	});
});
