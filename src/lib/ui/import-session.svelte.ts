/**
 * One import on the 导入导出 page: the file read into rows (CSV in UTF-8 or GBK, or .xlsx), the check
 * with its progress, the preview and error report, and the all-or-nothing apply.
 */
import type { CommandContext } from '../commands/context';
import { applyImport, planImport, type AnyPlan, type ImportKind } from '../commands/transfer';
import { parseCsv } from '../domain/import/csv';
import type { ImportError } from '../domain/import/sheet';
import type { Ledger } from '../domain/ledger';
import { readXlsx } from '../io/xlsx';

export type ImportPhase = 'idle' | 'reading' | 'checking' | 'checked' | 'applying' | 'done' | 'failed';

/** Text of a CSV file: UTF-8 (with or without BOM), else GBK as older Excel versions save it. */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gbk').decode(bytes);
	}
}

export function readSheet(name: string, bytes: Uint8Array): string[][] {
	return /\.xlsx$/i.test(name) ? readXlsx(bytes) : parseCsv(decodeCsv(bytes));
}

export class ImportSession {
	phase = $state<ImportPhase>('idle');
	fileName = $state('');
	rows = $state.raw<string[][]>([]);
	done = $state(0);
	total = $state(0);
	plan = $state.raw<AnyPlan | null>(null);
	recorded = $state(0);
	/** A message code for the whole file (unreadable, empty) or the failed apply. */
	failure = $state<{ code: string; reason?: string } | null>(null);

	get errors(): readonly ImportError[] {
		return this.plan?.plan.errors ?? [];
	}

	/** Events the import would record (new records, and updates of existing products). */
	get ready(): number {
		if (this.phase !== 'checked' || this.errors.length > 0 || !this.plan) return 0;
		const p = this.plan;
		return p.plan.drafts.length + (p.kind === 'product' ? p.plan.updates.length : 0);
	}

	/** Rows (spreadsheet numbers) that have an error. */
	get badRows(): Readonly<Record<number, true>> {
		return Object.fromEntries(this.errors.map((e) => [e.row, true] as const));
	}

	reset(): void {
		this.phase = 'idle';
		this.fileName = '';
		this.rows = [];
		this.plan = null;
		this.failure = null;
		this.done = this.total = this.recorded = 0;
	}

	async load(ledger: Ledger, kind: ImportKind, file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		this.phase = 'reading';
		try {
			this.rows = readSheet(file.name, new Uint8Array(await file.arrayBuffer()));
		} catch {
			this.phase = 'failed';
			this.failure = { code: 'badFile' };
			return;
		}
		if (this.rows.length < 2) {
			this.phase = 'failed';
			this.failure = { code: 'emptyFile' };
			return;
		}
		await this.check(ledger, kind);
	}

	async check(ledger: Ledger, kind: ImportKind): Promise<void> {
		this.phase = 'checking';
		this.plan = await planImport(ledger, kind, this.rows, (done, total) => {
			this.done = done;
			this.total = total;
		});
		this.phase = 'checked';
	}

	async apply(ctx: CommandContext): Promise<void> {
		if (!this.plan || this.errors.length > 0) return;
		this.phase = 'applying';
		// Let the page paint the progress state before the one synchronous batch.
		await new Promise((resolve) => setTimeout(resolve, 30));
		const r = await applyImport(ctx, this.plan);
		if (r.ok) {
			this.recorded = r.value.events;
			this.phase = 'done';
		} else {
			const e = r.errors.form;
			this.failure = { code: e?.code ?? 'record', reason: String(e?.params?.reason ?? '') };
			this.phase = 'failed';
		}
	}
}
