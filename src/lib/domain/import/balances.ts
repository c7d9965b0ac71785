/**
 * Opening receivables and payables (期初应收应付) from a sheet (rule IM7): a shop moving from another
 * system brings what each customer owes and what it owes each supplier, often one row per unpaid
 * document with its due day. Each row names the kind of party (客户 / 供应商, in either language), the
 * party by code or by name (a name two parties share is refused: use the code), a signed amount (a
 * negative one is a credit: money the shop holds for them) and an optional due day. A party may have
 * several rows (one per unpaid document). A party that
 * already has an opening balance is refused, naming it: importing the same file twice is the common
 * mistake, and a second set of openings would count every debt twice.
 */
import { isoFromDay } from '../dates';
import { parseDay, parseSignedMoney } from '../master/fields';
import { formatYuan, type Fen } from '../money';
import {
	eachRow,
	headerRow,
	mapHeader,
	type Column,
	type ImportError,
	type ImportPlan,
	type Lang,
	sortErrors
} from './sheet';

export type BalanceParty = 'customer' | 'supplier';

export const BALANCE_COLUMNS: readonly Column[] = [
	{ key: 'kind', zh: '类型', en: 'Kind', required: true },
	{ key: 'party', zh: '编码或名称', en: 'Code or name', required: true },
	{ key: 'amount', zh: '金额', en: 'Amount', required: true },
	{ key: 'due', zh: '到期日', en: 'Due' }
];

/** The words for the kinds, per language; either is read back. */
export const KIND_WORDS: Record<BalanceParty, [string, string]> = {
	customer: ['客户', 'customer'],
	supplier: ['供应商', 'supplier']
};

export interface BalanceDraft {
	readonly party: BalanceParty;
	readonly id: string;
	readonly amount: number;
	readonly due?: number;
}

export interface PartyEntry {
	readonly id: string;
	readonly code: string;
	readonly name: string;
}

export interface BalanceContext {
	readonly parties: Record<BalanceParty, readonly PartyEntry[]>;
	/** Parties that already have an opening balance (`kind|id`). */
	readonly opened: ReadonlySet<string>;
}

function kindOf(text: string): BalanceParty | null {
	const t = text.trim().toLowerCase();
	for (const k of ['customer', 'supplier'] as const)
		if (KIND_WORDS[k].some((w) => w.toLowerCase() === t) || t === `${k}s`) return k;
	return null;
}

export function planBalanceImport(
	sheet: readonly (readonly string[])[],
	ctx: BalanceContext
): ImportPlan<BalanceDraft> {
	const map = mapHeader(sheet[0] ?? [], BALANCE_COLUMNS);
	const errors: ImportError[] = [...map.errors];
	if (errors.length > 0) return { rows: 0, drafts: [], errors };
	// Codes first, then names; a name is only good when one party of the kind has it.
	const index = (k: BalanceParty) => {
		const byCode = new Map<string, string>();
		const byName = new Map<string, string | null>();
		for (const p of ctx.parties[k]) {
			if (p.code) byCode.set(p.code, p.id);
			byName.set(p.name, byName.has(p.name) ? null : p.id);
		}
		return { byCode, byName };
	};
	const lookup = { customer: index('customer'), supplier: index('supplier') };
	const drafts: BalanceDraft[] = [];
	const rows = eachRow(sheet, map, BALANCE_COLUMNS, errors, ({ cell, err }) => {
		const before = errors.length;
		const kindText = cell('kind').trim();
		const kind = kindOf(kindText);
		if (kindText === '') err('kind', 'required');
		else if (!kind) err('kind', 'choice');
		const who = cell('party').trim();
		let id: string | undefined;
		if (who === '') err('party', 'required');
		else if (kind) {
			const l = lookup[kind];
			const byName = l.byName.get(who);
			id = l.byCode.get(who) ?? byName ?? undefined;
			if (byName === null && !l.byCode.has(who)) err('party', 'ambiguousParty', { party: who });
			else if (!id) err('party', 'unknownParty', { party: who });
			else if (ctx.opened.has(`${kind}|${id}`)) err('party', 'openingExists', { party: who });
		}
		const amount = parseSignedMoney(cell('amount'));
		if (!amount.ok) err('amount', amount.error.code);
		else if (amount.value === undefined || amount.value === 0) err('amount', 'required');
		const due = parseDay(cell('due'));
		if (!due.ok) err('due', due.error.code);
		if (errors.length > before || !kind || !id || !amount.ok || !amount.value || !due.ok) return;
		drafts.push({
			party: kind,
			id,
			amount: amount.value,
			...(due.value !== undefined ? { due: due.value } : {})
		});
	});
	if (errors.length > 0) return { rows, drafts: [], errors: sortErrors(errors, map) };
	return { rows, drafts, errors };
}

/** Opening balances as a sheet, in the import's columns (code when the party has one, else its name). */
export function exportBalances(
	balances: readonly { readonly draft: BalanceDraft; readonly party: PartyEntry }[],
	lang: Lang
): string[][] {
	const i = lang === 'zh' ? 0 : 1;
	const rows = [headerRow(BALANCE_COLUMNS, lang)];
	for (const { draft, party } of balances)
		rows.push([
			KIND_WORDS[draft.party][i]!,
			party.code || party.name,
			formatYuan(draft.amount as Fen),
			draft.due === undefined ? '' : isoFromDay(draft.due)
		]);
	return rows;
}
