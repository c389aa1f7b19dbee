// The web console at /console, driven in headless Chromium like a person would use it: signing in and out, the
// Accounts pages, and the protections that hold even against a page that misbehaves (escaping, the anti-forgery
// token, the content policy, a subaccount's narrow view).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    BASE_URL, MAIN_SID, MAIN_TOKEN, PHONE, createSubaccountByApi, expectCount, expectText, launchChromium, navigation,
    openPage, rest, screenshot, signIn, textOf, uniqueName, where,
} from './support.mjs';

const SID = /^AC[0-9a-f]{32}$/;

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** The header's account block: kind ("Main account" or "Subaccount"), name and SID of the account the console shows. */
const shown = (page) => page.locator('header [aria-label="Account shown"]');
/** The navigation between the console's sections. */
const sections = (page) => page.getByRole('navigation', { name: 'Sections' });
/** The notice an action leaves on the page it leads back to. */
const notice = (page) => page.locator('main [role="status"]');
/** The status badge on an account's detail page. */
const statusBadge = (page) => page.locator('dl.facts .badge');

/** Filters the Accounts list by exact friendly name with the filter form; resolves with the table's body rows. */
async function filterAccounts(page, name) {
    await page.getByLabel('Friendly name (exact)').fill(name);
    await navigation(page, () => page.getByRole('button', { name: 'Filter' }).click());
    assert.equal(where(page).params.FriendlyName, name);
    return page.locator('main table tbody tr');
}

describe('signing in', () => {
    test('the main account signs in with its Account SID and auth token and lands on Accounts', async (t) => {
        const page = await openPage(t, browser);
        const form = await page.goto('/console/signin');
        assert.equal(form.status(), 200);
        await screenshot(page, 'console-signin');

        const landed = await signIn(page, MAIN_SID, MAIN_TOKEN);
        assert.equal(landed.status(), 200);
        assert.equal(where(page).path, '/console/accounts');
        await expectText(page.locator('h1'), 'Accounts');
        await expectText(shown(page).locator('.kind'), 'Main account');
        await expectText(shown(page).locator('code'), MAIN_SID);
        await expectCount(sections(page).getByRole('link', { name: 'Dormant' }), 1, 'the main account has a Dormant page');
        await screenshot(page, 'console-accounts');
    });

    test('the auth token never appears in the page or the URL, and the session cookie is HttpOnly and SameSite=Strict', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        assert.equal(where(page).path, '/console/accounts');
        assert.ok(!(await page.content()).includes(MAIN_TOKEN), 'the page HTML does not contain the auth token');
        assert.ok(!page.url().includes(MAIN_TOKEN), 'the URL does not contain the auth token');
        assert.deepEqual(where(page).params, {}, 'the sign-in form posts its fields; none lands in the URL');

        const cookies = await page.context().cookies();
        const session = cookies.find((c) => c.name === 'accountd_console');
        assert.ok(session, `a session cookie named accountd_console is set (cookies: ${cookies.map((c) => c.name).join(', ')})`);
        assert.equal(session.httpOnly, true, 'no script could read the session cookie');
        assert.equal(session.sameSite, 'Strict', 'no other site can make the browser send the session cookie');
        assert.equal(session.path, '/console');
        assert.ok(!session.value.includes(MAIN_TOKEN), 'the cookie holds a session id, not the credentials');
    });

    test('a wrong token is refused on the sign-in page with 401 and an alert, and no session starts', async (t) => {
        const page = await openPage(t, browser);
        const wrong = 'not-the-token-0123456789';
        const refused = await signIn(page, MAIN_SID, wrong);
        assert.equal(refused.status(), 401);
        assert.equal(where(page).path, '/console/signin');
        await expectText(page.getByRole('alert'), /^Those credentials were not accepted/);
        assert.equal(await page.locator('#username').inputValue(), MAIN_SID, 'the SID stays filled in, to correct the token');
        assert.equal(await page.locator('#password').inputValue(), '', 'the token is not sent back');
        assert.ok(!(await page.content()).includes(wrong), 'the refused token is not in the page');
        const cookies = await page.context().cookies();
        assert.equal(cookies.find((c) => c.name === 'accountd_console'), undefined, 'no session cookie');
        await screenshot(page, 'console-signin-refused');
    });

    test('the sign-in form can be filled in and sent with the keyboard alone', async (t) => {
        const page = await openPage(t, browser);
        await page.goto('/console/signin');
        // The SID field has the focus as the page opens (autofocus).
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
        await page.keyboard.type(MAIN_SID);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'password', 'Tab moves on to the token field');
        await page.keyboard.type(MAIN_TOKEN);
        await navigation(page, () => page.keyboard.press('Enter'));
        assert.equal(where(page).path, '/console/accounts');
        await expectText(page.locator('h1'), 'Accounts');
    });

    test('signing out returns to the sign-in page and ends the session on the server', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        const cookie = (await page.context().cookies()).find((c) => c.name === 'accountd_console');
        assert.ok(cookie);

        await navigation(page, () => page.getByRole('button', { name: 'Sign out' }).click());
        assert.equal(where(page).path, '/console/signin');
        assert.equal((await page.context().cookies()).find((c) => c.name === 'accountd_console'), undefined, 'the cookie is cleared');

        await page.goto('/console/accounts');
        assert.equal(where(page).path, '/console/signin', 'Accounts asks for a sign-in again');
        // The old cookie, replayed from elsewhere, no longer opens the console either.
        const replay = await fetch(`${BASE_URL}/console/accounts`, { headers: { Cookie: `accountd_console=${cookie.value}` }, redirect: 'manual' });
        assert.equal(replay.status, 303);
        assert.equal(replay.headers.get('location'), '/console/signin');
    });
});

