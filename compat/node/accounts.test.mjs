// Black-box compatibility suite: the official twilio-node helper library against a running accountd.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// The client is redirected with CONTRACT §13 Option B: a RequestClient subclass that rewrites
// https://*.twilio.com to the server's base URL after twilio-node has applied region/edge handling.
// Every test creates its own subaccounts with run-unique names, so tests do not depend on each other's order
// and the suite can run against a server that already holds data.

import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError, assertValidDate } from './support.mjs';

const RUN = randomBytes(4).toString('hex');
let counter = 0;
/** A friendly name unique to this run (and to this call), at most 64 characters. */
const uniqueName = (label) => `node-${RUN}-${++counter}-${label}`.slice(0, 64);

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const accounts = (client = main()) => client.api.v2010.accounts;

// what accountd serves, and nothing else (a client that follows one never meets a 404)
const SUBRESOURCE_KEYS = [
    'addresses', 'applications', 'available_phone_numbers', 'balance', 'calls', 'incoming_phone_numbers', 'keys', 'messages',
    'outgoing_caller_ids', 'signing_keys',
];

/** Asserts the shape every Account instance must have, as twilio-node sees it. */
function assertAccountShape(account, { sid, owner = MAIN_SID, status = 'active', friendlyName } = {}) {
    assert.match(account.sid, /^AC[0-9a-f]{32}$/);
    if (sid) assert.equal(account.sid, sid);
    assert.equal(account.ownerAccountSid, owner);
    assert.equal(account.type, 'Full');
    assert.equal(account.status, status);
    if (friendlyName !== undefined) assert.equal(account.friendlyName, friendlyName);
    assert.equal(typeof account.authToken, 'string');
    assert.ok(account.authToken.length > 0, 'auth_token is present');
    assert.equal(account.uri, `/2010-04-01/Accounts/${account.sid}.json`);
    assertValidDate(account.dateCreated, 'dateCreated');
    assertValidDate(account.dateUpdated, 'dateUpdated');
    assert.ok(account.dateUpdated.getTime() >= account.dateCreated.getTime(), 'dateUpdated >= dateCreated');
    assert.equal(typeof account.subresourceUris, 'object');
    assert.deepEqual(Object.keys(account.subresourceUris).sort(), SUBRESOURCE_KEYS);
    for (const key of SUBRESOURCE_KEYS) {
        assert.equal(typeof account.subresourceUris[key], 'string', `subresource_uris.${key}`);
        assert.ok(account.subresourceUris[key].startsWith(`/2010-04-01/Accounts/${account.sid}/`),
            `subresource_uris.${key} = ${account.subresourceUris[key]}`);
    }
}

const createSub = (friendlyName = uniqueName('sub')) => accounts().create({ friendlyName });
const sidsOf = (list) => list.map((a) => a.sid);
const randomAccountSid = () => 'AC' + randomBytes(16).toString('hex');

