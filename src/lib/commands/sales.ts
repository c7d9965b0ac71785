/**
 * Quotations and sales orders (issue 6): the clerk's lines (as typed) are parsed and checked, the order's
 * approval checks are computed here from what this device knows (SA1: discount limit, cost, credit limit,
 * amount), and one event is recorded. Errors are per field as codes with parameters: the form shows them
 * in the user's language and keeps what was typed.
 */
import type { DocState } from '../domain/derive/state';
import type { Ledger } from '../domain/ledger';
import { MoneyError, parseQty, parseYuan } from '../domain/money';
import { approvalChecks, type ApprovalCheck } from '../domain/sales/approval';
import { amountOf, customerPrice, type Tier } from '../domain/sales/pricing';
import type { CommandContext, CommandResult, FieldError } from './context';
import { recordedAs, stillDeriving } from './context';

export interface SalesLineInput {
	readonly p: string;
	/** Quantity as typed, in the product's unit ("2", "1.5"). */
	readonly q: string;
	/** Unit price as typed, yuan, tax included. */
	readonly price: string;
	/** VAT in basis points. */
	readonly vat: number;
}

export interface SalesDocInput {
	readonly customer: string;
	readonly wh: string;
	readonly lines: readonly SalesLineInput[];
	readonly note: string;
}

export type Errors = Record<string, FieldError>;

interface TradeLine {
	p: string;
	q: number;
	amount: number;
	vat: number;
}

function parseOr(text: string, parse: (t: string) => number): number | null {
	try {
		return parse(text.trim());
	} catch (e) {
		if (e instanceof MoneyError) return null;
		throw e;
	}
}

/** Parses lines as typed; errors keyed `line.{i}.q` / `line.{i}.price`. */
export function parseLines(input: readonly SalesLineInput[], errors: Errors): TradeLine[] {
	const out: TradeLine[] = [];
	if (input.length === 0) errors.lines = { code: 'noLines' };
	input.forEach((l, i) => {
		const q = parseOr(l.q, parseQty);
		const price = parseOr(l.price, parseYuan);
		if (q === null || q <= 0) errors[`line.${i}.q`] = { code: 'qty' };
		if (price === null || price < 0) errors[`line.${i}.price`] = { code: 'price' };
		if (q !== null && q > 0 && price !== null && price >= 0)
			out.push({ p: l.p, q, amount: amountOf(price, q), vat: l.vat });
	});
	return out;
}

function checkHeader(ctx: CommandContext, input: SalesDocInput, errors: Errors): void {
	if (!input.customer || !ctx.ledger.record('customer', input.customer))
		errors.customer = { code: 'customerRequired' };
	if (!input.wh || !ctx.ledger.record('warehouse', input.wh)) errors.wh = { code: 'warehouseRequired' };
	if (input.note.length > 500) errors.note = { code: 'tooLong', params: { max: 500 } };
}

