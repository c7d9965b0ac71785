/**
 * Renders docs/EVENTS.md from the catalogue, so the document can never disagree with the code
 * (a test compares the committed file with this output; `npm run docs:events` rewrites it).
 */
import { CATALOGUE, EVENT_TYPES, MASTER_FIELDS, MASTER_KINDS } from './catalogue';

export function renderEventCatalogue(): string {
	const out: string[] = [];
	out.push('# Event catalogue');
	out.push('');
	out.push('Generated from `src/lib/domain/catalogue.ts` by `npm run docs:events`; do not edit by hand.');
	out.push('');
	out.push('## Envelope');
	out.push('');
	out.push('Readable form (one JSON object per line in `.jsonl` files, see docs/CLI.md):');
	out.push('');
	out.push('```json');
	out.push(
		'{ "id": "0mhz4k1c0-0000-B01T1", "type": "sales.counter.posted", "v": 1, "hlc": "0mhz4k1c0-0000-B01T1", "device": "B01T1", "user": "u3", "branch": "B01", "at": "2026-03-01", "payload": { … } }'
	);
	out.push('```');
	out.push('');
	out.push(
		'- `id`: unique; events made by JXC use their HLC string. `hlc`: `wall-ms(base36, 9) - counter(base36, 4) - device`.'
	);
	out.push(
		'- `at`: the business date. Derivation order: `(at, hlc, id)`; a stocktake sorts at its `countedAt`.'
	);
	out.push(
		'- Amounts are integer fen (分); quantities integer thousandths of the base unit; VAT rates basis points (1300 = 13 %).'
	);
	out.push(
		'- Line `amount` is the line total including VAT (含税). Days are `YYYY-MM-DD` in JSON and day numbers in payloads.'
	);
	out.push('');
	out.push(
		'Wire form inside a partition (`Y.Array` "j"): `[code, wall, counter, device, user, branch, at, payload, v?, id?]`,'
	);
	out.push('with payload objects as tuples in the field order below and trailing empty fields dropped.');
	out.push('');
	out.push('## Event types');
	out.push('');
	out.push('| type | code | partition | what it records |');
	out.push('|---|---|---|---|');
	for (const t of EVENT_TYPES) {
		const d = CATALOGUE[t];
		out.push(`| \`${t}\` | \`${d.code}\` | ${d.partition} | ${d.summary.replace(/\|/g, '\\|')} |`);
	}
	out.push('');
	out.push('## Payloads');
	out.push('');
	for (const t of EVENT_TYPES) {
		out.push(`### ${t}`);
		out.push('');
		out.push('```');
		out.push(CATALOGUE[t].payload.describe);
		out.push('```');
		out.push('');
	}
	out.push('## Master-data fields');
	out.push('');
	for (const k of MASTER_KINDS) {
		out.push(`- **${k}**: \`${MASTER_FIELDS[k].describe}\``);
	}
	out.push('');
	return out.join('\n');
}
