// The console's phone numbers, billing, usage and sandbox pages in headless Chromium: buying and transferring a
// number, a recharge showing in the balance (and made once when its form is sent twice), the daily cost chart drawn
// with the charges it shows, an API key's secret shown once, and the manual clock moved from the Sandbox page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
    BASE_URL, MAIN_SID, MAIN_TOKEN, createSubaccountByApi, expectCount, expectText, launchChromium, navigation, openPage, rest,
    screenshot, signIn, textOf, uniqueName, where,
} from './support.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

const notice = (page) => page.locator('main [role="status"]');

/** The family's balance as the REST API reports it, in micro-units (exact: no floating point). */
async function balanceMicros() {
    const b = await rest('GET', `/2010-04-01/Accounts/${MAIN_SID}/Balance.json`);
    return micros(b.balance);
}

/** "12.345" or "12.345 USD" as integer micro-units. */
function micros(text) {
    const [whole, fraction = ''] = text.replace(/[^0-9.-]/g, '').split('.');
    const sign = whole.startsWith('-') ? -1 : 1;
    return sign * (Math.abs(Number(whole)) * 1_000_000 + Number((fraction + '000000').slice(0, 6)));
}

/** Switches the console to an account from its detail page. */
async function switchTo(page, sid) {
    await page.goto(`/console/accounts/${sid}`);
    await navigation(page, () => page.getByRole('button', { name: 'Switch to this account' }).click());
}

/** Searches the inventory from the Phone numbers page; resolves with the result rows. */
async function searchNumbers(page, { country = 'US', type = 'Local', areaCode = '' } = {}) {
    await page.goto('/console/numbers');
    await page.getByLabel('Country').selectOption(country);
    await page.getByLabel('Type').selectOption(type);
    await page.getByLabel('Area code').fill(areaCode);
    await navigation(page, () => page.getByRole('button', { name: 'Search' }).click());
    assert.equal(where(page).path, '/console/numbers/search');
    return page.locator('main table tbody tr');
}

describe('Phone numbers', () => {
    test('a number found by area code is bought for the account shown, its first month charged at once', async (t) => {
        const sub = await createSubaccountByApi(uniqueName('Number buyer'));
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await switchTo(page, sub.sid);

        const results = await searchNumbers(page, { areaCode: '415' });
        assert.ok(await results.count() > 0, 'the inventory has numbers in area code 415');
        const number = await textOf(results.first().locator('td').first());
        assert.match(number, /^\+1415\d{7}$/);
        await screenshot(page, 'console-numbers-search');

        const before = await balanceMicros();
        await navigation(page, () => results.first().getByRole('button', { name: 'Buy' }).click());
        assert.equal(where(page).path, '/console/numbers');
        await expectText(notice(page), `Bought ${number}`);
        await expectCount(page.locator('main table tbody tr', { hasText: number }), 1, 'the bought number is listed');

        const owned = await rest('GET', `/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`);
        assert.equal(owned.incoming_phone_numbers.length, 1, 'the number belongs to the subaccount the console showed');
        const charges = await rest('GET', `/_accountd/v1/Accounts/${MAIN_SID}/Ledger?AccountSid=${sub.sid}&Category=phonenumbers-local`);
        assert.equal(charges.entries.length, 1, 'one rental charge was posted');
        assert.ok(await balanceMicros() < before, 'the family balance paid the first month');
        await screenshot(page, 'console-numbers');
    });

    test('the main account transfers a number to another subaccount of the family', async (t) => {
        const from = await createSubaccountByApi(uniqueName('Transfer from'));
        const to = await createSubaccountByApi(uniqueName('Transfer to'));
        const available = await rest('GET', `/2010-04-01/Accounts/${from.sid}/AvailablePhoneNumbers/US/Local.json?AreaCode=212&PageSize=1`);
        const number = available.available_phone_numbers[0].phone_number;
        await rest('POST', `/2010-04-01/Accounts/${from.sid}/IncomingPhoneNumbers.json`, { form: { PhoneNumber: number } });

        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await switchTo(page, from.sid);
        await page.goto('/console/numbers');
        const row = page.locator('main table tbody tr', { hasText: number });
        await row.getByPlaceholder('AC… to transfer to').fill(to.sid);
        await navigation(page, () => row.getByRole('button', { name: 'Transfer' }).click());
        await expectText(notice(page), `Transferred ${number} to ${to.sid}`);
        await expectCount(page.locator('main table tbody tr', { hasText: number }), 0, 'the number left the account shown');

        const moved = await rest('GET', `/2010-04-01/Accounts/${to.sid}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(number)}`);
        assert.equal(moved.incoming_phone_numbers.length, 1, 'the number now belongs to the other subaccount');
    });
});

