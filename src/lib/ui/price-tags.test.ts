import { describe, expect, it } from 'vitest';
import type { ProductFields } from '../domain/master/product';
import { MAX_TAGS, priceTags } from './price-tags';

const product = (id: string, values: ProductFields, active = true) => ({ id, active, values });

describe('[MD11] shelf price tags (价签)', () => {
	it('prints name, spec and model, unit, price, a lower member price, code and the EAN-13 bars', () => {
		const { tags, skipped } = priceTags([
			product('P1', {
				name: '农夫山泉',
				spec: '550ml',
				model: '天然水',
				unit: '瓶',
				code: 'YL0001',
				barcodes: ['6921168509256', '6921168500000'],
				retailPrice: 200,
				memberPrice: 180
			})
		]);
		expect(skipped).toBe(0);
		expect(tags).toHaveLength(1);
		expect(tags[0]).toMatchObject({
			name: '农夫山泉',
			spec: '550ml 天然水',
			unit: '瓶',
			price: 200,
			member: 180,
			code: 'YL0001',
			barcode: '6921168509256'
		});
		expect(tags[0]!.bars).toHaveLength(95);
	});

	it('prints the digits alone for a barcode that is not a valid EAN-13, and no member price at or above retail', () => {
		const { tags } = priceTags([
			product('P1', { name: 'A', barcodes: ['6921168509257'], retailPrice: 200, memberPrice: 200 }),
			product('P2', { name: 'B', barcodes: ['12345678'], retailPrice: 100 })
		]);
		expect(tags.map((t) => [t.barcode, t.bars, t.member])).toEqual([
			['6921168509257', null, null],
			['12345678', null, null]
		]);
	});

	it('skips archived products and products without a retail price, and stops at the limit', () => {
		const { tags, skipped, truncated } = priceTags([
			product('P1', { name: 'old', retailPrice: 100 }, false),
			product('P2', { name: 'no price' }),
			...Array.from({ length: MAX_TAGS + 5 }, (_, i) => product(`Q${i}`, { name: `q${i}`, retailPrice: 100 }))
		]);
		expect(skipped).toBe(2);
		expect(tags).toHaveLength(MAX_TAGS);
		expect(truncated).toBe(true);
		expect(priceTags([product('P1', { name: 'a', retailPrice: 1 })]).truncated).toBe(false);
	});
});
