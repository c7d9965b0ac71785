/**
 * Stock commands: an oversell resolved from the conflict center by booking the shortfall back as a
 * stock adjustment (报溢 at the current unit cost), once the shelf count confirms the goods are there;
 * and the adjustments a clerk books from a product's stock card (报损 / 报溢).
 */
import { formatHlc } from '../domain/hlc';
import { parseQty } from '../domain/money';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export interface OversellAdjustment {
	readonly product: string;
	readonly warehouse: string;
	readonly branch: string;
	/** Thousandths to add (positive). */
	readonly qty: number;
	readonly reason: string;
}

export async function adjustOversell(
	ctx: CommandContext,
	input: OversellAdjustment
): Promise<CommandResult<{ number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (input.branch === '') return { ok: false, errors: { form: { code: 'noBranch' } } };
	if (!ctx.may('stock.adjusted', input.branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	if (!Number.isSafeInteger(input.qty) || input.qty <= 0)
		return { ok: false, errors: { qty: { code: 'qty' } } };
	const r = await ctx.journal.record(
		'stock.adjusted',
		{ wh: input.warehouse, reason: input.reason, lines: [{ p: input.product, q: input.qty }] },
		{ user: ctx.user, branch: input.branch }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	const doc = ctx.ledger.document(r.event.id);
	return { ok: true, value: { number: doc?.number ?? r.event.id } };
}

/** Why stock is booked out (报损) or in (报溢) by hand. */
export const LOSS_REASONS = ['damaged', 'expired', 'lost', 'other'] as const;
export const GAIN_REASONS = ['found', 'other'] as const;
export type AdjustReason = (typeof LOSS_REASONS)[number] | (typeof GAIN_REASONS)[number];

/** A stock adjustment as a clerk types it on a product's stock card. */
export interface StockAdjustmentInput {
	readonly product: string;
	readonly warehouse: string;
	/** 报损 (out, at the current cost) or 报溢 (in, at the current unit cost). */
	readonly direction: 'loss' | 'gain';
	/** The quantity as typed, in the product's base unit (up to three decimals). */
	readonly qty: string;
	readonly reason: AdjustReason | '';
	/** Free text, kept with the reason on the document (required for `other`). */
	readonly note: string;
	/** The batch, for a batch-tracked product. */
	readonly batch: string;
}

/**
 * [I5][I6] 报损 / 报溢: one line of `stock.adjusted` for a product in a warehouse. A loss may not take more
 * than the warehouse (or the batch) holds: a shelf cannot lose what the books say is not there, and
 * booking it would only hide a count error as an oversell. The reason is kept as its code, followed by
 * the clerk's note (`damaged: 外箱压坏`), so the document reads the same in either language.
 */
export async function adjustStock(
	ctx: CommandContext,
	input: StockAdjustmentInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const errors: Record<string, FieldError> = {};
	const branch = warehouseBranch(ctx, input.warehouse);
	if (branch === undefined) return { ok: false, errors: { form: { code: 'unknownWarehouse' } } };
	if (!ctx.may('stock.adjusted', branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const q = quantity(input.qty);
	if (q <= 0) errors.qty = { code: 'qty' };
	const reasons: readonly string[] = input.direction === 'loss' ? LOSS_REASONS : GAIN_REASONS;
	if (!reasons.includes(input.reason)) errors.reason = { code: 'reasonRequired' };
	const note = input.note.trim();
	if (input.reason === 'other' && note === '') errors.note = { code: 'noteRequired' };
	const tracked = ctx.ledger.values('product', input.product).batchTracked === true;
	const batch = input.batch.trim();
	if (tracked && batch === '') errors.batch = { code: 'batchRequired' };
	if (input.direction === 'loss' && q > 0 && !errors.batch) {
		const held = heldIn(ctx, input.warehouse, input.product, tracked ? batch : undefined);
		if (q > held) errors.qty = { code: 'overLoss', params: { max: Math.max(0, held) } };
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const line = { p: input.product, q: input.direction === 'loss' ? -q : q, ...(tracked ? { batch } : {}) };
	const r = await ctx.journal.record(
		'stock.adjusted',
		{ wh: input.warehouse, reason: note ? `${input.reason}: ${note}` : input.reason, lines: [line] },
		{ user: ctx.user, branch }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	const doc = ctx.ledger.document(r.event.id);
	return { ok: true, value: { id: r.event.id, number: doc?.number ?? r.event.id } };
}

/** What a warehouse holds of a product, or of one batch of it (thousandths). */
export function heldIn(ctx: Pick<CommandContext, 'ledger'>, wh: string, p: string, batch?: string): number {
	if (batch === undefined) return ctx.ledger.stockOf(p, wh).onHand;
	return (
		ctx.ledger.batches().find((b) => b.product === p && b.warehouse === wh && b.batch === batch)?.onHand ?? 0
	);
}

/** A typed quantity in thousandths, or 0 when it is not one (empty, not a number, too many decimals). */
function quantity(text: string): number {
	try {
		return parseQty(text);
	} catch {
		return 0;
	}
}

/** The branch a warehouse belongs to, or undefined when there is no such warehouse. */
function warehouseBranch(ctx: CommandContext, warehouse: string): string | undefined {
	if (!ctx.ledger.record('warehouse', warehouse)) return undefined;
	const branch = ctx.ledger.values('warehouse', warehouse).branch;
	return typeof branch === 'string' ? branch : '';
}

/** A transfer line as typed: a product, a quantity in its base unit, and a batch for a tracked one. */
export interface TransferLineInput {
	readonly p: string;
	readonly qty: string;
	readonly batch: string;
}

/**
 * [I1][I7] 调拨出库: goods leave `from` for `to` (in transit until received there). A shipment may not take
 * more of a product (or of a batch) than `from` holds: the goods are on a truck, not in the books. A
 * batch's expiry travels with it.
 */
export async function shipTransfer(
	ctx: CommandContext,
	input: { readonly from: string; readonly to: string; readonly lines: readonly TransferLineInput[] }
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const branch = warehouseBranch(ctx, input.from);
	if (branch === undefined || warehouseBranch(ctx, input.to) === undefined)
		return { ok: false, errors: { form: { code: 'unknownWarehouse' } } };
	if (input.from === input.to) return { ok: false, errors: { to: { code: 'sameWarehouse' } } };
	if (!ctx.may('stock.transfer.shipped', branch))
		return { ok: false, errors: { form: { code: 'readOnly' } } };
	const lines = input.lines.filter((l) => l.p !== '');
	if (lines.length === 0) return { ok: false, errors: { form: { code: 'noLines' } } };
	const errors: Record<string, FieldError> = {};
	// What `from` holds of each batch, and the batch's expiry (it travels with the goods).
	const held = new Map<string, number>();
	const expiry = new Map<string, number>();
	for (const b of ctx.ledger.batches()) {
		if (b.warehouse !== input.from) continue;
		held.set(`${b.product}\u0000${b.batch}`, b.onHand);
		if (b.expiry !== undefined) expiry.set(`${b.product}\u0000${b.batch}`, b.expiry);
	}
	const taken = new Map<string, number>();
	const out: { p: string; q: number; batch?: string; expiry?: number }[] = [];
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i]!;
		const q = quantity(l.qty);
		if (q <= 0) {
			errors[`lines.${i}.qty`] = { code: 'qty' };
			continue;
		}
		const tracked = ctx.ledger.values('product', l.p).batchTracked === true;
		const batch = l.batch.trim();
		if (tracked && batch === '') {
			errors[`lines.${i}.batch`] = { code: 'batchRequired' };
			continue;
		}
		// Two lines of one product (or batch) share what the warehouse holds.
		const key = tracked ? `${l.p}\u0000${batch}` : l.p;
		const has = tracked ? (held.get(key) ?? 0) : ctx.ledger.stockOf(l.p, input.from).onHand;
		const before = taken.get(key) ?? 0;
		if (before + q > has) {
			errors[`lines.${i}.qty`] = { code: 'overShip', params: { max: Math.max(0, has - before) } };
			continue;
		}
		taken.set(key, before + q);
		const exp = tracked ? expiry.get(key) : undefined;
		out.push({ p: l.p, q, ...(tracked ? { batch } : {}), ...(exp !== undefined ? { expiry: exp } : {}) });
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const r = await ctx.journal.record(
		'stock.transfer.shipped',
		{ from: input.from, to: input.to, lines: out },
		{ user: ctx.user, branch }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	const doc = ctx.ledger.document(r.event.id);
	return { ok: true, value: { id: r.event.id, number: doc?.number ?? r.event.id } };
}

/**
 * [I2][I3][I7] 调拨入库 at the receiving warehouse: quantities per line of the transfer (blank is none), at
 * most what is still on its way; `final` closes the transfer, and whatever did not arrive is reported
 * short. Recorded in the receiving warehouse's branch, by a clerk who may receive there.
 */
export async function receiveTransfer(
	ctx: CommandContext,
	input: {
		readonly ref: string;
		readonly lines: readonly { readonly line: number; readonly qty: string }[];
		readonly final: boolean;
	}
): Promise<CommandResult<{ complete: boolean }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const doc = ctx.ledger.document(input.ref);
	if (!doc || doc.type !== 'stock.transfer.shipped')
		return { ok: false, errors: { form: { code: 'unknown' } } };
	if (doc.status !== 'in-transit')
		return { ok: false, errors: { form: { code: 'state', params: { status: doc.status } } } };
	const branch = warehouseBranch(ctx, doc.to!) ?? '';
	if (!ctx.may('stock.transfer.received', branch))
		return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	const lines: { line: number; q: number }[] = [];
	for (const l of input.lines) {
		const tl = doc.lines[l.line];
		if (!tl || l.qty.trim() === '') continue;
		const q = quantity(l.qty);
		const rest = tl.q - tl.done;
		if (q <= 0) errors[`lines.${l.line}.qty`] = { code: 'qty' };
		else if (q > rest) errors[`lines.${l.line}.qty`] = { code: 'overReceive', params: { max: rest } };
		else lines.push({ line: l.line, q });
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	if (lines.length === 0 && !input.final) return { ok: false, errors: { form: { code: 'nothingReceived' } } };
	const r = await ctx.journal.record(
		'stock.transfer.received',
		{ ref: input.ref, lines, final: input.final },
		{ user: ctx.user, branch }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return { ok: true, value: { complete: ctx.ledger.document(input.ref)?.status === 'received' } };
}

/** A stocktake being counted: where, since when, and the book it is counted against. */
export interface StocktakeSheet {
	readonly wh: string;
	/** A count of one category (and the categories under it) only; absent: the whole warehouse. */
	readonly category?: string;
	/** The device's HLC when counting began: the book is taken there (I4). */
	readonly countedAt: string;
	readonly lines: readonly {
		readonly p: string;
		readonly batch: string;
		/** On hand in the books when counting began (thousandths). */
		readonly book: number;
	}[];
}

/** Is a product's category `category` or one under it (categories nest with `/`: 服装/裤装 is in 服装)? */
export function inCategory(productCategory: string, category: string): boolean {
	return productCategory === category || productCategory.startsWith(`${category}/`);
}

/**
 * [I4][I8] Starts counting a warehouse: marks the moment (a tick of the device's clock, so that what is
 * sold while the clerks count is not counted twice) and lists what the books hold there, a line per
 * product, or per batch of a tracked one, including what the books say is gone (a count may find it).
 * With a `category`, only that category's products are listed (I9): a shop counts a shelf at a time.
 */
export function startStocktake(
	ctx: CommandContext,
	wh: string,
	category = ''
): CommandResult<StocktakeSheet> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const branch = warehouseBranch(ctx, wh);
	if (branch === undefined) return { ok: false, errors: { wh: { code: 'unknownWarehouse' } } };
	if (!ctx.may('stocktake.posted', branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const scope = category.trim();
	const counted = (p: string): boolean => {
		if (scope === '') return true;
		const c = ctx.ledger.values('product', p).category;
		return typeof c === 'string' && inCategory(c.trim(), scope);
	};
	if (scope !== '' && !ctx.ledger.stockLevels().some((l) => l.warehouse === wh && counted(l.product)))
		return { ok: false, errors: { category: { code: 'emptyCategory', params: { category: scope } } } };
	const countedAt = formatHlc(ctx.journal.clock.tick());
	const lines: { p: string; batch: string; book: number }[] = [];
	const batches = new Map<string, { batch: string; onHand: number }[]>();
	for (const b of ctx.ledger.batches())
		if (b.warehouse === wh) {
			const list = batches.get(b.product) ?? [];
			list.push(b);
			batches.set(b.product, list);
		}
	for (const level of ctx.ledger.stockLevels()) {
		if (level.warehouse !== wh || !counted(level.product)) continue;
		let batched = 0;
		for (const b of batches.get(level.product) ?? []) {
			lines.push({ p: level.product, batch: b.batch, book: b.onHand });
			batched += b.onHand;
		}
		// The unbatched rest (all of it for a product not tracked by batch).
		if (level.onHand - batched !== 0 || batched === 0)
			lines.push({ p: level.product, batch: '', book: level.onHand - batched });
	}
	return { ok: true, value: { wh, countedAt, lines, ...(scope !== '' ? { category: scope } : {}) } };
}

/**
 * [I4][I8] Posts the counts of a sheet: each line counted (a blank is not counted, and keeps its book);
 * 0 is a count. The ledger books counted − book at `countedAt` for each counted line.
 */
export async function postStocktake(
	ctx: CommandContext,
	sheet: StocktakeSheet,
	counts: readonly string[]
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const branch = warehouseBranch(ctx, sheet.wh);
	if (branch === undefined) return { ok: false, errors: { form: { code: 'unknownWarehouse' } } };
	if (!ctx.may('stocktake.posted', branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	const lines: { p: string; counted: number; batch?: string }[] = [];
	sheet.lines.forEach((l, i) => {
		const text = (counts[i] ?? '').trim();
		if (text === '') return;
		let counted: number;
		try {
			counted = parseQty(text);
		} catch {
			counted = -1;
		}
		if (counted < 0) errors[`lines.${i}.counted`] = { code: 'count' };
		else lines.push({ p: l.p, counted, ...(l.batch ? { batch: l.batch } : {}) });
	});
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	if (lines.length === 0) return { ok: false, errors: { form: { code: 'nothingCounted' } } };
	const r = await ctx.journal.record(
		'stocktake.posted',
		{ wh: sheet.wh, countedAt: sheet.countedAt, lines },
		{ user: ctx.user, branch }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	const doc = ctx.ledger.document(r.event.id);
	return { ok: true, value: { id: r.event.id, number: doc?.number ?? r.event.id } };
}
