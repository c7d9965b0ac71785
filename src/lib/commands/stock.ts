/**
 * Stock commands used by the conflict center: an oversell resolved by booking the shortfall back as a
 * stock adjustment (报溢 at the current unit cost), once the shelf count confirms the goods are there.
 */
import type { CommandContext, CommandResult } from './context';

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
