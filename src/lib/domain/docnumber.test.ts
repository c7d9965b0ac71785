import { describe, expect, it } from 'vitest';
import { DocSequences, formatDocNumber } from './docnumber';

describe('document numbers', () => {
	it('are type prefix, branch, device and a sequence of at least six digits', () => {
		expect(formatDocNumber('purchase.order.placed', 'B01', 'T3', 123)).toBe('CG-B01-T3-000123');
		expect(formatDocNumber('purchase.order.placed', 'B01', 'T3', 1)).toBe('CG-B01-T3-000001');
		expect(formatDocNumber('purchase.order.placed', 'B01', 'T3', 999_999)).toBe('CG-B01-T3-999999');
		expect(formatDocNumber('purchase.order.placed', 'B01', 'T3', 1_234_567)).toBe('CG-B01-T3-1234567');
		expect(formatDocNumber('sales.counter.posted', '', 'T1', 0)).toBe('LS-HQ-T1-000000');
		expect(formatDocNumber('document.voided', 'B02', 'T1', 5)).toBe('DOC-B02-T1-000005');
	});

	it('never mix up the parts they were made from before (the heads are made once and kept)', () => {
		const parts = [
			['sales.delivery.posted', 'B01', 'T1'],
			['sales.delivery.posted', 'B01', 'T2'],
			['sales.delivery.posted', 'B02', 'T1'],
			['stocktake.posted', 'B01', 'T1'],
			['stocktake.posted', '', 'T1']
		] as const;
		for (let round = 0; round < 3; round++)
			for (const [type, branch, device] of parts)
				expect(formatDocNumber(type, branch, device, 42)).toBe(
					`${type === 'stocktake.posted' ? 'PD' : 'CK'}-${branch || 'HQ'}-${device}-000042`
				);
	});

	it('continue after the highest number a device has used, per type', () => {
		const seq = new DocSequences();
		seq.observe('sales.order.placed', 'T1', 7);
		seq.observe('sales.order.placed', 'T1', 3);
		expect(seq.next('sales.order.placed', 'T1')).toBe(8);
		expect(seq.next('sales.order.placed', 'T2')).toBe(1);
		expect(seq.next('purchase.order.placed', 'T1')).toBe(1);
	});
});
