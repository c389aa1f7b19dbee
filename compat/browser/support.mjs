// Shared by the console's browser tests: where accountd is, Debian's Chromium driven by playwright-core (never a
// downloaded browser), signing in through the sign-in form, screenshots, and waiting helpers in place of sleeps.
//
// ConsoleBrowserIT runs them in the build. By hand, against a server started with --sandbox --clock manual:
//   npm ci && ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… \
//     ACCOUNTD_SCREENSHOTS=/tmp/shots node --test

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.ACCOUNTD_BASE_URL ?? '').replace(/\/+$/, '');
export const MAIN_SID = process.env.ACCOUNTD_MAIN_SID ?? '';
export const MAIN_TOKEN = process.env.ACCOUNTD_MAIN_TOKEN ?? '';
if (!BASE_URL || !MAIN_SID || !MAIN_TOKEN) {
    throw new Error('Set ACCOUNTD_BASE_URL, ACCOUNTD_MAIN_SID and ACCOUNTD_MAIN_TOKEN to point this suite at accountd');
}
/** Where screenshots go (ACCOUNTD_SCREENSHOTS; the IT sets target/console-screenshots). */
export const SCREENSHOTS = process.env.ACCOUNTD_SCREENSHOTS ?? join(tmpdir(), 'accountd-console-screenshots');
export const CHROMIUM = process.env.ACCOUNTD_CHROMIUM ?? '/usr/bin/chromium';

/** The desktop viewport every context gets unless a test asks for another one. */
export const DESKTOP = { width: 1280, height: 800 };
/** A phone's viewport (an iPhone 12 to 15 in CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** How long a waiting helper waits before it fails the test. */
const TIMEOUT_MS = 10_000;

/** Headless Chromium from the system, with a fresh temporary profile and nothing that talks to Google. */
export function launchChromium() {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}

/**
 * A new browser context (its own cookies: a separate browser session) and a page in it, closed when test `t` ends.
 * Every page starts at the console's base URL; a dialog (alert, confirm) fails the test, since the console runs no script.
 */
export async function openPage(t, browser, { viewport = DESKTOP } = {}) {
    const context = await browser.newContext({ viewport, baseURL: BASE_URL });
    context.setDefaultTimeout(TIMEOUT_MS);
    t.after(() => context.close());
    const page = await context.newPage();
    page.dialogs = [];
    page.on('dialog', async (dialog) => {
        page.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        await dialog.dismiss();
    });
    return page;
}

/**
 * Runs `action` (a click that submits a form or follows a link) and waits until the page it leads to has loaded,
 * after any redirects; resolves with that page's response. Works when the URL does not change (a refused form).
 */
export async function navigation(page, action) {
    const response = page.waitForResponse((r) => r.frame() === page.mainFrame() && r.request().isNavigationRequest()
        && !(r.status() >= 300 && r.status() < 400));
    const loaded = page.waitForEvent('load');
    await action();
    const [r] = await Promise.all([response, loaded]);
    return r;
}

/** Signs in through the sign-in form with an Account SID (or API key SID) and its token; resolves with the page's response. */
export async function signIn(page, sid, token) {
    await page.goto('/console/signin');
    await page.locator('#username').fill(sid);
    await page.locator('#password').fill(token);
    return navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

/** Writes a full-page PNG of `page` to SCREENSHOTS/<name>.png. */
export async function screenshot(page, name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, name.endsWith('.png') ? name : `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
}

/** The page's path and query parameters, for asserting where the browser is. */
export function where(page) {
    const url = new URL(page.url());
    return { path: url.pathname, params: Object.fromEntries(url.searchParams) };
}

/** The element's text with runs of whitespace collapsed, as a reader sees it. */
export async function textOf(locator, options) {
    return ((await locator.textContent(options)) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Waits until `locator`'s text (whitespace collapsed) equals `expected`, or matches it when it is a RegExp; fails
 * with the last text seen. The polling stands in for an expect(...).toHaveText of @playwright/test.
 */
export async function expectText(locator, expected, message) {
    let last;
    const ok = (s) => (expected instanceof RegExp ? expected.test(s) : s === expected);
    const passed = await poll(async () => ok(last = await textOf(locator, { timeout: 1_000 })));
    if (!passed) {
        if (last === undefined) await textOf(locator, { timeout: 1_000 }); // never read: throws Playwright's own error (no such element, several)
        if (expected instanceof RegExp) assert.match(last, expected, message);
        else assert.equal(last, expected, message);
    }
}

/** Waits until `locator` matches exactly `count` elements; fails with the last count seen. */
export async function expectCount(locator, count, message) {
    let last;
    if (!(await poll(async () => (last = await locator.count()) === count))) assert.equal(last, count, message);
}

async function poll(check) {
    const deadline = Date.now() + TIMEOUT_MS;
    for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
        try {
            if (await check()) return true;
        } catch {
            // the element is not there yet (or its page is still loading): try again
        }
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, delay));
    }
}

/** A friendly name no earlier run of the suite has used, so tests can look their accounts up by exact name. */
export function uniqueName(prefix) {
    return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Calls accountd's REST API with the given credentials; resolves with the parsed JSON answer, failing unless 2xx. */
export async function rest(method, path, { sid = MAIN_SID, token = MAIN_TOKEN, form } = {}) {
    const response = await fetch(`${BASE_URL}${path}`, {
        method,
        headers: {
            Authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`,
            ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const body = await response.text();
    assert.ok(response.ok, `${method} ${path}: HTTP ${response.status} ${body}`);
    return JSON.parse(body);
}

/** Creates a subaccount of the main account with the REST API; resolves with its JSON (sid, auth_token, …). */
export function createSubaccountByApi(friendlyName) {
    return rest('POST', '/2010-04-01/Accounts.json', { form: { FriendlyName: friendlyName } });
}
