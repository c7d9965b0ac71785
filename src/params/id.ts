import type { ParamMatcher } from '@sveltejs/kit';

/** A record id as the journal allows them (letters, digits, `_ - . ~`). */
export const match = ((param: string): boolean =>
	/^[A-Za-z0-9_.~-]{1,64}$/.test(param)) satisfies ParamMatcher;
