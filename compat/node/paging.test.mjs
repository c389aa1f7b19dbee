// list({limit: N}) with N over 1000, as twilio-node sends it (PageSize=N): accountd serves pages of 1000 and
// twilio-node follows next_page_uri to the end. Needs a subaccount limit above 1500 (NodeClientIT raises it).

import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MAIN_SID, MAIN_TOKEN, clientFor } from './support.mjs';

const WANTED = 1501;

describe('lists longer than one page of 1000', () => {
    before(async () => {
        const client = clientFor(MAIN_SID, MAIN_TOKEN);
        const existing = (await client.api.v2010.accounts.list({ pageSize: 1000, limit: WANTED })).length;
        const run = randomBytes(4).toString('hex');
        for (let i = existing; i < WANTED; i += 25) {
            const batch = [];
            for (let j = i; j < Math.min(i + 25, WANTED); j++) {
                batch.push(client.api.v2010.accounts.create({ friendlyName: `node-paging-${run}-${j}` }));
            }
            await Promise.all(batch);
        }
    });

    test('accounts.list({limit: 5000}) returns every account once, in pages of 1000', async () => {
        const client = clientFor(MAIN_SID, MAIN_TOKEN);
        const listed = await client.api.v2010.accounts.list({ limit: 5000 });
        assert.ok(listed.length >= WANTED, `expected at least ${WANTED} accounts, got ${listed.length}`);
        assert.equal(new Set(listed.map((a) => a.sid)).size, listed.length, 'no account twice');
        const pages = client.httpClient.requests.filter((r) => r.method.toUpperCase() === 'GET');
        assert.equal(pages[0].params.PageSize, 5000, 'twilio-node asks for its limit as the page size');
        assert.equal(pages.length, Math.ceil(listed.length / 1000), `one request per page of 1000: ${pages.map((p) => p.uri)}`);
        for (const p of pages.slice(1)) assert.match(p.uri, /PageSize=1000&Page=\d+&PageToken=PA/, 'and follows next_page_uri, which says 1000');
    });

    test('accounts.page({pageSize: 5000}) is a page of 1000 whose envelope says 1000', async () => {
        const page = await clientFor(MAIN_SID, MAIN_TOKEN).api.v2010.accounts.page({ pageSize: 5000 });
        assert.equal(page.instances.length, 1000);
        assert.equal(page._payload.page_size, 1000);
        assert.match(page._payload.uri, /PageSize=1000&Page=0$/);
        assert.match(page._payload.first_page_uri, /PageSize=1000&Page=0$/);
        assert.match(page.nextPageUrl, /PageSize=1000&Page=1&PageToken=PA/);
    });

    test('events.list({limit: 5000}) reads past 1000 on a v1 list', async () => {
        const events = await clientFor(MAIN_SID, MAIN_TOKEN).monitor.v1.events.list({ eventType: 'account.created', limit: 5000 });
        assert.ok(events.length >= WANTED, `expected at least ${WANTED} account.created events, got ${events.length}`);
        assert.equal(new Set(events.map((e) => e.sid)).size, events.length);
    });
});
