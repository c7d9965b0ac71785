/**
 * Master data as records folded from events (DESIGN §1, §5; rules D5–D7 in docs/SPEC.md).
 *
 * Each field is last-writer-wins by HLC, independently of the others, and keeps its history (the
 * overwritten versions, with who and when). Two edits of one field are *concurrent* when neither editor
 * had seen the other's version: each `updated` event names the record version its editor saw (`base`);
 * an edit with HLC h2 and base b2 conflicts with an earlier-applied version (h1, b1) of the same field
 * iff h1 > b2 and h2 > b1. That test is symmetric, so whichever of the two sorts second reports it, and
 * the report is the same on every device.
 */
import type { MasterKind } from '../catalogue';
import type { AnyEvent } from '../event';
import { formatHlc } from '../hlc';
import type { FieldVersion, LedgerState, RecordState } from './state';

export function recordKey(kind: string, id: string): string {
	return kind + ':' + id;
}

export function applyMaster(
	st: LedgerState,
	e: AnyEvent & {
		payload: { fields: Record<string, unknown>; id?: string; base?: string; clear?: readonly string[] };
	},
	kind: MasterKind | 'settings',
	created: boolean
): void {
	const id = kind === 'settings' ? 'company' : e.payload.id!;
	const key = recordKey(kind, id);
	const hlc = formatHlc(e.hlc);
	const prev = st.records.map.get(key);
	if (created && prev && prev.created !== e.id) {
		st.reject(e, 'duplicate-id', `${kind} ${id} already exists`);
		return;
	}
	if (!created && !prev && kind !== 'settings') {
		st.reject(e, 'unknown-record', `${kind} ${id} does not exist`);
		return;
	}
	// A created event carries no base: its editor had seen nothing of this record.
	const base = created ? '' : (e.payload.base ?? '');
	const fields: Record<string, FieldVersion> = { ...(prev?.fields ?? {}) };
	let version = prev?.version ?? '';
	// [D5] An emptied field is a version of that field whose value is undefined: it wins or loses by HLC
	// like any other, and the field's history shows it.
	const changes: [string, unknown][] = Object.entries(e.payload.fields).filter(([, v]) => v !== undefined);
	for (const name of e.payload.clear ?? [])
		if (e.payload.fields[name] === undefined) changes.push([name, undefined]);
	for (const [name, value] of changes) {
		const current = fields[name];
		const mine: FieldVersion = { value, hlc, event: e.id, user: e.user, ...(base ? { base } : {}) };
		if (current) {
			// Report every concurrent pair once, from the second of the two in the total order.
			for (let v: FieldVersion | undefined = current; v; v = v.prev) {
				if (v.hlc <= base) break;
				if (hlc > (v.base ?? '')) {
					st.alert({
						id: `concurrent-edit:${[v.event, e.id].sort().join('+')}:${name}`,
						kind: 'concurrent-edit',
						events: [v.event, e.id].sort(),
						facts: { record: key, field: name, winner: hlc > v.hlc ? e.id : v.event }
					});
				}
			}
		}
		// Keep the history ordered by HLC, newest first: the head is the winner.
		fields[name] = insertVersion(current, mine);
	}
	if (hlc > version) version = hlc;
	const next: RecordState = { kind, id, created: prev?.created ?? e.id, fields, version };
	st.store.set(st.records, key, next);
	if (kind === 'settings') {
		const costing = fields['costing']?.value as 'moving-average' | 'fifo' | undefined;
		const vat = fields['vatDeductible']?.value as boolean | undefined;
		st.setMeta({ costing: costing ?? 'moving-average', vatDeductible: vat ?? true });
	}
}

function insertVersion(head: FieldVersion | undefined, v: FieldVersion): FieldVersion {
	if (!head || v.hlc > head.hlc) return head ? { ...v, prev: head } : v;
	return { ...head, prev: insertVersion(head.prev, v) };
}

/** The current values of a record (winners only). */
export function recordValues(r: RecordState | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (!r) return out;
	for (const [k, v] of Object.entries(r.fields)) if (v.value !== undefined) out[k] = v.value;
	return out;
}

/** Safety levels per warehouse of an active product (read from its two fields, not all its values). */
export function activeSafety(r: RecordState): Record<string, { min: number; max?: number }> | undefined {
	const safety = r.fields['safety']?.value as Record<string, { min: number; max?: number }> | undefined;
	return safety && r.fields['active']?.value !== false ? safety : undefined;
}

/** The full history of one field, newest first. */
export function fieldHistory(r: RecordState | undefined, field: string): FieldVersion[] {
	const out: FieldVersion[] = [];
	for (let v = r?.fields[field]; v; v = v.prev) out.push(v);
	return out;
}

/**
 * A field's value as it stood at `hlc` (a formatted HLC): its latest version at or before it, undefined if
 * it had none then (or was cleared). Versions are kept newest first by HLC, whatever order they arrived in.
 */
export function fieldValueAt(r: RecordState | undefined, field: string, hlc: string): unknown {
	for (let v = r?.fields[field]; v; v = v.prev) if (v.hlc <= hlc) return v.value;
	return undefined;
}
