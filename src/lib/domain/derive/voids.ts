/**
 * Voiding (作废), rules V1–V5 in docs/SPEC.md. Which voids take effect is decided from the events alone
 * (void-plan.ts); a voided document is skipped at its own place, so it moves nothing, and shows with
 * status `voided`. Nothing in the journal is edited: the original event stays, and the void is its own
 * event. Returns and stocktakes are not voidable: a clerk posts the opposite document instead.
 */
import type { AnyEvent, JEvent } from '../event';
import { type DocLine, type DocState, type LedgerState, withEntry } from './state';
import { newDoc } from './trade';
import type { VoidVerdict } from './void-plan';

/** The void event at its own place: recorded in the document's history, or listed as refused. */
export function documentVoided(st: LedgerState, e: JEvent<'document.voided'>, verdict: VoidVerdict): void {
	if (!verdict.ok) return st.reject(e, verdict.code, verdict.reason);
	const d = st.doc(e.payload.ref);
	if (d) st.reviseDoc(d, (v) => (v.history = withEntry(v.history, e)));
}

interface LooseLine {
	p?: string;
	q?: number;
	amount?: number;
	value?: number;
	vat?: number;
}

/** What a voided document shows: its own content, status `voided`, nothing moved. */
export function voidedDocument(e: AnyEvent): DocState {
	const p = e.payload as {
		lines?: readonly LooseLine[];
		customer?: string;
		supplier?: string;
		id?: string;
		wh?: string;
		from?: string;
		to?: string;
		amount?: number;
	};
	const lines: DocLine[] = (p.lines ?? []).map((l) => ({
		p: l.p ?? '',
		q: l.q ?? 0,
		amount: l.amount ?? l.value ?? 0,
		vat: l.vat ?? 0,
		done: 0,
		cost: 0
	}));
	const fields: { -readonly [K in keyof DocState]?: DocState[K] } & { lines: DocLine[] } = { lines };
	const party = p.customer ?? p.supplier ?? (e.type === 'opening.balance' ? p.id : undefined);
	if (party !== undefined) fields.party = party;
	const wh = p.wh ?? p.from;
	if (wh !== undefined) fields.wh = wh;
	if (p.to !== undefined) fields.to = p.to;
	const doc = newDoc(e, 'voided', fields);
	return lines.length === 0 && p.amount !== undefined ? { ...doc, total: p.amount } : doc;
}
