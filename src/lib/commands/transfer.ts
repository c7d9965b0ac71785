/**
 * Import, export and opening balances (期初): the file is checked by the domain (per-row errors, nothing
 * recorded while any row is wrong), then applied as ONE journal batch (recordMany): every event is
 * validated before anything is written, so a failed import changes nothing (IM3).
 */
import type { Ledger } from '../domain/ledger';
import type { RecordCommand } from '../sync/journal';
import {
	exportOpening,
	planOpeningImport,
	type OpeningContext,
	type OpeningDraft
} from '../domain/import/opening';
import {
	exportBalances,
	planBalanceImport,
	type BalanceContext,
	type BalanceDraft,
	type BalanceParty,
	type PartyEntry
} from '../domain/import/balances';
import { exportProducts, ProductImport, type ProductPlan } from '../domain/import/products';
import {
	exportRecords,
	planRecordImport,
	type ImportableKind,
	type RecordDraft
} from '../domain/import/records';
import type { ImportPlan, Lang } from '../domain/import/sheet';
import { parseSignedMoney, parseDay } from '../domain/master/fields';
import { productIndex, type ProductFields } from '../domain/master/product';
import { codeIndex } from '../domain/master/record';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';
import { currentRecords, newRecordId } from './master';

export type ImportKind = 'product' | ImportableKind | 'opening' | 'balances';

export type AnyPlan =
	| { readonly kind: 'product'; readonly plan: ProductPlan }
	| { readonly kind: 'supplier'; readonly plan: ImportPlan<RecordDraft<'supplier'>> }
	| { readonly kind: 'customer'; readonly plan: ImportPlan<RecordDraft<'customer'>> }
	| { readonly kind: 'opening'; readonly plan: ImportPlan<OpeningDraft> }
	| { readonly kind: 'balances'; readonly plan: ImportPlan<BalanceDraft> };

const partyEntries = (ledger: Ledger, kind: BalanceParty): PartyEntry[] =>
	currentRecords(ledger, kind).map(({ id, values }) => ({
		id,
		code: typeof values.code === 'string' ? values.code : '',
		name: typeof values.name === 'string' ? values.name : id
	}));

/** [IM7] Customers and suppliers by code and name, and who already has an opening balance. */
export function balanceContext(ledger: Ledger): BalanceContext {
	const opened = new Set<string>();
	for (const e of ledger.eventsOfType('opening.balance'))
		if (ledger.document(e.id)?.status !== 'voided') opened.add(`${e.payload.party}|${e.payload.id}`);
	return {
		parties: { customer: partyEntries(ledger, 'customer'), supplier: partyEntries(ledger, 'supplier') },
		opened
	};
}

/** Products by code and barcode, warehouses by id, code and name: what an opening-stock row may name. */
export function openingContext(ledger: Ledger): OpeningContext {
	const products = new Map<string, { id: string; fields: ProductFields }>();
	for (const { id, values } of currentRecords(ledger, 'product')) {
		const f = values as ProductFields;
		const entry = { id, fields: f };
		for (const b of f.barcodes ?? []) products.set(b, entry);
		if (f.code) products.set(f.code, entry);
	}
	const warehouses = new Map<string, { id: string; branch: string }>();
	for (const { id, values } of currentRecords(ledger, 'warehouse')) {
		const entry = { id, branch: typeof values.branch === 'string' ? values.branch : '' };
		if (typeof values.name === 'string') warehouses.set(values.name, entry);
		if (typeof values.code === 'string') warehouses.set(values.code, entry);
		warehouses.set(id, entry);
	}
	return { products, warehouses };
}

/**
 * Checks a sheet for an import, in chunks so the UI can show progress (`onProgress(done, total)` after
 * each chunk, with a pause for the page to paint).
 */
