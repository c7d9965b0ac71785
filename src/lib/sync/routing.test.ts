import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../tests/factories/events';
import { dayFromIso } from '../domain/dates';
import { liveRooms, recordingMonth, roomFor } from './routing';

describe('partition routing', () => {
	const f = new EventFactory(Date.UTC(2026, 2, 10, 2));

	it('[S5] master, branch and finance events go to their kind of partition', () => {
		const product = f.make('product.created', { id: 'P0001', fields: { name: '矿泉水' } }, { branch: '' });
		const sale = f.make('sales.delivery.posted', {
			no: 1,
			customer: 'C001',
			wh: 'W01',
			lines: [{ p: 'P0001', q: 1000, amount: 200, vat: 1300 }]
		});
		const payment = f.make(
			'payment.received',
			{ no: 1, customer: 'C001', account: 'WX', amount: 200 },
			{ branch: '' }
		);
		const at = (e: typeof sale | typeof product | typeof payment) =>
			roomFor('demo', { type: e.type, branch: e.branch, wall: e.hlc.wall });
		expect(at(product)).toEqual({ ok: true, room: 't/demo/master' });
		expect(at(sale)).toEqual({ ok: true, room: 't/demo/b/B01/2026-03' });
		expect(at(payment)).toEqual({ ok: true, room: 't/demo/finance/2026-03' });
	});

	it('[S5] the month is the recording month in China time, not the business date', () => {
		// 2026-01-31 16:30 UTC is 2026-02-01 00:30 in Beijing.
		const wall = Date.UTC(2026, 0, 31, 16, 30);
		expect(recordingMonth(wall)).toBe('2026-02');
		expect(recordingMonth(wall, 0)).toBe('2026-01');
		const backdated = f.make(
			'purchase.receipt.posted',
			{ no: 1, supplier: 'S01', wh: 'W01', lines: [{ p: 'P0001', q: 1000, amount: 100, vat: 1300 }] },
			{ at: dayFromIso('2025-12-20')! }
		);
		expect(roomFor('demo', { type: backdated.type, branch: 'B01', wall: backdated.hlc.wall })).toEqual({
			ok: true,
			room: 't/demo/b/B01/2026-03'
		});
	});

	it('[S5] a branch event without a usable branch code cannot be routed', () => {
		const wall = Date.UTC(2026, 2, 1);
		expect(roomFor('demo', { type: 'stock.adjusted', branch: '', wall })).toMatchObject({
			ok: false,
			path: 'branch'
		});
		// Valid as an event reference ('.' allowed) but not as a room segment.
		expect(roomFor('demo', { type: 'stock.adjusted', branch: 'B.01', wall })).toMatchObject({ ok: false });
	});

	it('[S5] live rooms of a branch device', () => {
		expect(liveRooms('demo', 'B01', Date.UTC(2026, 2, 1))).toEqual([
			't/demo/master',
			't/demo/b/B01/2026-03',
			't/demo/finance/2026-03'
		]);
		expect(liveRooms('demo', '', Date.UTC(2026, 2, 1))).toEqual(['t/demo/master', 't/demo/finance/2026-03']);
	});
});
