/** A money form's submission: the errors of the last refusal, and whether one is on its way. */
import type { CommandResult, FieldError } from '../../commands/context';

export class Submission {
	errors = $state.raw<Readonly<Record<string, FieldError>>>({});
	saving = $state(false);

	/** Runs the command; a refusal keeps its errors (and the form what was typed), success is handed on. */
	async run(
		command: () => Promise<CommandResult<{ number: string }>>,
		ondone: (number: string) => void
	): Promise<void> {
		this.saving = true;
		try {
			const r = await command();
			if (!r.ok) {
				this.errors = r.errors;
				return;
			}
			this.errors = {};
			ondone(r.value.number);
		} finally {
			this.saving = false;
		}
	}
}
