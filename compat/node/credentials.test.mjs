// Black-box compatibility suite, credentials and audit: API keys, signing keys, secondary auth tokens, promotion
// and monitor Events through the official twilio-node helper library against a running accountd.
//
// Run:  ACCOUNTD_BASE_URL=http://127.0.0.1:8080 ACCOUNTD_MAIN_SID=AC… ACCOUNTD_MAIN_TOKEN=… node --test compat/node/
//
// Same redirect as accounts.test.mjs (CONTRACT §13 Option B): one RequestClient subclass covers the api, accounts
// and monitor domains. Tokens are only ever rotated on fresh subaccounts acting on themselves, never on the main
// account, so the main credentials keep working for every other test and suite sharing the server. Every test
// causes at most a couple of authentication failures, well inside the server's per-address budget.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BASE_URL, MAIN_SID, MAIN_TOKEN, clientFor, expectRestError, assertValidDate } from './support.mjs';

const RUN = randomBytes(4).toString('hex');
let counter = 0;
/** A friendly name unique to this run (and to this call), at most 64 characters. */
const uniqueName = (label) => `node-cred-${RUN}-${++counter}-${label}`.slice(0, 64);

const KEY_SID = /^SK[0-9a-f]{32}$/;
const SECRET = /^[A-Za-z0-9]{32}$/;

/** A client authenticating with an API key: twilio-node needs the account SID as an option for the paths. */
const keyClient = (key, accountSid) => clientFor(key.sid, key.secret, { accountSid });

const main = () => clientFor(MAIN_SID, MAIN_TOKEN);
const v2010 = (client = main()) => client.api.v2010;
const createSub = (friendlyName = uniqueName('sub')) => v2010().accounts.create({ friendlyName });
const sidsOf = (list) => list.map((x) => x.sid);

const fetchSelf = (client, sid) => client.api.v2010.accounts(sid).fetch();

