import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEan13 } from '../domain/master/ean13';
import { barRuns, ean13Bars } from './ean13';

/** Reads the 95 modules back to 13 digits, independently: every digit's 7 modules against all codings. */
function decode(bars: string): string | null {
	const L: Record<string, number> = {};
	const G: Record<string, number> = {};
	const R: Record<string, number> = {};
	// The L codes by their definition: 7 modules, 2 bars, 2 spaces, starting with a space.
	const lCodes = [13, 25, 19, 61, 35, 49, 47, 59, 55, 11]; // 0001101 … 0001011 as numbers
	lCodes.forEach((n, digit) => {
		const l = n.toString(2).padStart(7, '0');
		const r = l.replace(/[01]/g, (b) => (b === '1' ? '0' : '1'));
		L[l] = digit;
		R[r] = digit;
		G[[...r].reverse().join('')] = digit;
	});
	if (
		bars.length !== 95 ||
		!bars.startsWith('101') ||
		!bars.endsWith('101') ||
		bars.slice(45, 50) !== '01010'
	)
		return null;
	let parity = '';
	let left = '';
	for (let i = 0; i < 6; i++) {
		const m = bars.slice(3 + 7 * i, 10 + 7 * i);
		const coding = m in L ? 'L' : m in G ? 'G' : null;
		if (coding === null) return null;
		parity += coding;
		left += String((coding === 'L' ? L : G)[m]);
	}
	let right = '';
	for (let i = 0; i < 6; i++) {
		const m = bars.slice(50 + 7 * i, 57 + 7 * i);
		if (!(m in R)) return null;
		right += R[m];
	}
	const first = [
		'LLLLLL',
		'LLGLGG',
		'LLGGLG',
		'LLGGGL',
		'LGLLGG',
		'LGGLLG',
		'LGGGLL',
		'LGLGLG',
		'LGLGGL',
		'LGGLGL'
	].indexOf(parity);
	return first < 0 ? null : `${first}${left}${right}`;
}

describe('EAN-13 bars for price tags', () => {
	it('checks the check digit', () => {
		expect(isValidEan13('6901234567892')).toBe(true);
		expect(isValidEan13('4006381333931')).toBe(true);
		expect(isValidEan13('6901234567893')).toBe(false);
		expect(isValidEan13('690123456789')).toBe(false);
		expect(isValidEan13('69012345678a2')).toBe(false);
	});

	it('draws 95 modules with the guards, and a wrong code draws nothing', () => {
		const bars = ean13Bars('6901234567892')!;
		expect(bars).toHaveLength(95);
		expect(bars.slice(0, 3)).toBe('101');
		expect(bars.slice(45, 50)).toBe('01010');
		expect(bars.slice(-3)).toBe('101');
		// The first digit 6 codes the left half LGGGLL: the 9 (second digit) in L, 0 in G.
		expect(bars.slice(3, 10)).toBe('0001011');
		expect(bars.slice(10, 17)).toBe('0100111');
		expect(ean13Bars('6901234567893')).toBeNull();
		expect(ean13Bars('SH01')).toBeNull();
	});

	it('reads back to the same digits for any valid code (property)', () => {
		const valid = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((ds) => {
			let sum = 0;
			ds.forEach((d, i) => (sum += d * (i % 2 === 0 ? 1 : 3)));
			return ds.join('') + String((10 - (sum % 10)) % 10);
		});
		fc.assert(
			fc.property(valid, (code) => {
				const bars = ean13Bars(code)!;
				expect(decode(bars)).toBe(code);
				// 30 bars: 2 in each of the three guards and 2 in each of the 12 coded digits.
				expect(barRuns(bars).length).toBe(2 + 6 * 2 + 2 + 6 * 2 + 2);
			}),
			{ numRuns: 500 }
		);
	});
});
