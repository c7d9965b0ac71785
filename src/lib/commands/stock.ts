/**
 * Stock commands: an oversell resolved from the conflict center by booking the shortfall back as a
 * stock adjustment (报溢 at the current unit cost), once the shelf count confirms the goods are there;
 * and the adjustments a clerk books from a product's stock card (报损 / 报溢).
 */
import { parseQty } from '../domain/money';
import type { CommandContext, CommandResult, FieldError } from './context';

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
		const held = tracked
			? (ctx.ledger
					.batches()
					.find((b) => b.product === input.product && b.warehouse === input.warehouse && b.batch === batch)
					?.onHand ?? 0)
			: ctx.ledger.stockOf(input.product, input.warehouse).onHand;
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
