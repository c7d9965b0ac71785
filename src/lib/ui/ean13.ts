/**
 * EAN-13 bars for printed price tags (价签): the 95 modules of a barcode, '1' for a bar and '0' for a
 * space, from its 13 digits (GS1 General Specifications §5.2): a start guard 101, six digits coded L or
 * G by the pattern the first digit picks, a centre guard 01010, six digits coded R, an end guard 101.
 * R is the complement of L, G is R reversed. Null for anything that is not a valid EAN-13 (a wrong check
 * digit prints no bars that a scanner would read as another product).
 */
import { isValidEan13 } from '../domain/master/ean13';

const L = [
	'0001101',
	'0011001',
	'0010011',
	'0111101',
	'0100011',
	'0110001',
	'0101111',
	'0111011',
	'0110111',
	'0001011'
];
const R = L.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''));
const G = R.map((p) => [...p].reverse().join(''));
/** Which of the left six digits are coded G, by the first digit. */
const PARITY = [
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
];

export function ean13Bars(code: string): string | null {
	if (!isValidEan13(code)) return null;
	const d = [...code].map(Number);
	const parity = PARITY[d[0]!]!;
	let out = '101';
	for (let i = 1; i <= 6; i++) out += (parity[i - 1] === 'G' ? G : L)[d[i]!];
	out += '01010';
	for (let i = 7; i <= 12; i++) out += R[d[i]!];
	return out + '101';
}

/** The bars as runs: [start module, width] of each bar, for an SVG of one rect per bar. */
export function barRuns(bars: string): [number, number][] {
	const runs: [number, number][] = [];
	for (let i = 0; i < bars.length; i++) {
		if (bars[i] !== '1') continue;
		let j = i;
		while (bars[j + 1] === '1') j++;
		runs.push([i, j - i + 1]);
		i = j;
	}
	return runs;
}