describe('create, fetch, update', () => {
    test('creating a subaccount with a FriendlyName returns a complete Account', async () => {
        const name = uniqueName('named');
        const before = Date.now();
        const account = await accounts().create({ friendlyName: name });
        assertAccountShape(account, { friendlyName: name });
        assert.notEqual(account.sid, MAIN_SID);
        // RFC 2822 has whole seconds; allow for clock skew between the suite and the server.
        assert.ok(Math.abs(account.dateCreated.getTime() - before) < 5 * 60_000,
            `dateCreated ${account.dateCreated.toISOString()} should be close to now`);
    });

    test('creating a subaccount without a FriendlyName gives the default name in UTC', async () => {
        const account = await accounts().create();
        assertAccountShape(account);
        const match = account.friendlyName.match(/^SubAccount Created at (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) (am|pm)$/);
        assert.ok(match, `default friendly name: ${JSON.stringify(account.friendlyName)}`);
        const [, y, mo, d, h, mi, meridian] = match;
        // Twilio writes a 24-hour clock with the meridian appended ("2011-02-10 16:19 pm").
        const hour24 = Number(h);
        assert.ok(hour24 >= 0 && hour24 <= 23, `24-hour clock hour, got ${h}`);
        assert.equal(meridian, hour24 < 12 ? 'am' : 'pm', 'the meridian matches the hour');
        const named = Date.UTC(Number(y), Number(mo) - 1, Number(d), hour24, Number(mi));
        const created = Math.floor(account.dateCreated.getTime() / 60_000) * 60_000;
        assert.ok(Math.abs(named - created) <= 60_000,
            `name time ${new Date(named).toISOString()} should match dateCreated ${account.dateCreated.toISOString()} (UTC)`);
    });

    test('fetching a subaccount with main credentials returns the same Account', async () => {
        const created = await createSub();
        const fetched = await accounts().get(created.sid).fetch();
        assertAccountShape(fetched, { sid: created.sid, friendlyName: created.friendlyName });
        assert.equal(fetched.authToken, created.authToken);
        assert.equal(fetched.dateCreated.getTime(), created.dateCreated.getTime());
    });

    test('fetching the main account shows it owns itself', async () => {
        const account = await main().api.v2010.accounts(MAIN_SID).fetch();
        assertAccountShape(account, { sid: MAIN_SID, owner: MAIN_SID });
        assert.equal(account.authToken, MAIN_TOKEN);
    });

    test('updating FriendlyName is returned and persisted', async () => {
        const created = await createSub();
        const renamed = uniqueName('renamed');
        const updated = await accounts().get(created.sid).update({ friendlyName: renamed });
        assertAccountShape(updated, { sid: created.sid, friendlyName: renamed });
        assert.ok(updated.dateUpdated.getTime() >= created.dateUpdated.getTime());
        const fetched = await accounts().get(created.sid).fetch();
        assert.equal(fetched.friendlyName, renamed);
    });

    test('a FriendlyName of 64 characters is accepted, 65 is refused with 400 / 20002', async () => {
        const name64 = `${uniqueName('len')}-`.padEnd(64, 'x');
        assert.equal(name64.length, 64);
        const ok = await accounts().create({ friendlyName: name64 });
        assert.equal(ok.friendlyName, name64);

        const name65 = name64 + 'y';
        await expectRestError(accounts().create({ friendlyName: name65 }), 400, 20002);
        await expectRestError(accounts().get(ok.sid).update({ friendlyName: name65 }), 400, 20002);
        assert.equal((await accounts().get(ok.sid).fetch()).friendlyName, name64);
    });

    test('an invalid Status value is refused with 400 / 21475', async () => {
        const sub = await createSub();
        const e = await expectRestError(accounts().get(sub.sid).update({ status: 'bogus' }), 400, 21475);
        assert.equal(e.message, 'Unable to update Status, invalid Status.');
        assert.equal((await accounts().get(sub.sid).fetch()).status, 'active');
    });
});

