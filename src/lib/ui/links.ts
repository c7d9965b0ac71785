import { resolve } from '$app/paths';

/**
 * Links to pages another part of the app owns (the supplier page of purchasing, the customer page of
 * sales). Those routes live on other branches until they are merged, so they are not in this branch's
 * typed route list; the path is resolved against the app's base all the same.
 */
export function supplierTradeHref(id: string): string {
	return resolve(`/purchases/suppliers/${encodeURIComponent(id)}` as '/purchases');
}

export function customerTradeHref(id: string): string {
	return resolve(`/sales/customers/${encodeURIComponent(id)}` as '/sales');
}
