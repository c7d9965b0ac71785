/**
 * Which voids take effect (rules V1–V5 in docs/SPEC.md).
 *
 * A voided document (作废) does not exist for derivation: it is skipped at its own place in the order,
 * so voiding cancels it exactly, whatever happened after it (later costs are re-derived, which the
 * ledger does by rewinding to the document's place). Because the effect reaches back, whether a void
 * takes effect must not depend on derived state; it is decided from the events alone:
 *   - the author held owner or manager when the void sorts (roles as recorded by the relay);
 *   - the document exists and is of a voidable type;
 *   - no period closing has settled the document (voiding settled history needs a reversal instead);
 *   - no document still in force builds on it (a receipt on the order, a return on the receipt, …).
 * The last rule is a fixpoint: voiding a return first makes its receipt voidable.
 */
import type { EventType } from '../catalogue';
import type { AnyEvent } from '../event';
import { mayRecord } from './permissions';
import type { RoleTimeline } from './roles';

export type VoidVerdict = { ok: true } | { ok: false; code: string; reason: string };

export interface VoidPlan {
	/** Documents (creating event ids) that derivation skips. */
	readonly voided: ReadonlySet<string>;
	/** The verdict on each void event. */
	readonly verdicts: ReadonlyMap<string, VoidVerdict>;
}

export const EMPTY_PLAN: VoidPlan = { voided: new Set(), verdicts: new Map() };

export const VOIDABLE: ReadonlySet<EventType> = new Set<EventType>([
	'purchase.order.placed',
	'sales.order.placed',
	'purchase.receipt.posted',
	'sales.delivery.posted',
	'sales.counter.posted',
	'stock.transfer.shipped',
	'stock.adjusted',
	'opening.stock',
	'opening.balance',
	'payment.received',
	'payment.made',
	'cash.transferred',
	'expense.paid',
	'income.received',
	'till.counted',
	// [V6] A wrong invoice (number, kind, amounts) is voided and issued again; its deliveries are
	// uninvoiced again. A delivery with an invoice in force is not voidable until the invoice is. The same
	// for a supplier's invoice and its receipts.
	'sales.invoice.recorded',
	'purchase.invoice.recorded'
]);

/** What `blockingRefs` returns for an event that builds on nothing (compare by identity). */
export const NO_REFS: readonly string[] = [];

/** The documents an event builds on, where voiding one of them must wait for this one (V4). */
export function blockingRefs(e: AnyEvent): readonly string[] {
	switch (e.type) {
		case 'purchase.receipt.posted':
		case 'sales.delivery.posted':
			return e.payload.order ? [e.payload.order] : NO_REFS;
		case 'purchase.return.posted':
			return e.payload.receipt ? [e.payload.receipt] : NO_REFS;
		case 'sales.return.posted':
			return e.payload.delivery ? [e.payload.delivery] : NO_REFS;
		case 'stock.transfer.received':
			return [e.payload.ref];
		case 'sales.invoice.recorded':
			// An invoice names every delivery it bills.
			return [...new Set(e.payload.deliveries.map((d) => d.ref))];
		case 'purchase.invoice.recorded':
			return [...new Set(e.payload.receipts.map((d) => d.ref))];
		default:
			return NO_REFS;
	}
}

export interface PlanInput {
	/** Who held which role when (by HLC). */
	readonly roles: RoleTimeline;
	/** Role grants, closings and voids, in derivation order. */
	readonly control: readonly AnyEvent[];
	readonly event: (id: string) => AnyEvent | undefined;
	/** Events that build on a document (see blockingRefs). */
	readonly referencers: (docId: string) => readonly string[];
	/**
	 * True when a closing settled `doc` (it is dated in the closed period and the closer had seen it)
	 * without having seen `voidEvent`: the books were closed with the document in them.
	 */
	readonly settled: (doc: AnyEvent, voidEvent: AnyEvent) => boolean;
	/** True when the event itself is quarantined by a closed period. */
	readonly quarantined: (e: AnyEvent) => boolean;
}

