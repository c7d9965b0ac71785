/**
 * Purchase orders (采购订单): place, place many from suggestions in one batch, amend and resubmit a
 * rejected one, approve or reject with a comment, close with quantities outstanding. Each command
 * validates what the clerk typed against the current ledger, returns errors per field as codes, and
 * records nothing unless everything is valid. Whether an order needs approval is decided here, from the
 * company's limit at the moment it is placed (PU4), and written into the event.
 */
import { dayFromIso } from '../domain/dates';
import { MoneyError, parseQty, parseYuan } from '../domain/money';
import { groupIntoOrders, needsApproval, orderLine, type PlannedLine } from '../domain/purchasing/orders';
import type { DocState, Ledger } from '../domain/ledger';
import type { RecordCommand } from '../sync/journal';
import type { CommandContext, CommandResult, FieldError } from './context';
import { stillDeriving } from './context';

export interface OrderLineInput {
	readonly p: string;
	/** The unit typed in and its factor to the base unit (1 for the base unit). */
	readonly unit: string;
	readonly factor: number;
	/** As typed, in that unit. */
	readonly qty: string;
	/** Yuan per that unit, tax included, as typed. */
	readonly price: string;
	readonly vat: number;
}

export interface OrderInput {
	readonly supplier: string;
	readonly wh: string;
	/** yyyy-mm-dd or ''. */
	readonly expected: string;
	readonly note: string;
	readonly lines: readonly OrderLineInput[];
}

type Errors = Record<string, FieldError>;
type EventLine = { p: string; q: number; amount: number; vat: number; unit?: string };

const fail = (errors: Errors) => ({ ok: false as const, errors });
const formError = (code: string, params?: Record<string, string | number>) =>
	fail({ form: params ? { code, params } : { code } });

/** A decimal as typed → integer at `parse`'s scale, or the error code. */
function parsed(text: string, parse: (t: string) => number, code: string): number | FieldError {
	if (text.trim() === '') return { code: 'required' };
	try {
		const n = parse(text);
		return n < 0 ? { code } : n;
	} catch (e) {
		if (e instanceof MoneyError) return { code };
		throw e;
	}
}

/** The company's approval limit for purchase orders (fen), if one is set. */
export function approvalLimit(ledger: Ledger): number | undefined {
	const v = ledger.values('settings', 'company').poApprovalAbove;
	return typeof v === 'number' ? v : undefined;
}

/** The branch an order for warehouse `wh` belongs to (its warehouse's), else the device's. */
export function branchOfWarehouse(ledger: Ledger, wh: string, fallback: string): string {
	const b = ledger.values('warehouse', wh).branch;
	return typeof b === 'string' && b !== '' ? b : fallback;
}

/** Validates the lines; the event lines when all are valid. */
function orderLines(input: OrderInput, errors: Errors): EventLine[] {
	if (input.lines.length === 0) errors.lines = { code: 'noLines' };
	const out: EventLine[] = [];
	input.lines.forEach((l, i) => {
		const qty = parsed(l.qty, parseQty, 'qty');
		const price = parsed(l.price, parseYuan, 'price');
		if (typeof qty === 'object') errors[`qty.${i}`] = qty;
		else if (qty === 0) errors[`qty.${i}`] = { code: 'qty' };
		if (typeof price === 'object') errors[`price.${i}`] = price;
		if (!Number.isSafeInteger(l.factor) || l.factor < 1) errors[`qty.${i}`] = { code: 'unit' };
		if (typeof qty !== 'number' || typeof price !== 'number' || qty === 0) return;
		const { q, amount } = orderLine(qty, l.factor, price);
		if (!Number.isSafeInteger(q) || !Number.isSafeInteger(amount)) {
			errors[`qty.${i}`] = { code: 'qty' };
			return;
		}
		out.push({ p: l.p, q, amount, vat: l.vat, ...(l.unit ? { unit: l.unit.slice(0, 8) } : {}) });
	});
	return out;
}

function header(ctx: CommandContext, input: OrderInput, errors: Errors): { expected?: number } {
	if (!ctx.ledger.record('supplier', input.supplier)) errors.supplier = { code: 'required' };
	if (!ctx.ledger.record('warehouse', input.wh)) errors.wh = { code: 'required' };
	if (input.expected.trim() === '') return {};
	const day = dayFromIso(input.expected.trim());
	if (day === null) {
		errors.expected = { code: 'date' };
		return {};
	}
	return { expected: day };
}

export async function placePurchaseOrder(
	ctx: CommandContext,
	input: OrderInput,
	deviceBranch: string
): Promise<CommandResult<{ id: string; number: string; approval: boolean }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const branch = branchOfWarehouse(ctx.ledger, input.wh, deviceBranch);
	if (branch === '') return formError('noBranch');
	if (!ctx.may('purchase.order.placed', branch)) return formError('readOnly');
	const errors: Errors = {};
	const head = header(ctx, input, errors);
	const lines = orderLines(input, errors);
	if (Object.keys(errors).length > 0) return fail(errors);
	const total = lines.reduce((s, l) => s + l.amount, 0);
	const approval = needsApproval(total, approvalLimit(ctx.ledger));
	const note = input.note.trim();
	const r = await ctx.journal.record(
		'purchase.order.placed',
		{
			supplier: input.supplier,
			wh: input.wh,
			lines,
			approval,
			...(head.expected !== undefined ? { expected: head.expected } : {}),
			...(note ? { note } : {})
		},
		{ user: ctx.user, branch }
	);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { id: r.event.id, number: numberOf(ctx, r.event.id), approval } };
}

