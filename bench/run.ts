/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other (so they do not
 * compete for the two cores), and passes their `bench <name>: <value> <unit>` lines through.
 * `npm run bench -- ledger` runs only the files whose name contains "ledger".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
	.filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
	.sort();
let failed = 0;
for (const f of files) {
	console.log(`\n# ${f}`);
	const r = spawnSync(
		process.execPath,
		['--max-old-space-size=12000', '--expose-gc', '--import', 'tsx', join(dir, f)],
		{ stdio: 'inherit', env: process.env }
	);
	if (r.status !== 0) {
		failed++;
		console.log(`bench ${f.replace('.bench.ts', '')}-failed: 1 run`);
	}
}
process.exit(failed ? 1 : 0);
