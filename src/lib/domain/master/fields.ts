/**
 * Parsing what a clerk types (or a spreadsheet cell holds) into master-data field values, with typed
 * failures (rules MD1–MD5 in docs/SPEC.md). Shared by the forms and the import, so a value refused in one
 * is refused the same way in the other.
 */
import { dayFromIso } from '../dates';
import { MoneyError, parseDecimal, VAT_RATES } from '../money';

/** A failure the UI turns into a message in the user's language. */
export interface FieldError {
	readonly code: string;
	readonly params?: Readonly<Record<string, string | number>>;
}

export type Parsed<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FieldError };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: string, params?: Record<string, string | number>): Parsed<never> => ({
	ok: false,
	error: params ? { code, params } : { code }
});

export function parseText(
	text: string,
	opts: { required?: boolean; max: number }
): Parsed<string | undefined> {
	const t = text.trim();
	if (t === '') return opts.required ? bad('required') : ok(undefined);
	if (t.length > opts.max) return bad('tooLong', { max: opts.max });
	return ok(t);
}

/** Yuan as typed ("12.5", "¥1,200") → fen; blank → undefined; negative or malformed refused. */
export function parseMoney(text: string): Parsed<number | undefined> {
	if (text.trim() === '') return ok(undefined);
	try {
		const fen = parseDecimal(text, 2);
		return fen < 0 ? bad('price') : ok(fen);
	} catch (e) {
		if (e instanceof MoneyError) return bad('price');
		throw e;
	}
}

/** Signed yuan (opening balances may be negative: an advance). */
export function parseSignedMoney(text: string): Parsed<number | undefined> {
	if (text.trim() === '') return ok(undefined);
	try {
		return ok(parseDecimal(text, 2));
	} catch (e) {
		if (e instanceof MoneyError) return bad('amount');
		throw e;
	}
}

/** A quantity as typed → thousandths (at most three decimals); blank → undefined. */
export function parseQuantity(text: string, min = 0): Parsed<number | undefined> {
	if (text.trim() === '') return ok(undefined);
	try {
		const q = parseDecimal(text, 3);
		return q < min ? bad('qty') : ok(q);
	} catch (e) {
		if (e instanceof MoneyError) return bad('qty');
		throw e;
	}
}

export function parseInteger(
	text: string,
	min: number,
	max: number,
	code = 'integer'
): Parsed<number | undefined> {
	const t = text.trim();
	if (t === '') return ok(undefined);
	if (!/^\d+$/.test(t)) return bad(code, { min, max });
	const n = Number(t);
	return n < min || n > max ? bad(code, { min, max }) : ok(n);
}

/** "13", "13%", "0.13" (as a fraction below 1) or "9 %" → basis points; only the legal rates. */
export function parseVat(text: string): Parsed<number | undefined> {
	const t = text.trim().replace(/\s|%|％/g, '');
	if (t === '') return ok(undefined);
	let bp: number;
	try {
		// A percent with two decimals is a count of basis points; a fraction below 1 has four.
		bp = t.startsWith('0.') ? parseDecimal(t, 4) : parseDecimal(t, 2);
	} catch {
		return bad('vat');
	}
	return (VAT_RATES as readonly number[]).includes(bp) ? ok(bp) : bad('vat');
}

const YES = new Set(['1', 'y', 'yes', 'true', '是', '启用', '开', 'on', '√']);
const NO = new Set(['0', 'n', 'no', 'false', '否', '停用', '关', 'off', '×', '']);

export function parseYesNo(text: string): Parsed<boolean | undefined> {
	const t = text.trim().toLowerCase();
	if (t === '') return ok(undefined);
	if (YES.has(t)) return ok(true);
	if (NO.has(t)) return ok(false);
	return bad('yesNo');
}

/** A date `YYYY-MM-DD` (also `YYYY/M/D`) → day number. */
export function parseDay(text: string): Parsed<number | undefined> {
	const t = text.trim();
	if (t === '') return ok(undefined);
	const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
	const day = m ? dayFromIso(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`) : null;
	return day === null ? bad('date') : ok(day);
}

/** A category path: `服装/裤装`, `服装 > 裤装` and `服装／裤装` all become `服装/裤装`. */
export function parseCategory(text: string): Parsed<string | undefined> {
	const parts = text
		.split(/[/／>＞\\]/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (parts.length === 0) return ok(undefined);
	const path = parts.join('/');
	return path.length > 60 ? bad('tooLong', { max: 60 }) : ok(path);
}

/** A list typed in one cell: `a;b`, `a，b`, `a b` or one per line. */
export function splitList(text: string): string[] {
	return text
		.split(/[;,；，、\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** EAN-8/13, UPC-A, ITF-14 and shop codes: 8–14 digits. */
export const BARCODE = /^\d{8,14}$/;
