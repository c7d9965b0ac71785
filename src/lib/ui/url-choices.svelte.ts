/**
 * A report's choices (dates, grouping, warehouse, branch…) kept in the page's address, so that going
 * back from a document the report opened, reloading the tab or opening a bookmark finds the report as
 * it was left. A choice equal to its default is left out of the address, so a bare link always opens
 * the default (this month, for the summaries, counted from the business day it is opened on). A value
 * in the address that `valid` refuses (a hand-edited link, a grouping that no longer exists) gives way
 * to the default.
 *
 * Call it while a page component initialises: it returns reactive state and keeps the address in step
 * with it (a navigation that replaces the history entry: no new entry per change), and takes the
 * choices a navigation to the same page brings.
 */
import { afterNavigate, goto } from '$app/navigation';
import { page } from '$app/state';
import { untrack } from 'svelte';

export function urlChoices<T extends Record<string, string>>(
	defaults: T,
	valid: { readonly [K in keyof T]?: (value: string) => boolean } = {}
): T {
	const fromAddress = (url: URL): T => {
		const out = { ...defaults };
		for (const key of Object.keys(defaults) as (keyof T & string)[]) {
			const v = url.searchParams.get(key);
			if (v !== null && (valid[key]?.(v) ?? true)) out[key] = v as T[typeof key];
		}
		return out;
	};
	const choices = $state(fromAddress(page.url));
	// A link to the same page (the report's own entry in the menu) or a step back in history keeps the
	// component: read the address it brought. Our own steps (`goto`, below) bring what is chosen already,
	// or, while the clerk types, less than that.
	afterNavigate(({ to, type }) => {
		if (to && type !== 'goto') Object.assign(choices, fromAddress(to.url));
	});
	$effect(() => {
		const chosen = Object.keys(defaults)
			.filter((key) => choices[key] !== defaults[key])
			.map((key) => [key, choices[key]!]);
		// Only a change of the choices leads here: were the address a dependency too, a navigation to the
		// page with other choices would be undone before `afterNavigate` could read them.
		const url = untrack(() => page.url);
		// Parameters of no choice (another page's) stay as they were.
		const kept = [...url.searchParams].filter(([key]) => !(key in defaults));
		const query = [...kept, ...chosen]
			.map(([key, value]) => `${encodeURIComponent(key!)}=${encodeURIComponent(value!)}`)
			.join('&');
		const search = query ? `?${query}` : '';
		if (search === url.search) return;
		// A navigation in place, not shallow routing: SvelteKit's `replaceState` leaves `page.url` as it
		// was, and going back to the entry then brings the address without the choices.
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- this page's own address, resolved when it was reached; only its query changes
		void goto(`${url.pathname}${search}${url.hash}`, {
			replaceState: true,
			keepFocus: true,
			noScroll: true
		});
	});
	return choices;
}
