/**
 * [T12] A refund at the counter: a sales return that carries `refunds` pays the money back out of the
 * named accounts in the same event as the goods come back, so a refund can never be half-recorded
 * (goods back, money not paid) however the devices sync. The refunds may not exceed the value of what
 * is returned. For a customer on account, the money paid out first uses up the credit the return left;
 * anything beyond it is owed back to the shop, as an open item on the return itself (the same move as
 * unsettling a payment, so a party's balance stays its open items minus its credit).
 */
import { mulDivRound } from '../money';
import type { DocState, LedgerState } from './state';

export interface Tender {
	readonly account: string;
	readonly amount: number;
}

export function refundTotal(refunds: readonly Tender[] | undefined): number {
	let total = 0;
	for (const r of refunds ?? []) total += r.amount;
	return total;
}

/**
 * The sales value of returning these lines of `d` now: the same telescoping shares the return takes,
 * so a refund of exactly this amount matches the goods to the fen.
 */
export function returnValue(d: DocState, lines: readonly { line: number; q: number }[]): number {
	const done = new Map<number, number>();
	let value = 0;
	for (const l of lines) {
		const dl = d.lines[l.line];
		if (!dl) continue;
		const before = done.get(l.line) ?? dl.done;
		// share() of trade.ts, inlined: the two modules would import each other.
		value += mulDivRound(dl.amount, before + l.q, dl.q) - mulDivRound(dl.amount, before, dl.q);
		done.set(l.line, before + l.q);
	}
	return value;
}

/** Pays the refunds out; call after the return document `returnId` is stored. */
export function applyRefunds(
	st: LedgerState,
	party: string | undefined,
	returnId: string,
	refunds: readonly Tender[]
): void {
	for (const r of refunds) st.cash(r.account, -r.amount);
	if (party) st.unsettle('customer', party, returnId, refundTotal(refunds), []);
}
