import { describe, expect, it } from 'vitest';
import { chineseEan13, ean13CheckDigit, isValidEan13 } from './barcode';
import { Rng } from './random';

describe('EAN-13', () => {
	it('computes the check digit of known codes', () => {
		expect(ean13CheckDigit('400638133393')).toBe(1);
		expect(ean13CheckDigit('590123412345')).toBe(7);
		expect(isValidEan13('4006381333931')).toBe(true);
		expect(isValidEan13('4006381333932')).toBe(false);
	});

	it('makes Chinese codes that scanners accept', () => {
		const code = chineseEan13(10_042, 17);
		expect(code).toMatch(/^69\d{11}$/);
		expect(isValidEan13(code)).toBe(true);
	});
});

describe('Rng', () => {
	it('is deterministic per seed and stays in range', () => {
		const a = new Rng(42);
		const b = new Rng(42);
		for (let i = 0; i < 1000; i++) {
			const x = a.int(3, 9);
			expect(x).toBe(b.int(3, 9));
			expect(x).toBeGreaterThanOrEqual(3);
			expect(x).toBeLessThanOrEqual(9);
		}
		expect(new Rng(1).u32()).not.toBe(new Rng(2).u32());
	});

	it('draws Poisson counts with the right mean', () => {
		const r = new Rng(7);
		for (const mean of [0.2, 4, 150]) {
			let sum = 0;
			for (let i = 0; i < 4000; i++) sum += r.poisson(mean);
			expect(sum / 4000).toBeGreaterThan(mean * 0.9);
			expect(sum / 4000).toBeLessThan(mean * 1.1);
		}
	});
});