/** The branch a warehouse belongs to: sales documents are recorded in that branch's partition. */
export function branchOfWarehouse(ledger: Ledger, wh: string): string {
	const b = ledger.values('warehouse', wh).branch;
	return typeof b === 'string' ? b : '';
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Unit cost of a product in a warehouse (fen per unit), or null when there is no stock history. */
export function unitCostOf(ledger: Ledger, p: string, wh: string): number | null {
	const s = ledger.stockOf(p, wh);
	return s.onHand > 0 || s.unitCost > 0 ? s.unitCost : null;
}

/** The tier price and customer price of a product for a customer (SP1). */
export function suggestedPrice(ledger: Ledger, customer: string, p: string) {
	const c = ledger.values('customer', customer);
	const v = ledger.values('product', p);
	return customerPrice(
		{
			retailPrice: num(v.retailPrice),
			wholesalePrice: num(v.wholesalePrice),
			memberPrice: num(v.memberPrice)
		},
		{ tier: (c.tier as Tier | undefined) ?? null, discountBp: num(c.discountBp) }
	);
}

/** [SA1] The approval checks of an order as this device sees it now. */
export function orderChecks(
	ledger: Ledger,
	customer: string,
	wh: string,
	lines: readonly TradeLine[]
): ApprovalCheck[] {
	const settings = ledger.values('settings', 'company');
	const c = ledger.values('customer', customer);
	return approvalChecks({
		lines: lines.map((l) => ({
			...l,
			list: suggestedPrice(ledger, customer, l.p).list,
			unitCost: unitCostOf(ledger, l.p, wh)
		})),
		discountLimitBp: num(settings.soDiscountLimitBp),
		approvalAbove: num(settings.soApprovalAbove),
		creditLimit: num(c.creditLimit),
		balance: ledger.balanceOf('customer', customer)
	});
}

function failed(reason: string): { ok: false; errors: Errors } {
	return { ok: false, errors: { form: { code: 'record', params: { reason } } } };
}

export async function placeQuote(
	ctx: CommandContext,
	input: SalesDocInput & { readonly valid: number | null }
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const errors: Errors = {};
	checkHeader(ctx, input, errors);
	const lines = parseLines(input.lines, errors);
	if (input.valid === null) errors.valid = { code: 'date' };
	const branch = branchOfWarehouse(ctx.ledger, input.wh);
	if (!errors.wh && !ctx.may('sales.quote.placed', branch)) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const r = await ctx.journal.record(
		'sales.quote.placed',
		{
			customer: input.customer,
			wh: input.wh,
			valid: input.valid!,
			lines,
			...(input.note.trim() ? { note: input.note.trim() } : {})
		},
		{ user: ctx.user, branch }
	);
	if (!r.ok) return failed(r.reason);
	return recordedAs(ctx, r.event);
}

export interface PlacedOrder {
	readonly id: string;
	readonly number: string;
	readonly checks: readonly ApprovalCheck[];
}

async function recordOrder(
	ctx: CommandContext,
	input: { customer: string; wh: string; lines: TradeLine[]; note: string; quote?: string },
	branch: string
): Promise<CommandResult<PlacedOrder>> {
	const checks = orderChecks(ctx.ledger, input.customer, input.wh, input.lines);
	const r = await ctx.journal.record(
		'sales.order.placed',
		{
			customer: input.customer,
			wh: input.wh,
			lines: input.lines,
			approval: checks.length > 0,
			...(checks.length > 0 ? { checks } : {}),
			...(input.quote ? { quote: input.quote } : {}),
			...(input.note.trim() ? { note: input.note.trim() } : {})
		},
		{ user: ctx.user, branch }
	);
	if (!r.ok) return failed(r.reason);
	const number = ctx.ledger.document(r.event.id)?.number ?? r.event.id;
	return { ok: true, value: { id: r.event.id, number, checks } };
}

/** [T1][SA1] Places an order: pending with its reasons when it needs approval, else approved (reserves). */
export async function placeSalesOrder(
	ctx: CommandContext,
	input: SalesDocInput
): Promise<CommandResult<PlacedOrder>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const errors: Errors = {};
	checkHeader(ctx, input, errors);
	const lines = parseLines(input.lines, errors);
	const branch = branchOfWarehouse(ctx.ledger, input.wh);
	if (!errors.wh && !ctx.may('sales.order.placed', branch)) errors.form = { code: 'readOnly' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return recordOrder(ctx, { customer: input.customer, wh: input.wh, lines, note: input.note }, branch);
}

/** [Q2] Converts a quotation into an order in one step: same customer, warehouse, lines and prices. */
export async function convertQuote(
	ctx: CommandContext,
	quoteId: string
): Promise<CommandResult<PlacedOrder>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const q = ctx.ledger.document(quoteId);
	if (!q || q.type !== 'sales.quote.placed')
		return { ok: false, errors: { form: { code: 'unknownDocument' } } };
	if (q.status !== 'posted') return { ok: false, errors: { form: { code: 'alreadyConverted' } } };
	const branch = branchOfWarehouse(ctx.ledger, q.wh!) || q.branch;
	if (!ctx.may('sales.order.placed', branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const lines = q.lines.map((l) => ({ p: l.p, q: l.q, amount: l.amount, vat: l.vat }));
	// The quotation's terms (含运费, delivery before the holiday …) are the order's too.
	const note = (ctx.ledger.event(q.id)?.payload as { note?: string } | undefined)?.note ?? '';
	return recordOrder(ctx, { customer: q.party!, wh: q.wh!, lines, note, quote: q.id }, branch);
}

/**
 * [T3][SA1] A rejected order (back to draft), amended, goes back: pending with its reasons when it still
 * needs approval, else approved (and reserves). Customer and warehouse stay; the lines are replaced.
 */
export async function resubmitSalesOrder(
	ctx: CommandContext,
	input: { readonly order: string; readonly lines: readonly SalesLineInput[] }
): Promise<CommandResult<PlacedOrder>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const o = ctx.ledger.document(input.order);
	if (!o || o.type !== 'sales.order.placed')
		return { ok: false, errors: { form: { code: 'unknownDocument' } } };
	if (o.status !== 'draft') return { ok: false, errors: { form: { code: 'notDraft' } } };
	if (!ctx.may('sales.order.submitted', o.branch))
		return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Errors = {};
	const lines = parseLines(input.lines, errors);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const checks = orderChecks(ctx.ledger, o.party!, o.wh!, lines);
	const r = await ctx.journal.record(
		'sales.order.submitted',
		{ ref: o.id, lines, approval: checks.length > 0, ...(checks.length > 0 ? { checks } : {}) },
		{ user: ctx.user, branch: o.branch }
	);
	if (!r.ok) return failed(r.reason);
	return { ok: true, value: { id: o.id, number: o.number, checks } };
}

/** [T2] A manager approves or rejects a pending order, with a comment. */
export async function decideOrder(
	ctx: CommandContext,
	input: { readonly order: string; readonly approve: boolean; readonly comment: string }
): Promise<CommandResult<null>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const o = ctx.ledger.document(input.order);
	if (!o || o.type !== 'sales.order.placed')
		return { ok: false, errors: { form: { code: 'unknownDocument' } } };
	const type = input.approve ? 'sales.order.approved' : 'sales.order.rejected';
	if (!ctx.may(type, o.branch)) return { ok: false, errors: { form: { code: 'notManager' } } };
	if (o.status !== 'pending') return { ok: false, errors: { form: { code: 'notPending' } } };
	const comment = input.comment.trim();
	if (comment.length > 500)
		return { ok: false, errors: { comment: { code: 'tooLong', params: { max: 500 } } } };
	const r = await ctx.journal.record(
		type,
		{ ref: o.id, ...(comment ? { comment } : {}) },
		{ user: ctx.user, branch: o.branch }
	);
	return r.ok ? { ok: true, value: null } : failed(r.reason);
}

