/**
 * [F7] The till's close (收银日结, 交班对账): what one business day at the counter took and paid out, per
 * account, for one branch or all, one cashier or all; and, per account, what it held when the day
 * began and what it should hold when it ends, so that the drawer's cash can be counted against it.
 *
 * Money moves as the cash book reads it (F3, `flows`): counter sales bring their tenders less the
 * change (T10), counter refunds pay out (T12), customers' payments come in, suppliers' payments and
 * expenses go out (F5), transfers between accounts (banking the day's cash) move it from one to the
 * other, and an earlier count of the drawer books what it found over or short (F8). The sales are
 * counted by document: how many, what they came to with tax (the receipts' total, which is what was
 * charged, change aside) and how many of the day's sales were voided. An event that derivation
 * refused, quarantined or that a void took back moves nothing.
 *
 * A branch's close takes the events recorded in it (counter sales, refunds, till counts), and the
 * company-wide ones (payments, expenses, banking carry no branch) on the accounts the branch's own
 * events moved that day: banking its drawer shows, another branch's drawer does not.
 *
 * The balances are the account's, whoever moved it: the drawer is one till. They are the balance now
 * less what moved from `day` on, so only the events from that day are read (F3's rule).
 */
import type { Ledger } from '../domain/ledger';
import { accountsOf, CASH_TYPES, firstFrom, flows, notApplied } from './cash-book';
import type { MasterNames } from './names';

/** What moved money, in the order the page lists it. */
export const TILL_KINDS = [
	'counter',
	'refunds',
	'receipts',
	'income',
	'suppliers',
	'expenses',
	'transfers',
	'counting'
] as const;
export type TillKind = (typeof TILL_KINDS)[number];

export interface TillAccount {
	readonly account: string;
	readonly name: string;
	/** Net money per kind (in less out, in fen) by the events chosen (branch, cashier). */
	readonly byKind: Readonly<Record<TillKind, number>>;
	/** The kinds summed. */
	readonly net: number;
	/** The account's balance when `day` began, and when it ended (every cashier's moves). */
	readonly opening: number;
	readonly closing: number;
	/** The day's counts of this account (F8) by the cashiers chosen, in the order they were made. */
	readonly counts: readonly TillCount[];
}

export interface TillCount {
	readonly id: string;
	readonly number: string;
	readonly user: string;
	/** When it was recorded (ms, the event's clock). */
	readonly time: number;
	readonly counted: number;
	readonly diff: number;
}

export interface TillClose {
	readonly day: number;
	readonly branch: string | null;
	readonly user: string | null;
	/** Counter sales of the day: posted (voided ones aside), their total with tax, and voided. */
	readonly sales: { readonly count: number; readonly amount: number; readonly voided: number };
	/** Counter refunds (returns with money paid back): how many, and the money paid back. */
	readonly refunds: { readonly count: number; readonly amount: number };
	/** Accounts that money moved in or out of, by name. */
	readonly accounts: readonly TillAccount[];
	/** Net by kind over every account, and in all. */
	readonly byKind: Readonly<Record<TillKind, number>>;
	readonly net: number;
	/** Who recorded counter sales, refunds or payments that day (for the cashier choice), by id. */
	readonly cashiers: readonly string[];
}

const KIND_OF: Partial<Record<string, TillKind>> = {
	'sales.counter.posted': 'counter',
	'sales.return.posted': 'refunds',
	'payment.received': 'receipts',
	'payment.made': 'suppliers',
	'expense.paid': 'expenses',
	'income.received': 'income',
	'cash.transferred': 'transfers',
	'till.counted': 'counting'
};

const zero = (): Record<TillKind, number> => ({
	counter: 0,
	refunds: 0,
	receipts: 0,
	income: 0,
	suppliers: 0,
	expenses: 0,
	transfers: 0,
	counting: 0
});

