/**
 * Where a sales document's number leads, on every list that shows one: its own page; a counter sale
 * or a refund at the counter to its receipt (补打小票); any other return to the delivery it belongs to.
 * `fallback` (a party's page, say) is for documents with no page of their own (an invoice).
 */
import type { Ledger } from '../../domain/ledger';
import type { SalesKind } from '../../projections/sales';

/** The page a sales document's number opens (DocLink.svelte); null: none. */
export type DocRoute = 'quote' | 'order' | 'delivery' | 'counter' | 'customer' | null;

export function salesDocRoute(
	ledger: Ledger,
	kind: SalesKind,
	id: string,
	fallback: { route: DocRoute; id: string } = { route: null, id }
): { route: DocRoute; id: string } {
	switch (kind) {
		case 'quote':
		case 'order':
		case 'delivery':
			return { route: kind, id };
		case 'counter':
			return { route: 'counter', id };
		case 'return': {
			const ref = ledger.document(id)?.ref;
			const sale = ref ? ledger.document(ref) : undefined;
			if (sale?.type === 'sales.counter.posted') return { route: 'counter', id };
			return ref ? { route: 'delivery', id: ref } : fallback;
		}
		default:
			return fallback;
	}
}