export async function planImport(
	ledger: Ledger,
	kind: ImportKind,
	sheet: readonly (readonly string[])[],
	onProgress: (done: number, total: number) => void = () => undefined,
	chunk = 2000
): Promise<AnyPlan> {
	const total = Math.max(0, sheet.length - 1);
	if (kind === 'product') {
		// [IM6] A row naming an existing product's code updates it, checked against its current values.
		const imp = new ProductImport(sheet[0] ?? [], productIndex(currentRecords(ledger, 'product')), (id) => {
			const record = ledger.record('product', id);
			return record
				? { values: ledger.values('product', id) as ProductFields, version: record.version }
				: undefined;
		});
		for (let i = 1; i < sheet.length; i += chunk) {
			imp.addRows(sheet.slice(i, i + chunk), i + 1);
			onProgress(Math.min(total, i - 1 + chunk), total);
			await pause();
		}
		return { kind, plan: imp.plan(() => newRecordId('P')) };
	}
	onProgress(0, total);
	await pause();
	const result: AnyPlan =
		kind === 'balances'
			? { kind, plan: planBalanceImport(sheet, balanceContext(ledger)) }
			: kind === 'opening'
				? { kind, plan: planOpeningImport(sheet, openingContext(ledger)) }
				: kind === 'supplier'
					? {
							kind,
							plan: planRecordImport(kind, sheet, codeIndex(currentRecords(ledger, kind)), () =>
								newRecordId('S')
							)
						}
					: {
							kind,
							plan: planRecordImport(kind, sheet, codeIndex(currentRecords(ledger, kind)), () =>
								newRecordId('C')
							)
						};
	onProgress(total, total);
	return result;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The events a plan records, in order. */
export function importCommands(ctx: CommandContext, p: AnyPlan): RecordCommand[] {
	const user = ctx.user;
	switch (p.kind) {
		case 'product':
			return [
				...p.plan.drafts.map((d) => ({ type: 'product.created' as const, payload: d, user })),
				...p.plan.updates.map((u) => ({ type: 'product.updated' as const, payload: u, user }))
			];
		case 'supplier':
			return p.plan.drafts.map((d) => ({ type: 'supplier.created', payload: d, user }));
		case 'customer':
			return p.plan.drafts.map((d) => ({ type: 'customer.created', payload: d, user }));
		case 'opening':
			return p.plan.drafts.map((d) => ({
				type: 'opening.stock',
				payload: { wh: d.wh, lines: d.lines },
				user,
				branch: d.branch
			}));
		case 'balances':
			return p.plan.drafts.map((d) => ({ type: 'opening.balance', payload: d, user }));
	}
}

/** [IM3] Applies a plan with no errors as one batch; returns how many events were recorded. */
export async function applyImport(
	ctx: CommandContext,
	p: AnyPlan
): Promise<CommandResult<{ events: number }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (p.plan.errors.length > 0) return { ok: false, errors: { form: { code: 'importHasErrors' } } };
	const commands = importCommands(ctx, p);
	for (const c of commands)
		if (!ctx.may(c.type, c.branch ?? '')) return { ok: false, errors: { form: { code: 'readOnly' } } };
	if (commands.length === 0) return { ok: false, errors: { form: { code: 'importEmpty' } } };
	const r = await ctx.journal.recordMany(commands);
	if (!r.ok)
		return {
			ok: false,
			errors: { form: { code: 'record', params: { reason: `${r.index + 1}: ${r.reason}` } } }
		};
	return { ok: true, value: { events: r.events.length } };
}

