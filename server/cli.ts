/**
 * Admin CLI (`npm run admin -- <command>`), working on the data folder's database (JXC_DATA_DIR).
 * Everything but `restore` is safe while the relay runs; open sockets see changes within a recheck.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuthService, isCompanyCode } from './auth/service';
import { generatePassword } from './auth/password';
import { configFromEnv } from './config';
import { createLogger } from './log';
import { openDataDir, restoreDatabase } from './store/sqlite';
import { isRole, type RoleGrant } from './store/types';

const USAGE = `JXC relay admin. Data folder: JXC_DATA_DIR (default ./data).

  create-company <code> [--name <name>] [--owner <username>] [--password <pw>]
  list-companies
  add-user <company> <username> --roles <roles> [--name <display name>] [--password <pw>]
  list-users <company>
  set-roles <company> <username> <roles>
  disable-user <company> <username>        (also ends the user's sessions)
  enable-user <company> <username>
  reset-password <company> <username> [--password <pw>]
  backup <file>                            (online: safe while the relay serves)
  restore <file>                           (stop the relay first; devices are told to resync)

  <roles>: comma-separated, each "role" or "role:BRANCH+BRANCH", e.g. "sales:B01+B02,finance".
  Roles: owner, manager, purchasing, sales, warehouse, finance.
  Without --password (or JXC_NEW_PASSWORD) a password is generated and printed once.`;

export function parseRoles(text: string): RoleGrant[] {
	return text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((item) => {
			const [role, branches] = item.split(':');
			if (!isRole(role)) throw new Error(`unknown role "${role}"`);
			if (branches === undefined) return { role, branches: null };
			const list = branches.split('+').filter(Boolean);
			if (list.length === 0 || list.some((b) => !/^[A-Za-z0-9_-]{1,32}$/.test(b)))
				throw new Error(`bad branch list in "${item}"`);
			return { role, branches: list };
		});
}

const formatRoles = (roles: RoleGrant[]) =>
	roles.map((g) => (g.branches ? `${g.role}:${g.branches.join('+')}` : g.role)).join(',') || '(none)';

/** A running relay holds `relay.pid`; restore must not swap its database underneath it. */
function relayRunning(dataDir: string): number | null {
	const file = join(dataDir, 'relay.pid');
	if (!existsSync(file)) return null;
	const pid = Number(readFileSync(file, 'utf8').trim());
	if (!Number.isInteger(pid) || pid <= 0) return null;
	try {
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			name: { type: 'string' },
			owner: { type: 'string' },
			password: { type: 'string' },
			roles: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const [command, ...args] = positionals;
	if (!command || values.help) {
		out(USAGE);
		return command ? 0 : 1;
	}
	const config = configFromEnv();
	const need = (n: number) => {
		if (args.length < n) throw new Error(`${command} needs ${n} argument(s); see --help`);
		return args as string[];
	};
	const newPassword = () => {
		const given = values.password ?? process.env.JXC_NEW_PASSWORD;
		return { password: given ?? generatePassword(), generated: given === undefined };
	};

	if (command === 'restore') {
		const [file] = need(1);
		const pid = relayRunning(config.dataDir);
		if (pid !== null) throw new Error(`the relay is running (pid ${pid}); stop it before restoring`);
		const { epoch } = restoreDatabase(config.dataDir, file!);
		out(`restored ${file} into ${config.dataDir}; new epoch ${epoch}; all sessions ended`);
		return 0;
	}

	const store = openDataDir(config.dataDir, config.sqliteSync);
	const auth = new AuthService(store, config.auth, createLogger('silent'));
	try {
		switch (command) {
			case 'create-company': {
				const [code] = need(1);
				if (!isCompanyCode(code!)) throw new Error(`invalid company code "${code}"`);
				const owner = values.owner ?? 'admin';
				const { password, generated } = newPassword();
				store.createTenant({ code: code!, name: values.name ?? code!, createdAt: Date.now() });
				await auth.createUser({
					tenant: code!,
					username: owner,
					password,
					roles: [{ role: 'owner', branches: null }]
				});
				out(`created company ${code} with owner ${owner}${generated ? `; password: ${password}` : ''}`);
				return 0;
			}
			case 'list-companies':
				for (const t of store.listTenants()) out(`${t.code}\t${t.name}`);
				return 0;
			case 'add-user': {
				const [company, username] = need(2);
				const roles = parseRoles(values.roles ?? '');
				const { password, generated } = newPassword();
				await auth.createUser({
					tenant: company!,
					username: username!,
					displayName: values.name,
					password,
					roles
				});
				out(
					`added ${username} to ${company} as ${formatRoles(roles)}${generated ? `; password: ${password}` : ''}`
				);
				return 0;
			}
			case 'list-users':
				for (const u of store.listUsers(need(1)[0]!))
					out(
						`${u.username}\t${formatRoles(u.roles)}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}`
					);
				return 0;
			case 'set-roles': {
				const [company, username, text] = need(3);
				const roles = parseRoles(text!);
				if (!store.updateUser(company!, username!, { roles }))
					throw new Error(`no user ${username} in ${company}`);
				out(`${username}: ${formatRoles(roles)}`);
				return 0;
			}
			case 'disable-user':
			case 'enable-user': {
				const [company, username] = need(2);
				const disabled = command === 'disable-user';
				if (!store.updateUser(company!, username!, { disabled }))
					throw new Error(`no user ${username} in ${company}`);
				if (disabled) store.deleteUserSessions(company!, username!);
				out(`${username} ${disabled ? 'disabled' : 'enabled'}`);
				return 0;
			}
			case 'reset-password': {
				const [company, username] = need(2);
				const { password, generated } = newPassword();
				await auth.setPassword(company!, username!, password);
				out(`password of ${username} reset${generated ? `: ${password}` : ''}; sessions ended`);
				return 0;
			}
			case 'backup': {
				const [file] = need(1);
				await store.backup(file!);
				out(`backed up to ${file}`);
				return 0;
			}
			default:
				throw new Error(`unknown command "${command}"; see --help`);
		}
	} finally {
		store.close();
	}
}

if (process.argv[1] && /cli\.ts$/.test(process.argv[1])) {
	runCli(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
			process.exit(1);
		}
	);
}