describe('list', () => {
    let group;          // five subaccounts sharing one run-unique FriendlyName
    let groupName;

    before(async () => {
        groupName = uniqueName('group');
        group = [];
        for (let i = 0; i < 5; i++) group.push(await accounts().create({ friendlyName: groupName }));
    });

    test('list({pageSize: 2}) auto-pages through next_page_uri and returns every account exactly once', async () => {
        const client = main();
        const listed = await client.api.v2010.accounts.list({ pageSize: 2 });
        const sids = sidsOf(listed);
        assert.equal(new Set(sids).size, sids.length, 'no account appears twice across pages');
        assert.ok(sids.includes(MAIN_SID), 'the main account is listed with main credentials');
        for (const sub of group) {
            assert.equal(sids.filter((s) => s === sub.sid).length, 1, `${sub.sid} listed exactly once`);
        }
        const pageRequests = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.ok(pageRequests.length >= 3, `expected ≥3 page requests for ≥6 accounts, got ${pageRequests.length}`);
        for (const r of pageRequests) {
            assert.ok(r.uri.startsWith(`${BASE_URL}/2010-04-01/Accounts.json`), `page request stays on accountd: ${r.uri}`);
        }
        for (const account of listed) {
            assert.equal(account.ownerAccountSid, MAIN_SID);
            assertValidDate(account.dateCreated, 'dateCreated');
        }
    });

    test('the FriendlyName filter is exact and survives paging', async () => {
        const client = main();
        const listed = await client.api.v2010.accounts.list({ friendlyName: groupName, pageSize: 2 });
        assert.deepEqual(sidsOf(listed).sort(), sidsOf(group).sort());
        for (const a of listed) assert.equal(a.friendlyName, groupName);
        assert.equal(client.httpClient.requests.length, 3, '5 records at 2 per page = 3 pages');

        const prefixOnly = await accounts().list({ friendlyName: groupName.slice(0, -1) });
        assert.equal(prefixOnly.length, 0, 'a prefix of the name does not match');
        const nobody = await accounts().list({ friendlyName: uniqueName('nobody') });
        assert.deepEqual(nobody, []);
    });

    test('a single page exposes the v2010 envelope and a next page on this server', async () => {
        const page = await accounts().page({ friendlyName: groupName, pageSize: 2 });
        assert.equal(page.instances.length, 2);
        assert.ok(page.nextPageUrl, 'next_page_uri is set on the first of three pages');
        assert.ok(page.nextPageUrl.startsWith('https://api.twilio.com/2010-04-01/Accounts.json?'),
            `next page URL is relative to the api domain: ${page.nextPageUrl}`);
        const second = await page.nextPage();
        assert.equal(second.instances.length, 2);
        const third = await second.nextPage();
        assert.equal(third.instances.length, 1);
        assert.equal(third.nextPageUrl, undefined, 'next_page_uri is null on the last page');
        const all = [...page.instances, ...second.instances, ...third.instances];
        assert.deepEqual(sidsOf(all).sort(), sidsOf(group).sort());
    });

    test('the Status filter returns only accounts in that status', async () => {
        const name = uniqueName('status');
        const stays = await accounts().create({ friendlyName: name });
        const paused = await accounts().create({ friendlyName: name });
        await accounts().get(paused.sid).update({ status: 'suspended' });

        const suspended = await accounts().list({ status: 'suspended', pageSize: 50 });
        assert.ok(sidsOf(suspended).includes(paused.sid));
        assert.ok(!sidsOf(suspended).includes(stays.sid));
        for (const a of suspended) assert.equal(a.status, 'suspended');

        const active = await accounts().list({ status: 'active', pageSize: 50 });
        assert.ok(sidsOf(active).includes(stays.sid));
        assert.ok(!sidsOf(active).includes(paused.sid));
        for (const a of active) assert.equal(a.status, 'active');

        const both = await accounts().list({ friendlyName: name, status: 'suspended' });
        assert.deepEqual(sidsOf(both), [paused.sid]);
    });
});

describe('subaccount credentials', () => {
    let sub;
    let sibling;
    let subClient;

    before(async () => {
        sub = await createSub(uniqueName('self'));
        sibling = await createSub(uniqueName('sibling'));
        subClient = clientFor(sub.sid, sub.authToken);
    });

    test('a subaccount can fetch itself', async () => {
        const self = await subClient.api.v2010.accounts(sub.sid).fetch();
        assertAccountShape(self, { sid: sub.sid, friendlyName: sub.friendlyName });
    });

    test('fetching the main account is answered 401 / 20003', async () => {
        await expectRestError(subClient.api.v2010.accounts(MAIN_SID).fetch(), 401, 20003);
    });

    test('fetching a sibling is answered 401 / 20003', async () => {
        await expectRestError(subClient.api.v2010.accounts(sibling.sid).fetch(), 401, 20003);
    });

    test('fetching an unknown account is answered 401 / 20003, not 404', async () => {
        await expectRestError(subClient.api.v2010.accounts(randomAccountSid()).fetch(), 401, 20003);
    });

    test('creating a subaccount is refused with 400 / 21101', async () => {
        await expectRestError(subClient.api.v2010.accounts.create({ friendlyName: uniqueName('grandchild') }), 400, 21101);
    });

    test('listing returns only the subaccount itself', async () => {
        const listed = await subClient.api.v2010.accounts.list({ pageSize: 2 });
        assert.deepEqual(sidsOf(listed), [sub.sid]);
        const byStatus = await subClient.api.v2010.accounts.list({ status: 'active' });
        assert.deepEqual(sidsOf(byStatus), [sub.sid]);
    });

    test('changing its own status is refused with 403 / 20403', async () => {
        await expectRestError(subClient.api.v2010.accounts(sub.sid).update({ status: 'suspended' }), 403, 20403);
        await expectRestError(subClient.api.v2010.accounts(sub.sid).update({ status: 'closed' }), 403, 20403);
        assert.equal((await accounts().get(sub.sid).fetch()).status, 'active');
    });

    test('a wrong subaccount token is answered 401 / 20003', async () => {
        const wrong = clientFor(sub.sid, 'not-the-token');
        await expectRestError(wrong.api.v2010.accounts(sub.sid).fetch(), 401, 20003);
    });
});

