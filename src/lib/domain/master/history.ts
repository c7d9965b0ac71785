/**
 * The change history of a master record (rule MD7 in docs/SPEC.md): who changed which field, from what
 * to what, when and on which device, newest first. Derived from the field versions the ledger keeps
 * (D5): each version knows its event, user and HLC (whose device part names the device); "from" is the
 * version just before it in HLC order, so a concurrent edit that lost still shows what it tried.
 */
import type { FieldVersion, RecordState } from '../derive/state';
import { parseHlc } from '../hlc';

export interface FieldChange {
	readonly field: string;
	readonly from: unknown;
	readonly to: unknown;
	/** This value is not the current one: a later edit (possibly concurrent) replaced it. */
	readonly superseded: boolean;
	/** The editor had not seen the version before it (a concurrent edit). */
	readonly concurrent: boolean;
}

export interface HistoryEntry {
	readonly event: string;
	readonly hlc: string;
	/** Wall-clock milliseconds of the HLC. */
	readonly wall: number;
	readonly device: string;
	readonly user: string;
	/** The event that created the record. */
	readonly created: boolean;
	readonly changes: FieldChange[];
}

export function recordHistory(r: RecordState | undefined): HistoryEntry[] {
	if (!r) return [];
	const byEvent = new Map<string, { v: FieldVersion; changes: FieldChange[] }>();
	for (const [field, head] of Object.entries(r.fields)) {
		for (let v: FieldVersion | undefined = head; v; v = v.prev) {
			const before = v.prev;
			const change: FieldChange = {
				field,
				from: before?.value,
				to: v.value,
				superseded: v !== head,
				concurrent: before !== undefined && v.base !== undefined && before.hlc > v.base
			};
			const entry = byEvent.get(v.event);
			if (entry) entry.changes.push(change);
			else byEvent.set(v.event, { v, changes: [change] });
		}
	}
	const out: HistoryEntry[] = [];
	for (const [event, { v, changes }] of byEvent) {
		const h = parseHlc(v.hlc);
		out.push({
			event,
			hlc: v.hlc,
			wall: h?.wall ?? 0,
			device: h?.device ?? '',
			user: v.user,
			created: event === r.created,
			changes: changes.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0))
		});
	}
	return out.sort((a, b) => (a.hlc > b.hlc ? -1 : a.hlc < b.hlc ? 1 : 0));
}
