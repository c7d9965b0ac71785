/**
 * A stocktake being counted, kept on the device (localStorage) as the clerk types: a reload, a closed
 * tab or a flat battery loses no count, and the count resumes with the `countedAt` it began with (I8).
 */
import type { StocktakeSheet } from '../../commands/stock';

export interface CountDraft {
	readonly sheet: StocktakeSheet;
	readonly counts: readonly string[];
}

const keyOf = (scope: string) => `jxc:count-draft:${scope}`;

const isText = (v: unknown): v is string => typeof v === 'string';

/** The draft kept for `scope` (company and user), or null when there is none or it is not one. */
export function loadCountDraft(scope: string): CountDraft | null {
	try {
		const d = JSON.parse(localStorage.getItem(keyOf(scope)) ?? 'null') as {
			sheet?: { wh?: unknown; countedAt?: unknown; category?: unknown; lines?: unknown };
			counts?: unknown;
		} | null;
		const sheet = d?.sheet;
		if (!sheet || !isText(sheet.wh) || !isText(sheet.countedAt) || !Array.isArray(sheet.lines)) return null;
		if (sheet.category !== undefined && !isText(sheet.category)) return null;
		const lines = sheet.lines as { p?: unknown; batch?: unknown; book?: unknown }[];
		if (!lines.every((l) => isText(l.p) && isText(l.batch) && Number.isSafeInteger(l.book))) return null;
		const counts = d.counts;
		if (!Array.isArray(counts) || counts.length !== lines.length || !counts.every(isText)) return null;
		return d as CountDraft;
	} catch {
		return null;
	}
}

/** Keeps `draft` for `scope`, or forgets it (null). A full or disabled storage keeps nothing. */
export function saveCountDraft(scope: string, draft: CountDraft | null): void {
	try {
		if (draft === null) localStorage.removeItem(keyOf(scope));
		else localStorage.setItem(keyOf(scope), JSON.stringify(draft));
	} catch {
		// Nothing kept: the count goes on in the page.
	}
}
