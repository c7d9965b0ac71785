/**
 * Planning a refund at the counter (rules K4 and T12 in docs/SPEC.md): which lines of a past sale can
 * still come back, what returning some of them is worth (the same telescoping shares derivation takes,
 * so the money matches the goods to the fen), how much of that is paid out, and from which accounts.
 */
import { allocate, mulDivRound } from '../money';
import type { DocState } from '../derive/state';

export interface ReturnableLine {
	readonly line: number;
	readonly p: string;
	/** Sold on this line. */
	readonly sold: number;
	/** Still returnable (sold − already returned). */
	readonly left: number;
	readonly amount: number;
}

export function returnableLines(sale: DocState): ReturnableLine[] {
	return sale.lines.map((l, line) => ({ line, p: l.p, sold: l.q, left: l.q - l.done, amount: l.amount }));
}

export interface ReturnPick {
	readonly line: number;
	readonly q: number;
}

export type ReturnPlan =
	| {
			readonly ok: true;
			readonly lines: readonly { readonly line: number; readonly q: number; readonly restock: boolean }[];
			/** Sales value of the goods coming back (fen). */
			readonly value: number;
			/** What is paid back: the value less what still stood open on the customer's account. */
			readonly refund: number;
	  }
	| { readonly ok: false; readonly code: 'nothing' }
	| { readonly ok: false; readonly code: 'not-returnable'; readonly status: string }
	| { readonly ok: false; readonly code: 'bad-line'; readonly line: number }
	| { readonly ok: false; readonly code: 'over-return'; readonly line: number; readonly left: number };

/** Picks with q = 0 are ignored; the goods go back on the shelf (`restock`) unless told otherwise. */
export function planReturn(sale: DocState, picks: readonly ReturnPick[], restock = true): ReturnPlan {
	if (sale.status !== 'posted') return { ok: false, code: 'not-returnable', status: sale.status };
	const wanted = new Map<number, number>();
	for (const pick of picks) {
		if (!Number.isSafeInteger(pick.q) || pick.q < 0) return { ok: false, code: 'bad-line', line: pick.line };
		if (pick.q === 0) continue;
		const l = sale.lines[pick.line];
		if (!l) return { ok: false, code: 'bad-line', line: pick.line };
		wanted.set(pick.line, (wanted.get(pick.line) ?? 0) + pick.q);
	}
	if (wanted.size === 0) return { ok: false, code: 'nothing' };
	const lines: { line: number; q: number; restock: boolean }[] = [];
	let value = 0;
	for (const [line, q] of [...wanted].sort((a, b) => a[0] - b[0])) {
		const l = sale.lines[line]!;
		if (l.done + q > l.q) return { ok: false, code: 'over-return', line, left: l.q - l.done };
		value += mulDivRound(l.amount, l.done + q, l.q) - mulDivRound(l.amount, l.done, l.q);
		lines.push({ line, q, restock });
	}
	// What the customer still owed on this sale absorbs the return first (T11); the rest is money back.
	const refund = value - Math.min(sale.open ?? 0, value);
	return { ok: true, lines, value, refund };
}

/**
 * The default way to pay `amount` back: over the accounts the sale was paid from, in proportion to
 * what each kept (cash net of the change), so a mixed sale is refunded mixed. Parts of 0 are dropped.
 */
export function defaultRefundSplit(
	sale: Pick<DocState, 'tenders' | 'change'>,
	amount: number
): { account: string; amount: number }[] {
	const tenders = sale.tenders ?? [];
	if (amount <= 0 || tenders.length === 0) return [];
	const kept = tenders.map((t, i) => Math.max(0, t.amount - (i === 0 ? (sale.change ?? 0) : 0)));
	const parts = allocate(amount, kept);
	return tenders.map((t, i) => ({ account: t.account, amount: parts[i]! })).filter((t) => t.amount > 0);
}
