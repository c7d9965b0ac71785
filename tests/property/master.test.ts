/**
 * Master data (D5–D7), checked against the events themselves rather than the ledger's bookkeeping.
 *
 *   [P8] After any history, every field of every record holds the value of its latest accepted edit by
 *        HLC (whatever the derivation order of the edits), its history lists every accepted edit of that
 *        field newest first, and a concurrent-edit alert exists for exactly the pairs of accepted edits
 *        of one field whose editors had not seen each other (h1 > base2 and h2 > base1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src/lib/domain/event';
import { fieldHistory } from '../../src/lib/domain/derive/master';
import { deriveAll } from '../../src/lib/domain/ledger';
import { historyOf, historyParams } from '../factories/business';
import { verdicts } from './identities';
import { FC_PARAMS } from './runs';

interface Edit {
	readonly event: string;
	readonly hlc: string;
	readonly base: string;
	readonly value: unknown;
}

/** Accepted edits per `kind:id` and field. */
function editsOf(
	events: readonly AnyEvent[],
	applied: (id: string) => boolean
): Map<string, Map<string, Edit[]>> {
	const out = new Map<string, Map<string, Edit[]>>();
	for (const e of events) {
		if (!applied(e.id)) continue;
		const p = e.payload as {
			id?: string;
			fields?: Record<string, unknown>;
			base?: string;
			clear?: readonly string[];
		};
		const created = e.type.endsWith('.created');
		if (!created && !e.type.endsWith('.updated')) continue;
		const kind = e.type.slice(0, e.type.indexOf('.'));
		const key = kind + ':' + (kind === 'settings' ? 'company' : p.id!);
		const fields = out.get(key) ?? new Map<string, Edit[]>();
		out.set(key, fields);
		// [MD10] A cleared field is an edit whose value is undefined.
		const changes: [string, unknown][] = Object.entries(p.fields ?? {}).filter(([, v]) => v !== undefined);
		for (const name of p.clear ?? []) if (p.fields?.[name] === undefined) changes.push([name, undefined]);
		for (const [name, value] of changes) {
			const list = fields.get(name) ?? [];
			list.push({ event: e.id, hlc: e.id, base: created ? '' : (p.base ?? ''), value });
			fields.set(name, list);
		}
	}
	return out;
}

describe('master data', () => {
	it('[P8][D5][D6] each field is its latest accepted edit by HLC, with every version kept and every concurrent pair reported', () => {
		fc.assert(
			fc.property(historyParams({ maxOps: 160 }), (params) => {
				const l = deriveAll(historyOf(params).events);
				const ctx = `seed ${params.seed} ops ${params.ops}${params.turbulent ? ' turbulent' : ''}`;
				const { applied } = verdicts(l);
				const concurrent = new Set<string>();
				for (const [key, fields] of editsOf(l.events, applied)) {
					const [kind, id] = key.split(':') as [string, string];
					const record = l.record(kind, id);
					expect(record, `${ctx}: ${key}`).toBeDefined();
					for (const [name, edits] of fields) {
						const newestFirst = [...edits].sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
						expect(
							fieldHistory(record, name).map((v) => [v.event, v.value]),
							`${ctx}: ${key}.${name}`
						).toEqual(newestFirst.map((x) => [x.event, x.value]));
						for (const a of edits)
							for (const b of edits)
								if (a.event < b.event && a.hlc > b.base && b.hlc > a.base)
									concurrent.add(`concurrent-edit:${a.event}+${b.event}:${name}`);
					}
				}
				const reported = new Set(
					l
						.alerts()
						.filter((a) => a.kind === 'concurrent-edit')
						.map((a) => a.id)
				);
				expect([...reported].sort(), ctx).toEqual([...concurrent].sort());
			}),
			FC_PARAMS
		);
	});
});