/** [T3] A rejected (draft) order, amended, goes back for approval (or straight on, under the limit). */
export async function resubmitPurchaseOrder(
	ctx: CommandContext,
	orderId: string,
	input: OrderInput
): Promise<CommandResult<{ number: string; approval: boolean }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const order = ctx.ledger.document(orderId);
	if (!order || order.type !== 'purchase.order.placed') return formError('unknown');
	if (order.status !== 'draft') return formError('state', { status: order.status });
	if (!ctx.may('purchase.order.submitted', order.branch)) return formError('readOnly');
	const errors: Errors = {};
	const lines = orderLines(input, errors);
	if (Object.keys(errors).length > 0) return fail(errors);
	const approval = needsApproval(
		lines.reduce((s, l) => s + l.amount, 0),
		approvalLimit(ctx.ledger)
	);
	const r = await ctx.journal.record(
		'purchase.order.submitted',
		{ ref: orderId, lines, approval },
		{ user: ctx.user, branch: order.branch }
	);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { number: order.number, approval } };
}

type Decision = 'purchase.order.approved' | 'purchase.order.rejected' | 'purchase.order.closed';
const NEEDS: Record<Decision, readonly DocState['status'][]> = {
	'purchase.order.approved': ['pending'],
	'purchase.order.rejected': ['pending'],
	'purchase.order.closed': ['approved', 'partial']
};

/** Approve or reject (with a comment), or close an order short (with a reason). */
export async function decidePurchaseOrder(
	ctx: CommandContext,
	type: Decision,
	orderId: string,
	text: string
): Promise<CommandResult<{ number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	const order = ctx.ledger.document(orderId);
	if (!order || order.type !== 'purchase.order.placed') return formError('unknown');
	if (!NEEDS[type].includes(order.status)) return formError('state', { status: order.status });
	if (!ctx.may(type, order.branch))
		return formError(type === 'purchase.order.closed' ? 'readOnly' : 'manager');
	const comment = text.trim().slice(0, 500);
	if (type === 'purchase.order.rejected' && comment === '')
		return fail({ comment: { code: 'commentRequired' } });
	const r =
		type === 'purchase.order.closed'
			? await ctx.journal.record(
					type,
					{ ref: orderId, ...(comment ? { reason: comment } : {}) },
					opts(ctx, order)
				)
			: await ctx.journal.record(type, { ref: orderId, ...(comment ? { comment } : {}) }, opts(ctx, order));
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { number: order.number } };
}

const opts = (ctx: CommandContext, order: DocState) => ({ user: ctx.user, branch: order.branch });

function numberOf(ctx: CommandContext, id: string): string {
	return ctx.ledger.document(id)?.number ?? id;
}

/**
 * Selected suggestions → one order per supplier and warehouse, all recorded as one batch: either every
 * order is placed or none is. An order is expected by the latest of its lines' expected dates (today +
 * lead time), so supplier punctuality can be measured against it.
 */
export async function placeOrdersFromSuggestions(
	ctx: CommandContext,
	planned: readonly PlannedLine[],
	deviceBranch: string
): Promise<CommandResult<{ numbers: string[]; needApproval: number }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (planned.length === 0) return formError('noLines');
	const limit = approvalLimit(ctx.ledger);
	const commands: RecordCommand[] = [];
	let needApproval = 0;
	for (const g of groupIntoOrders(planned)) {
		const branch = branchOfWarehouse(ctx.ledger, g.warehouse, deviceBranch);
		if (branch === '') return formError('noBranch');
		if (!ctx.may('purchase.order.placed', branch)) return formError('readOnly');
		if (!ctx.ledger.record('supplier', g.supplier)) return formError('noSupplier');
		const lines = g.lines.map((l) => ({ p: l.product, q: l.q, amount: l.amount, vat: l.vat }));
		const approval = needsApproval(
			lines.reduce((s, l) => s + l.amount, 0),
			limit
		);
		if (approval) needApproval++;
		let expected: number | undefined;
		for (const l of g.lines)
			if (l.expected !== undefined && (expected === undefined || l.expected > expected))
				expected = l.expected;
		commands.push({
			type: 'purchase.order.placed',
			user: ctx.user,
			branch,
			payload: {
				supplier: g.supplier,
				wh: g.warehouse,
				lines,
				approval,
				...(expected !== undefined ? { expected } : {})
			}
		});
	}
	const r = await ctx.journal.recordMany(commands);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { numbers: r.events.map((e) => numberOf(ctx, e.id)), needApproval } };
}

/** The company's approval limit for purchase orders (yuan as typed; 0 = every order needs a manager). */
export async function setPurchaseApprovalLimit(
	ctx: CommandContext,
	text: string
): Promise<CommandResult<{ limit: number }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may('settings.updated', '')) return formError('readOnly');
	const limit = parsed(text, parseYuan, 'price');
	if (typeof limit === 'object') return fail({ limit });
	const base = ctx.ledger.record('settings', 'company')?.version;
	const r = await ctx.journal.record(
		'settings.updated',
		{ fields: { poApprovalAbove: limit }, ...(base ? { base } : {}) },
		{ user: ctx.user }
	);
	if (!r.ok) return formError('record', { reason: r.reason });
	return { ok: true, value: { limit } };
}
