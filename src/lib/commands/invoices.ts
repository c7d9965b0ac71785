/**
 * Invoices (发票): issued to a customer for deliveries (开票, Q3) or received from a supplier for goods
 * received (收票, PU15). One path for both: the clerk ticks documents of the party and types the amount
 * of each the invoice covers (blank: what is left to invoice), the kind and the invoice's number; the
 * VAT is each document's own in proportion. A manager voids a wrong one (V6), which frees its documents
 * to be invoiced again.
 */
import type { DocState } from '../domain/derive/state';
import { mulDivRound, parseYuan } from '../domain/money';
import type { CommandContext, CommandResult } from './context';
import { parseOr, recordedAs, stillDeriving } from './context';
import { voidSalesDocument, type Errors } from './sales';

export interface BillingInput {
	readonly kind: 'normal' | 'special';
	readonly number: string;
	/** Documents with the amount to invoice on each, as typed (yuan, tax included). */
	readonly documents: readonly { readonly ref: string; readonly amount: string }[];
	/**
	 * The VAT as printed on the invoice, as typed; blank: each document's VAT in proportion. A printed
	 * figure can differ from the sum of the proportions by a fen or so, and the deduction goes by it.
	 */
	readonly tax?: string;
}

/** The VAT inside an invoiced part of a document: the document's tax in proportion. */
export function invoiceTax(d: Pick<DocState, 'total' | 'tax'>, amount: number): number {
	return d.total === 0 ? 0 : mulDivRound(d.tax, amount, d.total);
}

const SIDES = {
	sales: {
		type: 'sales.invoice.recorded',
		billed: ['sales.delivery.posted', 'sales.counter.posted'] as readonly string[]
	},
	purchase: { type: 'purchase.invoice.recorded', billed: ['purchase.receipt.posted'] as readonly string[] }
} as const;

/** Records an invoice of `party` (a customer for `sales`, a supplier for `purchase`). */
export async function recordBilling(
	ctx: CommandContext,
	side: 'sales' | 'purchase',
	party: string,
	input: BillingInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const { type, billed } = SIDES[side];
	const errors: Errors = {};
	const number = input.number.trim();
	if (number === '') errors.number = { code: 'invoiceNumber' };
	else if (number.length > 40) errors.number = { code: 'tooLong', params: { max: 40 } };
	const documents: { ref: string; amount: number }[] = [];
	let tax = 0;
	let branch = '';
	input.documents.forEach((x, i) => {
		const d = ctx.ledger.document(x.ref);
		const amount = yuanOrZero(x.amount);
		if (amount === null || amount < 0) errors[`line.${i}.amount`] = { code: 'price' };
		if (!d || d.party !== party || !billed.includes(d.type))
			errors[`line.${i}.amount`] = { code: 'unknownDocument' };
		else if (amount !== null && amount > 0) {
			documents.push({ ref: x.ref, amount });
			tax += invoiceTax(d, amount);
			branch ||= d.branch;
		}
	});
	const typed = yuanOrZero(input.tax ?? '');
	if (typed === null || typed < 0) errors.tax = { code: 'price' };
	else if ((input.tax ?? '').trim() !== '') {
		const total = documents.reduce((a, d) => a + d.amount, 0);
		if (typed > total) errors.tax = { code: 'taxAboveAmount' };
		else tax = typed;
	}
	if (documents.length === 0 && !Object.keys(errors).some((k) => k.startsWith('line.')))
		errors.lines = { code: side === 'sales' ? 'nothingToInvoice' : 'nothingInvoiced' };
	if (branch && !ctx.may(type, branch)) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const r =
		side === 'sales'
			? await ctx.journal.record(
					'sales.invoice.recorded',
					{ customer: party, kind: input.kind, number, deliveries: documents, tax },
					{ user: ctx.user, branch }
				)
			: await ctx.journal.record(
					'purchase.invoice.recorded',
					{ supplier: party, kind: input.kind, number, receipts: documents, tax },
					{ user: ctx.user, branch }
				);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return recordedAs(ctx, r.event);
}

/** [V6] A manager voids a wrong invoice (作废发票): its documents can be invoiced again. */
export function voidBilling(
	ctx: CommandContext,
	side: 'sales' | 'purchase',
	input: { readonly invoice: string; readonly reason: string }
): Promise<CommandResult<null>> {
	return voidSalesDocument(ctx, input.invoice, input.reason, {
		type: SIDES[side].type,
		voidable: ['posted'],
		refused: 'alreadyVoided'
	});
}

/** [PU15] Records a supplier's invoice (收票) against goods received from them. */
export function recordPurchaseInvoice(
	ctx: CommandContext,
	input: BillingInput & { readonly supplier: string }
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordBilling(ctx, 'purchase', input.supplier, input);
}

/** Yuan as typed, in fen: blank is 0 (that document is left out); unreadable is null. */
export function yuanOrZero(text: string): number | null {
	return parseOr(text, parseYuan);
}
