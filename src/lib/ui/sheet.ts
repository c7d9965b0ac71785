/**
 * What every document sheet needs (see doc-image.ts): the formatters of the current language, the
 * company's name, the other party as the sheet names them, and the statement (对账单) that customers
 * and suppliers alike receive to confirm.
 */
import type { Ledger } from '../domain/ledger';
import { rmbWords } from '../domain/rmb-words';
import type { Statement } from '../domain/sales/receivables';
import type { MasterNames } from '../projections/names';
import type { MessageKey, Params } from '../i18n/index.svelte';
import type { DocImageData } from './doc-image';

/** The formatters a sheet needs (the app passes `i18n`). */
export interface SheetFormat {
	t(key: MessageKey, params?: Params): string;
	money(fen: number): string;
	qty(milli: number, unit?: string): string;
	date(day: number): string;
}

/** The customer (or supplier) as a sheet names them: name, contact, first phone, address. */
export interface SheetParty {
	readonly name: string;
	readonly contact: string;
	readonly phone: string;
	readonly address: string;
}

export function sheetParty(
	ledger: Ledger,
	id: string,
	name: string,
	kind: 'customer' | 'supplier' = 'customer'
): SheetParty {
	const v = ledger.values(kind, id);
	const str = (x: unknown) => (typeof x === 'string' ? x : '');
	const phones = Array.isArray(v.phones) ? (v.phones as unknown[]) : [];
	return { name, contact: str(v.contact), phone: str(phones[0]), address: str(v.address) };
}

/** The company's name as its settings give it ('' until it is set). */
export function companyName(ledger: Ledger): string {
	const name = ledger.values('settings', 'company').companyName;
	return typeof name === 'string' ? name : '';
}

/**
 * A customer's or a supplier's statement (对账单) for a period, to send for confirmation: the balance brought forward,
 * each document that moved it with the running balance, what was added and taken off, and the balance
 * carried forward, in figures and in capital numerals (SR1, PU12, M7).
 */
export function statementSheet(
	input: {
		/** A customer's (应收) or a supplier's (应付) statement. */
		readonly kind: 'customer' | 'supplier';
		readonly statement: Statement;
		readonly party: SheetParty;
		readonly company: string;
		readonly user: string;
		/** A document type as the clerk reads it (销售出库, 收款 …). */
		readonly typeLabel: (type: string) => string;
	},
	f: SheetFormat
): DocImageData {
	const s = input.statement;
	const { party } = input;
	const colon = f.t('order.colon');
	const customer = input.kind === 'customer';
	const fields: [string, string][] = [[f.t(customer ? 'sheet.customer' : 'sheet.supplier'), party.name]];
	if (party.contact) fields.push([f.t('sheet.contact'), party.contact]);
	if (party.phone) fields.push([f.t('sheet.phone'), party.phone]);
	fields.push([f.t('sheet.period'), `${f.date(s.from)} – ${f.date(s.to)}`]);
	fields.push([f.t('sheet.opening'), f.money(s.opening)]);
	const balanceLabel = f.t(customer ? 'sales.balance' : 'sheet.payableBalance');
	return {
		colon,
		company: input.company,
		title: f.t('sheet.statementTitle'),
		fields,
		table: {
			no: f.t('order.lineNo'),
			columns: [
				{ header: f.t('sheet.document'), width: 360, align: 'left' },
				{ header: f.t('sheet.date'), width: 176, align: 'left' },
				{ header: f.t(customer ? 'sales.debit' : 'sheet.payableDebit'), width: 160, align: 'right' },
				{ header: f.t(customer ? 'sales.credit' : 'sheet.payableCredit'), width: 160, align: 'right' },
				{ header: balanceLabel, width: 160, align: 'right' }
			],
			rows: s.rows.map((r) => {
				const debit = r.debit ? f.money(r.debit) : '';
				const credit = r.credit ? f.money(r.credit) : '';
				const change = [debit && `+${debit}`, credit && `-${credit}`].filter(Boolean).join(' ');
				return {
					cells: [input.typeLabel(r.type), f.date(r.at), debit, credit, f.money(r.balance)],
					detail: r.number,
					text: `${f.date(r.at)}  ${change}  ${balanceLabel}${colon}${f.money(r.balance)}`
				};
			})
		},
		totals: [
			[f.t('sheet.debits'), f.money(s.debits)],
			[f.t('sheet.credits'), f.money(s.credits)],
			[f.t('sheet.closing'), f.money(s.closing)]
		],
		words: [f.t('sheet.closingWords'), rmbWords(s.closing)],
		note: [f.t('sales.note'), f.t('sheet.statementNote')],
		footer: [
			`${f.t('sheet.by')}${colon}${input.user}`,
			`${f.t(customer ? 'sheet.confirmSign' : 'sheet.supplierConfirmSign')}${colon}____________`
		]
	};
}

