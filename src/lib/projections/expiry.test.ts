import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../tests/factories/events';
import { deriveAll } from '../domain/ledger';
import { expiryRows, expirySummary } from './expiry';
import { masterNames } from './names';

const U = 1000;

describe('[I10] batches by expiry', () => {
	const f = new EventFactory();
	const events = [
		f.make(
			'product.created',
			{ id: 'P1', fields: { name: '酸奶', unit: '杯', batchTracked: true } },
			{ branch: '' }
		),
		f.make(
			'product.created',
			{ id: 'P2', fields: { name: '面包', unit: '个', batchTracked: true } },
			{ branch: '' }
		),
		f.make('warehouse.created', { id: 'W1', fields: { name: '总仓', branch: 'B01' } }, { branch: '' }),
		f.make('warehouse.created', { id: 'W2', fields: { name: '门店', branch: 'B01' } }, { branch: '' }),
		f.make(
			'opening.stock',
			{
				no: 1,
				wh: 'W1',
				lines: [
					// 3 + 6 cups for ¥10.00: the average is 1.111… fen per thousandth.
					{ p: 'P1', q: 3 * U, value: 4_00, batch: 'A', expiry: DAY0 + 5 },
					{ p: 'P1', q: 6 * U, value: 6_00, batch: 'B', expiry: DAY0 + 40 },
					{ p: 'P2', q: 2 * U, value: 5_00, batch: 'OLD', expiry: DAY0 - 3 },
					{ p: 'P2', q: 1 * U, value: 2_50, batch: 'GONE', expiry: DAY0 - 10 }
				]
			},
			{ at: DAY0 - 20 }
		),
		f.make(
			'opening.stock',
			{ no: 2, wh: 'W2', lines: [{ p: 'P2', q: 4 * U, value: 8_00, batch: 'T', expiry: DAY0 }] },
			{ at: DAY0 - 20 }
		),
		// Written off: a batch no longer held is not listed.
		f.make(
			'stock.adjusted',
			{ no: 1, wh: 'W1', reason: 'expired', lines: [{ p: 'P2', q: -1 * U, batch: 'GONE' }] },
			{ at: DAY0 - 1 }
		)
	];

	it('lists held batches with an expiry date, soonest first, with days left and value at average cost', () => {
		const ledger = deriveAll(events);
		const rows = expiryRows(ledger, masterNames(ledger), DAY0);
		expect(rows.map((r) => [r.batch, r.warehouseName, r.daysLeft, r.onHand, r.value])).toEqual([
			['OLD', '总仓', -3, 2 * U, 5_00],
			['T', '门店', 0, 4 * U, 8_00],
			['A', '总仓', 5, 3 * U, 3_33],
			['B', '总仓', 40, 6 * U, 6_67]
		]);
		expect(rows[0]).toMatchObject({ name: '面包', unit: '个' });
	});

	it('counts the expired and those within the window', () => {
		const ledger = deriveAll(events);
		const rows = expiryRows(ledger, masterNames(ledger), DAY0);
		expect(expirySummary(rows, 30)).toEqual({ expired: 1, expiredValue: 5_00, soon: 2, soonValue: 11_33 });
		expect(expirySummary(rows, 90)).toEqual({ expired: 1, expiredValue: 5_00, soon: 3, soonValue: 18_00 });
		expect(expirySummary(rows, 0)).toEqual({ expired: 1, expiredValue: 5_00, soon: 1, soonValue: 8_00 });
	});
});
