/** Structured logs: one JSON object per line on stdout, so any log shipper can read them. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
	debug(msg: string, fields?: LogFields): void;
	info(msg: string, fields?: LogFields): void;
	warn(msg: string, fields?: LogFields): void;
	error(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(
	level: LogLevel | 'silent',
	write: (line: string) => void = (line) => process.stdout.write(line + '\n')
): Logger {
	const min = RANK[level];
	const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
		if (RANK[lvl] < min) return;
		write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
	};
	return {
		debug: (m, f) => emit('debug', m, f),
		info: (m, f) => emit('info', m, f),
		warn: (m, f) => emit('warn', m, f),
		error: (m, f) => emit('error', m, f)
	};
}
