/**
 * Transfers between warehouses (调拨, I1–I3) as the stock pages show them: the list, newest first with
 * those still on their way at the top, and one transfer line by line with what is still in transit.
 */
import type { DocState, Ledger } from '../domain/ledger';
import { type MasterNames, productDetail } from './names';

export interface TransferRow {
	readonly id: string;
	readonly number: string;
	readonly at: number;
	readonly from: string;
	readonly fromName: string;
	readonly to: string;
	readonly toName: string;
	readonly status: DocState['status'];
	readonly lines: number;
	/** Quantities in thousandths of each line's unit, summed over the lines (a rough size). */
	readonly shipped: number;
	readonly received: number;
	/** Closed with goods missing (I3). */
	readonly short: boolean;
}

export interface TransferLineView {
	readonly p: string;
	readonly name: string;
	/** Spec or code: what tells it apart from products of the same name. */
	readonly detail: string;
	readonly unit: string;
	readonly batch: string;
	readonly shipped: number;
	readonly received: number;
	/** Still on its way (0 once the transfer is closed). */
	readonly inTransit: number;
}

export interface TransferView extends TransferRow {
	readonly doc: DocState;
	readonly lineViews: readonly TransferLineView[];
}

const warehouseName = (names: MasterNames, id: string) => names.warehouses.get(id)?.name ?? id;

function rowOf(names: MasterNames, d: DocState): TransferRow {
	let shipped = 0;
	let received = 0;
	for (const l of d.lines) {
		shipped += l.q;
		received += l.done;
	}
	return {
		id: d.id,
		number: d.number,
		at: d.at,
		from: d.wh!,
		fromName: warehouseName(names, d.wh!),
		to: d.to!,
		toName: warehouseName(names, d.to!),
		status: d.status,
		lines: d.lines.length,
		shipped,
		received,
		short: d.status === 'received' && received < shipped
	};
}

/** Every transfer: on its way first, then the rest; newest first within each. */
export function transferRows(ledger: Ledger, names: MasterNames): TransferRow[] {
	const rows: TransferRow[] = [];
	for (const e of ledger.eventsOfType('stock.transfer.shipped')) {
		const d = ledger.document(e.id);
		if (d) rows.push(rowOf(names, d));
	}
	const open = (r: TransferRow) => (r.status === 'in-transit' ? 0 : 1);
	return rows.sort((a, b) => open(a) - open(b) || b.at - a.at || b.number.localeCompare(a.number));
}

/** One transfer, line by line; undefined when `id` is not a transfer. */
export function transferView(ledger: Ledger, names: MasterNames, id: string): TransferView | undefined {
	const d = ledger.document(id);
	if (!d || d.type !== 'stock.transfer.shipped') return undefined;
	const open = d.status === 'in-transit';
	return {
		...rowOf(names, d),
		doc: d,
		lineViews: d.lines.map((l) => {
			const info = names.products.get(l.p);
			return {
				p: l.p,
				name: info?.name ?? l.p,
				detail: productDetail(names, l.p),
				unit: info?.unit ?? '',
				batch: l.batch ?? '',
				shipped: l.q,
				received: l.done,
				inTransit: open ? l.q - l.done : 0
			};
		})
	};
}