describe('Accounts', () => {
    test('a subaccount is created, suspended, reactivated and closed, the close asking for a confirmation first', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        const name = uniqueName('Lifecycle');

        // Create: the form on Accounts leads to the new subaccount's page, with a notice.
        await page.locator('#new-name').fill(name);
        await navigation(page, () => page.getByRole('button', { name: 'Create subaccount' }).click());
        const path = where(page).path;
        const sid = path.replace('/console/accounts/', '');
        assert.match(sid, SID, `a subaccount's page is /console/accounts/<its SID>, got ${path}`);
        await expectText(notice(page), `Subaccount created: ${name} (${sid})`);
        await expectText(page.locator('h1'), name);
        await expectText(statusBadge(page), 'active');
        await screenshot(page, 'console-account-detail');

        // Suspend, then reactivate: one button, its label the way the status can go.
        await navigation(page, () => page.getByRole('button', { name: 'Suspend' }).click());
        assert.equal(where(page).path, path);
        await expectText(notice(page), `Suspended ${name} (${sid})`);
        await expectText(statusBadge(page), 'suspended');
        await expectCount(page.getByRole('button', { name: 'Suspend' }), 0);

        await navigation(page, () => page.getByRole('button', { name: 'Reactivate' }).click());
        await expectText(notice(page), `Reactivated ${name} (${sid})`);
        await expectText(statusBadge(page), 'active');

        // Close: a page of its own says it is permanent and wants the box ticked.
        await navigation(page, () => page.getByRole('link', { name: 'Close this subaccount…' }).click());
        assert.equal(where(page).path, `${path}/close`);
        await expectText(page.locator('h1'), `Close ${name}?`);
        await expectText(page.getByRole('alert').locator('strong'), `Closing ${name} (${sid}) is permanent.`);
        await screenshot(page, 'console-account-close');

        // Without the tick the browser does not send the form (the checkbox is required).
        const confirm = page.getByLabel('I understand that closing is permanent');
        const posts = [];
        const onRequest = (r) => { if (r.method() === 'POST') posts.push(r.url()); };
        page.on('request', onRequest);
        await page.getByRole('button', { name: 'Close subaccount permanently' }).click();
        page.off('request', onRequest);
        assert.deepEqual(posts, [], 'nothing was posted');
        assert.equal(await confirm.evaluate((box) => box.validity.valueMissing), true, 'the browser flags the unticked box');
        assert.equal(where(page).path, `${path}/close`);

        await confirm.check();
        await navigation(page, () => page.getByRole('button', { name: 'Close subaccount permanently' }).click());
        assert.equal(where(page).path, '/console/accounts');
        await expectText(notice(page), `Closed ${name} (${sid})`);
        const rows = await filterAccounts(page, name);
        await expectCount(rows, 1);
        await expectText(rows.locator('.badge'), 'closed');
        await expectCount(rows.getByRole('button', { name: 'Switch to' }), 0, 'a closed subaccount cannot be switched to');

        // Its page no longer offers to suspend, reactivate or close it.
        await navigation(page, () => rows.getByRole('link', { name }).click());
        await expectText(statusBadge(page), 'closed');
        await expectCount(page.getByRole('link', { name: 'Close this subaccount…' }), 0);
        await expectCount(page.getByRole('button', { name: /^(Suspend|Reactivate)$/ }), 0);
    });

    test('an account name is shown as the text it is, never as markup', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        const name = uniqueName('<script>alert(1)</script> & "x"');

        await page.locator('#new-name').fill(name);
        await navigation(page, () => page.getByRole('button', { name: 'Create subaccount' }).click());
        await expectText(page.locator('h1'), name);
        assert.equal(await page.title(), `${name} · accountd console`);
        assert.equal(await page.locator('#rename').inputValue(), name, 'the rename field holds the name as typed');
        await expectCount(page.locator('script'), 0, 'no <script> element exists in the page');

        await page.goto(`/console/accounts?FriendlyName=${encodeURIComponent(name)}`);
        const rows = page.locator('main table tbody tr');
        await expectCount(rows, 1);
        assert.equal(await rows.locator('td').first().locator('a').textContent(), name);
        await expectCount(page.locator('script'), 0);
        assert.deepEqual(page.dialogs, [], 'no alert opened');
    });

    test('a form posted without this session\'s anti-forgery token is refused with 403 and changes nothing', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        const request = page.context().request; // shares the signed-in browser's cookies
        const url = `${BASE_URL}/console/accounts`;
        const missing = uniqueName('Forged without token');
        const wrong = uniqueName('Forged with wrong token');

        const withoutToken = await request.post(url, { form: { FriendlyName: missing }, maxRedirects: 0 });
        assert.equal(withoutToken.status(), 403);
        assert.match(await withoutToken.text(), /Nothing was changed/);
        const withWrongToken = await request.post(url, { form: { FriendlyName: wrong, csrf: 'not-this-sessions-token' }, maxRedirects: 0 });
        assert.equal(withWrongToken.status(), 403);

        for (const name of [missing, wrong]) {
            const rows = await filterAccounts(page, name);
            await expectCount(rows, 0, `no subaccount named ${name} was created`);
        }

        // The same request with the page's own token goes through: only the token made the difference.
        const token = await page.locator('form input[name="csrf"]').first().inputValue();
        const genuine = uniqueName('Posted with the token');
        const accepted = await request.post(url, { form: { FriendlyName: genuine, csrf: token }, maxRedirects: 0 });
        assert.equal(accepted.status(), 303);
        assert.match(accepted.headers().location, /^\/console\/accounts\/AC[0-9a-f]{32}\?done=SUBACCOUNT_CREATED/);
    });

    test('every page is sent with a content policy that allows no script at all', async (t) => {
        const page = await openPage(t, browser);
        const signInPage = await page.goto('/console/signin');
        const accounts = await signIn(page, MAIN_SID, MAIN_TOKEN);
        for (const [what, response] of [['the sign-in page', signInPage], ['Accounts', accounts]]) {
            const policy = response.headers()['content-security-policy'] ?? '';
            assert.ok(policy.startsWith("default-src 'none'"), `${what}: the policy starts from nothing allowed: ${policy}`);
            assert.ok(!policy.includes('script-src'), `${what}: no script source is allowed back: ${policy}`);
            assert.ok(policy.includes("form-action 'self'"), `${what}: forms post only to this server: ${policy}`);
            assert.ok(policy.includes("frame-ancestors 'none'"), `${what}: no other page can frame the console: ${policy}`);
        }
    });

    test('a subaccount signed in with its own credentials sees only itself', async (t) => {
        const main = await rest('GET', `/2010-04-01/Accounts/${MAIN_SID}.json`);
        const sub = await createSubaccountByApi(uniqueName('Own view'));
        assert.match(sub.sid, SID);

        const page = await openPage(t, browser);
        await signIn(page, sub.sid, sub.auth_token);
        assert.equal(where(page).path, '/console/accounts');
        await expectText(page.locator('h1'), 'Your account');
        await expectText(shown(page).locator('.kind'), 'Subaccount');
        await expectText(shown(page).locator('strong'), sub.friendly_name);
        const rows = page.locator('main table tbody tr');
        await expectCount(rows, 1, 'one row: its own');
        await expectText(rows.locator('code'), sub.sid);
        await expectCount(page.getByRole('heading', { name: 'Create a subaccount' }), 0);
        await expectCount(page.locator('#new-name'), 0);
        await expectCount(sections(page).getByRole('link', { name: 'Dormant' }), 0);

        const response = await page.goto(`/console/accounts/${MAIN_SID}`);
        assert.ok([401, 404].includes(response.status()), `the main account's page is refused, got HTTP ${response.status()}`);
        await expectText(page.getByRole('alert'), /^Error \d+/);
        assert.ok(!(await textOf(page.locator('body'))).includes(main.friendly_name), 'the main account\'s name is not shown');
        assert.ok(!(await page.content()).includes(main.friendly_name));
    });

    test('the main account switches to a subaccount and back', async (t) => {
        const name = uniqueName('Switch target');
        const sub = await createSubaccountByApi(name);
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);

        const rows = await filterAccounts(page, name);
        await expectCount(rows, 1);
        await navigation(page, () => rows.getByRole('button', { name: 'Switch to' }).click());
        assert.equal(where(page).path, '/console/accounts');
        await expectText(notice(page), `Now showing ${name} (${sub.sid})`);
        await expectText(shown(page).locator('.kind'), 'Subaccount');
        await expectText(shown(page).locator('strong'), name);
        await expectText(shown(page).locator('code'), sub.sid);
        await expectCount(sections(page).getByRole('link', { name: 'Dormant' }), 0,
            'Dormant is the main account\'s own page');

        await navigation(page, () => page.getByRole('button', { name: 'Back to main account' }).click());
        await expectText(shown(page).locator('.kind'), 'Main account');
        await expectText(shown(page).locator('code'), MAIN_SID);
        await expectCount(page.getByRole('button', { name: 'Back to main account' }), 0);
    });

    test('on a phone the Accounts page shows in one column, the table scrolling in its own box', async (t) => {
        const page = await openPage(t, browser, { viewport: PHONE });
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await expectText(page.locator('h1'), 'Accounts');
        const box = await page.locator('main .scroll').boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the table's box fits the screen: ${JSON.stringify(box)}`);
        await screenshot(page, 'console-accounts-phone');
    });

    test('on a phone the Accounts page does not scroll sideways', async (t) => {
        const page = await openPage(t, browser, { viewport: PHONE });
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await expectText(page.locator('h1'), 'Accounts');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `the page is ${width}px wide on a ${PHONE.width}px screen`);
    });
});
