/** Where a purchase document is shown. */
import { resolve } from '$app/paths';
import type { DocState } from '../../domain/ledger';

export function purchaseDocHref(d: Pick<DocState, 'id' | 'type' | 'ref'>): string | null {
	if (d.type === 'purchase.order.placed') return resolve('/purchases/orders/[id]', { id: d.id });
	if (d.type === 'purchase.receipt.posted') return resolve('/purchases/receipts/[id]', { id: d.id });
	if (d.type === 'purchase.return.posted' && d.ref) return resolve('/purchases/receipts/[id]', { id: d.ref });
	return null;
}

export const supplierHref = (id: string): string => resolve('/purchases/suppliers/[id]', { id });

export const STATUS_TONE: Readonly<Record<string, string>> = {
	pending: 'warn',
	draft: 'warn',
	voided: 'danger',
	approved: 'accent',
	partial: 'accent',
	complete: 'ok',
	posted: 'ok'
};
