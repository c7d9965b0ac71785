import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	allocate,
	divRoundSafe,
	fen,
	formatDecimal,
	formatQty,
	formatYuan,
	lineAmount,
	milli,
	mulDivRound,
	parseDecimal,
	parseQty,
	parseYuan,
	splitInclusiveTax,
	sumFen,
	taxOnNet
} from './money';

describe('parsing decimal strings straight to integers', () => {
	it('[M1] parses yuan to fen without floats (0.1 + 0.2 is exactly 0.3)', () => {
		expect(parseYuan('0.1') + parseYuan('0.2')).toBe(parseYuan('0.3'));
		expect(parseYuan('1,234.56')).toBe(123456);
		expect(parseYuan('¥3')).toBe(300);
		expect(parseYuan('-0.07')).toBe(-7);
		expect(parseYuan('.5')).toBe(50);
		expect(parseYuan('19.99')).toBe(1999); // 19.99 * 100 is 1998.9999999999998 in floats
	});

	it('[M1] refuses garbage and extra decimals with a typed error', () => {
		for (const bad of ['', 'abc', '1.2.3', '--1', '1e3', '.']) {
			expect(() => parseYuan(bad)).toThrow(expect.objectContaining({ code: 'not-a-number' }));
		}
		expect(() => parseYuan('1.005')).toThrow(expect.objectContaining({ code: 'too-many-decimals' }));
		expect(() => parseYuan('99999999999999999999')).toThrow(
			expect.objectContaining({ code: 'out-of-range' })
		);
	});

	it('[M1] rounds half away from zero only when asked', () => {
		expect(parseDecimal('1.005', 2, true)).toBe(101);
		expect(parseDecimal('1.004', 2, true)).toBe(100);
		expect(parseDecimal('-1.005', 2, true)).toBe(-101);
		expect(parseQty('2.5')).toBe(2500);
	});

	it('[M1] formatting round-trips any integer', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
				expect(parseYuan(formatYuan(fen(n)))).toBe(n);
				expect(parseQty(formatQty(milli(n)))).toBe(n);
			})
		);
		expect(formatDecimal(5, 2)).toBe('0.05');
		expect(formatDecimal(-5, 2)).toBe('-0.05');
		expect(formatQty(milli(1500))).toBe('1.5');
		expect(formatQty(milli(2000))).toBe('2');
	});
});

describe('exact multiply-divide with explicit rounding', () => {
	it('[M2] rounds half away from zero', () => {
		expect(mulDivRound(1, 1, 2)).toBe(1);
		expect(mulDivRound(-1, 1, 2)).toBe(-1);
		expect(mulDivRound(1, 1, 3)).toBe(0);
		expect(mulDivRound(2, 1, 3)).toBe(1);
		expect(divRoundSafe(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
	});

	it('[M2] agrees with BigInt arithmetic on awkward values, including products past 2^53', () => {
		const ref = (a: bigint, b: bigint, d: bigint) => {
			const p = a * b;
			const abs = p < 0n ? -p : p;
			let q = abs / d;
			if ((abs % d) * 2n >= d) q += 1n;
			return Number(p < 0n ? -q : q);
		};
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				fc.integer({ min: -1e6, max: 1e6 }),
				fc.integer({ min: 1, max: 1e9 }),
				(a, b, d) => {
					const expected = ref(BigInt(a), BigInt(b), BigInt(d));
					if (!Number.isSafeInteger(expected)) return;
					expect(mulDivRound(a, b, d)).toBe(expected);
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('[M3] a line amount is quantity × price rounded once to the fen', () => {
		expect(lineAmount(parseQty('3'), parseYuan('0.1'))).toBe(30);
		expect(lineAmount(parseQty('0.333'), parseYuan('10'))).toBe(333);
		expect(lineAmount(parseQty('0.004'), parseYuan('1'))).toBe(0);
		expect(lineAmount(parseQty('1.5'), parseYuan('0.01'))).toBe(2); // 1.5 fen → 2
	});
});

describe('splitting amounts', () => {
	it('[M4] 100 fen split in three parts adds back to 100', () => {
		expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
		expect(allocate(10, [0, 0])).toEqual([10, 0]);
	});

	it('[M4] any split adds back to the total exactly', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 20 }),
				(total, weights) => {
					const parts = allocate(total, weights);
					expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
					expect(parts.every(Number.isSafeInteger)).toBe(true);
				}
			)
		);
	});

	it('[M5] VAT: net + tax is always the gross, for every rate', () => {
		expect(splitInclusiveTax(fen(11300), 1300)).toEqual({ net: 10000, tax: 1300 });
		expect(taxOnNet(fen(10000), 900)).toBe(900);
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				fc.constantFrom(1300, 900, 600, 300, 100, 0),
				(g, r) => {
					const { net, tax } = splitInclusiveTax(fen(g), r);
					expect(net + tax).toBe(g);
				}
			)
		);
	});

	it('[M6] large sums stay exact', () => {
		const million = Array.from({ length: 1_000_000 }, () => 1999);
		expect(sumFen(million)).toBe(1_999_000_000);
		expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow();
	});
});
