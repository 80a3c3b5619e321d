// npm run user:create -- --email someone@example.com [--role admin|user] [--name 姓名]
// The password is asked for at a prompt (not echoed), or read from the PASSWORD
// environment variable when there is no terminal (CI, provisioning). It is
// never taken from an argument: arguments end up in shell history and `ps`.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openDatabase, optionsFromEnv } from '../db/client.ts';
import { emailField } from '../src/modules/auth/auth.ts';
import { createOrPromoteUser } from '../src/modules/auth/accounts.server.ts';
import { passwordProblem } from '../src/modules/auth/passwords.ts';
import { migrate } from '../src/workflows/migrate.ts';

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'user' }, name: { type: 'string' }, password: { type: 'string' } },
  strict: true,
});
if (values.password !== undefined) fail('Refusing --password: give the password at the prompt or in the PASSWORD environment variable.');
const email = emailField.safeParse(values.email ?? '');
if (!email.success) fail('usage: npm run user:create -- --email someone@example.com [--role admin|user] [--name 姓名]');
const role = z.enum(['admin', 'user']).safeParse(values.role);
if (!role.success) fail('--role must be admin or user');

async function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) process.stdout.write(muted ? '\n' : s);
  };
  const answer = await new Promise<string>((resolve) => {
    rl.question(question, resolve);
    muted = true;
  });
  rl.close();
  return answer;
}

// The one place this variable is read: a provisioning secret for this script only.
const fromEnv = z.object({ PASSWORD: z.string().optional() }).parse(process.env).PASSWORD;
let password: string;
if (process.stdin.isTTY) {
  password = await askHidden('Password: ');
  const again = await askHidden('Repeat password: ');
  if (password !== again) fail('The two passwords differ.');
} else {
  password = fromEnv ?? fail('No terminal: set the PASSWORD environment variable.');
}
const problem = passwordProblem(password, email.data);
if (problem) fail(`Password refused: ${problem.replace('_', ' ')} (at least 8 characters, not a common password).`);

const database = await openDatabase(optionsFromEnv());
try {
  await migrate(database);
  const r = await createOrPromoteUser(database.db, {
    email: email.data!,
    displayName: values.name ?? email.data!.split('@')[0],
    password,
    role: role.data!,
  });
  console.log(`${r.created ? 'Created' : 'Updated'} ${email.data} (role: ${role.data}).`);
} finally {
  await database.close();
}
