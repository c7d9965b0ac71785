/** Purchase suggestions (rules PU1–PU3 in docs/SPEC.md). Quantities in thousandths: U = one unit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../ledger';
import { openOrderQuantities, salesDemand, suggestQuantity, type SuggestionInput } from './suggest';

const U = 1000;

const base: SuggestionInput = {
	product: 'P1',
	warehouse: 'W1',
	available: 12 * U,
	incoming: 10 * U,
	sold: 126 * U,
	windowDays: 30,
	leadTimeDays: 7,
	min: 20 * U
};

describe('suggestQuantity', () => {
	it('[PU1] the worked example: 4.2 a day × 7 days = 29, + safety 20 − incoming 10 − available 12 = 27', () => {
		const s = suggestQuantity(base);
		expect(s.dailyAverage).toBe(4200);
		expect(s.leadDemand).toBe(29 * U);
		expect(s.target).toBe(49 * U);
		expect(s.suggested).toBe(27 * U);
		expect(s.notes).toEqual([]);
	});

	it('[PU1] no sales: only the safety stock is topped up', () => {
		const s = suggestQuantity({ ...base, sold: 0 });
		expect(s.dailyAverage).toBe(0);
		expect(s.leadDemand).toBe(0);
		expect(s.suggested).toBe(0); // 20 − 10 − 12 < 0
		expect(s.notes).toEqual(['no-sales', 'enough']);
		expect(suggestQuantity({ ...base, sold: 0, available: 3 * U, incoming: 0 }).suggested).toBe(17 * U);
	});

	it('[PU1] no lead time known: no lead demand, and the note says why', () => {
		const s = suggestQuantity({ ...base, leadTimeDays: undefined, available: 0, incoming: 0 });
		expect(s.leadDemand).toBe(0);
		expect(s.suggested).toBe(20 * U);
		expect(s.notes).toContain('no-lead-time');
	});

	it('[PU1] a shortfall of a fraction of a unit is ordered as a whole unit', () => {
		const s = suggestQuantity({ ...base, sold: 0, min: 5 * U, available: 4500, incoming: 0 });
		expect(s.suggested).toBe(U);
	});

	it('[PU1] an oversold warehouse (negative available) orders the shortfall too', () => {
		const s = suggestQuantity({ ...base, available: -3 * U, incoming: 0 });
		expect(s.suggested).toBe(52 * U); // 49 + 3
	});

	it('[PU2] stock at or above the maximum: nothing is suggested', () => {
		const s = suggestQuantity({ ...base, max: 22 * U });
		expect(s.suggested).toBe(0);
		expect(s.notes).toContain('above-max');
	});

	it('[PU2] the target is capped at the maximum', () => {
		const s = suggestQuantity({ ...base, max: 40 * U });
		expect(s.target).toBe(40 * U);
		expect(s.suggested).toBe(18 * U);
		expect(s.notes).toContain('capped-at-max');
	});

	it('[PU1][PU2] whole units, never negative, never above the maximum (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -50_000, max: 500_000 }),
				fc.integer({ min: 0, max: 200_000 }),
				fc.integer({ min: 0, max: 5_000_000 }),
				fc.constantFrom(7, 30, 90),
				fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
				fc.integer({ min: 0, max: 100_000 }),
				fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
				(available, incoming, sold, windowDays, leadTimeDays, min, max) => {
					const s = suggestQuantity({
						product: 'P',
						warehouse: 'W',
						available,
						incoming,
						sold,
						windowDays,
						leadTimeDays,
						min,
						max
					});
					expect(s.suggested).toBeGreaterThanOrEqual(0);
					expect(s.suggested % U).toBe(0);
					if (max !== undefined && s.suggested > 0)
						expect(available + incoming + s.suggested).toBeLessThan(max + U);
					if (s.suggested > 0) expect(available + incoming + s.suggested).toBeGreaterThanOrEqual(s.target);
				}
			)
		);
	});
});

describe('salesDemand and open orders', () => {
	it('[PU3] counts deliveries and counter sales in the window, less returns, not voided ones', () => {
		const f = new EventFactory();
		const open = f.make(
			'opening.stock',
			{ no: 1, wh: 'W1', lines: [{ p: 'P1', q: 100 * U, value: 100_00 }] },
			{ at: DAY0 - 100 }
		);
		const old = f.make(
			'sales.counter.posted',
			{
				no: 1,
				wh: 'W1',
				lines: [{ p: 'P1', q: 50 * U, amount: 500_00, vat: 0 }],
				tenders: [{ account: 'A', amount: 500_00 }]
			},
			{ at: DAY0 - 40 }
		);
		const counter = f.make(
			'sales.counter.posted',
			{
				no: 2,
				wh: 'W1',
				lines: [{ p: 'P1', q: 3 * U, amount: 30_00, vat: 0 }],
				tenders: [{ account: 'A', amount: 30_00 }]
			},
			{ at: DAY0 - 5 }
		);
		const delivery = f.make(
			'sales.delivery.posted',
			{ no: 1, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 10 * U, amount: 100_00, vat: 0 }] },
			{ at: DAY0 - 2 }
		);
		const back = f.make(
			'sales.return.posted',
			{ no: 1, delivery: delivery.id, lines: [{ line: 0, q: 2 * U, restock: true }] },
			{ at: DAY0 - 1 }
		);
		const voided = f.make(
			'sales.delivery.posted',
			{ no: 2, customer: 'C1', wh: 'W1', lines: [{ p: 'P1', q: 7 * U, amount: 70_00, vat: 0 }] },
			{ at: DAY0 - 1 }
		);
		const v = f.make('document.voided', { ref: voided.id }, { at: DAY0 });
		const l = deriveAll([open, old, counter, delivery, back, voided, v]);
		const demand = salesDemand(
			l.events,
			DAY0 - 29,
			DAY0,
			(id) => l.document(id)?.status === 'voided',
			(id) => l.document(id)
		);
		expect(demand.get('P1|W1')).toBe(11 * U); // 3 + 10 − 2; the 50 are outside the window, the 7 voided
	});

	it('[PU3] open orders bring their unreceived rest; drafts, closed and complete ones nothing', () => {
		const order = (status: string, q: number, done: number) => ({
			type: 'purchase.order.placed',
			status,
			wh: 'W1',
			lines: [{ p: 'P1', q, done }]
		});
		const m = openOrderQuantities([
			order('pending', 5 * U, 0),
			order('approved', 10 * U, 0),
			order('partial', 10 * U, 6 * U),
			order('draft', 9 * U, 0),
			order('closed', 9 * U, 1 * U),
			order('complete', 9 * U, 9 * U),
			order('partial', 2 * U, 3 * U)
		]);
		expect(m.get('P1|W1')).toBe(19 * U);
	});
});
