/**
 * Document lists (purchasing, sales): the latest documents of some types, newest business date first,
 * found by walking the ordered journal from its end, so a long history costs nothing to list.
 */
import type { EventType } from '../domain/catalogue';
import type { Ledger } from '../domain/ledger';
import type { DocStatus } from '../domain/derive/state';
import { partyName, warehouseName, type MasterNames } from './names';

export interface DocumentRow {
	readonly id: string;
	readonly type: EventType;
	readonly number: string;
	readonly at: number;
	readonly party: string;
	readonly warehouse: string;
	readonly status: DocStatus;
	readonly total: number;
	readonly lines: number;
	readonly user: string;
}

export function latestDocuments(
	ledger: Ledger,
	names: MasterNames,
	types: readonly EventType[],
	limit: number
): DocumentRow[] {
	const out: DocumentRow[] = [];
	for (const e of ledger.latestOfTypes(types)) {
		if (out.length >= limit) break;
		const doc = ledger.document(e.id);
		if (!doc) continue;
		const supplier = doc.type.startsWith('purchase.');
		out.push({
			id: doc.id,
			type: doc.type,
			number: doc.number,
			at: doc.at,
			party: doc.party ? partyName(names, supplier ? 'supplier' : 'customer', doc.party) : '',
			warehouse: doc.wh ? warehouseName(names, doc.wh) : '',
			status: doc.status,
			total: doc.total,
			lines: doc.lines.length,
			user: names.users.get(doc.user) ?? doc.user
		});
	}
	return out;
}
