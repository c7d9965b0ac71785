/**
 * What a customer receives: a quotation (报价单), a sales order (销售订单) or a delivery note (送货单) as
 * one sheet of formatted strings (`DocImageData`), which the page prints, draws as an image to share
 * and writes as a chat message (`docText`), so all three say the same. Built from the document's view
 * and the customer's record; every figure is formatted from integers by the formatter given (the
 * current language's, `i18n`), and the total is written in capital numerals as well (M7).
 */
import type { Ledger } from '../../domain/ledger';
import { rmbWords } from '../../domain/rmb-words';
import type { MessageKey } from '../../i18n/index.svelte';
import type { MasterNames } from '../../projections/names';
import type { DeliveryView, OrderView, SalesLineView } from '../../projections/sales';
import { goodsTable, type DocImageData } from '../doc-image';
import { companyName, sheetParty, type SheetFormat, type SheetParty } from '../sheet';

export type SheetKind = 'quote' | 'order' | 'delivery';

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
