// Accounts in Chromium, as people use them: sign up (through the emailed link) → sign in → join a unit by
// an invitation link → sign out; and resetting a forgotten password through the outbox.
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';
import { finishSignUp, mailedLink } from '../support/mail.ts';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('sign up, sign out, sign in, join a unit by invitation, sign out', async ({ page, browser }) => {
  const email = `new-${unique()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('称呼').fill('陈晓');
  await page.getByLabel('手机号（选填）').fill('138 0013 8000');
  await page.getByLabel('密码').fill('12345678');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('这个密码太常见了，容易被猜到，请换一个。')).toBeVisible();
  // What was typed is kept, except the password.
  await expect(page.getByLabel('邮箱')).toHaveValue(email);
  await expect(page.getByLabel('称呼')).toHaveValue('陈晓');
  await expect(page.getByLabel('密码')).toHaveValue('');
  await page.getByLabel('密码').fill('spring-tea-2027');
  await page.getByRole('button', { name: '注册' }).click();
  // Nothing says whether the email had an account: the mail does.
  await expect(page.getByText('我们已向您填写的邮箱发送了一封邮件')).toBeVisible();
  await finishSignUp(page, browser, email);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('link', { name: '我的账户' })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByText('您已退出登录。')).toBeVisible();
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();

  await signIn(page, email, 'wrong-password');
  await expect(page.getByText('邮箱或密码不正确。')).toBeVisible();
  await signIn(page, email, 'spring-tea-2027');
  await expect(page).toHaveURL(/\/account$/);

  // The unit admin creates an invitation link in their own browser.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, 'unitadmin@bangfu.local', DEMO_PASSWORD);
  await admin.goto('/account/units');
  await admin.getByRole('link', { name: '蒙阴县农业农村局' }).click();
  await admin.getByLabel('加入后的角色').selectOption({ label: '职工' });
  await admin.getByRole('button', { name: '生成邀请链接' }).click();
  const link = await admin.getByRole('textbox', { name: '邀请成员' }).inputValue();
  expect(link).toMatch(/\/join\?code=[a-z2-7]+\.[a-z2-7]+$/);
  await adminContext.close();

  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByText(/蒙阴县农业农村局 邀请您以“职工”身份加入/)).toBeVisible();
  await page.getByRole('button', { name: '加入单位' }).click();
  await expect(page.getByText('您已加入 蒙阴县农业农村局。')).toBeVisible();
  await page.goto('/account/units');
  await expect(page.getByRole('row', { name: /蒙阴县农业农村局 职工 已认证/ })).toBeVisible();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.goto('/account/units');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount%2Funits/);
});

test('a visitor opening an invitation signs in first and comes back to it', async ({ page }) => {
  await page.goto('/join?code=abc');
  await expect(page).toHaveURL(/\/signin\?next=%2Fjoin%3Fcode%3Dabc/);
  await page.getByLabel('邮箱').fill('consumer@bangfu.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/join\?code=abc/);
  await expect(page.getByText('这个邀请链接已失效或已作废，请向单位管理员索取新的链接。')).toBeVisible();
});

test('forgotten password: reset through the link in the outbox', async ({ page, browser }) => {
  const email = `reset-${unique()}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('称呼').fill('周');
  await page.getByLabel('密码').fill('first-peach-2027');
  await page.getByRole('button', { name: '注册' }).click();
  await finishSignUp(page, browser, email);
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole('button', { name: '退出登录' }).click();

  await page.goto('/signin');
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await page.getByLabel('邮箱').fill(email);
  await page.getByRole('button', { name: '发送重设链接' }).click();
  await expect(page.getByText('如果该邮箱已注册，重设密码的邮件已经发出，请查收。')).toBeVisible();

  // The link and its mail are made by a background job, a moment after the request.
  const resetLink = await mailedLink(browser, email, '/reset-password');
  await page.goto(resetLink);
  await page.getByLabel('新密码').fill('second-peach-2027');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('密码已重设，请用新密码登录。')).toBeVisible();
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('second-peach-2027');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // The link works once.
  await page.goto(resetLink);
  await expect(page.getByText('这个重设链接已失效或已使用，请重新申请。')).toBeVisible();
});

test('in English: sign in, see the account menu, sign out', async ({ page }) => {
  await page.goto('/en/units/new');
  await expect(page).toHaveURL(/\/en\/signin\?next=%2Fen%2Funits%2Fnew/);
  await page.getByLabel('Email').fill('staff@bangfu.local');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/units\/new$/);
  await expect(page.getByRole('heading', { name: 'Register a helping unit' })).toBeVisible();
  await page.getByLabel('Unified social credit code').fill('91350100M000100Y44');
  await page.getByLabel('Organisation name').fill('Test bureau');
  await page.getByLabel('Invoice title').fill('Test bureau');
  await page.getByLabel('Taxpayer number').fill('91350100M000100Y44');
  await page.getByLabel('Contact person').fill('Li');
  await page.getByLabel('Contact phone').fill('010-12345678');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('The unified social credit code has 18 characters and a check character; check it against the business licence.')).toBeVisible();
  await expect(page.getByLabel('Organisation name')).toHaveValue('Test bureau');
  await page.goto('/en/account/units');
  await expect(page.getByRole('row', { name: /蒙阴县农业农村局 Staff Verified/ })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
});
