/**
 * The count sheet on paper (盘点表): many shops count with a pen and type the counts in afterwards.
 * Each line with its spec and batch, the book quantity when counting began, and blank columns for
 * the count and its difference; signed by who counted and who checked. It does not follow what is
 * typed on screen, so a long sheet is not rebuilt at every keystroke (the posted count's variance
 * report is the record of the counts).
 */
import type { StocktakeSheet } from '../../commands/stock';
import { productDetail, type MasterNames } from '../../projections/names';
import type { DocImageData } from '../doc-image';
import type { SheetFormat } from '../sheet';

export function countSheetPrint(
	sheet: StocktakeSheet,
	input: { readonly names: MasterNames; readonly company: string; readonly started: string },
	f: SheetFormat
): DocImageData {
	const { names } = input;
	const colon = f.t('order.colon');
	const fields: [string, string][] = [
		[f.t('sheet.warehouse'), names.warehouses.get(sheet.wh)?.name ?? sheet.wh],
		[f.t('sheet.countStarted'), input.started]
	];
	if (sheet.category) fields.push([f.t('sheet.category'), sheet.category]);
	fields.push([f.t('sheet.lineCount'), String(sheet.lines.length)]);
	return {
		colon,
		company: input.company,
		title: f.t('sheet.countTitle'),
		fields,
		table: {
			no: f.t('order.lineNo'),
			columns: [
				{ header: f.t('count.product'), width: 380, align: 'left' },
				{ header: f.t('count.batch'), width: 170, align: 'left' },
				{ header: f.t('count.book'), width: 156, align: 'right' },
				{ header: f.t('count.counted'), width: 155, align: 'right' },
				{ header: f.t('count.diff'), width: 155, align: 'right' }
			],
			rows: sheet.lines.map((l) => {
				const p = names.products.get(l.p);
				const book = f.qty(l.book, p?.unit);
				return {
					cells: [p?.name ?? l.p, l.batch, book, '', ''],
					detail: productDetail(names, l.p),
					text: `${f.t('count.book')} ${book}`
				};
			})
		},
		totals: [],
		footer: [`${f.t('sheet.counter')}${colon}____________`, `${f.t('sheet.checker')}${colon}____________`]
	};
}
