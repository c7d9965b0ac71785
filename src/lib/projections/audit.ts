/**
 * [U6] The audit trail (操作日志): who recorded what, newest recorded first, for the owner and managers
 * to answer "who voided this sale, and when?". It reads the journal itself (every event, refused ones
 * included: a refusal is part of the story), by the time each event was recorded (its HLC wall time),
 * not by the business date it carries; an event whose business date is more than a day from the day it
 * was recorded is marked as entered late (补录) or ahead (预录).
 */
import type { EventType } from '../domain/catalogue';
import { dayFromWall } from '../domain/dates';
import { compareHlc } from '../domain/hlc';
import type { Ledger } from '../domain/ledger';
import { describeEvent, type EventLine } from './activity';
import type { MasterNames } from './names';

/** Groups of event types an owner filters by. */
export const AUDIT_GROUPS = ['master', 'purchasing', 'sales', 'stock', 'money', 'voids'] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export function groupOf(type: EventType): AuditGroup | null {
	if (type === 'document.voided') return 'voids';
	if (type === 'user.roles.set' || type === 'period.closed' || type === 'settings.updated') return 'master';
	if (type.startsWith('purchase.')) return 'purchasing';
	if (type.startsWith('sales.')) return 'sales';
	if (type.startsWith('stock') || type === 'opening.stock') return 'stock';
	if (
		type.startsWith('payment.') ||
		type.startsWith('cash.') ||
		type.startsWith('expense.') ||
		type.startsWith('income.') ||
		type.startsWith('till.') ||
		type.startsWith('opening.')
	)
		return 'money';
	return 'master';
}

export interface AuditFilter {
	/** A user id, or '' for everyone. */
	readonly user: string;
	readonly group: AuditGroup | '';
	/** Recorded from day `from` to day `to` (both included, in the company's time zone). */
	readonly from: number;
	readonly to: number;
}

export interface AuditLine extends EventLine {
	/** The day it was recorded on. */
	readonly recorded: number;
	/** Business date more than a day before (late) or after (ahead) the day it was recorded. */
	readonly dated: 'late' | 'ahead' | null;
	/** Derivation refused it (roles, a closed period, an invalid transition): listed, not counted. */
	readonly refused: boolean;
}

export interface AuditLog {
	readonly lines: readonly AuditLine[];
	/** How many events matched (the lines are the newest `limit` of them). */
	readonly matched: number;
}

export function auditLog(ledger: Ledger, names: MasterNames, filter: AuditFilter, limit = 300): AuditLog {
	const refused = new Set<string>();
	for (const r of ledger.rejected()) refused.add(r.event);
	for (const q of ledger.quarantined()) refused.add(q.event);
	const matches = [];
	for (const e of ledger.events) {
		if (filter.user !== '' && e.user !== filter.user) continue;
		const recorded = dayFromWall(e.hlc.wall);
		if (recorded < filter.from || recorded > filter.to) continue;
		if (filter.group !== '' && groupOf(e.type) !== filter.group) continue;
		matches.push(e);
	}
	// Newest recorded first: the HLC orders what one device recorded, and across devices by wall time.
	matches.sort((a, b) => compareHlc(b.hlc, a.hlc));
	const lines = matches.slice(0, limit).map((e): AuditLine => {
		const recorded = dayFromWall(e.hlc.wall);
		return {
			...describeEvent(ledger, names, e),
			recorded,
			dated: e.at < recorded - 1 ? 'late' : e.at > recorded + 1 ? 'ahead' : null,
			refused: refused.has(e.id)
		};
	});
	return { lines, matched: matches.length };
}
