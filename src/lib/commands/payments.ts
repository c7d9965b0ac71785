/**
 * [F2] Money received from a customer (收款) or paid to a supplier (付款), against one or several of
 * their open items with the amount on each; what is not allocated settles the oldest items due first,
 * and any rest is held on account (预收 / 预付). Both sides are the same command on the same checks.
 */
import { MoneyError, parseYuan } from '../domain/money';
import type { CommandContext, CommandResult, FieldError } from './context';
import { recordedAs, stillDeriving } from './context';

export type Errors = Readonly<Record<string, FieldError>>;

export interface PaymentInput {
	readonly account: string;
	readonly amount: string;
	/** Open items to settle, with the amount on each as typed ('' = none). */
	readonly allocations: readonly { readonly ref: string; readonly amount: string }[];
	readonly note: string;
}

/** Yuan as typed: 0 when blank, null when it is not an amount. */
function yuanOr(text: string): number | null {
	if (text.trim() === '') return 0;
	try {
		return parseYuan(text.trim());
	} catch (e) {
		if (e instanceof MoneyError) return null;
		throw e;
	}
}

export async function recordPayment(
	ctx: CommandContext,
	kind: 'customer' | 'supplier',
	party: string,
	input: PaymentInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const type = kind === 'customer' ? 'payment.received' : 'payment.made';
	const errors: Record<string, FieldError> = {};
	if (!ctx.ledger.record(kind, party)) errors.form = { code: 'unknownDocument' };
	if (!input.account || !ctx.ledger.record('account', input.account))
		errors.account = { code: 'accountRequired' };
	const amount = yuanOr(input.amount);
	if (amount === null || amount <= 0) errors.amount = { code: 'price' };
	const allocations: { ref: string; amount: number }[] = [];
	let allocated = 0;
	input.allocations.forEach((a, i) => {
		const x = yuanOr(a.amount);
		const item = ctx.ledger.document(a.ref);
		const open = item && item.party === party ? (item.open ?? 0) : 0;
		if (x === null || x < 0) errors[`line.${i}.amount`] = { code: 'price' };
		else if (x > open) errors[`line.${i}.amount`] = { code: 'moreThanOpen' };
		else if (x > 0) {
			allocations.push({ ref: a.ref, amount: x });
			allocated += x;
		}
	});
	if (amount !== null && amount > 0 && allocated > amount) errors.amount = { code: 'lessThanAllocated' };
	if (!ctx.may(type, '')) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const common = {
		account: input.account,
		amount: amount!,
		...(allocations.length ? { allocations } : {}),
		...(input.note.trim() ? { note: input.note.trim() } : {})
	};
	const r =
		kind === 'customer'
			? await ctx.journal.record('payment.received', { customer: party, ...common }, { user: ctx.user })
			: await ctx.journal.record('payment.made', { supplier: party, ...common }, { user: ctx.user });
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return recordedAs(ctx, r.event);
}

/** [F2] Money paid to a supplier (付款) against their open receipts; any rest is an advance (预付). */
export function paySupplier(
	ctx: CommandContext,
	input: PaymentInput & { readonly supplier: string }
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordPayment(ctx, 'supplier', input.supplier, input);
}
