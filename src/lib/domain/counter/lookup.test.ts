/** Scan or type a code (K3). */
import { describe, expect, it } from 'vitest';
import { buildScanIndex, resolveScan } from './lookup';

const index = buildScanIndex([
	{ id: 'P1', code: 'SP0001', barcodes: ['6901234567892'], active: true },
	{ id: 'P2', code: 'SP0002', barcodes: ['6909999999990', '12345678'], active: true },
	{ id: 'P3', code: 'SP0003', barcodes: ['12345678'], active: true },
	{ id: 'P4', code: 'OLD', barcodes: ['6900000000001'], active: false }
]);

describe('resolveScan', () => {
	it('[K3] an exact barcode finds its product, whatever the scanner appends', () => {
		expect(resolveScan(index, '6901234567892')).toEqual({ ok: true, product: 'P1' });
		expect(resolveScan(index, ' 6909999999990\r\n')).toEqual({ ok: true, product: 'P2' });
	});

	it('[K3] a product code typed by hand, in any case', () => {
		expect(resolveScan(index, 'sp0001')).toEqual({ ok: true, product: 'P1' });
	});

	it('[K3] an unknown barcode is reported with the text kept; inactive products are not sold', () => {
		expect(resolveScan(index, '6900000000000')).toEqual({
			ok: false,
			code: 'unknown',
			text: '6900000000000'
		});
		expect(resolveScan(index, '6900000000001')).toMatchObject({ ok: false, code: 'unknown' });
		expect(resolveScan(index, '   ')).toEqual({ ok: false, code: 'empty' });
	});

	it('[K3][A4] a barcode on two products is ambiguous, never guessed', () => {
		expect(resolveScan(index, '12345678')).toEqual({
			ok: false,
			code: 'ambiguous',
			text: '12345678',
			products: ['P2', 'P3']
		});
	});
});