export function tillClose(
	ledger: Ledger,
	names: MasterNames,
	day: number,
	branch: string | null,
	user: string | null
): TillClose {
	const skip = notApplied(ledger);
	/** Per account: net moved from `day` on (every event), and on `day` (every event). */
	const since = new Map<string, number>();
	const onDay = new Map<string, number>();
	const chosen = new Map<string, Record<TillKind, number>>();
	/** A branch's close: the accounts its own events moved that day, and the company-wide moves. */
	const own = new Set<string>();
	const wide = new Map<string, Record<TillKind, number>>();
	const counts = new Map<string, TillCount[]>();
	const cashiers = new Set<string>();
	const sales = { count: 0, amount: 0, voided: 0 };
	const refunds = { count: 0, amount: 0 };
	for (const type of CASH_TYPES) {
		const list = ledger.eventsOfType(type);
		for (let i = firstFrom(list, day); i < list.length; i++) {
			const e = list[i]!;
			const kind = KIND_OF[e.type];
			// Company-wide money (payments, expenses, banking: recorded without a branch) shows in a
			// branch's close on the accounts the branch's own events moved that day.
			const companyWide = branch !== null && e.branch === '';
			const mine = e.at === day && (branch === null || e.branch === branch || companyWide);
			if (mine && kind && kind !== 'transfers') cashiers.add(e.user);
			const counted = mine && (user === null || e.user === user);
			if (skip.has(e.id)) {
				if (counted && e.type === 'sales.counter.posted' && ledger.document(e.id)?.status === 'voided')
					sales.voided++;
				continue;
			}
			let refunded = 0;
			for (const account of accountsOf(e)) {
				const [into, out] = flows(e, account);
				since.set(account, (since.get(account) ?? 0) + into - out);
				if (e.at === day) onDay.set(account, (onDay.get(account) ?? 0) + into - out);
				if (mine && kind && !companyWide) own.add(account);
				if (!counted || !kind) continue;
				const rows = companyWide ? wide : chosen;
				let k = rows.get(account);
				if (!k) rows.set(account, (k = zero()));
				k[kind] += into - out;
				if (e.type === 'sales.return.posted') refunded += out;
			}
			if (!counted) continue;
			if (e.type === 'till.counted') {
				const list = counts.get(e.payload.account) ?? [];
				list.push({
					id: e.id,
					number: ledger.document(e.id)?.number ?? e.id,
					user: e.user,
					time: e.hlc.wall,
					counted: e.payload.counted,
					diff: e.payload.diff
				});
				counts.set(e.payload.account, list);
			} else if (e.type === 'sales.counter.posted') {
				sales.count++;
				sales.amount += ledger.documentFigures(e.id)?.total ?? 0;
			} else if (refunded > 0) {
				refunds.count++;
				refunds.amount += refunded;
			}
		}
	}
	for (const [account, w] of wide) {
		if (!own.has(account)) continue;
		let k = chosen.get(account);
		if (!k) chosen.set(account, (k = zero()));
		for (const kind of TILL_KINDS) k[kind] += w[kind];
	}
	const balances = new Map(ledger.cash().map((c) => [c.account, c.balance]));
	const accounts: TillAccount[] = [...chosen].map(([account, byKind]) => {
		const closing = (balances.get(account) ?? 0) - (since.get(account) ?? 0) + (onDay.get(account) ?? 0);
		return {
			account,
			name: names.accounts.get(account) ?? account,
			byKind,
			net: TILL_KINDS.reduce((s, k) => s + byKind[k], 0),
			opening: closing - (onDay.get(account) ?? 0),
			closing,
			counts: counts.get(account) ?? []
		};
	});
	accounts.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.account < b.account ? -1 : 1));
	const byKind = zero();
	for (const a of accounts) for (const k of TILL_KINDS) byKind[k] += a.byKind[k];
	return {
		day,
		branch,
		user,
		sales,
		refunds,
		accounts,
		byKind,
		net: TILL_KINDS.reduce((s, k) => s + byKind[k], 0),
		cashiers: [...cashiers].sort()
	};
}