export function planVoids(input: PlanInput): VoidPlan {
	const verdicts = new Map<string, VoidVerdict>();
	const candidates: { void: AnyEvent; doc: string }[] = [];
	const claimed = new Set<string>();
	for (const e of input.control) {
		if (e.type !== 'document.voided') continue;
		const ref = e.payload.ref;
		const doc = input.event(ref);
		// [U1][U2] The author's roles when recording, scoped to the void's branch and the document's.
		const role = input.roles.roleAt(e.user, e.hlc);
		const allowed = [e.branch, doc?.branch ?? ''].map((b) =>
			input.roles.enforced ? mayRecord(e.type, e.user, b, role) : { ok: true as const }
		);
		const refused = allowed.find((a) => !a.ok);
		let verdict: VoidVerdict = { ok: true };
		if (refused && !refused.ok) verdict = { ok: false, code: 'not-permitted', reason: refused.reason };
		else if (input.quarantined(e))
			verdict = { ok: false, code: 'quarantined', reason: 'dated in a closed period' };
		else if (!doc) verdict = { ok: false, code: 'unknown-document', reason: `no such document ${ref}` };
		else if (!VOIDABLE.has(doc.type))
			verdict = {
				ok: false,
				code: 'not-voidable',
				reason: `${doc.type} cannot be voided: post the opposite document`
			};
		else if (input.settled(doc, e))
			verdict = {
				ok: false,
				code: 'closed-period',
				reason: 'the document is in a closed period: post a reversal instead'
			};
		else if (claimed.has(ref)) verdict = { ok: false, code: 'invalid-transition', reason: 'already voided' };
		verdicts.set(e.id, verdict);
		if (verdict.ok) {
			claimed.add(ref);
			candidates.push({ void: e, doc: ref });
		}
	}
	// V4 fixpoint: a void stands only while nothing in force builds on its document.
	const voided = new Set(candidates.map((c) => c.doc));
	for (let changed = true; changed;) {
		changed = false;
		for (const c of candidates) {
			if (!voided.has(c.doc)) continue;
			const doc = input.event(c.doc)!;
			// The smallest id, not the first to arrive: every device must name the same document.
			const live = input
				.referencers(c.doc)
				.filter((id) => !voided.has(id) && buildsOn(input.event(id)!, doc, input.roles))
				.sort()[0];
			if (live !== undefined) {
				voided.delete(c.doc);
				verdicts.set(c.void.id, {
					ok: false,
					code: 'invalid-transition',
					reason: `${input.event(live)?.type ?? 'a document'} ${live} builds on it: void that first`
				});
				changed = true;
			}
		}
	}
	return { voided, verdicts };
}

/**
 * Whether an event that names a document really builds on it, as far as the events alone tell: the
 * same party, lines that exist (and are the same products), an author allowed to record it. One that
 * derivation will refuse for these reasons does not keep the document from being voided.
 */
function buildsOn(e: AnyEvent, doc: AnyEvent, roles: RoleTimeline): boolean {
	if (roles.enforced && !mayRecord(e.type, e.user, e.branch, roles.roleAt(e.user, e.hlc)).ok) return false;
	const docLines = (doc.payload as { lines?: readonly { p?: string }[] }).lines ?? [];
	const lines = (e.payload as { lines?: readonly { p?: string; line?: number }[] }).lines ?? [];
	for (const l of lines) {
		if (l.line === undefined) continue;
		const dl = docLines[l.line];
		if (!dl || (l.p !== undefined && dl.p !== l.p)) return false;
	}
	const party = (x: AnyEvent) => {
		const p = x.payload as { supplier?: string; customer?: string };
		return p.supplier ?? p.customer;
	};
	if (
		(e.type === 'purchase.receipt.posted' ||
			e.type === 'sales.delivery.posted' ||
			e.type === 'sales.invoice.recorded' ||
			e.type === 'purchase.invoice.recorded') &&
		party(e) !== party(doc)
	)
		return false;
	return true;
}

export function samePlan(a: VoidPlan, b: VoidPlan): boolean {
	if (a.voided.size !== b.voided.size || a.verdicts.size !== b.verdicts.size) return false;
	for (const id of a.voided) if (!b.voided.has(id)) return false;
	for (const [id, v] of a.verdicts) {
		const w = b.verdicts.get(id);
		if (!w || w.ok !== v.ok || (!w.ok && !v.ok && (w.code !== v.code || w.reason !== v.reason))) return false;
	}
	return true;
}
