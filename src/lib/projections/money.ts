/** Cash and bank balances per account, and open receivables and payables per party. */
import type { Ledger } from '../domain/ledger';
import { partyName, type MasterNames } from './names';

export interface AccountRow {
	readonly id: string;
	readonly name: string;
	readonly balance: number;
}

export interface PartyRow {
	readonly id: string;
	readonly name: string;
	readonly balance: number;
	readonly unapplied: number;
	readonly openItems: number;
}

export interface MoneyView {
	readonly accounts: readonly AccountRow[];
	readonly cash: number;
	readonly receivables: readonly PartyRow[];
	readonly payables: readonly PartyRow[];
	readonly receivable: number;
	readonly payable: number;
}

export function moneyView(ledger: Ledger, names: MasterNames): MoneyView {
	const accounts = ledger
		.cash()
		.map((c) => ({ id: c.account, name: names.accounts.get(c.account) ?? c.account, balance: c.balance }));
	for (const [id, name] of names.accounts)
		if (!accounts.some((a) => a.id === id)) accounts.push({ id, name, balance: 0 });
	const receivables: PartyRow[] = [];
	const payables: PartyRow[] = [];
	for (const b of ledger.balances()) {
		if (!b.balance && !b.unapplied && !b.openItems) continue;
		const row = {
			id: b.id,
			name: partyName(names, b.kind, b.id),
			balance: b.balance,
			unapplied: b.unapplied,
			openItems: b.openItems
		};
		(b.kind === 'customer' ? receivables : payables).push(row);
	}
	const byBalance = (a: PartyRow, b: PartyRow) => b.balance - a.balance;
	return {
		accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)),
		cash: accounts.reduce((s, a) => s + a.balance, 0),
		receivables: receivables.sort(byBalance),
		payables: payables.sort(byBalance),
		receivable: receivables.reduce((s, r) => s + r.balance, 0),
		payable: payables.reduce((s, r) => s + r.balance, 0)
	};
}
