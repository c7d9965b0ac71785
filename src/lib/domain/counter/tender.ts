/**
 * Taking the money at the counter (rule K2 in docs/SPEC.md): what the clerk typed per tender, settled
 * against the total, exactly in fen. Only cash can be overpaid: the drawer gives the change back.
 * WeChat, Alipay and card amounts are exact transfers, so a non-cash tender above what is still due is a
 * typing mistake and is refused rather than turned into change nobody can hand out.
 *
 * The result is what the `sales.counter.posted` event carries: one tender per account (amounts of the
 * same account merged), cash first, because derivation takes the change out of the first tender's
 * account (T10).
 */

export type TenderKind = 'cash' | 'wechat' | 'alipay' | 'card' | 'bank';

export interface TenderEntry {
	readonly account: string;
	readonly kind: TenderKind;
	/** Fen, ≥ 0 (an empty field is 0). */
	readonly amount: number;
}

export interface Settlement {
	readonly ok: true;
	readonly total: number;
	readonly paid: number;
	/** Cash handed back (fen), ≥ 0. */
	readonly change: number;
	/** Left on the customer's account (a named customer only), ≥ 0. */
	readonly onAccount: number;
	readonly tenders: readonly { readonly account: string; readonly amount: number }[];
}

export type SettlementFailure =
	| { readonly ok: false; readonly code: 'nothing-paid' }
	| { readonly ok: false; readonly code: 'bad-amount' }
	| { readonly ok: false; readonly code: 'underpaid'; readonly short: number }
	| { readonly ok: false; readonly code: 'non-cash-over'; readonly over: number }
	| { readonly ok: false; readonly code: 'too-many-tenders'; readonly max: number };

export const MAX_TENDERS = 8;

/**
 * Settles `total` with the tenders. `onAccount`: the sale is to a named customer who may owe the rest;
 * a walk-in (散客) must pay in full.
 */
export function settle(
	total: number,
	entries: readonly TenderEntry[],
	options: { readonly onAccount?: boolean } = {}
): Settlement | SettlementFailure {
	let cash = 0;
	let nonCash = 0;
	const byAccount = new Map<string, { amount: number; cash: boolean }>();
	for (const t of entries) {
		if (!Number.isSafeInteger(t.amount) || t.amount < 0) return { ok: false, code: 'bad-amount' };
		if (t.amount === 0) continue;
		const isCash = t.kind === 'cash';
		if (isCash) cash += t.amount;
		else nonCash += t.amount;
		const prev = byAccount.get(t.account);
		byAccount.set(t.account, { amount: (prev?.amount ?? 0) + t.amount, cash: prev?.cash ?? isCash });
	}
	if (byAccount.size === 0) return { ok: false, code: 'nothing-paid' };
	if (byAccount.size > MAX_TENDERS) return { ok: false, code: 'too-many-tenders', max: MAX_TENDERS };
	if (nonCash > total) return { ok: false, code: 'non-cash-over', over: nonCash - total };
	const paid = cash + nonCash;
	if (paid < total && !options.onAccount) return { ok: false, code: 'underpaid', short: total - paid };
	// nonCash ≤ total, so any overpayment is at most the cash given: the drawer can always pay it.
	const change = Math.max(0, paid - total);
	const tenders = [...byAccount]
		.map(([account, v]) => ({ account, amount: v.amount, cash: v.cash }))
		// Cash first (the change comes out of the first tender); otherwise in the order typed.
		.sort((a, b) => Number(b.cash) - Number(a.cash))
		.map(({ account, amount }) => ({ account, amount }));
	return { ok: true, total, paid, change, onAccount: Math.max(0, total - paid), tenders };
}

/** What is still to pay after the tenders so far (0 once covered). */
export function stillDue(total: number, entries: readonly TenderEntry[]): number {
	let paid = 0;
	for (const t of entries) if (Number.isSafeInteger(t.amount) && t.amount > 0) paid += t.amount;
	return Math.max(0, total - paid);
}

const NOTES = [1_000, 2_000, 5_000, 10_000] as const;

/**
 * Quick cash buttons for what is due: the exact amount, then the next round sums a customer is likely
 * to hand over (whole 10, 20, 50, 100 yuan), each once, ascending.
 */
export function cashSuggestions(due: number): number[] {
	if (!Number.isSafeInteger(due) || due <= 0) return [];
	const out = new Set<number>([due]);
	for (const note of NOTES) out.add(Math.ceil(due / note) * note);
	return [...out].sort((a, b) => a - b).slice(0, 4);
}

/**
 * [K9] What leaving `onAccount` on a customer's account would take them above their credit limit
 * (fen; 0 when it stays within, when nothing is left owing, or when they have no limit). `balance` is
 * what they owe now (negative: credit in hand, which absorbs the new debt first).
 */
export function overCreditLimit(
	balance: number,
	limit: number | null | undefined,
	onAccount: number
): number {
	if (onAccount <= 0 || limit === null || limit === undefined) return 0;
	return Math.max(0, balance + onAccount - limit);
}
