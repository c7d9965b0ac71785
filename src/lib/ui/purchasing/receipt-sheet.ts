/**
 * The goods received note (采购入库单) the warehouse keeps and the supplier's driver signs: what came
 * in against which order, each line with its spec, batch and expiry, the quantity accepted, what was
 * refused at inspection and why, the price and amount; the total in figures and capitals (M7).
 */
import { unitPrice } from '../../domain/purchasing/orders';
import { rmbWords } from '../../domain/rmb-words';
import type { ReceiptView } from '../../projections/purchasing';
import { productDetail, type MasterNames } from '../../projections/names';
import type { DocImageData } from '../doc-image';
import type { SheetFormat } from '../sheet';

export function receiptNoteSheet(
	view: ReceiptView,
	input: { readonly names: MasterNames; readonly company: string },
	f: SheetFormat
): DocImageData {
	const { names } = input;
	const r = view.receipt;
	const colon = f.t('order.colon');
	const fields: [string, string][] = [
		[f.t('sheet.number'), r.number],
		[f.t('sheet.date'), f.date(r.at)],
		[f.t('sheet.supplier'), names.suppliers.get(r.party ?? '') ?? r.party ?? ''],
		[f.t('sheet.warehouse'), names.warehouses.get(r.wh ?? '')?.name ?? r.wh ?? '']
	];
	if (view.order) fields.push([f.t('sheet.order'), view.order.number]);
	if (r.due !== undefined) fields.push([f.t('sheet.due'), f.date(r.due)]);
	return {
		colon,
		company: input.company,
		title: f.t('sheet.receivingTitle'),
		fields,
		table: {
			no: f.t('order.lineNo'),
			columns: [
				{ header: f.t('plan.product'), width: 400, align: 'left' },
				{ header: f.t('receive.accepted'), width: 150, align: 'right' },
				{ header: f.t('receive.rejected'), width: 130, align: 'right' },
				{ header: f.t('order.price'), width: 156, align: 'right' },
				{ header: f.t('order.amount'), width: 180, align: 'right' }
			],
			rows: r.lines.map((l, i) => {
				const unit = names.products.get(l.p)?.unit;
				const detail = [productDetail(names, l.p)];
				if (l.batch) detail.push(`${f.t('sheet.batch')} ${l.batch}`);
				if (l.expiry !== undefined) detail.push(`${f.t('sheet.expiry')} ${f.date(l.expiry)}`);
				if (l.rejected) detail.push(`${f.t('receive.reason')}${colon}${view.reasons[i] ?? ''}`);
				const q = f.qty(l.q, unit);
				const price = f.money(unitPrice(l));
				const amount = f.money(l.amount);
				return {
					cells: [
						names.products.get(l.p)?.name ?? l.p,
						q,
						l.rejected ? f.qty(l.rejected, unit) : '',
						price,
						amount
					],
					detail: detail.filter(Boolean).join('  '),
					text: `${q} × ${price} = ${amount}`
				};
			})
		},
		totals: [
			[f.t('order.taxIncluded'), f.money(r.tax)],
			[f.t('sheet.total'), f.money(r.total)]
		],
		words: [f.t('sheet.words'), rmbWords(r.total)],
		footer: [
			`${f.t('sheet.keeper')}${colon}${names.users.get(r.user) ?? r.user}`,
			`${f.t('sheet.driverSign')}${colon}____________`
		]
	};
}
