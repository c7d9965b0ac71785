/**
 * What a customer receives: a quotation (报价单), a sales order (销售订单) or a delivery note (送货单) as
 * one sheet of formatted strings (`DocImageData`), which the page prints, draws as an image to share
 * and writes as a chat message (`docText`), so all three say the same. Built from the document's view
 * and the customer's record; every figure is formatted from integers by the formatter given (the
 * current language's, `i18n`), and the total is written in capital numerals as well (M7).
 */
import type { Ledger } from '../../domain/ledger';
import { rmbWords } from '../../domain/rmb-words';
import type { MessageKey, Params } from '../../i18n/index.svelte';
import type { MasterNames } from '../../projections/names';
import type { Statement } from '../../domain/sales/receivables';
import type { DeliveryView, OrderView, SalesLineView } from '../../projections/sales';
import { goodsTable, type DocImageData } from '../doc-image';

export type SheetKind = 'quote' | 'order' | 'delivery';

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

export interface SheetInput {
	readonly kind: SheetKind;
	readonly view: OrderView | DeliveryView;
	readonly party: SheetParty;
	readonly company: string;
	/** Who made the document (user's display name). */
	readonly user: string;
}

const TITLE: Record<SheetKind, MessageKey> = {
	quote: 'sheet.quoteTitle',
	order: 'sheet.orderTitle',
	delivery: 'sheet.deliveryTitle'
};

const SIGN: Record<SheetKind, MessageKey> = {
	quote: 'sheet.customerSign',
	order: 'sheet.customerSign',
	delivery: 'sheet.receiverSign'
};

function lineDetail(l: SalesLineView, kind: SheetKind, f: SheetFormat): string {
	const parts = l.detail ? [l.detail] : [];
	// A delivery names the batch it took, and its expiry: the customer's goods-in checks both.
	if (kind === 'delivery' && l.batch) {
		parts.push(`${f.t('sheet.batch')} ${l.batch}`);
		if (l.expiry !== null) parts.push(`${f.t('sheet.expiry')} ${f.date(l.expiry)}`);
	}
	return parts.join('  ');
}

export function salesSheet(input: SheetInput, f: SheetFormat): DocImageData {
	const { kind, view, party } = input;
	const doc = view.doc;
	const colon = f.t('order.colon');
	const fields: [string, string][] = [
		[f.t('sheet.number'), doc.number],
		[f.t('sheet.date'), f.date(doc.at)],
		[f.t('sheet.customer'), party.name]
	];
	if (party.contact) fields.push([f.t('sheet.contact'), party.contact]);
	if (party.phone) fields.push([f.t('sheet.phone'), party.phone]);
	if (kind === 'quote') fields.push([f.t('sheet.validUntil'), f.date(doc.due ?? doc.at)]);
	if (kind === 'delivery') {
		const d = view as DeliveryView;
		if (d.order) fields.push([f.t('sheet.order'), d.order.number]);
		if (d.carrier) fields.push([f.t('sales.carrier'), d.carrier]);
		if (d.tracking) fields.push([f.t('sales.tracking'), d.tracking]);
		if (doc.due !== undefined) fields.push([f.t('sheet.due'), f.date(doc.due)]);
	} else if (kind === 'order') {
		const o = view as OrderView;
		if (o.quote) fields.push([f.t('sheet.quote'), o.quote.number]);
	}
	// Where the goods go: on an order and a delivery note, not on a quotation.
	if (party.address && kind !== 'quote') fields.push([f.t('sheet.address'), party.address]);
	const note = kind === 'delivery' ? '' : (view as OrderView).note;
	return {
		colon,
		company: input.company,
		title: f.t(TITLE[kind]),
		fields,
		table: goodsTable(
			{
				no: f.t('order.lineNo'),
				product: f.t('common.product'),
				qty: f.t('sales.qty'),
				price: f.t('sales.unitPrice'),
				vat: f.t('order.vat'),
				amount: f.t('common.amount')
			},
			view.lines.map((l) => ({
				product: l.name,
				detail: lineDetail(l, kind, f),
				qty: f.qty(l.q, l.unit),
				price: f.money(l.unitPrice),
				vat: `${l.vat / 100}%`,
				amount: f.money(l.amount)
			}))
		),
		totals: [
			[f.t('order.taxIncluded'), f.money(doc.tax)],
			[f.t('sheet.total'), f.money(doc.total)]
		],
		words: [f.t('sheet.words'), rmbWords(doc.total)],
		...(note ? { note: [f.t('sales.note'), note] as const } : {}),
		footer: [`${f.t('sheet.by')}${colon}${input.user}`, `${f.t(SIGN[kind])}${colon}____________`]
	};
}

/** The company's name as its settings give it ('' until it is set). */
export function companyName(ledger: Ledger): string {
	const name = ledger.values('settings', 'company').companyName;
	return typeof name === 'string' ? name : '';
}

/** The sheet of `view` with the company, the customer's record and the maker's name from the ledger. */
export function customerSheet(
	ledger: Ledger,
	names: MasterNames,
	kind: SheetKind,
	view: OrderView | DeliveryView,
	f: SheetFormat
): DocImageData {
	const doc = view.doc;
	return salesSheet(
		{
			kind,
			view,
			party: sheetParty(ledger, doc.party ?? '', view.customerName),
			company: companyName(ledger),
			user: names.users.get(doc.user) ?? doc.user
		},
		f
	);
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
