/**
 * Receiving (采购入库) against an order, with inspection, and returns (采购退货) against a receipt.
 * Received quantities are typed in the product's base unit or in one of its extra units (箱 = 12 瓶:
 * `factor` 12), and stored in the base unit. Returns are typed in the base unit. A receipt line's amount is the order line's own
 * amount shared by quantity (PU7), so the payable of all receipts adds up to the order exactly; the due
 * date is left to derivation, which takes it from the supplier's terms (T6).
 */
import { dayFromIso } from '../domain/dates';
import { MoneyError, parseQty } from '../domain/money';
import { receiptAmount } from '../domain/purchasing/orders';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export interface ReceiptLineInput {
	/** Index of the order line. */
	readonly line: number;
	readonly accepted: string;
	readonly rejected: string;
	readonly reason: string;
	readonly batch: string;
	/** yyyy-mm-dd or ''. */
	readonly expiry: string;
	/** The unit the quantities are typed in, as its factor to the base unit (1, the default: the base). */
	readonly factor?: number;
}

export interface ReceiptInput {
	readonly order: string;
	readonly wh: string;
	readonly lines: readonly ReceiptLineInput[];
}

type Errors = Record<string, FieldError>;
const fail = (errors: Errors) => ({ ok: false as const, errors });
const formError = (code: string, params?: Record<string, string | number>) =>
	fail({ form: params ? { code, params } : { code } });

/** A quantity as typed ('' = 0), or an error. */
function qtyOf(text: string): number | FieldError {
	if (text.trim() === '') return 0;
	try {
		const n = parseQty(text);
		return n < 0 ? { code: 'qty' } : n;
	} catch (e) {
		if (e instanceof MoneyError) return { code: 'qty' };
		throw e;
	}
}

export async function postPurchaseReceipt(
	ctx: CommandContext,
	input: ReceiptInput
): Promise<CommandResult<{ id: string; number: string; over: boolean }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const order = ctx.ledger.document(input.order);
	if (!order || order.type !== 'purchase.order.placed') return formError('unknown');
	if (!['approved', 'partial', 'complete'].includes(order.status))
		return formError('state', { status: order.status });
	if (!ctx.may('purchase.receipt.posted', order.branch)) return formError('readOnly');
	const errors: Errors = {};
	if (!ctx.ledger.record('warehouse', input.wh)) errors.wh = { code: 'required' };
	const lines = [];
	let over = false;
	for (const l of input.lines) {
		const ol = order.lines[l.line];
		if (!ol) return formError('unknown');
		const factor = l.factor ?? 1;
		if (!Number.isSafeInteger(factor) || factor < 1) {
			errors[`accepted.${l.line}`] = { code: 'unit' };
			continue;
		}
		const typedAccepted = qtyOf(l.accepted);
		const typedRejected = qtyOf(l.rejected);
		if (typeof typedAccepted === 'object') errors[`accepted.${l.line}`] = typedAccepted;
		if (typeof typedRejected === 'object') errors[`rejected.${l.line}`] = typedRejected;
		if (typeof typedAccepted !== 'number' || typeof typedRejected !== 'number') continue;
		// In the base unit: 2.5 箱 of 12 = 30 (thousandths times an integer factor stay exact).
		const accepted = typedAccepted * factor;
		const rejected = typedRejected * factor;
		if (accepted === 0 && rejected === 0) continue;
		const reason = l.reason.trim().slice(0, 200);
		if (rejected > 0 && reason === '') errors[`reason.${l.line}`] = { code: 'reasonRequired' };
		const batch = l.batch.trim().slice(0, 40);
		const tracked = ctx.ledger.values('product', ol.p).batchTracked === true;
		if (tracked && accepted > 0 && batch === '') errors[`batch.${l.line}`] = { code: 'batchRequired' };
		let expiry: number | undefined;
		if (l.expiry.trim() !== '') {
			const day = dayFromIso(l.expiry.trim());
			if (day === null) errors[`expiry.${l.line}`] = { code: 'date' };
			else expiry = day;
		}
		if (ol.done + accepted > ol.q) over = true;
		lines.push({
			p: ol.p,
			q: accepted,
			amount: receiptAmount(ol, accepted),
			vat: ol.vat,
			line: l.line,
			...(rejected > 0 ? { rejected, reason } : {}),
			...(batch ? { batch } : {}),
			...(expiry !== undefined ? { expiry } : {})
		});
	}
	if (Object.keys(errors).length > 0) return fail(errors);
	if (lines.length === 0) return formError('nothingReceived');
	const r = await ctx.journal.record(
		'purchase.receipt.posted',
		{ order: order.id, supplier: order.party!, wh: input.wh, lines },
		{ user: ctx.user, branch: order.branch }
	);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { id: r.event.id, number: ctx.ledger.document(r.event.id)?.number ?? '', over } };
}

export interface ReturnInput {
	readonly receipt: string;
	/** Quantity to return per receipt line index, as typed ('' = none). */
	readonly lines: readonly { readonly line: number; readonly qty: string }[];
	readonly reason: string;
}

/** [T7] Goods back to the supplier at the receipt line's cost; at most what is left of each line. */
export async function postPurchaseReturn(
	ctx: CommandContext,
	input: ReturnInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const receipt = ctx.ledger.document(input.receipt);
	if (!receipt || receipt.type !== 'purchase.receipt.posted') return formError('unknown');
	if (receipt.status !== 'posted') return formError('state', { status: receipt.status });
	if (!ctx.may('purchase.return.posted', receipt.branch)) return formError('readOnly');
	const errors: Errors = {};
	const lines: { line: number; q: number }[] = [];
	for (const l of input.lines) {
		const rl = receipt.lines[l.line];
		if (!rl) return formError('unknown');
		const q = qtyOf(l.qty);
		if (typeof q === 'object') errors[`qty.${l.line}`] = q;
		else if (q > rl.q - rl.done)
			errors[`qty.${l.line}`] = { code: 'overReturn', params: { max: rl.q - rl.done } };
		else if (q > 0) lines.push({ line: l.line, q });
	}
	const reason = input.reason.trim().slice(0, 200);
	if (reason === '') errors.reason = { code: 'reasonRequired' };
	if (Object.keys(errors).length > 0) return fail(errors);
	if (lines.length === 0) return formError('nothingReturned');
	const r = await ctx.journal.record(
		'purchase.return.posted',
		{ receipt: receipt.id, lines, reason },
		{ user: ctx.user, branch: receipt.branch }
	);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { id: r.event.id, number: ctx.ledger.document(r.event.id)?.number ?? '' } };
}
