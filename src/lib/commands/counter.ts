/**
 * The counter (快速开单): a sale is one `sales.counter.posted` (goods out and money in together), a
 * refund one `sales.return.posted` with `refunds` (goods back and money out together, T12). Both are
 * checked through the domain first (cart K1, tenders K2, refund K4) and recorded locally: the journal
 * syncs them whenever the relay is reachable, so the counter works the same with no network.
 */
import { eventLines, isRepriced, cartTotals, type CartLine } from '../domain/counter/cart';
import { planReturn, type ReturnPick } from '../domain/counter/refund';
import { MAX_TENDERS, overCreditLimit, settle, type TenderEntry } from '../domain/counter/tender';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export interface CounterSaleInput {
	readonly branch: string;
	readonly warehouse: string;
	/** A named customer, or undefined for a walk-in (散客). */
	readonly customer?: string;
	readonly lines: readonly CartLine[];
	readonly tenders: readonly TenderEntry[];
	/** Business day; default the recording day (the demo company sells on its own last day). */
	readonly at?: number;
}

export interface CounterSaleDone {
	readonly id: string;
	readonly number: string;
	readonly total: number;
	readonly paid: number;
	readonly change: number;
	readonly onAccount: number;
}

/**
 * [K1] Who may sell at another price than the shelf's: whoever may approve a sales order (owner,
 * manager), since a price below list is what an approval would otherwise check.
 */
export function mayReprice(ctx: Pick<CommandContext, 'may'>, branch: string): boolean {
	return ctx.may('sales.order.approved', branch);
}

const fail = (field: string, code: string, params?: FieldError['params']) =>
	({ ok: false, errors: { [field]: params ? { code, params } : { code } } }) as const;

export async function recordCounterSale(
	ctx: CommandContext,
	input: CounterSaleInput
): Promise<CommandResult<CounterSaleDone>> {
	if (input.branch === '') return fail('form', 'noBranch');
	if (!ctx.may('sales.counter.posted', input.branch)) return fail('form', 'readOnly');
	if (input.warehouse === '' || !ctx.ledger.record('warehouse', input.warehouse))
		return fail('form', 'noWarehouse');
	if (input.lines.length === 0) return fail('cart', 'emptyCart');
	const reprice = mayReprice(ctx, input.branch);
	for (const l of input.lines) {
		// A product with no shelf price can only be priced by someone who may set prices.
		if (l.listPrice === null && !reprice) return fail('cart', 'noPrice', { name: l.name });
		if (isRepriced(l) && !reprice) return fail('cart', 'repriceNotAllowed', { name: l.name });
	}
	if (input.customer !== undefined && !ctx.ledger.record('customer', input.customer))
		return fail('customer', 'unknownCustomer');
	const { total } = cartTotals(input.lines);
	const s = settle(total, input.tenders, { onAccount: input.customer !== undefined });
	if (!s.ok) {
		const params: FieldError['params'] =
			s.code === 'underpaid'
				? { amount: s.short }
				: s.code === 'non-cash-over'
					? { amount: s.over }
					: s.code === 'too-many-tenders'
						? { max: MAX_TENDERS }
						: undefined;
		return fail('tenders', s.code, params);
	}
	// [K9] Leaving money owing above the customer's credit limit is a manager's decision.
	if (input.customer !== undefined && s.onAccount > 0 && !reprice) {
		const limit = ctx.ledger.values('customer', input.customer).creditLimit;
		const balance = ctx.ledger.balanceOf('customer', input.customer);
		if (typeof limit === 'number' && overCreditLimit(balance, limit, s.onAccount) > 0)
			return fail('tenders', 'overCredit', { owed: balance + s.onAccount, limit });
	}
	const r = await ctx.journal.record(
		'sales.counter.posted',
		{
			wh: input.warehouse,
			lines: eventLines(input.lines),
			tenders: [...s.tenders],
			...(input.customer !== undefined ? { customer: input.customer } : {}),
			...(s.change > 0 ? { change: s.change } : {})
		},
		{ user: ctx.user, branch: input.branch, ...(input.at !== undefined ? { at: input.at } : {}) }
	);
	if (!r.ok) return fail('form', 'record', { reason: r.reason });
	const doc = ctx.ledger.document(r.event.id);
	return {
		ok: true,
		value: {
			id: r.event.id,
			number: doc?.number ?? r.event.id,
			total,
			paid: s.paid,
			change: s.change,
			onAccount: s.onAccount
		}
	};
}

export interface CounterRefundInput {
	/** The counter sale (its event id). */
	readonly sale: string;
	readonly picks: readonly ReturnPick[];
	/** Back on the shelf (true) or written off. */
	readonly restock: boolean;
	/** How the money goes back; must add up to the refund due. */
	readonly refunds: readonly { readonly account: string; readonly amount: number }[];
	readonly reason?: string;
	/** Business day; default the recording day. */
	readonly at?: number;
}

export interface CounterRefundDone {
	readonly id: string;
	readonly number: string;
	readonly value: number;
	readonly refund: number;
}

/** [T12][K4] Goods back and money out, in one event. */
export async function recordCounterRefund(
	ctx: CommandContext,
	input: CounterRefundInput
): Promise<CommandResult<CounterRefundDone>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const sale = ctx.ledger.document(input.sale);
	if (!sale || (sale.type !== 'sales.counter.posted' && sale.type !== 'sales.delivery.posted'))
		return fail('sale', 'unknownSale');
	if (!ctx.may('sales.return.posted', sale.branch)) return fail('form', 'readOnly');
	const plan = planReturn(sale, input.picks, input.restock);
	if (!plan.ok) {
		if (plan.code === 'over-return')
			return fail('lines', 'overReturn', { line: plan.line + 1, left: plan.left });
		if (plan.code === 'not-returnable') return fail('sale', 'notReturnable');
		return fail('lines', plan.code === 'nothing' ? 'nothingToReturn' : 'badLine');
	}
	const refunds = input.refunds.filter((t) => t.amount !== 0);
	let paid = 0;
	for (const t of refunds) {
		if (!Number.isSafeInteger(t.amount) || t.amount < 0) return fail('refunds', 'badAmount');
		if (!ctx.ledger.record('account', t.account)) return fail('refunds', 'unknownAccount');
		paid += t.amount;
	}
	if (refunds.length > MAX_TENDERS) return fail('refunds', 'too-many-tenders', { max: MAX_TENDERS });
	if (paid !== plan.refund) return fail('refunds', 'refundMismatch', { amount: plan.refund });
	const reason = input.reason?.trim();
	const r = await ctx.journal.record(
		'sales.return.posted',
		{
			delivery: sale.id,
			lines: [...plan.lines],
			...(refunds.length > 0
				? { refunds: refunds.map((t) => ({ account: t.account, amount: t.amount })) }
				: {}),
			...(reason ? { reason: reason.slice(0, 200) } : {})
		},
		{ user: ctx.user, branch: sale.branch, ...(input.at !== undefined ? { at: input.at } : {}) }
	);
	if (!r.ok) return fail('form', 'record', { reason: r.reason });
	const doc = ctx.ledger.document(r.event.id);
	return {
		ok: true,
		value: { id: r.event.id, number: doc?.number ?? r.event.id, value: plan.value, refund: plan.refund }
	};
}
