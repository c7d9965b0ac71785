/**
 * Money between the company's own accounts (资金调拨, F4): banking the till, drawing cash from the bank,
 * moving money from WeChat or Alipay to the bank; and expenses paid out of them (费用支出, F5). Validated
 * against the current ledger; records nothing unless everything typed is right. And the drawer counted
 * at the till's close (收银日结, F8).
 */
import { MoneyError, parseYuan } from '../domain/money';
import type { CommandContext, CommandResult, FieldError } from './context';
import { recordedAs, stillDeriving } from './context';

export interface CashTransferInput {
	readonly from: string;
	readonly to: string;
	/** Yuan as typed. */
	readonly amount: string;
	readonly note: string;
	/** Business day; default the recording day. */
	readonly at?: number;
}

/** Yuan as typed → fen above zero (or at least zero), else an error on `field` (0 then). */
function yuan(text: string, errors: Record<string, FieldError>, field = 'amount', min = 1): number {
	try {
		const amount = parseYuan(text);
		if (amount >= min) return amount;
		errors[field] = { code: 'amount' };
	} catch (e) {
		if (!(e instanceof MoneyError)) throw e;
		errors[field] = { code: text.trim() === '' ? 'required' : 'amount' };
	}
	return 0;
}

/** [F4] Moves money from one of the company's accounts to another. */
export async function transferCash(
	ctx: CommandContext,
	input: CashTransferInput
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may('cash.transferred', '')) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	if (!input.from || !ctx.ledger.record('account', input.from)) errors.from = { code: 'accountRequired' };
	if (!input.to || !ctx.ledger.record('account', input.to)) errors.to = { code: 'accountRequired' };
	else if (input.to === input.from) errors.to = { code: 'sameAccount' };
	const amount = yuan(input.amount, errors);
	if (input.note.length > 200) errors.note = { code: 'tooLong' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const r = await ctx.journal.record(
		'cash.transferred',
		{ from: input.from, to: input.to, amount, ...(input.note.trim() ? { note: input.note.trim() } : {}) },
		{ user: ctx.user, ...(input.at !== undefined ? { at: input.at } : {}) }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return recordedAs(ctx, r.event);
}

export const EXPENSE_CATEGORIES = [
	'rent',
	'wages',
	'utilities',
	'freight',
	'office',
	'tax',
	'other'
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export interface ExpenseInput {
	readonly account: string;
	readonly category: ExpenseCategory | '';
	/** Yuan as typed. */
	readonly amount: string;
	readonly note: string;
	/** Business day; default the recording day. */
	readonly at?: number;
}

/** [F9] What other income (其他收入) is, by what the company names it for. */
export const INCOME_CATEGORIES = ['rebate', 'rent', 'scrap', 'interest', 'subsidy', 'other'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

export interface IncomeInput extends Omit<ExpenseInput, 'category'> {
	readonly category: IncomeCategory | '';
}

/** [F5] An expense paid out of one of the company's accounts. */
export function recordExpense(
	ctx: CommandContext,
	input: ExpenseInput
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordCategorised(ctx, 'expense.paid', EXPENSE_CATEGORIES, input);
}

/** [F9] Other income received into one of the company's accounts. */
export function recordIncome(
	ctx: CommandContext,
	input: IncomeInput
): Promise<CommandResult<{ id: string; number: string }>> {
	return recordCategorised(ctx, 'income.received', INCOME_CATEGORIES, input);
}

/**
 * An amount into or out of an account under a category (F5, F9): the account must exist, the category
 * be one of `categories`, and "other" say in a note what it was.
 */
async function recordCategorised(
	ctx: CommandContext,
	type: 'expense.paid' | 'income.received',
	categories: readonly string[],
	input: Omit<ExpenseInput, 'category'> & { readonly category: string }
): Promise<CommandResult<{ id: string; number: string }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may(type, '')) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	if (!input.account || !ctx.ledger.record('account', input.account))
		errors.account = { code: 'accountRequired' };
	if (!categories.includes(input.category)) errors.category = { code: 'categoryRequired' };
	// "Other" says what it was: an expense's or an income's, in the words of each.
	else if (input.category === 'other' && input.note.trim() === '')
		errors.note = { code: type === 'income.received' ? 'incomeNoteRequired' : 'noteRequired' };
	const amount = yuan(input.amount, errors);
	if (input.note.length > 200) errors.note = { code: 'tooLong' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const r = await ctx.journal.record(
		type,
		{
			account: input.account,
			amount,
			category: input.category,
			...(input.note.trim() ? { note: input.note.trim() } : {})
		},
		{ user: ctx.user, ...(input.at !== undefined ? { at: input.at } : {}) }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return recordedAs(ctx, r.event);
}

export interface TillCountInput {
	/** The branch whose counter closes (the count is recorded there, by one who may sell there). */
	readonly branch: string;
	readonly account: string;
	/** The business day closed: the count is dated that day. */
	readonly day: number;
	/** Yuan as typed: the cash found in the drawer. */
	readonly counted: string;
	/** What the clerk was shown the drawer should hold (fen): the difference is measured from it. */
	readonly expected: number;
	readonly note: string;
}

/**
 * [F8] The drawer counted at the till's close: records what was found and how far it was from what the
 * clerk was shown, which derivation books into the account. Counting 0 is a count; nothing typed is not.
 */
export async function recordTillCount(
	ctx: CommandContext,
	input: TillCountInput
): Promise<CommandResult<{ id: string; number: string; diff: number }>> {
	const wait = stillDeriving(ctx);
	if (wait) return wait;
	if (!ctx.may('till.counted', input.branch)) return { ok: false, errors: { form: { code: 'readOnly' } } };
	const errors: Record<string, FieldError> = {};
	if (!input.account || !ctx.ledger.record('account', input.account))
		errors.account = { code: 'accountRequired' };
	const counted = yuan(input.counted, errors, 'counted', 0);
	if (input.note.length > 200) errors.note = { code: 'tooLong' };
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const diff = counted - input.expected;
	const r = await ctx.journal.record(
		'till.counted',
		{
			account: input.account,
			counted,
			diff,
			...(input.note.trim() ? { note: input.note.trim() } : {})
		},
		{ user: ctx.user, branch: input.branch, at: input.day }
	);
	if (!r.ok) return { ok: false, errors: { form: { code: 'record', params: { reason: r.reason } } } };
	return {
		ok: true,
		value: { id: r.event.id, number: ctx.ledger.document(r.event.id)?.number ?? r.event.id, diff }
	};
}
