// Mail in the browser tests: the e2e server has no SMTP, so mail stays in the outbox, which a
// platform admin reads at /admin/outbox. Mail is written by background jobs a moment after the
// request, so these wait for it.
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed-accounts.ts';

/** The newest link to `path` (e.g. '/reset-password') in a mail to `to`, as a path and query. */
export async function mailedLink(browser: Browser, to: string, path: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const admin = await context.newPage();
    await admin.goto('/signin');
    await admin.getByLabel('邮箱').fill('admin@bangfu.local');
    await admin.getByLabel('密码').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: '登录' }).click();
    await expect(admin).toHaveURL(/\/account$/);
    const link = new RegExp(`https?://\\S+(?:/en)?${path}\\?token=[a-z2-7]+\\.[a-z2-7]+`);
    let found: string | null = null;
    await expect(async () => {
      await admin.goto('/admin/outbox');
      const text = (await admin.getByRole('main').textContent()) ?? '';
      const at = text.indexOf(to);
      found = at < 0 ? null : (link.exec(text.slice(at))?.[0] ?? null);
      expect(found, `a mail to ${to} with a link to ${path}`).not.toBeNull();
    }).toPass({ timeout: 20_000 });
    const url = new URL(found!);
    return url.pathname + url.search;
  } finally {
    await context.close();
  }
}

/**
 * Sign-up as people do it: the form (already filled and sent on `page`), "check your email",
 * the link in the mail, the one button. Leaves `page` signed in where the sign-up was headed.
 */
export async function finishSignUp(page: Page, browser: Browser, email: string, locale: 'zh' | 'en' = 'zh') {
  const en = locale === 'en';
  await expect(page.getByRole('heading', { name: en ? 'Check your email' : '请查收确认邮件' })).toBeVisible();
  await page.goto(await mailedLink(browser, email, '/confirm-signup'));
  await page.getByRole('button', { name: en ? 'Finish signing up' : '完成注册' }).click();
}
