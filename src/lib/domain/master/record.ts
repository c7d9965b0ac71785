/**
 * Suppliers, customers, warehouses, branches and accounts as typed in a form or a spreadsheet row:
 * one field list per kind (which the forms and the import columns are built from), and one check
 * (rule MD6 in docs/SPEC.md): name required, lengths, phones, days, money, a code no other record of the
 * kind holds.
 */
import type { MasterFields } from '../catalogue';
import { parseInteger, parseMoney, parseText, splitList, type FieldError, type Parsed } from './fields';
import type { Owner } from './product';

export type RecordKind = 'supplier' | 'customer' | 'warehouse' | 'branch' | 'account';

export type FieldType =
	| { readonly t: 'text'; readonly max: number; readonly required?: boolean }
	| { readonly t: 'phones' }
	| { readonly t: 'days'; readonly max: number }
	| { readonly t: 'money' }
	| { readonly t: 'percent' }
	| { readonly t: 'choice'; readonly choices: readonly string[] }
	| { readonly t: 'ref'; readonly to: RecordKind };

export interface FieldSpec {
	readonly field: string;
	readonly type: FieldType;
}

const text = (max: number, required = false): FieldType => ({ t: 'text', max, required });

export const RECORD_FIELDS: Readonly<Record<RecordKind, readonly FieldSpec[]>> = {
	supplier: [
		{ field: 'code', type: text(32) },
		{ field: 'name', type: text(120, true) },
		{ field: 'contact', type: text(60) },
		{ field: 'phones', type: { t: 'phones' } },
		{ field: 'address', type: text(200) },
		{ field: 'termsDays', type: { t: 'days', max: 365 } },
		{ field: 'leadTimeDays', type: { t: 'days', max: 365 } },
		{ field: 'bank', type: text(200) },
		{ field: 'note', type: text(2000) }
	],
	customer: [
		{ field: 'code', type: text(32) },
		{ field: 'name', type: text(120, true) },
		{ field: 'contact', type: text(60) },
		{ field: 'phones', type: { t: 'phones' } },
		{ field: 'address', type: text(200) },
		{ field: 'tier', type: { t: 'choice', choices: ['retail', 'wholesale', 'member'] } },
		{ field: 'discountBp', type: { t: 'percent' } },
		{ field: 'creditLimit', type: { t: 'money' } },
		{ field: 'termsDays', type: { t: 'days', max: 365 } },
		{ field: 'note', type: text(2000) }
	],
	warehouse: [
		{ field: 'code', type: text(32) },
		{ field: 'name', type: text(60, true) },
		{ field: 'branch', type: { t: 'ref', to: 'branch' } }
	],
	branch: [
		{ field: 'code', type: text(32) },
		{ field: 'name', type: text(60, true) }
	],
	account: [
		{ field: 'code', type: text(32) },
		{ field: 'name', type: text(60, true) },
		{ field: 'kind', type: { t: 'choice', choices: ['cash', 'bank', 'wechat', 'alipay', 'card'] } }
	]
};

export type RecordInput = Readonly<Record<string, string>>;

export interface RecordContext {
	/** Codes already held by records of this kind. */
	readonly codes: ReadonlyMap<string, Owner>;
	readonly self?: string;
	/** Ids of records a `ref` field may point at, per kind (omitted = not checked). */
	readonly refs?: Partial<Record<RecordKind, ReadonlySet<string>>>;
}

export type RecordCheck<K extends RecordKind> =
	| { readonly ok: true; readonly fields: MasterFields<K> }
	| { readonly ok: false; readonly errors: Record<string, FieldError> };

/** A percent off as typed ("5", "2.5") → basis points (500, 250). */
function parsePercent(text: string): Parsed<number | undefined> {
	const r = parseMoney(text.replace(/%|％/g, ''));
	if (!r.ok) return { ok: false, error: { code: 'percent' } };
	if (r.value !== undefined && r.value > 10_000) return { ok: false, error: { code: 'percent' } };
	return r;
}

export function parseField(spec: FieldSpec, raw: string, ctx: RecordContext): Parsed<unknown> {
	const ty = spec.type;
	switch (ty.t) {
		case 'text':
			return parseText(raw, { required: ty.required, max: ty.max });
		case 'phones': {
			const phones = splitList(raw);
			if (phones.length > 8) return { ok: false, error: { code: 'tooMany', params: { max: 8 } } };
			const badPhone = phones.find((p) => !/^[0-9+()-]{3,32}$/.test(p));
			if (badPhone) return { ok: false, error: { code: 'phone', params: { phone: badPhone } } };
			return { ok: true, value: phones };
		}
		case 'days':
			return parseInteger(raw, 0, ty.max, 'days');
		case 'money':
			return parseMoney(raw);
		case 'percent':
			return parsePercent(raw);
		case 'choice': {
			const v = raw.trim();
			if (v === '') return { ok: true, value: undefined };
			return ty.choices.includes(v) ? { ok: true, value: v } : { ok: false, error: { code: 'choice' } };
		}
		case 'ref': {
			const v = raw.trim();
			if (v === '') return { ok: true, value: undefined };
			const known = ctx.refs?.[ty.to];
			if (known && !known.has(v)) return { ok: false, error: { code: 'unknownRef', params: { ref: v } } };
			return { ok: true, value: v };
		}
	}
}

/** [MD6] Checks a record of `kind` as typed; `active` is set by archive, not by the form. */
export function checkRecord<K extends RecordKind>(
	kind: K,
	input: RecordInput,
	ctx: RecordContext
): RecordCheck<K> {
	const errors: Record<string, FieldError> = {};
	const fields: Record<string, unknown> = {};
	for (const spec of RECORD_FIELDS[kind]) {
		const r = parseField(spec, input[spec.field] ?? '', ctx);
		if (!r.ok) errors[spec.field] = r.error;
		else if (r.value !== undefined) fields[spec.field] = r.value;
	}
	const code = fields.code as string | undefined;
	if (code !== undefined) {
		const owner = ctx.codes.get(code);
		if (owner && owner.id !== ctx.self)
			errors.code = { code: 'codeTaken', params: { code, name: owner.name } };
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, fields: fields as MasterFields<K> };
}

/** The form's text for an existing record. */
export function recordInput(kind: RecordKind, values: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const spec of RECORD_FIELDS[kind]) {
		const v = values[spec.field];
		out[spec.field] = formatField(spec, v);
	}
	return out;
}

export function formatField(spec: FieldSpec, v: unknown): string {
	if (v === undefined || v === null) return '';
	switch (spec.type.t) {
		case 'phones':
			return Array.isArray(v) ? v.join(';') : '';
		case 'money':
		case 'percent': {
			const n = v as number;
			return `${Math.floor(n / 100)}${
				n % 100
					? '.' +
						String(n % 100)
							.padStart(2, '0')
							.replace(/0+$/, '')
					: ''
			}`;
		}
		default:
			return String(v);
	}
}

/** The codes held by records (current values), to refuse a taken code. */
export function codeIndex(
	records: Iterable<{ readonly id: string; readonly values: Record<string, unknown> }>
): Map<string, Owner> {
	const out = new Map<string, Owner>();
	for (const r of records) {
		const code = r.values.code;
		if (typeof code === 'string')
			out.set(code, { id: r.id, name: typeof r.values.name === 'string' ? r.values.name : r.id });
	}
	return out;
}
