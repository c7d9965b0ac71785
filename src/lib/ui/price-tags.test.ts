import { describe, expect, it } from 'vitest';
import type { ProductFields } from '../domain/master/product';
import {
	isTagFormat,
	MAX_COPIES,
	MAX_TAGS,
	priceTags,
	receivedCopies,
	TAG_FORMATS,
	tagCopies,
	tagPages
} from './price-tags';

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

describe('[MD11] copies and paper', () => {
	it('prints each product’s copies side by side, all or none within the limit', () => {
		const { tags, truncated } = priceTags(
			[product('P1', { name: 'a', retailPrice: 1 }), product('P2', { name: 'b', retailPrice: 2 })],
			3
		);
		expect(tags.map((t) => t.id)).toEqual(['P1', 'P1', 'P1', 'P2', 'P2', 'P2']);
		expect(truncated).toBe(false);
		const many = Array.from({ length: 20 }, (_, i) => product(`Q${i}`, { name: `q${i}`, retailPrice: 1 }));
		const cut = priceTags(many, MAX_COPIES);
		expect(cut.tags).toHaveLength(Math.floor(MAX_TAGS / MAX_COPIES) * MAX_COPIES);
		expect(cut.truncated).toBe(true);
	});

	it('reads copies as typed: a whole number from 1 to the limit', () => {
		expect(tagCopies('1')).toBe(1);
		expect(tagCopies(' 12 ')).toBe(12);
		expect(tagCopies(String(MAX_COPIES))).toBe(MAX_COPIES);
		for (const bad of ['', '0', '-1', '1.5', 'abc', '３', String(MAX_COPIES + 1), '1e1'])
			expect(tagCopies(bad)).toBeNull();
	});

	it('counts pages per paper, and fits the bars with their quiet zones on every tag', () => {
		expect(tagPages('a4', 25)).toBe(2);
		expect(tagPages('label60x40', 25)).toBe(25);
		expect(isTagFormat('label40x30')).toBe(true);
		expect(isTagFormat('toString')).toBe(false);
		for (const f of Object.values(TAG_FORMATS)) {
			// 113 modules: 11 of quiet zone, 95 of code, 7 of quiet zone; the tag keeps 2 mm at each side.
			expect(113 * f.module).toBeLessThanOrEqual(f.widthMm - 4);
			// GS1: 80 % (0.264 mm) is the smallest module for retail scanning.
			expect(f.module).toBeGreaterThanOrEqual(0.264);
		}
	});

	it('prints goods received one tag per unit received, weighed goods one, within the limits', () => {
		const copies = receivedCopies([
			{ p: 'P1', q: 3000 },
			{ p: 'P1', q: 2000 },
			{ p: 'P2', q: 2500 },
			{ p: 'P3', q: (MAX_COPIES + 10) * 1000 },
			{ p: 'P4', q: 0 }
		]);
		expect([...copies]).toEqual([
			['P1', 5],
			['P2', 1],
			['P3', MAX_COPIES]
		]);
		const { tags } = priceTags(
			[
				product('P1', { name: 'a', retailPrice: 1 }),
				product('P2', { name: 'b', retailPrice: 2 }),
				product('P9', { name: 'not received', retailPrice: 3 })
			],
			copies
		);
		expect(tags.map((t) => t.id)).toEqual(['P1', 'P1', 'P1', 'P1', 'P1', 'P2']);
	});
});