/**
 * The paper for money that changed hands on account: a receipt (收款收据) a customer gets for what they
 * paid, or a payment voucher (付款单) for what was paid to a supplier. Who paid or was paid, how, the
 * amount in figures and capitals (M7), and which documents it settled (an amount left over is held on
 * account: 预收 / 预付). Null for anything but a payment.
 */
export function paymentSheet(
	ledger: Ledger,
	names: MasterNames,
	id: string,
	f: SheetFormat
): DocImageData | null {
	const doc = ledger.document(id);
	if (!doc || (doc.type !== 'payment.received' && doc.type !== 'payment.made')) return null;
	const received = doc.type === 'payment.received';
	const colon = f.t('order.colon');
	const payload = ledger.event(id)?.payload as { note?: string } | undefined;
	const rows = (doc.settled ?? []).map((s) => {
		const d = ledger.document(s.ref);
		return {
			cells: [d?.number ?? s.ref, d ? f.date(d.at) : '', f.money(s.amount)],
			detail: '',
			text: f.money(s.amount)
		};
	});
	const rest = doc.total - (doc.settled ?? []).reduce((n, s) => n + s.amount, 0);
	if (rest > 0) {
		const label = f.t(received ? 'sheet.advance' : 'sheet.prepaid');
		rows.push({ cells: [label, '', f.money(rest)], detail: '', text: f.money(rest) });
	}
	const party = doc.party ?? '';
	const partyName = (received ? names.customers : names.suppliers).get(party) ?? party;
	return {
		colon,
		company: companyName(ledger),
		title: f.t(received ? 'sheet.receiptTitle' : 'sheet.voucherTitle'),
		fields: [
			[f.t('sheet.number'), doc.number],
			[f.t('sheet.date'), f.date(doc.at)],
			[f.t(received ? 'sheet.payer' : 'sheet.payee'), partyName],
			[
				f.t(received ? 'sheet.account' : 'sheet.payAccount'),
				names.accounts.get(doc.account ?? '') ?? doc.account ?? ''
			]
		],
		table: {
			no: f.t('order.lineNo'),
			columns: [
				{ header: f.t('sheet.settles'), width: 536, align: 'left' },
				{ header: f.t('sheet.date'), width: 240, align: 'left' },
				{ header: f.t('common.amount'), width: 240, align: 'right' }
			],
			rows
		},
		totals: [[f.t(received ? 'sheet.received' : 'sheet.paid'), f.money(doc.total)]],
		words: [f.t('sheet.receivedWords'), rmbWords(doc.total)],
		...(payload?.note ? { note: [f.t('sales.note'), payload.note] as const } : {}),
		footer: [
			`${f.t(received ? 'sheet.cashier' : 'sheet.payingClerk')}${colon}${names.users.get(doc.user) ?? doc.user}`,
			`${f.t(received ? 'sheet.payerSign' : 'sheet.payeeSign')}${colon}____________`
		]
	};
}
