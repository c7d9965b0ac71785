/**
 * Money and quantities as integers (DESIGN §4, rules M1–M6 in docs/SPEC.md).
 *
 * - `Fen`: an amount of money in 分 (1/100 yuan), a safe integer.
 * - `MilliQty`: a quantity in thousandths of the product's base unit, a safe integer.
 *
 * Nothing here passes through a float: decimal strings are parsed digit by digit, and every product or
 * quotient is exact integer arithmetic with one explicit rounding step, 四舍五入 (half away from zero).
 * Products that would leave the safe-integer range fall back to BigInt, so large sums never lose a fen.
 */

declare const fenBrand: unique symbol;
declare const milliBrand: unique symbol;

export type Fen = number & { readonly [fenBrand]: true };
export type MilliQty = number & { readonly [milliBrand]: true };

export const FEN_PER_YUAN = 100;
export const MILLI_PER_UNIT = 1000;

export class MoneyError extends Error {
	constructor(
		readonly code: 'not-a-number' | 'too-many-decimals' | 'out-of-range' | 'division-by-zero',
		message: string
	) {
		super(message);
	}
}

function assertSafe(n: number, what: string): number {
	if (!Number.isSafeInteger(n)) throw new MoneyError('out-of-range', `${what} is not a safe integer: ${n}`);
	return n;
}

export const fen = (n: number): Fen => assertSafe(n, 'amount') as Fen;
export const milli = (n: number): MilliQty => assertSafe(n, 'quantity') as MilliQty;

export const ZERO_FEN = 0 as Fen;
export const ZERO_QTY = 0 as MilliQty;

/**
 * Parses a decimal string ("12.5", "-0.07", "1,234.50", "¥3") into an integer count of 10^-scale units.
 * More fractional digits than `scale` are refused unless `round` is set, in which case they are rounded
 * half away from zero. Never uses parseFloat.
 */
export function parseDecimal(text: string, scale: number, round = false): number {
	const cleaned = text.trim().replace(/^¥/, '').replace(/,/g, '').replace(/\s/g, '');
	const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
	if (!m || (m[2] === '' && (m[3] === undefined || m[3] === '')))
		throw new MoneyError('not-a-number', `not a number: "${text}"`);
	const negative = m[1] === '-';
	const whole = m[2] || '0';
	let frac = m[3] ?? '';
	let roundUp = false;
	if (frac.length > scale) {
		if (!round) throw new MoneyError('too-many-decimals', `"${text}" has more than ${scale} decimal places`);
		roundUp = frac.charCodeAt(scale) >= 53; /* '5' */
		frac = frac.slice(0, scale);
	}
	const digits = BigInt(whole + frac.padEnd(scale, '0')) + (roundUp ? 1n : 0n);
	const value = negative ? -digits : digits;
	if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
		throw new MoneyError('out-of-range', `"${text}" is too large`);
	const n = Number(value);
	return n === 0 ? 0 : n; // no -0
}

export const parseYuan = (text: string): Fen => parseDecimal(text, 2) as Fen;
export const parseQty = (text: string): MilliQty => parseDecimal(text, 3) as MilliQty;

/** Formats an integer count of 10^-scale units as a decimal string with exactly `scale` places. */
export function formatDecimal(n: number, scale: number): string {
	const negative = n < 0;
	const digits = Math.abs(n)
		.toString()
		.padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const frac = digits.slice(digits.length - scale);
	return `${negative ? '-' : ''}${whole}${scale > 0 ? '.' + frac : ''}`;
}

export const formatYuan = (amount: Fen): string => formatDecimal(amount, 2);

/** A quantity with trailing zeros trimmed: 1500 → "1.5", 2000 → "2". */
export function formatQty(q: MilliQty): string {
	return formatDecimal(q, 3).replace(/\.?0+$/, '');
}

/**
 * Exact `round(a × b ÷ d)`, rounding half away from zero (四舍五入). `d` must be positive.
 * Fast path in doubles while the product is exactly representable; otherwise BigInt.
 */
export function mulDivRound(a: number, b: number, d: number): number {
	if (d <= 0) throw new MoneyError('division-by-zero', 'divisor must be positive');
	const p = a * b + 0; // + 0 turns -0 into 0
	if (Number.isSafeInteger(p)) return divRoundSafe(p, d);
	const big = BigInt(a) * BigInt(b);
	const bd = BigInt(d);
	const neg = big < 0n;
	const abs = neg ? -big : big;
	let q = abs / bd;
	if ((abs % bd) * 2n >= bd) q += 1n;
	return assertSafe(Number(neg ? -q : q), 'result');
}

/** Exact `round(n ÷ d)` half away from zero for a safe integer n and positive safe integer d. */
export function divRoundSafe(n: number, d: number): number {
	const abs = n < 0 ? -n : n;
	// Float division of two exact integers may be off by one after truncation; the remainder corrects it.
	let q = Math.trunc(abs / d);
	let r = abs - q * d;
	if (r < 0) {
		q -= 1;
		r += d;
	} else if (r >= d) {
		q += 1;
		r -= d;
	}
	if (r * 2 >= d) q += 1;
	return n < 0 && q !== 0 ? -q : q + 0;
}

/** Line amount: quantity (thousandths) × unit price (fen per base unit), rounded to the fen. */
export function lineAmount(qty: MilliQty, unitPrice: Fen): Fen {
	return mulDivRound(qty, unitPrice, MILLI_PER_UNIT) as Fen;
}

export function sumFen(values: Iterable<number>): Fen {
	let total = 0;
	for (const v of values) total += v;
	return assertSafe(total, 'sum') as Fen;
}

/**
 * Splits `total` over `weights` in proportion, so that the parts add up to `total` exactly
 * (largest remainder; ties go to the earlier index, which makes the split deterministic).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
	const sumW = weights.reduce((s, w) => s + w, 0);
	if (weights.some((w) => w < 0)) throw new MoneyError('out-of-range', 'weights must not be negative');
	if (sumW === 0) return weights.map((_, i) => (i === 0 ? total : 0));
	const sign = total < 0 ? -1 : 1;
	const abs = Math.abs(total);
	const parts: number[] = [];
	const remainders: { i: number; r: bigint }[] = [];
	let given = 0;
	for (let i = 0; i < weights.length; i++) {
		const num = BigInt(abs) * BigInt(weights[i]!);
		const part = Number(num / BigInt(sumW));
		parts.push(part);
		remainders.push({ i, r: num % BigInt(sumW) });
		given += part;
	}
	remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
	for (let k = 0; k < abs - given; k++) parts[remainders[k]!.i]! += 1;
	return parts.map((p) => (p === 0 ? 0 : sign * p));
}

/** VAT rates in basis points (1/100 of a percent): 13 % = 1300. */
export const VAT_RATES = [1300, 900, 600, 300, 100, 0] as const;
export type VatRate = number;

/**
 * Splits a tax-inclusive amount into net and tax (价税分离): tax = round(gross × r ÷ (1 + r)),
 * net = gross − tax, so net + tax is always exactly the gross.
 */
export function splitInclusiveTax(gross: Fen, rateBp: VatRate): { net: Fen; tax: Fen } {
	const tax = mulDivRound(gross, rateBp, 10000 + rateBp) as Fen;
	return { net: (gross - tax) as Fen, tax };
}

/** Tax on a net amount: round(net × r). */
export function taxOnNet(net: Fen, rateBp: VatRate): Fen {
	return mulDivRound(net, rateBp, 10000) as Fen;
}
