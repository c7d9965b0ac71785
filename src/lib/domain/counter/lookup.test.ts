/** Scan or type a code (K3). */
import { describe, expect, it } from 'vitest';
import { buildScanIndex, ean13Check, resolveScan, weightQty } from './lookup';

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

describe('weighing-scale labels', () => {
	const shop = buildScanIndex([
		{ id: 'APPLE', code: '00123', barcodes: [], active: true },
		{ id: 'PORK', code: '456', barcodes: [], active: true },
		{ id: 'BOXED', code: 'SP0123', barcodes: ['2000123015002'], active: true }
	]);
	/** A label: 20, the PLU in 5 digits, grams in 5 digits, the check digit. */
	const label = (plu: string, grams: number) => {
		const twelve = `20${plu.padStart(5, '0')}${String(grams).padStart(5, '0')}`;
		return twelve + ean13Check(twelve);
	};

	it('[K5] reads the PLU (the product code, leading zeros aside) and the weight in grams', () => {
		expect(label('123', 1250)).toBe('2000123012506');
		expect(resolveScan(shop, label('123', 1250))).toEqual({ ok: true, product: 'APPLE', grams: 1250 });
		expect(resolveScan(shop, label('456', 480))).toEqual({ ok: true, product: 'PORK', grams: 480 });
	});

	it('[K5] an exact barcode wins; a wrong check digit, an unknown PLU or no weight is not a label', () => {
		// A product that has the very same barcode: that product, not a weight.
		expect(resolveScan(shop, '2000123015002')).toEqual({ ok: true, product: 'BOXED' });
		const good = label('123', 1500);
		const bad = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
		expect(resolveScan(shop, bad)).toEqual({ ok: false, code: 'unknown', text: bad });
		expect(resolveScan(shop, label('999', 100))).toMatchObject({ ok: false, code: 'unknown' });
		expect(resolveScan(shop, label('123', 0))).toMatchObject({ ok: false, code: 'unknown' });
	});

	it('[K5] a weight in grams is a quantity in kg, 斤 or g; other units are not sold by weight', () => {
		expect(weightQty(1250, 'kg')).toBe(1250);
		expect(weightQty(1250, '公斤')).toBe(1250);
		expect(weightQty(1250, '斤')).toBe(2500);
		expect(weightQty(333, '斤')).toBe(666);
		expect(weightQty(1250, '克')).toBe(1_250_000);
		expect(weightQty(1250, '个')).toBeNull();
	});
});
