import { describe, expect, it } from 'vitest';
import { approvalChecks, type CheckedLine } from './approval';

const line = (more: Partial<CheckedLine> = {}): CheckedLine => ({
	q: 2000,
	amount: 2000,
	vat: 0,
	list: 1000,
	unitCost: 600,
	...more
});

describe('sales order approval', () => {
	it('[SA1] an order within every limit needs no approval', () => {
		expect(
			approvalChecks({ lines: [line()], discountLimitBp: 1000, creditLimit: 10_000, balance: 0 })
		).toEqual([]);
	});

	it('[SA1] a discount beyond the limit names the line, the discount and the limit', () => {
		// 2 units for 16.00: 8.00 each, 20 % off 10.00.
		const checks = approvalChecks({
			lines: [line(), line({ amount: 1600 })],
			discountLimitBp: 1000,
			balance: 0
		});
		expect(checks).toEqual([{ code: 'discount', line: 1, value: 2000, limit: 1000 }]);
	});

	it('[SA1] without a discount limit in settings, discounts need no approval', () => {
		expect(approvalChecks({ lines: [line({ amount: 1300 })], balance: 0 })).toEqual([]);
	});

	it('[SA1] a price below cost compares net of VAT with the cost', () => {
		// 2 units for 13.56 at 13 %: 12.00 net, 6.00 a unit = cost: fine. For 13.00: 5.75 net < 6.00.
		expect(approvalChecks({ lines: [line({ amount: 1356, vat: 1300, list: null })], balance: 0 })).toEqual(
			[]
		);
		expect(approvalChecks({ lines: [line({ amount: 1300, vat: 1300, list: null })], balance: 0 })).toEqual([
			{ code: 'below-cost', line: 0, value: 575, limit: 600 }
		]);
	});

	it('[SA1] the credit limit is checked against open receivables plus this order', () => {
		expect(approvalChecks({ lines: [line()], creditLimit: 5000, balance: 3000 })).toEqual([]);
		expect(approvalChecks({ lines: [line()], creditLimit: 5000, balance: 3001 })).toEqual([
			{ code: 'credit-limit', value: 5001, limit: 5000 }
		]);
		// A credit (prepaid) counts in the customer's favour.
		expect(approvalChecks({ lines: [line({ amount: 6000 })], creditLimit: 5000, balance: -1000 })).toEqual(
			[]
		);
	});

	it('[SA1] a total above the approval threshold', () => {
		expect(approvalChecks({ lines: [line()], approvalAbove: 1999, balance: 0 })).toEqual([
			{ code: 'amount', value: 2000, limit: 1999 }
		]);
	});
});