/** [V1] Voids (作废) an order nothing was delivered on yet; its reservation goes with it. */
export async function voidOrder(
	ctx: CommandContext,
	input: { readonly order: string; readonly reason: string }
): Promise<CommandResult<null>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	return voidSalesDocument(ctx, input.order, input.reason, {
		type: 'sales.order.placed',
		voidable: ['pending', 'approved', 'draft'],
		refused: 'notVoidable'
	});
}

/**
 * [V1] Records a manager's void of a sales document of `want.type` whose status is one of
 * `want.voidable` (else the `want.refused` error), with an optional reason; a refused one records nothing.
 */
export async function voidSalesDocument(
	ctx: CommandContext,
	id: string,
	text: string,
	want: { type: DocState['type']; voidable: readonly DocState['status'][]; refused: string }
): Promise<CommandResult<null>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const d = ctx.ledger.document(id);
	if (!d || d.type !== want.type) return { ok: false, errors: { form: { code: 'unknownDocument' } } };
	if (!ctx.may('document.voided', d.branch)) return { ok: false, errors: { form: { code: 'notManager' } } };
	if (!want.voidable.includes(d.status)) return { ok: false, errors: { form: { code: want.refused } } };
	const reason = text.trim();
	if (reason.length > 500)
		return { ok: false, errors: { reason: { code: 'tooLong', params: { max: 500 } } } };
	const r = await ctx.journal.record(
		'document.voided',
		{ ref: d.id, ...(reason ? { reason } : {}) },
		{ user: ctx.user, branch: d.branch }
	);
	return r.ok ? { ok: true, value: null } : failed(r.reason);
}
