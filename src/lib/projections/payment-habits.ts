/**
 * [RP10] How a customer pays (回款), or how the company pays a supplier (付款): over a span of days, the
 * money that met the party's items (payments, and credit applied as an item opened), how many days
 * after the document's own day it came on average (weighted by amount), and how much came after the
 * due day and how late. A clerk deciding on credit terms or a credit limit reads it beside the ageing.
 *
 * The settlements are the ledger's own, replayed from the party's events (party-replay.ts): a payment
 * that names items settles those first, the rest the oldest due; money paid ahead counts on the day the
 * item opened (0 days). Returns are not money and do not count.
 */
import { compareEvents, type AnyEvent } from '../domain/event';
import type { Ledger } from '../domain/ledger';
import { replayParties, type PartyKind, type Settlement } from './party-replay';
import { payableDocuments } from './purchasing';
import { salesIndex } from './sales-index';

export interface PaymentHabits {
	readonly from: number;
	readonly to: number;
	/** Fen that met the party's items on days from…to. */
	readonly settled: number;
	/** Days from the document's day to the money, weighted by amount, in tenths; null when nothing was settled. */
	readonly daysTenths: number | null;
	/** Of `settled`, what came after the due day. */
	readonly late: number;
	/** Days past the due day of the late part, weighted by amount, in tenths; null when nothing was late. */
	readonly lateDaysTenths: number | null;
	/** Settled by the due day, in basis points of `settled`; null when nothing was settled. */
	readonly onTimeBp: number | null;
}

/** The party's own events, in derivation order. */
export function eventsOfParty(ledger: Ledger, kind: PartyKind, party: string): AnyEvent[] {
	const out: AnyEvent[] = [];
	if (kind === 'customer') {
		for (const id of salesIndex(ledger).byCustomer.get(party) ?? []) {
			const e = ledger.event(id);
			if (e) out.push(e);
		}
	} else
		for (const d of payableDocuments(ledger, party)) {
			const e = ledger.event(d.id);
			if (e) out.push(e);
		}
	return out.sort(compareEvents);
}

/** The settlements of one party's items, in the order they happened. */
export function settlementsOf(ledger: Ledger, kind: PartyKind, party: string): readonly Settlement[] {
	return replayParties(ledger, kind, eventsOfParty(ledger, kind, party), true).get(party)?.settlements ?? [];
}

export function paymentHabits(settlements: readonly Settlement[], from: number, to: number): PaymentHabits {
	let settled = 0;
	let dayFen = 0;
	let late = 0;
	let lateDayFen = 0;
	for (const s of settlements) {
		if (s.at < from || s.at > to) continue;
		settled += s.amount;
		dayFen += s.amount * Math.max(0, s.at - s.itemAt);
		if (s.at > s.due) {
			late += s.amount;
			lateDayFen += s.amount * (s.at - s.due);
		}
	}
	// Tenths of a day, half away from zero (every term is ≥ 0): round(10 × Σ amount × days ÷ Σ amount).
	const tenths = (x: number, of: number) => (of === 0 ? null : Math.round((x * 10) / of));
	return {
		from,
		to,
		settled,
		daysTenths: tenths(dayFen, settled),
		late,
		lateDaysTenths: tenths(lateDayFen, late),
		onTimeBp: settled === 0 ? null : Math.round(((settled - late) * 10_000) / settled)
	};
}