describe('Billing', () => {
    test('a recharge shows in the balance at once', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await page.goto('/console/billing');
        const shown = micros(await textOf(page.locator('#balance')));
        assert.equal(shown, await balanceMicros(), 'the page shows the balance the REST API reports');

        await page.getByLabel('Amount (USD)').fill('10.00');
        await navigation(page, () => page.getByRole('button', { name: 'Recharge' }).click());
        assert.equal(where(page).path, '/console/billing');
        await expectText(notice(page), /^Recharged: balance now /);
        assert.equal(micros(await textOf(page.locator('#balance'))), shown + 10_000_000, 'the balance is 10.00 higher');
        await screenshot(page, 'console-billing');
    });

    test('a recharge form sent twice (a double click, a resent POST) recharges once', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await page.goto('/console/billing');
        const form = page.locator('form[action="/console/billing/recharge"]');
        const fields = {
            csrf: await form.locator('input[name="csrf"]').inputValue(),
            once: await form.locator('input[name="once"]').inputValue(),
            Amount: '3.00',
        };
        const before = await balanceMicros();
        for (let i = 0; i < 2; i++) {
            const sent = await page.context().request.post(`${BASE_URL}/console/billing/recharge`, { form: fields, maxRedirects: 0 });
            assert.equal(sent.status(), 303);
        }
        assert.equal(await balanceMicros(), before + 3_000_000, 'one recharge of 3.00, not two');
    });

    test('the daily cost chart draws the family\'s charges by category, with a table of the same figures', async (t) => {
        const sub = await createSubaccountByApi(uniqueName('Chart spender'));
        const available = await rest('GET', `/2010-04-01/Accounts/${sub.sid}/AvailablePhoneNumbers/US/Local.json?PageSize=1`);
        await rest('POST', `/2010-04-01/Accounts/${sub.sid}/IncomingPhoneNumbers.json`, { form: { PhoneNumber: available.available_phone_numbers[0].phone_number } });

        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await page.goto('/console/billing');
        const chart = page.locator('#cost-chart svg');
        await expectCount(chart, 1, 'the chart is drawn');
        assert.ok(await chart.locator('rect.bar').count() > 0, 'the chart has bars');
        await expectCount(page.locator('#cost-chart .legend li', { hasText: 'phonenumbers-local' }), 1, 'number rental is in the legend');
        const rental = page.locator('#cost-table tbody tr', { hasText: 'phonenumbers-local' });
        assert.ok(micros(await textOf(rental.locator('td.num'))) > 0, 'the table shows what the rentals cost');
        await expectCount(page.locator('#top-subaccounts tbody tr', { hasText: sub.sid }), 1, 'the spender is among the top subaccounts');
        await screenshot(page, 'console-billing-chart');

        await switchTo(page, sub.sid);
        await page.goto('/console/billing');
        await expectCount(page.locator('#cost-chart svg rect.bar'), 1, 'the subaccount\'s own chart has its one charge');
    });
});

describe('Credentials and sandbox', () => {
    test('an API key\'s secret is shown once, on the page that creates it', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await page.goto('/console/credentials');
        const name = uniqueName('Console key');
        await page.getByLabel('Friendly name').fill(name);
        await navigation(page, () => page.getByRole('button', { name: 'Create API key' }).click());
        const sid = await textOf(page.locator('#new-key-sid'));
        const secret = await textOf(page.locator('#new-secret'));
        assert.match(sid, /^SK[0-9a-f]{32}$/);
        assert.ok(secret.length >= 32, 'a secret is shown');

        await page.goto('/console/credentials');
        await expectCount(page.locator('main table tbody tr', { hasText: sid }), 1, 'the key is listed');
        assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');
        const account = await rest('GET', `/2010-04-01/Accounts/${MAIN_SID}.json`, { sid, token: secret });
        assert.equal(account.sid, MAIN_SID, 'the secret shown authenticates the key');
    });

    test('an API key signs in and every section opens, its Credentials page saying what a key cannot do', async (t) => {
        const key = await rest('POST', `/2010-04-01/Accounts/${MAIN_SID}/Keys.json`, { form: { FriendlyName: uniqueName('Console sign-in key') } });
        const page = await openPage(t, browser);
        const landed = await signIn(page, key.sid, key.secret);
        assert.equal(landed.status(), 200);
        for (const section of ['accounts', 'credentials', 'numbers', 'billing', 'usage', 'calls', 'messages', 'events']) {
            const answer = await page.goto(`/console/${section}`);
            assert.equal(answer.status(), 200, `/console/${section} opens for an API key`);
        }
        await page.goto('/console/credentials');
        await expectText(page.locator('main section', { hasText: 'API keys cannot manage API keys' }).locator('p'),
            'Signed in with an API key: API keys cannot manage API keys.');
        assert.ok(!(await page.content()).includes(key.secret), 'the secret is not in the page');
    });

    test('the manual clock moves forward a day from the Sandbox page', async (t) => {
        const page = await openPage(t, browser);
        await signIn(page, MAIN_SID, MAIN_TOKEN);
        await page.goto('/console/sandbox');
        const before = Date.parse((await rest('GET', '/_accountd/v1/Clock')).now);
        await navigation(page, () => page.getByRole('button', { name: 'Advance one day' }).click());
        await expectText(notice(page), /^Clock moved to /);
        const after = Date.parse((await rest('GET', '/_accountd/v1/Clock')).now);
        assert.ok(after - before >= 86_400_000, 'the clock moved at least a day');
        await screenshot(page, 'console-sandbox');
    });
});
