/**
 * Human document numbers (DESIGN §1): `CG-B01-T3-000123` = type prefix, branch, device, per-device
 * sequence. Assigned on the device, so two offline devices can never produce the same number.
 */
import { DOC_PREFIX, type EventType } from './catalogue';

export function formatDocNumber(type: EventType, branch: string, device: string, no: number): string {
	const prefix = DOC_PREFIX[type] ?? 'DOC';
	return `${prefix}-${branch || 'HQ'}-${device}-${String(no).padStart(6, '0')}`;
}

/**
 * The next sequence number for a document type on a device: one past the highest this device has used.
 * Derived from the journal, so a reinstalled device that resynced continues where it left off.
 */
export class DocSequences {
	readonly #max = new Map<string, number>();

	observe(type: EventType, device: string, no: number): void {
		const key = `${type}|${device}`;
		if ((this.#max.get(key) ?? 0) < no) this.#max.set(key, no);
	}

	next(type: EventType, device: string): number {
		return (this.#max.get(`${type}|${device}`) ?? 0) + 1;
	}
}
