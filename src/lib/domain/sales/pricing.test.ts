import { describe, expect, it } from 'vitest';
import { DAY0, EventFactory } from '../../../../tests/factories/events';
import { deriveAll } from '../ledger';
import {
	amountOf,
	customerPrice,
	discountBp,
	lastPrices,
	lineMargin,
	tierPrice,
	unitPriceOf
} from './pricing';

const PRICES = { retailPrice: 1000, wholesalePrice: 800, memberPrice: 900 };

describe('sales prices', () => {
	it('[SP1] the tier price, falling back to retail when the tier has none', () => {
		expect(tierPrice(PRICES, 'wholesale')).toBe(800);
		expect(tierPrice(PRICES, 'member')).toBe(900);
		expect(tierPrice(PRICES, 'retail')).toBe(1000);
		expect(tierPrice({ retailPrice: 1000 }, 'wholesale')).toBe(1000);
		expect(tierPrice({}, 'retail')).toBeNull();
	});

	it('[SP1] the customer discount comes off the tier price, rounded to the fen', () => {
		// 800 × (1 − 3.33 %) = 773.36 → 773
		expect(customerPrice(PRICES, { tier: 'wholesale', discountBp: 333 })).toEqual({ list: 800, price: 773 });
		expect(customerPrice({}, { tier: 'member' })).toEqual({ list: null, price: null });
	});

	it('[SP2] line amounts, unit prices and discounts are integers rounded once', () => {
		expect(amountOf(333, 1500)).toBe(500); // 3.33 × 1.5 = 4.995 → 5.00
		expect(unitPriceOf(500, 1500)).toBe(333);
		expect(discountBp(1000, 850)).toBe(1500);
		expect(discountBp(null, 850)).toBe(0);
	});

	it('[SP3] last prices: the latest document per product for this customer, voided ones skipped', () => {
		const f = new EventFactory();
		const o1 = f.make('sales.order.placed', {
			no: 1,
			customer: 'C1',
			wh: 'W1',
			approval: false,
			lines: [{ p: 'P1', q: 2000, amount: 1800, vat: 0 }]
		});
		const q2 = f.make(
			'sales.quote.placed',
			{
				no: 1,
				customer: 'C1',
				wh: 'W1',
				valid: DAY0 + 9,
				lines: [{ p: 'P1', q: 1000, amount: 950, vat: 0 }]
			},
			{ at: DAY0 + 1 }
		);
		const other = f.make(
			'sales.order.placed',
			{
				no: 2,
				customer: 'C2',
				wh: 'W1',
				approval: false,
				lines: [{ p: 'P1', q: 1000, amount: 500, vat: 0 }]
			},
			{ at: DAY0 + 2 }
		);
		const l = deriveAll([o1, q2, other]);
		const last = lastPrices(l.documents(), 'C1');
		expect(last.get('P1')).toEqual({ price: 950, at: DAY0 + 1, number: l.document(q2.id)!.number });
		const voided = f.make('document.voided', { ref: o1.id }, { at: DAY0 + 3 });
		const l2 = deriveAll([o1, voided]);
		expect(lastPrices(l2.documents(), 'C1').size).toBe(0);
	});

	it('[SP4] margin is revenue net of VAT less cost', () => {
		// 113.00 at 13 % is 100.00 net + 13.00 tax; cost 60.00 → margin 40.00, 40 %.
		expect(lineMargin(11300, 1300, 6000)).toEqual({ net: 10000, margin: 4000, ratioBp: 4000 });
	});
});
