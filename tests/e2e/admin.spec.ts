// The platform admin console as an admin uses it: verify the pending demo unit
// and pair it with a village, appoint a newly signed-up person as a village
// manager (after an unknown email is refused), and read the mail outbox.
// Everything works without JavaScript.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { villages } from '../../db/demo/data.ts';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { finishSignUp } from '../support/mail.ts';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signIn(page: Page, email: string, password: string, path = '/signin') {
  await page.goto(path);
  await page.getByLabel(path.startsWith('/en') ? 'Email' : '邮箱').fill(email);
  await page.getByLabel(path.startsWith('/en') ? 'Password' : '密码').fill(password);
  await page.getByRole('button', { name: path.startsWith('/en') ? 'Sign in' : '登录' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function noSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

test('verify the pending unit, pair it with a village, appoint a new village manager, read the outbox', async ({ page, browser }) => {
  test.setTimeout(90_000); // a long flow through two browsers (23 s on a quiet CI machine, 30+ s when it is shared)
  // Someone signs up, to be appointed later; and asks for a password reset so the outbox has mail for them.
  const email = `cadre-${unique()}@example.com`;
  const newcomer = await browser.newContext();
  const person = await newcomer.newPage();
  await person.goto('/signup');
  await person.getByLabel('邮箱').fill(email);
  await person.getByLabel('称呼').fill('刘书记');
  await person.getByLabel('密码', { exact: true }).fill('village-cadre-2027');
  await person.getByRole('button', { name: '注册' }).click();
  await finishSignUp(person, browser, email);
  await expect(person).toHaveURL(/\/account$/);
  await person.goto('/manage');
  await expect(person.getByText('您目前没有被任命为任何村的管理员。')).toBeVisible();

  await signIn(page, 'admin@bangfu.local', DEMO_PASSWORD);
  await page.getByRole('link', { name: '平台管理' }).click();
  await expect(page.getByRole('heading', { name: '平台管理', level: 1 })).toBeVisible();
  await noSeriousAxeViolations(page);

  // The review queue holds the demo's pending unit.
  await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '帮扶单位' }).click();
  await expect(page.getByLabel('审核状态')).toHaveValue('pending_admin_review');
  await expect(page.getByRole('row', { name: /县交通运输局.*待审核.*党政机关/ })).toBeVisible();
  await page.getByRole('link', { name: '县交通运输局' }).click();
  await expect(page.getByRole('heading', { name: /县交通运输局/, level: 1 })).toBeVisible();
  await noSeriousAxeViolations(page);

  // Rejecting needs a reason: the browser asks for it; verifying is one button.
  await expect(page.getByLabel('驳回原因')).toHaveAttribute('required', '');
  await page.getByRole('button', { name: '通过认证' }).click();
  await expect(page.getByText('已通过认证：县交通运输局。')).toBeVisible();
  await expect(page.getByRole('button', { name: '通过认证' })).toHaveCount(0);

  // Paired villages: tick one, save, and it stays ticked.
  const paired = villages[2].name;
  await page.getByRole('checkbox', { name: new RegExp(paired) }).check();
  await page.getByRole('button', { name: '保存结对村' }).click();
  await expect(page.getByText('已保存 县交通运输局 的结对帮扶村（1 个）。')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: new RegExp(paired) })).toBeChecked();

  // Village managers: an unknown email is refused beside that village; the newcomer is appointed.
  await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '村与管理员' }).click();
  const village = page.getByRole('region', { name: paired });
  await village.getByLabel(/按邮箱任命管理员/).fill(`nobody-${unique()}@example.com`);
  await village.getByRole('button', { name: '任命' }).click();
  await expect(page.getByRole('region', { name: paired }).getByText('没有使用这个邮箱注册的用户。请对方先在平台注册，再来任命。')).toBeVisible();
  await page
    .getByRole('region', { name: paired })
    .getByLabel(/按邮箱任命管理员/)
    .fill(email.toUpperCase());
  await page.getByRole('region', { name: paired }).getByRole('button', { name: '任命' }).click();
  await expect(page.getByText(`已任命 ${email} 为 ${paired} 的管理员。`)).toBeVisible();
  await expect(page.getByRole('region', { name: paired }).getByText(`刘书记 · ${email}`)).toBeVisible();

  // The newcomer now manages that village.
  await person.goto('/manage');
  await expect(person.getByRole('link', { name: new RegExp(paired) })).toBeVisible();

  // The outbox shows a password-reset mail to them, newest first, as copyable text.
  await person.getByRole('button', { name: '退出登录' }).click();
  await person.goto('/forgot-password');
  await person.getByLabel('邮箱').fill(email);
  await person.getByRole('button', { name: '发送重设链接' }).click();
  await expect(person.getByText('如果该邮箱已注册，重设密码的邮件已经发出，请查收。')).toBeVisible();
  await newcomer.close();
  await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: '邮件发件箱' }).click();
  // Their sign-up mail is there already; the reset mail is the one with the reset link.
  const mail = page.getByRole('article').filter({ hasText: email }).filter({ hasText: '/reset-password?token=' }).first();
  // A background job writes the mail a moment after the request.
  await expect(async () => {
    await page.reload();
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(mail.locator('pre')).toContainText(/\/reset-password\?token=[a-z2-7]+\.[a-z2-7]+/);
  await noSeriousAxeViolations(page);
});

