import type { ParamMatcher } from '@sveltejs/kit';

/** A document or record id as JXC makes them (HLC strings, master ids): no slashes, at most 64 chars. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9._:~-]{1,64}$/.test(param);
