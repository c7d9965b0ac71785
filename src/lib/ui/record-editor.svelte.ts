/**
 * The form state for a supplier, customer, warehouse, branch or account: one text per field of the
 * kind (RECORD_FIELDS), the errors from the domain's check, and the save. A refused save keeps the text.
 */
import type { CommandContext } from '../commands/context';
import { saveRecord, type Seen } from '../commands/master';
import type { FieldError } from '../domain/master/fields';
import { RECORD_FIELDS, recordInput, type RecordKind } from '../domain/master/record';
import { errorText } from './master-text';

export class RecordEditor {
	readonly kind: RecordKind;
	readonly id: string | null;
	values = $state<Record<string, string>>({});
	#errors = $state.raw<Record<string, FieldError>>({});
	#saving = $state(false);

	readonly #seen: Seen | undefined;

	constructor(kind: RecordKind, id: string | null = null, seen?: Seen) {
		this.kind = kind;
		this.id = id;
		this.#seen = seen;
		this.values = recordInput(kind, seen?.values ?? {});
	}

	get fields() {
		return RECORD_FIELDS[this.kind];
	}

	get saving(): boolean {
		return this.#saving;
	}

	error(field: string): string | null {
		return errorText(this.#errors[field]);
	}

	async submit(ctx: CommandContext): Promise<{ id: string; name: string; changed: number } | null> {
		if (this.#saving) return null;
		this.#saving = true;
		try {
			const r = await saveRecord(ctx, this.kind, this.id, { ...this.values }, this.#seen);
			if (!r.ok) {
				this.#errors = r.errors;
				return null;
			}
			this.#errors = {};
			return r.value;
		} finally {
			this.#saving = false;
		}
	}
}
