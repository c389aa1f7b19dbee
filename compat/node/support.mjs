// Shared by the twilio-node compatibility suites: where accountd is, and a twilio-node client redirected to it
// with CONTRACT §13 Option B (a RequestClient subclass that rewrites https://*.twilio.com to the base URL after
// twilio-node has applied region and edge handling, so one client covers the api, accounts and monitor domains).

import assert from 'node:assert/strict';
import twilio from 'twilio';

export const BASE_URL = (process.env.ACCOUNTD_BASE_URL ?? '').replace(/\/+$/, '');
export const MAIN_SID = process.env.ACCOUNTD_MAIN_SID ?? '';
export const MAIN_TOKEN = process.env.ACCOUNTD_MAIN_TOKEN ?? '';
if (!BASE_URL || !MAIN_SID || !MAIN_TOKEN) {
    throw new Error('Set ACCOUNTD_BASE_URL, ACCOUNTD_MAIN_SID and ACCOUNTD_MAIN_TOKEN to point this suite at accountd');
}

/** Rewrites https://*.twilio.com to the accountd base URL and remembers every request it sends (method, URI, query). */
export class BaseUrlClient extends twilio.RequestClient {
    constructor(base) {
        super();
        this.base = base;
        this.requests = [];
    }

    request(opts) {
        opts.uri = opts.uri.replace(/^https:\/\/[^/]*\.twilio\.com/, this.base);
        this.requests.push({ method: opts.method, uri: opts.uri, params: opts.params ?? {} });
        return super.request(opts);
    }
}

/** A twilio-node client for the given credentials, pointed at accountd; `httpClient.requests` records traffic. */
export function clientFor(username, password, options = {}) {
    const httpClient = new BaseUrlClient(BASE_URL);
    const client = twilio(username, password, { ...options, httpClient });
    assert.equal(client.httpClient, httpClient, 'twilio-node uses the redirecting httpClient');
    return client;
}

/** Awaits `promise` and asserts that it rejects with a twilio-node RestException of this HTTP status and code. */
export async function expectRestError(promise, status, code) {
    let error;
    try {
        const value = await promise;
        assert.fail(`expected HTTP ${status}${code ? ` code ${code}` : ''}, but the call succeeded: ${JSON.stringify(value?.toJSON?.() ?? value)}`);
    } catch (e) {
        error = e;
    }
    if (error instanceof assert.AssertionError) throw error;
    assert.ok(error instanceof twilio.RestException,
        `expected a RestException, got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.status, status, `HTTP status (message: ${error.message})`);
    if (code !== undefined) assert.equal(error.code, code, `Twilio error code (message: ${error.message})`);
    assert.equal(error.moreInfo, `https://www.twilio.com/docs/errors/${error.code}`);
    return error;
}

export function assertValidDate(value, field) {
    assert.ok(value instanceof Date, `${field} should deserialize to a Date, got ${JSON.stringify(value)}`);
    assert.ok(!Number.isNaN(value.getTime()), `${field} is an Invalid Date`);
}
