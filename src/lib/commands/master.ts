/**
 * Master-data commands (商品 / 供应商 / 客户 / 仓库 / 门店): each checks the typed input through the
 * domain's rules against the current records, then records one `*.created` or `*.updated` event in the
 * master partition. An update carries only the fields that changed and the record version the editor
 * saw (`base`), so a concurrent edit on another device is detected (D6) and both stay in the history.
 * A field the clerk emptied in the form is named in `clear` (MD10); required fields and codes never are.
 */
import type { EventType } from '../domain/catalogue';
import type { Ledger } from '../domain/ledger';
import {
	changedFields,
	checkProduct,
	clearedFields,
	CLEARABLE_PRODUCT_FIELDS,
	productIndex,
	withoutEmpty,
	type ProductFields,
	type ProductInput
} from '../domain/master/product';
import {
	checkRecord,
	codeIndex,
	RECORD_FIELDS,
	type RecordInput,
	type RecordKind
} from '../domain/master/record';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export type MasterKind = 'product' | RecordKind;

/** A fresh record id, made offline: a prefix, the time and a random part (ids are global). */
export function newRecordId(prefix: string): string {
	const r = crypto.getRandomValues(new Uint32Array(2));
	return `${prefix}-${Date.now().toString(36)}${r[0]!.toString(36)}${r[1]!.toString(36)}`.slice(0, 40);
}

const PREFIX: Record<MasterKind, string> = {
	product: 'P',
	supplier: 'S',
	customer: 'C',
	warehouse: 'W',
	branch: 'B',
	account: 'A'
};

/** Current values of every record of a kind (for indexes of codes and barcodes). */
export function currentRecords(
	ledger: Ledger,
	kind: string
): { id: string; values: Record<string, unknown> }[] {
	return ledger.records(kind).map((r) => ({ id: r.id, values: ledger.values(kind, r.id) }));
}

/** The next free `SPnnnn` code, for a product created without one. */
export function nextProductCode(ledger: Ledger): string {
	let max = 0;
	for (const r of ledger.records('product')) {
		const code = r.fields['code']?.value;
		const m = typeof code === 'string' ? /^SP(\d+)$/.exec(code) : null;
		if (m) max = Math.max(max, Number(m[1]));
	}
	return `SP${String(max + 1).padStart(4, '0')}`;
}

const CODE_PREFIX: Record<RecordKind, string> = {
	supplier: 'GYS',
	customer: 'KH',
	warehouse: 'CK',
	branch: 'MD',
	account: 'ZH'
};