describe('lifecycle', () => {
    test('suspend, reactivate and close a subaccount', async () => {
        const sub = await createSub(uniqueName('lifecycle'));
        const subClient = clientFor(sub.sid, sub.authToken);
        const self = () => subClient.api.v2010.accounts(sub.sid).fetch();
        assert.equal((await self()).status, 'active');

        const suspended = await accounts().get(sub.sid).update({ status: 'suspended' });
        assertAccountShape(suspended, { sid: sub.sid, status: 'suspended' });
        await expectRestError(self(), 401, 20003);
        assert.equal((await accounts().get(sub.sid).fetch()).status, 'suspended');

        const reactivated = await accounts().get(sub.sid).update({ status: 'active' });
        assert.equal(reactivated.status, 'active');
        assert.equal((await self()).status, 'active');

        const closed = await accounts().get(sub.sid).update({ status: 'closed' });
        assertAccountShape(closed, { sid: sub.sid, status: 'closed' });
        await expectRestError(self(), 401, 20003);
        assert.equal((await accounts().get(sub.sid).fetch()).status, 'closed', 'main can still read a closed account');

        await expectRestError(accounts().get(sub.sid).update({ status: 'active' }), 400, 21479);
        await expectRestError(accounts().get(sub.sid).update({ status: 'suspended' }), 400, 21479);
        await expectRestError(self(), 401, 20003);

        const closedList = await accounts().list({ status: 'closed' });
        assert.ok(sidsOf(closedList).includes(sub.sid), 'a closed account is listed with status=closed');
        for (const a of closedList) assert.equal(a.status, 'closed');
        const activeList = await accounts().list({ status: 'active' });
        assert.ok(!sidsOf(activeList).includes(sub.sid));
    });

    test('a subaccount can be closed straight from suspended', async () => {
        const sub = await createSub(uniqueName('suspend-close'));
        await accounts().get(sub.sid).update({ status: 'suspended' });
        const closed = await accounts().get(sub.sid).update({ status: 'closed' });
        assert.equal(closed.status, 'closed');
    });

    test('the main account cannot suspend or close itself: 403 / 20403', async () => {
        await expectRestError(main().api.v2010.accounts(MAIN_SID).update({ status: 'suspended' }), 403, 20403);
        await expectRestError(main().api.v2010.accounts(MAIN_SID).update({ status: 'closed' }), 403, 20403);
        const self = await main().api.v2010.accounts(MAIN_SID).fetch();
        assert.equal(self.status, 'active');
    });
});

describe('errors', () => {
    test('an unknown account SID of valid shape is answered 404 / 20404', async () => {
        const unknown = randomAccountSid();
        const error = await expectRestError(accounts().get(unknown).fetch(), 404, 20404);
        assert.ok(error.message.includes(unknown), `message names the resource: ${error.message}`);
        await expectRestError(accounts().get(unknown).update({ friendlyName: uniqueName('ghost') }), 404, 20404);
    });

    test('a wrong main auth token is answered 401 / 20003', async () => {
        const wrong = clientFor(MAIN_SID, 'wrong-token-0000000000000000');
        await expectRestError(wrong.api.v2010.accounts(MAIN_SID).fetch(), 401, 20003);
        await expectRestError(wrong.api.v2010.accounts.list(), 401, 20003);
        await expectRestError(wrong.api.v2010.accounts.create({ friendlyName: uniqueName('nope') }), 401, 20003);
    });
});
