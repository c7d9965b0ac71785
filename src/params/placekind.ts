import type { ParamMatcher } from '@sveltejs/kit';

/** The record kinds listed on the warehouses page. */
export const match = ((param: string): param is 'warehouse' | 'branch' | 'account' =>
	param === 'warehouse' || param === 'branch' || param === 'account') satisfies ParamMatcher;