/** The next free code of a kind (`GYS0001`, `KH0001`, …) for a record created without one. */
export function nextCode(ledger: Ledger, kind: RecordKind): string {
	const prefix = CODE_PREFIX[kind];
	const re = new RegExp(`^${prefix}(\\d+)$`);
	let max = 0;
	for (const r of ledger.records(kind)) {
		const code = r.fields['code']?.value;
		const m = typeof code === 'string' ? re.exec(code) : null;
		if (m) max = Math.max(max, Number(m[1]));
	}
	return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

type Saved = CommandResult<{ id: string; name: string; changed: number }>;

const failure = (errors: Record<string, FieldError>): Saved => ({ ok: false, errors });

/**
 * What the editor saw when the form opened: the record's version and values. Saving compares against
 * these, not the current values, so a field another device changed meanwhile is not sent back (and
 * overwritten) unless this editor changed it too; and `base` lets derivation report the concurrent edit.
 */
export interface Seen {
	readonly version: string;
	readonly values: Record<string, unknown>;
}

export function seenOf(ledger: Ledger, kind: MasterKind, id: string): Seen {
	return { version: ledger.record(kind, id)?.version ?? '', values: ledger.values(kind, id) };
}

async function save(
	ctx: CommandContext,
	kind: MasterKind,
	id: string | null,
	fields: Record<string, unknown>,
	seen?: Seen,
	preferredId?: string
): Promise<Saved> {
	const name = String(fields.name ?? '');
	if (id === null) {
		const newId = preferredId ?? newRecordId(PREFIX[kind]);
		const r = await ctx.journal.record(
			`${kind}.created` as EventType,
			{ id: newId, fields: withoutEmpty(fields) } as never,
			{ user: ctx.user }
		);
		if (!r.ok) return failure({ form: { code: 'record', params: { reason: r.reason } } });
		return { ok: true, value: { id: newId, name, changed: Object.keys(fields).length } };
	}
	const record = ctx.ledger.record(kind, id);
	if (!record) return failure({ form: { code: 'unknownRecord' } });
	const before = seen?.values ?? ctx.ledger.values(kind, id);
	const clear = clearedFields(before, fields, clearable(kind));
	const changed = changedFields(before, fields);
	for (const k of clear) delete changed[k];
	const count = Object.keys(changed).length + clear.length;
	if (count === 0) return { ok: true, value: { id, name, changed: 0 } };
	const r = await ctx.journal.record(
		`${kind}.updated` as EventType,
		{
			id,
			fields: changed,
			base: seen?.version ?? record.version,
			...(clear.length > 0 ? { clear } : {})
		} as never,
		{ user: ctx.user }
	);
	if (!r.ok) return failure({ form: { code: 'record', params: { reason: r.reason } } });
	return { ok: true, value: { id, name, changed: count } };
}

/** The optional fields a kind's form edits, which emptying clears (not codes, not required fields). */
function clearable(kind: MasterKind): readonly string[] {
	if (kind === 'product') return CLEARABLE_PRODUCT_FIELDS;
	return RECORD_FIELDS[kind]
		.filter((f) => f.field !== 'code' && !(f.type.t === 'text' && f.type.required))
		.map((f) => f.field);
}

/** Creates (id null) or edits a product; a refused one returns errors by field path and records nothing. */
export async function saveProduct(
	ctx: CommandContext,
	id: string | null,
	input: ProductInput,
	seen?: Seen
): Promise<Saved> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may(id === null ? 'product.created' : 'product.updated', ''))
		return failure({ form: { code: 'readOnly' } });
	const check = checkProduct(input, {
		index: productIndex(currentRecords(ctx.ledger, 'product')),
		...(id !== null ? { self: id } : {}),
		warehouses: new Set(ctx.ledger.records('warehouse').map((r) => r.id)),
		suppliers: new Set(ctx.ledger.records('supplier').map((r) => r.id))
	});
	if (!check.ok) return failure(check.errors);
	const fields: ProductFields = { ...check.fields };
	if (fields.code === undefined && id === null) fields.code = nextProductCode(ctx.ledger);
	if (fields.code === undefined) delete fields.code;
	return save(ctx, 'product', id, fields, seen);
}

/** Creates or edits a supplier, customer, warehouse, branch or account. */
export async function saveRecord(
	ctx: CommandContext,
	kind: RecordKind,
	id: string | null,
	input: RecordInput,
	seen?: Seen
): Promise<Saved> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may(`${kind}.${id === null ? 'created' : 'updated'}` as EventType, ''))
		return failure({ form: { code: 'readOnly' } });
	const check = checkRecord(kind, input, {
		codes: codeIndex(currentRecords(ctx.ledger, kind)),
		...(id !== null ? { self: id } : {}),
		refs: { branch: new Set(ctx.ledger.records('branch').map((r) => r.id)) }
	});
	if (!check.ok) return failure(check.errors);
	if (id !== null) return save(ctx, kind, id, check.fields, seen);
	const code = (check.fields as { code?: string }).code ?? nextCode(ctx.ledger, kind);
	return save(
		ctx,
		kind,
		null,
		{ ...check.fields, code, active: true },
		undefined,
		branchId(ctx.ledger, kind, code)
	);
}

/**
 * A branch's id is its code when the code can be one (short, letters and digits, not taken): the id
 * names the branch's partitions and stands in every document number (`XS-MD0001-T3-000001`, DESIGN
 * §1), where a random id would be noise to a clerk. Two devices creating the same code offline get one
 * record, and their different names show as a concurrent edit in the conflict center.
 */
function branchId(ledger: Ledger, kind: RecordKind, code: string): string | undefined {
	if (kind !== 'branch' || !/^[A-Za-z0-9]{1,12}$/.test(code)) return undefined;
	return ledger.record('branch', code) ? undefined : code;
}

/** Archives (停用) or restores a record: an update of `active` only. */
export async function setActive(
	ctx: CommandContext,
	kind: MasterKind,
	id: string,
	active: boolean
): Promise<Saved> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may(`${kind}.updated` as EventType, '')) return failure({ form: { code: 'readOnly' } });
	return save(ctx, kind, id, { ...ctx.ledger.values(kind, id), active });
}
