// End users for the node suite: sign-in through ActorCloud's /auth/v1 door (what @cloudbase/js-sdk calls), and
// @cloudbase/node-sdk instances acting as those users — `accessKey: <user access token>` makes the SDK send
// `Authorization: Bearer <token>`, which gives it a mini program's rights instead of an admin's.
import assert from 'node:assert/strict'
import { after } from 'node:test'
import tcb from '@cloudbase/node-sdk'
import { url, envId, adminData } from './support.mjs'

/** POSTs a JSON body to /auth/v1/<path> (as a browser would: text/plain) and returns the parsed answer. */
export async function auth(path, body = {}, { env = envId, headers = {} } = {}) {
  const res = await fetch(`${url}/auth/v1/${path}?client_id=${env}`, { method: 'POST', body: JSON.stringify(body), headers })
  return res.json()
}

/** Credentials (the web SDK's shape) that must have been granted. */
function granted(credentials) {
  assert.equal(credentials.error, undefined, `sign-in refused: ${JSON.stringify(credentials)}`)
  assert.equal(credentials.token_type, 'Bearer')
  return credentials
}

export const signInAnonymously = async () => granted(await auth('signin/anonymously'))

/** A WeChat user: the host runs the development code resolver, so the wx.login code is the openid. */
export async function signInWeChat(openid, appid = 'wx-test') {
  const provider = await auth('provider/token', {
    provider_id: appid, provider_code: openid, provider_params: { provider_code_type: 'open_id', appid }
  })
  assert.equal(typeof provider.provider_token, 'string', JSON.stringify(provider))
  return granted(await auth('signin/with/provider', { provider_token: provider.provider_token }))
}

let keyFile
/**
 * The environment's custom-login key file, created once per test file through the admin action and deleted when the
 * file ends: an environment holds at most 5 keys, and every file of the suite shares one host.
 */
export async function customLoginKey() {
  keyFile ??= await adminData('actorcloud.createCustomLoginKey', {})
  return keyFile
}

// Registered when the file loads, so it runs once, after the file's last test (inside a test it would run after that test).
after(async () => {
  if (keyFile) await adminData('actorcloud.deleteCustomLoginKey', { private_key_id: keyFile.private_key_id })
})

/** A ticket minted with the real node-sdk's createTicket, from the environment's key file. */
export async function ticketFor(customUserId, options) {
  const app = tcb.init({ env: envId, credentials: await customLoginKey() })
  return app.auth().createTicket(customUserId, options)
}

export const signInCustom = async customUserId =>
  granted(await auth('signin/custom', { provider_id: 'custom', ticket: await ticketFor(customUserId) }))

/** A node-sdk instance with a user's rights. */
export function connectUser(credentials) {
  const app = tcb.init({ env: envId, serviceUrl: `${url}/admin`, accessKey: credentials.access_token })
  const db = app.database()
  return { app, db, _: db.command, uid: credentials.sub, credentials }
}
