/**
 * A new document being typed (a purchase order, a quotation, a sales order) kept on the device as the
 * clerk types (rule U7 in docs/SPEC.md): on a tablet, switching to WeChat to read the customer's list
 * can discard the page, and a reload must not cost thirty typed lines. One localStorage entry per
 * company, user and form; what is read back is checked field by field by the form's own reader, and
 * anything it does not recognise is ignored (the form opens empty, as before).
 */

const keyOf = (scope: string, form: string) => `jxc:draft:${scope}:${form}`;

export function loadDraft<T>(scope: string, form: string, read: (v: unknown) => T | null): T | null {
	try {
		const text = localStorage.getItem(keyOf(scope, form));
		return text === null ? null : read(JSON.parse(text));
	} catch {
		return null;
	}
}

/** Keeps `value` (null forgets it). Full or disabled storage keeps nothing: the form goes on as typed. */
export function saveDraft<T>(scope: string, form: string, value: T | null): void {
	try {
		if (value === null) localStorage.removeItem(keyOf(scope, form));
		else localStorage.setItem(keyOf(scope, form), JSON.stringify(value));
	} catch {
		// Nothing kept.
	}
}

/** The readers' building blocks. */
export const isText = (v: unknown): v is string => typeof v === 'string';
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Each element read by `read`, or null when the value is not an array or any element is unreadable. */
export function readList<T>(v: unknown, read: (x: unknown) => T | null, max = 1000): T[] | null {
	if (!Array.isArray(v) || v.length > max) return null;
	const out: T[] = [];
	for (const x of v) {
		const r = read(x);
		if (r === null) return null;
		out.push(r);
	}
	return out;
}
