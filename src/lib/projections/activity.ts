/**
 * Events as a clerk reads them: what happened, which document, with whom, for how much, who did it on
 * which device and when. Used by the dashboard's recent activity and the conflict center.
 */
import type { EventType } from '../domain/catalogue';
import type { AnyEvent } from '../domain/event';
import type { DocState, Ledger } from '../domain/ledger';
import { partyName, productName, warehouseName, type MasterNames } from './names';

export interface EventLine {
	readonly id: string;
	readonly type: EventType;
	/** The document number, if the event made or touched a document. */
	readonly number: string | null;
	/** Who the document is with, or what master record it concerns. */
	readonly subject: string | null;
	readonly amount: number | null;
	readonly user: string;
	readonly device: string;
	/** When it was recorded (ms). */
	readonly wall: number;
	/** Business date. */
	readonly at: number;
}

function docSubject(doc: DocState, names: MasterNames): string | null {
	const purchase = doc.type.startsWith('purchase.') || doc.type === 'payment.made';
	if (doc.party) return partyName(names, purchase ? 'supplier' : 'customer', doc.party);
	if (doc.wh && doc.to) return `${warehouseName(names, doc.wh)} → ${warehouseName(names, doc.to)}`;
	if (doc.wh) return warehouseName(names, doc.wh);
	return null;
}

export function describeEvent(ledger: Ledger, names: MasterNames, e: AnyEvent): EventLine {
	const base = {
		id: e.id,
		type: e.type,
		user: names.users.get(e.user) ?? e.user,
		device: e.hlc.device,
		wall: e.hlc.wall,
		at: e.at
	};
	const payload = e.payload as { id?: string; ref?: string; fields?: { name?: string } };
	if (e.type.startsWith('product.'))
		return {
			...base,
			number: null,
			subject: payload.fields?.name ?? productName(names, payload.id ?? ''),
			amount: null
		};
	if (payload.id !== undefined && payload.fields)
		return { ...base, number: null, subject: payload.fields.name ?? payload.id, amount: null };
	const doc = ledger.document(payload.ref ?? e.id);
	if (doc)
		return {
			...base,
			number: doc.number,
			subject: docSubject(doc, names),
			amount: payload.ref === undefined ? doc.total : null
		};
	return { ...base, number: null, subject: null, amount: null };
}

/** The latest `limit` events in business order (newest first), skipping role bookkeeping. */
export function recentActivity(ledger: Ledger, names: MasterNames, limit = 10): EventLine[] {
	const out: EventLine[] = [];
	const events = ledger.events;
	for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
		const e = events[i]!;
		if (e.type === 'user.roles.set') continue;
		out.push(describeEvent(ledger, names, e));
	}
	return out;
}
