/**
 * Importing 50,000 products (issue 5: under 30 s): a generated product sheet is written as CSV and as
 * .xlsx, then each file is read, checked row by row (the same rules as the product form), and applied
 * as one journal batch to a Journal whose sink feeds a Ledger, as the app does. Each run starts from an
 * empty company. CPU time is printed too (the machine is shared).
 *
 *   npx tsx bench/import.bench.ts
 */
import { parseCsv, writeCsv } from '../src/lib/domain/import/csv';
import { exportProducts } from '../src/lib/domain/import/products';
import type { ProductFields } from '../src/lib/domain/master/product';
import { Ledger } from '../src/lib/domain/ledger';
import { productRows, searchProducts } from '../src/lib/projections/master';
import { readXlsx, writeXlsx } from '../src/lib/io/xlsx';
import { applyImport, planImport } from '../src/lib/commands/transfer';
import { DeviceClock } from '../src/lib/sync/device-clock';
import { Journal } from '../src/lib/sync/journal';

const ROWS = 50_000;
const TARGET_S = 30;
const NAMES = [
	'牛仔裤',
	'衬衫',
	'运动鞋',
	'冰红茶',
	'矿泉水',
	'方便面',
	'洗衣液',
	'牙膏',
	'充电线',
	'笔记本'
];

function print(name: string, value: number, unit: string): void {
	console.log(`bench ${name}: ${value.toFixed(2)} ${unit}`);
}

function sheet(): string[][] {
	const products: { values: ProductFields }[] = [];
	for (let i = 1; i <= ROWS; i++)
		products.push({
			values: {
				code: `K${String(i).padStart(6, '0')}`,
				name: `${NAMES[i % NAMES.length]} ${i}`,
				spec: `${(i % 40) + 1}码`,
				category: `类目${i % 20}/子类${i % 7}`,
				unit: '个',
				units: [{ name: '箱', factor: 12 + (i % 12) }],
				barcodes: [`69${String(i).padStart(11, '0')}`],
				purchasePrice: 500 + (i % 1000),
				retailPrice: 900 + (i % 2000),
				vat: 1300,
				batchTracked: i % 10 === 0,
				active: true
			}
		});
	return exportProducts(products, 'zh');
}

async function run(name: string, read: () => string[][]): Promise<void> {
	const ledger = new Ledger();
	const journal = new Journal({
		tenant: 'bench',
		clock: new DeviceClock('T1'),
		sink: (b) => ledger.add(b.added)
	});
	const ctx = { journal, ledger, user: 'admin', may: () => true };
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const rows = read();
	const t1 = performance.now();
	const plan = await planImport(ledger, 'product', rows, undefined, 5000);
	const t2 = performance.now();
	if (plan.plan.errors.length > 0)
		throw new Error(`unexpected errors: ${JSON.stringify(plan.plan.errors[0])}`);
	const r = await applyImport(ctx, plan);
	const t3 = performance.now();
	if (!r.ok || r.value.events !== ROWS || ledger.records('product').length !== ROWS)
		throw new Error(`import did not apply every row: ${JSON.stringify(r)}`);
	const cpu = process.cpuUsage(cpu0);
	const total = (t3 - t0) / 1000;
	console.log(
		`# ${name}: read ${((t1 - t0) / 1000).toFixed(2)} s, check ${((t2 - t1) / 1000).toFixed(2)} s, apply ${((t3 - t2) / 1000).toFixed(2)} s (target < ${TARGET_S} s)`
	);
	print(`import-50k-${name}`, total, 's');
	print(`import-50k-${name}-cpu`, (cpu.user + cpu.system) / 1e6, 's');
	if (total > TARGET_S) process.exitCode = 1;
	if (name === 'csv') listAndSearch(ledger);
	await journal.destroy();
}

/** The product page over 50,000 products: building the list (first and after a change) and a search. */
function listAndSearch(ledger: Ledger): void {
	const t0 = performance.now();
	const rows = productRows(ledger);
	const t1 = performance.now();
	productRows(ledger);
	const t2 = performance.now();
	const hits = searchProducts(rows, 'nzk', false);
	const t3 = performance.now();
	if (hits.length !== ROWS / NAMES.length) throw new Error(`pinyin search found ${hits.length}`);
	print('products-50k-list-first', t1 - t0, 'ms');
	print('products-50k-list-again', t2 - t1, 'ms');
	print('products-50k-search-pinyin', t3 - t2, 'ms');
}

const rows = sheet();
const csv = writeCsv(rows);
const xlsx = writeXlsx(rows);
console.log(
	`# ${ROWS} rows: CSV ${(csv.length / 1e6).toFixed(1)} M chars, xlsx ${(xlsx.length / 1e6).toFixed(1)} MB`
);
await run('csv', () => parseCsv(csv));
await run('xlsx', () => readXlsx(xlsx));