/** Records in code order (then id), so an export reads like the list and is the same on every device. */
function byCode<R extends { id: string; values: Record<string, unknown> }>(records: R[]): R[] {
	const code = (r: R) => (typeof r.values.code === 'string' ? r.values.code : '');
	return records.sort((a, b) => code(a).localeCompare(code(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The sheet an export writes for a kind, in the user's language. */
export function exportSheet(ledger: Ledger, kind: ImportKind, lang: Lang): string[][] {
	if (kind === 'product')
		return exportProducts(
			byCode(currentRecords(ledger, 'product')).map((r) => ({ values: r.values as ProductFields })),
			lang
		);
	if (kind === 'supplier' || kind === 'customer')
		return exportRecords(kind, byCode(currentRecords(ledger, kind)), lang);
	if (kind === 'balances') {
		const entries = {
			customer: new Map(partyEntries(ledger, 'customer').map((p) => [p.id, p])),
			supplier: new Map(partyEntries(ledger, 'supplier').map((p) => [p.id, p]))
		};
		const rows: { draft: BalanceDraft; party: PartyEntry }[] = [];
		for (const e of ledger.eventsOfType('opening.balance')) {
			if (ledger.document(e.id)?.status === 'voided') continue;
			const { party, id, amount, due } = e.payload;
			const entry = entries[party].get(id) ?? { id, code: '', name: id };
			rows.push({ draft: { party, id, amount, ...(due !== undefined ? { due } : {}) }, party: entry });
		}
		return exportBalances(rows, lang);
	}
	const lines = [];
	for (const e of ledger.events) {
		if (e.type !== 'opening.stock' || ledger.document(e.id)?.status === 'voided') continue;
		const wh = ledger.values('warehouse', e.payload.wh);
		for (const line of e.payload.lines) {
			const p = ledger.values('product', line.p) as ProductFields;
			lines.push({
				code: p.code ?? line.p,
				name: p.name ?? '',
				warehouse: typeof wh.name === 'string' ? wh.name : e.payload.wh,
				unit: p.unit ?? '',
				line
			});
		}
	}
	return exportOpening(lines, lang);
}

// ---- opening balances typed one by one on the 期初 page ----

/** Opening stock lines typed on the page: checked by the same rules as an opening-stock file. */
export async function recordOpeningStock(
	ctx: CommandContext,
	rows: readonly {
		product: string;
		warehouse: string;
		qty: string;
		unit: string;
		cost: string;
		batch: string;
		expiry: string;
	}[]
): Promise<
	CommandResult<{ events: number }> & { rowErrors?: { row: number; column: string; code: string }[] }
> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const sheet = [
		['商品编码', '仓库', '数量', '单位', '单位成本', '批次', '有效期'],
		...rows.map((r) => [r.product, r.warehouse, r.qty, r.unit, r.cost, r.batch, r.expiry])
	];
	const plan = planOpeningImport(sheet, openingContext(ctx.ledger));
	if (plan.errors.length > 0) {
		const errors: Record<string, FieldError> = {};
		for (const e of plan.errors)
			errors[`${e.row - 2}.${e.column}`] ??= { code: e.code, ...(e.params ? { params: e.params } : {}) };
		return { ok: false, errors };
	}
	return applyImport(ctx, { kind: 'opening', plan });
}

/** An opening receivable (customer) or payable (supplier), or an account's opening cash. */
export async function recordOpeningBalance(
	ctx: CommandContext,
	input: { party: 'customer' | 'supplier' | 'account'; id: string; amount: string; due: string }
): Promise<CommandResult<{ id: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const type = input.party === 'account' ? 'opening.cash' : 'opening.balance';
	if (!ctx.may(type, '')) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	if (!input.id) errors.id = { code: 'required' };
	const amount = parseSignedMoney(input.amount);
	if (!amount.ok) errors.amount = amount.error;
	else if (amount.value === undefined || amount.value === 0) errors.amount = { code: 'required' };
	const due = parseDay(input.due);
	if (!due.ok) errors.due = due.error;
	if (Object.keys(errors).length > 0 || !amount.ok || amount.value === undefined || !due.ok)
		return { ok: false, errors };
	const r =
		input.party === 'account'
			? await ctx.journal.record(
					'opening.cash',
					{ account: input.id, amount: amount.value },
					{ user: ctx.user }
				)
			: await ctx.journal.record(
					'opening.balance',
					{
						party: input.party,
						id: input.id,
						amount: amount.value,
						...(due.value !== undefined ? { due: due.value } : {})
					},
					{ user: ctx.user }
				);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return { ok: true, value: { id: r.event.id } };
}
