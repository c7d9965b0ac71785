import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from './money';
import { rmbWords } from './rmb-words';

/** Reads capital numerals back to fen (the test's own reading, independent of the writer). */
function readWords(words: string): number {
	const DIGITS = '零壹贰叁肆伍陆柒捌玖';
	const PLACES: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
	let text = words;
	const negative = text.startsWith('负');
	if (negative) text = text.slice(1);
	let total = 0; // completed groups (万, 亿 …)
	let group = 0; // the group being read
	let digit = 0;
	let fen = 0;
	let i = 0;
	for (; i < text.length; i++) {
		const c = text[i]!;
		const d = DIGITS.indexOf(c);
		if (d > 0) digit = d;
		else if (d === 0) continue;
		else if (c in PLACES) {
			group += digit * PLACES[c]!;
			digit = 0;
		} else if (c === '万') {
			// 万 after 亿 (万亿) scales what was read so far as a whole.
			group += digit;
			digit = 0;
			if (text[i + 1] === '亿') {
				total = (total + group) * 1_000_000_000_000;
				i++;
			} else total += group * 10_000;
			group = 0;
		} else if (c === '亿') {
			group += digit;
			digit = 0;
			// A 亿 below an earlier 万亿 adds; otherwise it scales everything read so far.
			total = total >= 1_000_000_000_000 ? total + group * 100_000_000 : (total + group) * 100_000_000;
			group = 0;
		} else if (c === '元') {
			total += group + digit;
			group = digit = 0;
		} else if (c === '角') {
			fen += digit * 10;
			digit = 0;
		} else if (c === '分') {
			fen += digit;
			digit = 0;
		} else if (c === '整') break;
		else throw new Error(`unexpected ${c} in ${words}`);
	}
	const value = total * 100 + fen;
	return negative ? -value : value;
}

describe('[M7] totals in capital numerals (大写)', () => {
	it("writes the People's Bank's own examples", () => {
		expect(rmbWords(140_950)).toBe('壹仟肆佰零玖元伍角');
		expect(rmbWords(600_714)).toBe('陆仟零柒元壹角肆分');
		expect(rmbWords(168_032)).toBe('壹仟陆佰捌拾元叁角贰分');
		expect(rmbWords(10_700_053)).toBe('壹拾万柒仟元伍角叁分');
		expect(rmbWords(32_504)).toBe('叁佰贰拾伍元零肆分');
	});

	it('writes zero, small amounts and whole yuan', () => {
		expect(rmbWords(0)).toBe('零元整');
		expect(rmbWords(5)).toBe('伍分');
		expect(rmbWords(50)).toBe('伍角');
		expect(rmbWords(55)).toBe('伍角伍分');
		expect(rmbWords(100)).toBe('壹元整');
		expect(rmbWords(1_000)).toBe('壹拾元整');
		expect(rmbWords(1_005)).toBe('壹拾元零伍分');
		expect(rmbWords(10_000)).toBe('壹佰元整');
		expect(rmbWords(19_990)).toBe('壹佰玖拾玖元玖角');
	});

	it('writes one 零 for a run of zeros and none at the end of a group', () => {
		expect(rmbWords(1_000_500)).toBe('壹万零伍元整');
		expect(rmbWords(10_000_000)).toBe('壹拾万元整');
		expect(rmbWords(100_010_000)).toBe('壹佰万零壹佰元整');
		expect(rmbWords(100_100_000)).toBe('壹佰万壹仟元整');
		expect(rmbWords(10_000_000_000)).toBe('壹亿元整');
		expect(rmbWords(10_001_000_000)).toBe('壹亿零壹万元整');
		expect(rmbWords(10_010_000_000)).toBe('壹亿零壹拾万元整');
		expect(rmbWords(12_345_678_900)).toBe('壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整');
	});

	it('writes 万亿 and the largest safe amount', () => {
		expect(rmbWords(100_000_000_000_000)).toBe('壹万亿元整');
		expect(rmbWords(120_000_000_000_000)).toBe('壹万贰仟亿元整');
		expect(rmbWords(100_000_000_500_000)).toBe('壹万亿零伍仟元整');
		expect(rmbWords(Number.MAX_SAFE_INTEGER)).toBe(
			'玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'
		);
	});

	it('prefixes a negative amount with 负', () => {
		expect(rmbWords(-1_230)).toBe('负壹拾贰元叁角');
		expect(rmbWords(-5)).toBe('负伍分');
	});

	it('refuses what is not integer fen', () => {
		expect(() => rmbWords(1.5)).toThrow(MoneyError);
		expect(() => rmbWords(Number.NaN)).toThrow(MoneyError);
		expect(() => rmbWords(2 ** 53)).toThrow(MoneyError);
	});

	it('reads back to the same amount, with no doubled, leading or trailing 零 (property)', () => {
		const amounts = fc.oneof(
			fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
			fc.integer({ min: -10_000_000, max: 10_000_000 }),
			// Amounts made of a few digits among zeros: where the 零 rules matter.
			fc
				.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 })
				.map((ds) => Number(ds.join('')))
		);
		fc.assert(
			fc.property(amounts, (amount) => {
				const words = rmbWords(amount);
				expect(readWords(words)).toBe(amount);
				if (amount !== 0) expect(words).not.toMatch(/零零|零[元万亿角整]|^负?零/);
				expect(words.endsWith('整') || words.endsWith('角') || words.endsWith('分')).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});
});