describe('API keys', () => {
    test('newKeys.create shows the secret once; fetch, list, update and remove manage the key', async () => {
        const sub = await createSub();
        const account = v2010().accounts(sub.sid);
        const created = await account.newKeys.create({ friendlyName: 'deploy' });
        assert.match(created.sid, KEY_SID);
        assert.match(created.secret, SECRET);
        assert.equal(created.friendlyName, 'deploy');
        assertValidDate(created.dateCreated, 'dateCreated');
        assertValidDate(created.dateUpdated, 'dateUpdated');

        const fetched = await account.keys(created.sid).fetch();
        assert.equal(fetched.sid, created.sid);
        assert.equal(fetched.friendlyName, 'deploy');
        assert.equal(fetched.dateCreated.getTime(), created.dateCreated.getTime());
        assert.ok(!JSON.stringify(fetched.toJSON()).includes(created.secret), 'a fetch never shows the secret');

        const updated = await account.keys(created.sid).update({ friendlyName: 'deploy v2' });
        assert.equal(updated.friendlyName, 'deploy v2');
        assert.equal((await account.keys(created.sid).fetch()).friendlyName, 'deploy v2');

        assert.equal(await account.keys(created.sid).remove(), true);
        await expectRestError(account.keys(created.sid).fetch(), 404, 20404);
    });

    test('keys.list auto-pages in creation order and stays on accountd', async () => {
        const sub = await createSub();
        const made = [];
        for (let i = 0; i < 5; i++) made.push(await v2010().accounts(sub.sid).newKeys.create({ friendlyName: `k${i}` }));
        const client = main();
        const listed = await client.api.v2010.accounts(sub.sid).keys.list({ pageSize: 2 });
        assert.deepEqual(sidsOf(listed), sidsOf(made));
        for (const k of listed) assert.equal(k.secret, undefined, 'listed keys have no secret');
        const gets = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.equal(gets.length, 3, '5 keys at 2 per page = 3 pages');
        for (const r of gets) assert.ok(r.uri.startsWith(`${BASE_URL}/2010-04-01/Accounts/${sub.sid}/Keys.json`), r.uri);
    });

    test('signing keys: newSigningKeys.create, fetch, list, update, remove', async () => {
        const sub = await createSub();
        const account = v2010().accounts(sub.sid);
        const created = await account.newSigningKeys.create({ friendlyName: 'jwt' });
        assert.match(created.sid, KEY_SID);
        assert.match(created.secret, SECRET);
        const fetched = await account.signingKeys(created.sid).fetch();
        assert.equal(fetched.friendlyName, 'jwt');
        assert.ok(!JSON.stringify(fetched.toJSON()).includes(created.secret));
        assert.deepEqual(sidsOf(await account.signingKeys.list()), [created.sid]);
        assert.deepEqual(sidsOf(await account.keys.list()), [], 'signing keys are not listed as keys');
        assert.equal((await account.signingKeys(created.sid).update({ friendlyName: 'jwt 2' })).friendlyName, 'jwt 2');
        await expectRestError(account.keys(created.sid).fetch(), 404, 20404);
        assert.equal(await account.signingKeys(created.sid).remove(), true);
        await expectRestError(account.signingKeys(created.sid).fetch(), 404, 20404);
    });

    test('a FriendlyName of 65 characters is refused with 400 / 20002', async () => {
        const sub = await createSub();
        await expectRestError(v2010().accounts(sub.sid).newKeys.create({ friendlyName: 'x'.repeat(65) }), 400, 20002);
        const ok = await v2010().accounts(sub.sid).newKeys.create({ friendlyName: 'x'.repeat(64) });
        assert.equal(ok.friendlyName.length, 64);
    });

    test('a standard key authenticates with the account SID in paths, never sees the token, and manages nothing', async () => {
        const sub = await createSub();
        const key = await v2010().accounts(sub.sid).newKeys.create();
        const asKey = keyClient(key, sub.sid);

        const self = await fetchSelf(asKey, sub.sid);
        assert.equal(self.sid, sub.sid);
        assert.equal(self.authToken, null, 'a key never learns the auth token');
        assert.deepEqual(sidsOf(await asKey.api.v2010.accounts.list()), [sub.sid]);

        await expectRestError(asKey.api.v2010.accounts(sub.sid).newKeys.create(), 403, 20403);
        await expectRestError(asKey.api.v2010.accounts(sub.sid).keys.list(), 403, 20403);
        await expectRestError(asKey.api.v2010.accounts.create({ friendlyName: uniqueName('by-key') }), 403, 20403);
        await expectRestError(asKey.accounts.v1.secondaryAuthToken().create(), 403, 20403);
        await expectRestError(asKey.accounts.v1.authTokenPromotion().update(), 403, 20403);
        await expectRestError(fetchSelf(asKey, MAIN_SID), 401, 20003);
    });

    test('a signing key cannot authenticate, and a deleted key stops at once: 401 / 20003', async () => {
        const sub = await createSub();
        const signing = await v2010().accounts(sub.sid).newSigningKeys.create();
        await expectRestError(fetchSelf(keyClient(signing, sub.sid), sub.sid), 401, 20003);

        const key = await v2010().accounts(sub.sid).newKeys.create();
        const asKey = keyClient(key, sub.sid);
        assert.equal((await fetchSelf(asKey, sub.sid)).sid, sub.sid); // cached as verified
        await v2010().accounts(sub.sid).keys(key.sid).remove();
        await expectRestError(fetchSelf(asKey, sub.sid), 401, 20003);
    });
});

describe('auth tokens (accounts v1), on fresh subaccounts acting on themselves', () => {
    test('secondaryAuthToken().create() and remove()', async () => {
        const sub = await createSub();
        const asSub = clientFor(sub.sid, sub.authToken);
        const created = await asSub.accounts.v1.secondaryAuthToken().create();
        assert.equal(created.accountSid, sub.sid);
        assert.equal(typeof created.secondaryAuthToken, 'string');
        assert.notEqual(created.secondaryAuthToken, sub.authToken);
        assert.equal(created.url, `${BASE_URL}/v1/AuthTokens/Secondary`);
        assertValidDate(created.dateCreated, 'dateCreated');

        const asSecondary = clientFor(sub.sid, created.secondaryAuthToken);
        assert.equal((await fetchSelf(asSecondary, sub.sid)).authToken, sub.authToken, 'both tokens work; Account shows the primary');
        assert.equal((await fetchSelf(asSub, sub.sid)).sid, sub.sid);

        assert.equal(await asSub.accounts.v1.secondaryAuthToken().remove(), true);
        await expectRestError(fetchSelf(asSecondary, sub.sid), 401, 20003);
        await expectRestError(asSub.accounts.v1.secondaryAuthToken().remove(), 404, 20404);
    });

    test('authTokenPromotion().update() makes the secondary primary and refuses the old primary', async () => {
        const sub = await createSub();
        const asOld = clientFor(sub.sid, sub.authToken);
        const { secondaryAuthToken } = await asOld.accounts.v1.secondaryAuthToken().create();
        await fetchSelf(asOld, sub.sid); // cached as verified

        const promoted = await asOld.accounts.v1.authTokenPromotion().update();
        assert.equal(promoted.accountSid, sub.sid);
        assert.equal(promoted.authToken, secondaryAuthToken);
        assert.equal(promoted.url, `${BASE_URL}/v1/AuthTokens/Promote`);
        assertValidDate(promoted.dateUpdated, 'dateUpdated');

        await expectRestError(fetchSelf(asOld, sub.sid), 401, 20003);
        const asNew = clientFor(sub.sid, secondaryAuthToken);
        assert.equal((await fetchSelf(asNew, sub.sid)).authToken, secondaryAuthToken);
        assert.equal((await v2010().accounts(sub.sid).fetch()).authToken, secondaryAuthToken, 'the main sees the new token');
        await expectRestError(asNew.accounts.v1.authTokenPromotion().update(), 400, 20001);
    });
});

