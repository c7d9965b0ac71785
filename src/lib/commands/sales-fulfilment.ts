/**
 * After the order: deliveries (full or partial, FEFO batches, carrier and tracking), returns against a
 * delivery, invoices against deliveries, and receipts against open items (issue 6). Each parses what
 * the clerk typed, validates it against the ledger, and records one event.
 */
import { parseQty } from '../domain/money';
import { pickFefo, type BatchPick } from '../domain/sales/fefo';
import { deliveryLines } from '../domain/sales/orders';
import type { CommandContext, CommandResult, FieldError } from './context';
import { parseOr, recordedAs, stillDeriving } from './context';
import { recordBilling, voidBilling } from './invoices';
import { recordPayment, type PaymentInput } from './payments';
import { branchOfWarehouse, type Errors } from './sales';

function failed(reason: string): { ok: false; errors: Errors } {
	return { ok: false, errors: { form: { code: 'record', params: { reason } } } };
}

const form = (code: string, params?: FieldError['params']) => ({
	ok: false as const,
	errors: { form: params ? { code, params } : { code } }
});

/** Quantities as typed per line ('' = 0); errors keyed `line.{i}.q`. */
function parseQuantities(texts: readonly string[], max: readonly number[] | null, errors: Errors): number[] {
	return texts.map((text, i) => {
		const q = parseOr(text, parseQty);
		if (q === null || q < 0) {
			errors[`line.${i}.q`] = { code: 'qty' };
			return 0;
		}
		if (max && q > max[i]!) errors[`line.${i}.q`] = { code: 'tooMany', params: { max: max[i]! } };
		return q;
	});
}

export interface DeliveryInput {
	readonly order: string;
	readonly wh: string;
	/** Per order line, as typed; '' or 0 skips the line. */
	readonly quantities: readonly string[];
	readonly carrier: string;
	readonly tracking: string;
}

/**
 * [T8][SD1][SD2] Delivers some or all of an order from a chosen warehouse; batch-tracked products are
 * picked first-expiry-first. More than is available may be delivered (offline): A1 tells after merge.
 */
export async function deliverOrder(
	ctx: CommandContext,
	input: DeliveryInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const order = ctx.ledger.document(input.order);
	if (!order || order.type !== 'sales.order.placed') return form('unknownDocument');
	if (!['approved', 'partial'].includes(order.status)) return form('notDeliverable');
	const errors: Errors = {};
	if (!input.wh || !ctx.ledger.record('warehouse', input.wh)) errors.wh = { code: 'warehouseRequired' };
	const rest = order.lines.map((l) => Math.max(0, l.q - l.done));
	const quantities = parseQuantities(input.quantities, rest, errors);
	if (!Object.keys(errors).some((k) => k.startsWith('line.')) && quantities.every((q) => q === 0))
		errors.lines = { code: 'nothingToDeliver' };
	if (input.carrier.length > 60) errors.carrier = { code: 'tooLong', params: { max: 60 } };
	if (input.tracking.length > 60) errors.tracking = { code: 'tooLong', params: { max: 60 } };
	const branch = branchOfWarehouse(ctx.ledger, input.wh) || order.branch;
	if (!errors.wh && !ctx.may('sales.delivery.posted', branch)) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const cells = ctx.ledger.batches().filter((b) => b.warehouse === input.wh);
	const picks: (BatchPick[] | undefined)[] = order.lines.map((l, i) => {
		if (ctx.ledger.values('product', l.p).batchTracked !== true || quantities[i] === 0) return undefined;
		return pickFefo(
			cells.filter((c) => c.product === l.p),
			quantities[i]!
		).picks;
	});
	const r = await ctx.journal.record(
		'sales.delivery.posted',
		{
			order: order.id,
			customer: order.party!,
			wh: input.wh,
			lines: deliveryLines(order, quantities, picks),
			...(input.carrier.trim() ? { carrier: input.carrier.trim() } : {}),
			...(input.tracking.trim() ? { tracking: input.tracking.trim() } : {})
		},
		{ user: ctx.user, branch }
	);
	if (!r.ok) return failed(r.reason);
	return recordedAs(ctx, r.event);
}

export interface ReturnInput {
	readonly delivery: string;
	readonly quantities: readonly string[];
	readonly restock: boolean;
	readonly reason: string;
}

/** [T11] Goods back from the customer against a delivery, at the original cost; receivable reduced. */
export async function returnDelivery(
	ctx: CommandContext,
	input: ReturnInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const d = ctx.ledger.document(input.delivery);
	if (!d || d.type !== 'sales.delivery.posted') return form('unknownDocument');
	if (d.status !== 'posted') return form('notReturnable');
	const errors: Errors = {};
	const quantities = parseQuantities(
		input.quantities,
		d.lines.map((l) => l.q - l.done),
		errors
	);
	if (!Object.keys(errors).length && quantities.every((q) => q === 0))
		errors.lines = { code: 'nothingToReturn' };
	if (input.reason.length > 200) errors.reason = { code: 'tooLong', params: { max: 200 } };
	if (!ctx.may('sales.return.posted', d.branch)) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const lines = quantities.flatMap((q, line) => (q > 0 ? [{ line, q, restock: input.restock }] : []));
	const r = await ctx.journal.record(
		'sales.return.posted',
		{ delivery: d.id, lines, ...(input.reason.trim() ? { reason: input.reason.trim() } : {}) },
		{ user: ctx.user, branch: d.branch }
	);
	if (!r.ok) return failed(r.reason);
	return recordedAs(ctx, r.event);
}

export interface InvoiceInput {
	readonly customer: string;
	readonly kind: 'normal' | 'special';
	readonly number: string;
	/** Deliveries with the amount to invoice on each, as typed (yuan, tax included). */
	readonly deliveries: readonly { readonly ref: string; readonly amount: string }[];
}

/** [Q3] Records an invoice (普通 / 专用) against one or more deliveries of one customer. */
export function recordInvoice(
	ctx: CommandContext,
	input: InvoiceInput
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordBilling(ctx, 'sales', input.customer, { ...input, documents: input.deliveries });
}

/**
 * [V6] A manager voids a wrong invoice (作废发票), with an optional reason: its deliveries can be invoiced
 * again. Only an invoice in force; a refused one records nothing.
 */
export function voidInvoice(
	ctx: CommandContext,
	input: { readonly invoice: string; readonly reason: string }
): Promise<CommandResult<null>> {
	return voidBilling(ctx, 'sales', input);
}

export interface ReceiptInput extends PaymentInput {
	readonly customer: string;
}

/** [F2] Money received from a customer against one or several open items; any rest is a credit. */
export function receivePayment(
	ctx: CommandContext,
	input: ReceiptInput
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordPayment(ctx, 'customer', input.customer, input);
}
