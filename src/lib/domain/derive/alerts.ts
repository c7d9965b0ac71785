/**
 * Alerts for the conflict center (DESIGN §5; rules A1–A8 in docs/SPEC.md). Each names the events that
 * caused it, so a clerk can see who did what on which device. Alerts about the present (stock short,
 * below safety stock, credit limit, duplicate barcode) are computed from the current state when asked;
 * alerts about one moment (concurrent edit, over-receipt, short transfer) were recorded when it happened.
 * The list is sorted by id, so every device shows the same list.
 */
import { activeSafety } from './master';
import type { LedgerState } from './state';

export type AlertKind =
	| 'oversell'
	| 'below-safety'
	| 'above-max'
	| 'credit-limit'
	| 'duplicate-barcode'
	| 'concurrent-edit'
	| 'over-receipt'
	| 'over-delivery'
	| 'transfer-short'
	| 'clock-drift'
	| 'rejected'
	| 'quarantined';

export interface Alert {
	readonly id: string;
	readonly kind: AlertKind;
	readonly events: readonly string[];
	readonly facts: Readonly<Record<string, string | number>>;
}

/** Notices rather than contradictions: stock outside its safety levels (most alerts of a large shop). */
export const NOTICE_KINDS: ReadonlySet<AlertKind> = new Set(['below-safety', 'above-max']);

export function deriveAlerts(st: LedgerState): Alert[] {
	return [...contradictions(st), ...stockNotices(st)].sort((a, b) =>
		a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

/** [A2] Safety stock per product and warehouse: the alerts of `NOTICE_KINDS`, unsorted. */
export function stockNotices(st: LedgerState): Alert[] {
	const out: Alert[] = [];
	for (const r of st.records.map.values()) {
		if (r.kind !== 'product') continue;
		const safety = activeSafety(r);
		if (!safety) continue;
		for (const [wh, level] of Object.entries(safety)) {
			const t = st.totalIfAny(r.id, wh);
			const available = t ? t.onHand - t.reserved : 0;
			if (available < level.min)
				out.push({
					id: `below-safety:${r.id}|${wh}`,
					kind: 'below-safety',
					events: [r.created],
					facts: { product: r.id, warehouse: wh, available, min: level.min, incoming: t?.incoming ?? 0 }
				});
			else if (level.max !== undefined && t && t.onHand > level.max)
				out.push({
					id: `above-max:${r.id}|${wh}`,
					kind: 'above-max',
					events: [r.created],
					facts: { product: r.id, warehouse: wh, onHand: t.onHand, max: level.max }
				});
		}
	}
	return out;
}

/** Every alert but the stock notices, unsorted: what the conflict badge counts. */
export function contradictions(st: LedgerState): Alert[] {
	const out: Alert[] = [];
	// [A1] Oversell: available below zero, with the outbound events since it was last non-negative.
	for (const t of st.allTotals()) {
		const available = t.onHand - t.reserved;
		if (available < 0)
			out.push({
				id: `oversell:${t.p}|${t.wh}`,
				kind: 'oversell',
				events: t.shortBy,
				facts: { product: t.p, warehouse: t.wh, onHand: t.onHand, reserved: t.reserved, available }
			});
	}
	// [A3] Credit limit: a customer owes more than allowed; the open items are the facts.
	for (const p of st.parties.map.values()) {
		if (p.kind !== 'customer' || p.balance <= 0) continue;
		const limit = st.records.map.get('customer:' + p.id)?.fields['creditLimit']?.value;
		if (typeof limit === 'number' && limit > 0 && p.balance > limit)
			out.push({
				id: `credit-limit:${p.id}`,
				kind: 'credit-limit',
				events: st.items('customer', p.id).slice(-20),
				facts: { customer: p.id, balance: p.balance, limit }
			});
	}
	// [A4] The same barcode on two products.
	const byCode = new Map<string, string[]>();
	for (const r of st.records.map.values()) {
		if (r.kind !== 'product') continue;
		const codes = r.fields['barcodes']?.value;
		if (!Array.isArray(codes)) continue;
		for (const c of new Set(codes as string[])) byCode.set(c, [...(byCode.get(c) ?? []), r.id]);
	}
	for (const [code, products] of byCode)
		if (products.length > 1) {
			const sorted = products.sort();
			out.push({
				id: `duplicate-barcode:${code}`,
				kind: 'duplicate-barcode',
				events: sorted.map((id) => st.records.map.get('product:' + id)!.fields['barcodes']!.event),
				facts: { barcode: code, products: sorted.join(', ') }
			});
		}
	// [A5] Recorded alerts: concurrent edits, over-receipts and -deliveries, short transfers.
	for (const a of st.alerts.map.values()) out.push(a);
	// [A6] Events derivation refused, and [A7] events quarantined by a closed period.
	for (const r of st.rejected.map.values())
		out.push({
			id: `rejected:${r.event}`,
			kind: 'rejected',
			events: [r.event],
			facts: { type: r.type, code: r.code, reason: r.reason, user: r.user, device: r.device }
		});
	for (const q of st.quarantined.map.values())
		out.push({
			id: `quarantined:${q.event}`,
			kind: 'quarantined',
			events: [q.event],
			facts: { type: q.type, at: q.at, closedThrough: q.through, user: q.user, device: q.device }
		});
	return out;
}