test('users: search, a confirmed disable signs the person out, enable again; an admin cannot demote themselves (English)', async ({ page, browser }) => {
  test.setTimeout(90_000); // a long flow through two browsers (23 s on a quiet CI machine, 30+ s when it is shared)
  const email = `member-${unique()}@example.com`;
  const other = await browser.newContext();
  const member = await other.newPage();
  await member.goto('/en/signup');
  await member.getByLabel('Email').fill(email);
  await member.getByLabel('Name').fill('Zhou Ming');
  await member.getByLabel('Password', { exact: true }).fill('winter-jujube-2027');
  await member.getByRole('button', { name: 'Sign up' }).click();
  await finishSignUp(member, browser, email, 'en');
  await expect(member).toHaveURL(/\/en\/account$/);

  await signIn(page, 'admin@bangfu.local', DEMO_PASSWORD, '/en/signin');
  await page.goto('/en/admin/users');
  await page.getByRole('searchbox', { name: 'Find users' }).fill(email);
  await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByText(`Matches for “${email}”: 1`)).toBeVisible();
  await noSeriousAxeViolations(page);

  // Disabling asks first, then ends the member's sessions.
  await page.getByRole('link', { name: /Disable\s*Zhou Ming/ }).click();
  await expect(page.getByText(/Disable the account of Zhou Ming/)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, disable' }).click();
  await expect(page.getByText('The account of Zhou Ming is disabled and signed out everywhere (sessions ended: 1).')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Zhou Ming.*${email}.*Disabled`) })).toBeVisible();
  await member.goto('/en/account');
  await expect(member).toHaveURL(/\/en\/signin\?next=%2Fen%2Faccount/);
  await member.getByLabel('Email').fill(email);
  await member.getByLabel('Password').fill('winter-jujube-2027');
  await member.getByRole('button', { name: 'Sign in' }).click();
  await expect(member.getByText('Wrong email or password.')).toBeVisible();

  await page.getByRole('button', { name: /Enable\s*Zhou Ming/ }).click();
  await expect(page.getByText('The account of Zhou Ming is enabled again.')).toBeVisible();
  await member.getByLabel('Password').fill('winter-jujube-2027');
  await member.getByRole('button', { name: 'Sign in' }).click();
  await expect(member).toHaveURL(/\/en\/account$/);
  await other.close();

  // The admin's own row offers neither demotion nor disabling (the server refuses both too: tests/integration/admin.test.ts).
  await page.goto('/en/admin/users?q=admin%40bangfu.local');
  const own = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'admin@bangfu.local', exact: true }) });
  await expect(own.getByText('You cannot disable yourself or remove your own admin rights')).toBeVisible();
  await expect(own.getByRole('link')).toHaveCount(0);
  await expect(own.getByRole('button')).toHaveCount(0);
});
