/**
 * `node --import tsx server/main.ts` (what `npm start` runs): the relay on PORT with its data in
 * JXC_DATA_DIR, serving the built app. SIGTERM/SIGINT shut it down gracefully.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv } from './config';
import { createLogger } from './log';
import { createRelay } from './relay';
import { openDataDir } from './store/sqlite';

export const PID_FILE = 'relay.pid';

const config = configFromEnv();
const log = createLogger(config.logLevel);
const store = openDataDir(config.dataDir, config.sqliteSync, { checkpointInWorker: true, updateLog: true });
const pidFile = join(config.dataDir, PID_FILE);
if (existsSync(pidFile))
	log.info('previous run did not stop cleanly', { pid: readFileSync(pidFile, 'utf8').trim() });
if (store.recovered.files > 0) log.info('updates recovered from write-ahead files', store.recovered);
writeFileSync(pidFile, String(process.pid));

const relay = await createRelay(config, {
	store,
	log,
	onGeneratedPassword: (password) => {
		log.warn('created company "demo" with owner "admin"; this password is shown once', { password });
		process.stdout.write(`\n  JXC admin login: company demo, user admin, password ${password}\n\n`);
	}
});

let stopping = false;
const stop = (signal: string) => {
	if (stopping) return;
	stopping = true;
	log.info('shutting down', { signal });
	relay
		.close()
		.then(() => {
			rmSync(pidFile, { force: true });
			process.exit(0);
		})
		.catch((err: unknown) => {
			log.error('shutdown failed', { error: String(err) });
			process.exit(1);
		});
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('uncaughtException', (err) =>
	log.error('uncaught exception', { error: err.stack ?? String(err) })
);
process.on('unhandledRejection', (err) => log.error('unhandled rejection', { error: String(err) }));

await relay.listen();