describe('monitor events', () => {
    test('events.list filters by resourceSid and auto-pages through meta.next_page_url on accountd', async () => {
        const sub = await createSub(uniqueName('audited'));
        for (let i = 0; i < 4; i++) await v2010().accounts(sub.sid).update({ friendlyName: uniqueName(`rename${i}`) });
        const client = main();
        const events = await client.monitor.v1.events.list({ resourceSid: sub.sid, pageSize: 2 });
        assert.equal(events.length, 5);
        assert.equal(new Set(sidsOf(events)).size, 5, 'no event twice');
        assert.deepEqual([...new Set(events.map((e) => e.eventType))].sort(), ['account.created', 'account.updated']);
        const gets = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.equal(gets.length, 3, '5 events at 2 per page = 3 pages');
        for (const r of gets) assert.ok(r.uri.startsWith(`${BASE_URL}/v1/Events`), `page request stays on accountd: ${r.uri}`);
    });

    test('events.list({eventType}) returns only that type; events(sid).fetch() has the audit fields', async () => {
        const sub = await createSub();
        const key = await v2010().accounts(sub.sid).newKeys.create({ friendlyName: 'audited key' });
        const created = await main().monitor.v1.events.list({ eventType: 'api-key.created' });
        assert.ok(created.length >= 1);
        for (const e of created) assert.equal(e.eventType, 'api-key.created');
        const mine = created.find((e) => e.resourceSid === key.sid);
        assert.ok(mine, 'the new key has its api-key.created event');

        const fetched = await main().monitor.v1.events(mine.sid).fetch();
        assert.match(fetched.sid, /^AE[0-9a-f]{32}$/);
        assert.equal(fetched.accountSid, sub.sid);
        assert.equal(fetched.actorSid, MAIN_SID);
        assert.equal(fetched.actorType, 'account');
        assert.equal(fetched.resourceType, 'api-key');
        assert.equal(fetched.source, 'api');
        assert.equal(fetched.sourceIpAddress, '127.0.0.1');
        assert.equal(fetched.url, `${BASE_URL}/v1/Events/${fetched.sid}`);
        assertValidDate(fetched.eventDate, 'eventDate');
        assert.equal(typeof fetched.eventData, 'object');
        assert.ok(!JSON.stringify(fetched.toJSON()).includes(key.secret), 'no secret in an event');
        await expectRestError(main().monitor.v1.events('AE' + '0'.repeat(32)).fetch(), 404, 20404);
    });

    test('startDate and endDate (sent as ISO 8601 with Z) bound the events', async () => {
        const sub = await createSub();
        const hour = 60 * 60 * 1000;
        const events = main().monitor.v1.events;
        assert.equal((await events.list({ resourceSid: sub.sid, startDate: new Date(Date.now() - hour) })).length, 1);
        assert.equal((await events.list({ resourceSid: sub.sid, startDate: new Date(Date.now() + hour) })).length, 0);
        assert.equal((await events.list({ resourceSid: sub.sid, endDate: new Date(Date.now() - hour) })).length, 0);
        assert.equal((await events.list({
            resourceSid: sub.sid, startDate: new Date(Date.now() - hour), endDate: new Date(Date.now() + hour),
        })).length, 1);
    });

    test('a subaccount sees only its own events', async () => {
        const sub = await createSub();
        const asSub = clientFor(sub.sid, sub.authToken);
        await asSub.accounts.v1.secondaryAuthToken().create();
        const seen = await asSub.monitor.v1.events.list({ pageSize: 50 });
        assert.ok(seen.some((e) => e.eventType === 'secondary-auth-token.created'));
        for (const e of seen) assert.equal(e.accountSid, sub.sid);
    });
});
