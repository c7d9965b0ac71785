/**
 * A purchase order as CSV (for Excel: UTF-8 with a BOM, CRLF) and as a plain-text summary (for sharing).
 * Amounts and quantities are formatted from integers, never through a float.
 */
import { isoFromDay } from '../../domain/dates';
import { formatDecimal, formatQty, type MilliQty } from '../../domain/money';
import type { OrderView } from '../../projections/purchasing';
import type { MasterNames } from '../../projections/names';

export interface ExportLabels {
	readonly number: string;
	readonly supplier: string;
	readonly warehouse: string;
	readonly date: string;
	readonly expected: string;
	readonly product: string;
	readonly code: string;
	readonly unit: string;
	readonly qty: string;
	readonly received: string;
	readonly amount: string;
	readonly vat: string;
	readonly total: string;
}

function cell(v: string): string {
	return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const qty = (n: number) => formatQty(n as MilliQty);

export function orderCsv(view: OrderView, names: MasterNames, l: ExportLabels): string {
	const o = view.order;
	const rows: string[][] = [
		[l.number, o.number],
		[l.supplier, names.suppliers.get(o.party ?? '') ?? o.party ?? ''],
		[l.warehouse, names.warehouses.get(o.wh ?? '')?.name ?? o.wh ?? ''],
		[l.date, isoFromDay(o.at)],
		[l.expected, view.expected !== undefined ? isoFromDay(view.expected) : ''],
		[],
		[l.code, l.product, l.unit, l.qty, l.received, l.vat, l.amount]
	];
	for (const line of o.lines) {
		const p = names.products.get(line.p);
		rows.push([
			p?.code ?? line.p,
			p?.name ?? line.p,
			p?.unit ?? '',
			qty(line.q),
			qty(line.done),
			`${line.vat / 100}%`,
			formatDecimal(line.amount, 2)
		]);
	}
	rows.push([l.total, '', '', '', '', '', formatDecimal(o.total, 2)]);
	return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function orderSummary(view: OrderView, names: MasterNames, l: ExportLabels): string {
	const o = view.order;
	const lines = o.lines.map((line) => {
		const p = names.products.get(line.p);
		return `${p?.name ?? line.p} × ${qty(line.q)} ${p?.unit ?? ''} = ¥${formatDecimal(line.amount, 2)}`;
	});
	return [
		`${l.number} ${o.number}`,
		`${l.supplier}: ${names.suppliers.get(o.party ?? '') ?? ''}`,
		...(view.expected !== undefined ? [`${l.expected}: ${isoFromDay(view.expected)}`] : []),
		...lines,
		`${l.total}: ¥${formatDecimal(o.total, 2)}`
	].join('\n');
}
