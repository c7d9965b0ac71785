import { resolve } from '$app/paths';

/** Links from the master-data pages to the trade pages of a supplier (purchasing) and a customer (sales). */
export function supplierTradeHref(id: string): string {
	return resolve('/purchases/suppliers/[id]', { id });
}

export function customerTradeHref(id: string): string {
	return resolve('/sales/customers/[id=salesid]', { id });
}
