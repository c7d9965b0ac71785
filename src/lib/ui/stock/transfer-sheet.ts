/**
 * The transfer slip (调拨单) that travels with the goods: from which warehouse to which, each line with
 * its spec and batch, what was shipped, and a column for what the receiving branch counts (filled in
 * once received). Printed from the transfer's page through the same sheet as the sales documents.
 */
import type { TransferView } from '../../projections/transfers';
import type { DocImageData } from '../doc-image';
import type { SheetFormat } from '../sheet';

export function transferSheet(
	view: TransferView,
	input: { readonly company: string; readonly user: string },
	f: SheetFormat
): DocImageData {
	const colon = f.t('order.colon');
	const closed = view.status !== 'in-transit';
	return {
		colon,
		company: input.company,
		title: f.t('sheet.transferTitle'),
		fields: [
			[f.t('sheet.number'), view.number],
			[f.t('sheet.date'), f.date(view.at)],
			[f.t('sheet.fromWarehouse'), view.fromName],
			[f.t('sheet.toWarehouse'), view.toName],
			[f.t('sheet.status'), f.t(`status.${view.status}`)],
			[f.t('sheet.lineCount'), String(view.lineViews.length)]
		],
		table: {
			no: f.t('order.lineNo'),
			columns: [
				{ header: f.t('transfer.product'), width: 440, align: 'left' },
				{ header: f.t('transfer.batch'), width: 200, align: 'left' },
				{ header: f.t('transfer.shippedQty'), width: 188, align: 'right' },
				{ header: f.t('transfer.receivedQty'), width: 188, align: 'right' }
			],
			rows: view.lineViews.map((l) => {
				const shipped = f.qty(l.shipped, l.unit);
				// Until something of a line arrives, its column is left for the receiving clerk's pen.
				const got = closed || l.received > 0 ? f.qty(l.received, l.unit) : '';
				return {
					cells: [l.name, l.batch, shipped, got],
					detail: l.detail,
					text: [
						l.batch,
						`${f.t('transfer.shippedQty')} ${shipped}`,
						got && `${f.t('transfer.receivedQty')} ${got}`
					]
						.filter(Boolean)
						.join('  ')
				};
			})
		},
		totals: [],
		footer: [
			`${f.t('sheet.shipper')}${colon}${input.user}`,
			`${f.t('sheet.receiverSign')}${colon}____________`
		]
	};
}
