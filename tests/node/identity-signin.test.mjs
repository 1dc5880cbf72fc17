// End-user identity through ActorCloud's /auth/v1 door and the real @cloudbase/node-sdk in both roles: anonymous,
// custom-login (createTicket round trip) and WeChat sign-in, refresh, sign-out, /user/me, and the refusal of
// forged, altered, other-environment and signed-out credentials.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { createSign } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'
import { connect, url, envId, adminData, admin, uniqueName, expectError, HEX_ID } from './support.mjs'
import { auth, signInAnonymously, signInWeChat, signInCustom, ticketFor, customLoginKey, connectUser } from './users.mjs'
import { deploy, call } from './functions-support.mjs'

const { db: adminDb } = connect()

/** A ticket as createTicket makes it, with any payload: `<key id>/@@/<RS256 JWT>`. */
function signTicket(key, payload) {
  const part = value => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}`
  const signature = createSign('RSA-SHA256').update(body).sign(key.private_key).toString('base64url')
  return `${key.private_key_id}/@@/${body}.${signature}`
}

const me = token => fetch(`${url}/auth/v1/user/me`, { headers: { authorization: `Bearer ${token}` } }).then(r => r.json())

/** Flips one character of a JWT's payload, keeping it well-formed. */
function tampered(token) {
  const [header, payload, signature] = token.split('.')
  const json = JSON.parse(Buffer.from(payload, 'base64url').toString())
  json.openid = 'someone-else'
  return [header, Buffer.from(JSON.stringify(json)).toString('base64url'), signature].join('.')
}

describe('anonymous sign-in', () => {
  it('grants credentials the web SDK accepts: bearer, JWT access token, opaque refresh token, scope anonymous', async () => {
    const c = await signInAnonymously()
    assert.match(c.sub, HEX_ID)
    assert.equal(c.scope, 'anonymous')
    assert.ok(c.expires_in > 30, 'the web SDK refreshes 30 s before expiry')
    assert.equal(c.access_token.split('.').length, 3)
    assert.deepEqual(c.groups, [])
    const claims = JSON.parse(Buffer.from(c.access_token.split('.')[1], 'base64url').toString())
    assert.equal(claims.sub, c.sub)
    assert.equal(claims.aud, envId)
    assert.equal(claims.login_type, 'ANONYMOUS')
  })

  it('every sign-in is a new user; /user/me names it anonymous', async () => {
    const [a, b] = [await signInAnonymously(), await signInAnonymously()]
    assert.notEqual(a.sub, b.sub)
    const info = await me(a.access_token)
    assert.equal(info.sub, a.sub)
    assert.equal(info.name, 'anonymous')
  })

  it('refresh keeps the user; sign-out ends the session so the refresh token stops working', async () => {
    const c = await signInAnonymously()
    const refreshed = await auth('token', { client_id: envId, client_secret: '', grant_type: 'refresh_token', refresh_token: c.refresh_token })
    assert.equal(refreshed.sub, c.sub)
    assert.equal((await me(refreshed.access_token)).sub, c.sub)
    assert.deepEqual(await auth('revoke', { token: c.access_token }), {})
    const after = await auth('token', { grant_type: 'refresh_token', refresh_token: c.refresh_token })
    assert.equal(after.error, 'invalid_grant')
    assert.equal(after.error_code, 'INVALID_REFRESH_TOKEN')
  })

  it('refuses malformed and foreign refresh tokens', async () => {
    const c = await signInAnonymously()
    for (const refresh_token of ['', 'nope', c.refresh_token.slice(0, -2) + 'xx', c.refresh_token.replace(`.${envId}.`, '.other.')]) {
      const res = await auth('token', { grant_type: 'refresh_token', refresh_token })
      assert.ok(res.error, `refresh with ${JSON.stringify(refresh_token)} must fail: ${JSON.stringify(res)}`)
    }
    assert.equal((await auth('token', { grant_type: 'password', refresh_token: c.refresh_token })).error, 'unsupported_grant_type')
  })

  it('an unknown environment is refused', async () => {
    const res = await auth('signin/anonymously', {}, { env: 'no-such-env' })
    assert.equal(res.error, 'invalid_client')
  })
})

describe('custom login', () => {
  it('createTicket from the key file the admin action returned signs the user in, the same uid every time', async () => {
    const key = await customLoginKey()
    assert.equal(key.env_id, envId)
    assert.match(key.private_key, /BEGIN RSA PRIVATE KEY/)
    const first = await signInCustom('user-001')
    const again = await signInCustom('user-001')
    assert.equal(first.sub, again.sub, 'a custom user id maps to one stable uid')
    assert.notEqual((await signInCustom('user-002')).sub, first.sub)
    assert.equal(first.scope, 'user')
    const info = await me(first.access_token)
    assert.deepEqual(info.providers, [{ id: 'custom', provider_user_id: 'user-001', name: 'user-001' }])
  })

  it('the key file is handed out once: listing shows the key id, never the private key', async () => {
    const key = await customLoginKey()
    const { Keys } = await adminData('actorcloud.listCustomLoginKeys')
    assert.ok(Keys.some(k => k.private_key_id === key.private_key_id))
    assert.ok(Keys.every(k => !('private_key' in k)))
  })

  it('refuses tickets that are expired (milliseconds, as createTicket writes them), altered, of another key or environment', async () => {
    const key = await customLoginKey()
    const good = await ticketFor('user-003')
    const [keyId, jwt] = good.split('/@@/')
    const [h, p, s] = jwt.split('.')
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    const forge = changes => `${keyId}/@@/${h}.${Buffer.from(JSON.stringify({ ...payload, ...changes })).toString('base64url')}.${s}`
    const now = Date.now()
    const cases = {
      altered: forge({ uid: 'admin-01' }),
      'unknown key': `0000${good.slice(4)}`,
      'no separator': jwt,
      garbage: 'x/@@/y',
      'expired a second ago': signTicket(key, { ...payload, iat: now - 601_000, exp: now - 1_000 }),
      'exp in seconds (a generic JWT library)': signTicket(key, { ...payload, exp: Math.floor(now / 1000) + 600 }),
      'bad uid': signTicket(key, { ...payload, uid: 'a b' }),
    }
    for (const [name, ticket] of Object.entries(cases)) {
      const res = await auth('signin/custom', { provider_id: 'custom', ticket })
      assert.equal(res.error, 'invalid_grant', `${name}: ${JSON.stringify(res)}`)
    }
    assert.equal((await auth('signin/custom', { provider_id: 'custom', ticket: signTicket(key, payload) })).error, undefined,
      'the same payload, properly signed, is accepted')
    const other = uniqueName('env').slice(0, 30).toLowerCase()
    await adminData('actorcloud.createEnvironment', { name: other })
    const foreignKey = await fetch(`${url}/admin?env=${other}`, {
      method: 'POST', headers: { authorization: `Bearer ${process.env.ACTORCLOUD_KEY}` }, body: JSON.stringify({ action: 'actorcloud.createCustomLoginKey' })
    }).then(r => r.json())
    const foreign = tcb.init({ env: other, credentials: foreignKey.data }).auth().createTicket('user-004')
    assert.equal((await auth('signin/custom', { provider_id: 'custom', ticket: foreign })).error, 'invalid_grant', 'a ticket of another environment')
  })

  it('a deleted key stops signing anyone in', async () => {
    const key = await adminData('actorcloud.createCustomLoginKey')
    const ticket = tcb.init({ env: envId, credentials: key }).auth().createTicket('user-005')
    await adminData('actorcloud.deleteCustomLoginKey', { private_key_id: key.private_key_id })
    assert.equal((await auth('signin/custom', { provider_id: 'custom', ticket })).error, 'invalid_grant')
  })
})

describe('WeChat sign-in (development code resolver)', () => {
  it('the wx.login code becomes the openid: one user per openid and mini program', async () => {
    const a = await signInWeChat('oA', 'wxapp')
    const again = await signInWeChat('oA', 'wxapp')
    assert.equal(a.sub, again.sub)
    const claims = JSON.parse(Buffer.from(a.access_token.split('.')[1], 'base64url').toString())
    assert.equal(claims.openid, 'oA')
    assert.equal(claims.login_type, 'WECHAT')
  })

  it('a provider token is not an access token, and an access token is not a provider token', async () => {
    const provider = await auth('provider/token', { provider_id: 'wxapp', provider_code: 'oB', provider_params: { provider_code_type: 'open_id', appid: 'wxapp' } })
    const asUser = await admin('database.getDocument', { collectionName: 'x', query: '{}' }, { authorization: `Bearer ${provider.provider_token}` })
    assert.equal(asUser.code, 'CHECK_LOGIN_FAILED')
    const c = await signInAnonymously()
    assert.ok((await auth('signin/with/provider', { provider_token: c.access_token })).error)
  })
})

describe('a user token on /admin', () => {
  let owner
  let coll
  before(async () => {
    owner = connectUser(await signInCustom('owner-01'))
    const name = uniqueName('id')
    await adminDb.createCollection(name)
    coll = name
  })

  it('gives the real node-sdk a client: add sets _openid to the caller, get sees it', async () => {
    const added = await owner.db.collection(coll).add({ title: 'mine' })
    const { data } = await owner.db.collection(coll).doc(added.id).get()
    assert.equal(data[0]._openid, owner.uid)
    const asAdmin = await adminDb.collection(coll).doc(added.id).get()
    assert.equal(asAdmin.data[0]._openid, owner.uid)
  })

  it('refuses forged, altered, signed-out-but-unexpired-is-still-valid, and other-environment tokens', async () => {
    const c = await signInAnonymously()
    const get = token => admin('database.getDocument', { collectionName: coll, query: '{}' }, { authorization: `Bearer ${token}` })
    assert.equal((await get(tampered(c.access_token))).code, 'CHECK_LOGIN_FAILED')
    assert.equal((await get(c.access_token.slice(0, -3) + 'abc')).code, 'CHECK_LOGIN_FAILED')
    assert.equal((await get('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).code, 'CHECK_LOGIN_FAILED')
    assert.equal((await get('not-a-key')).code, 'SIGN_PARAM_INVALID')
    const other = uniqueName('env').slice(0, 30).toLowerCase()
    await adminData('actorcloud.createEnvironment', { name: other })
    const foreign = await auth('signin/anonymously', {}, { env: other })
    assert.equal((await get(foreign.access_token)).code, 'CHECK_LOGIN_FAILED', 'a token of another environment')
    const user = connectUser(foreign)
    await expectError(user.db.collection(coll).get(), 'CHECK_LOGIN_FAILED')
  })

  it('a user token on admin-only actions is DATABASE_PERMISSION_DENIED and changes nothing', async () => {
    await expectError(owner.db.createCollection(uniqueName('no')), 'DATABASE_PERMISSION_DENIED')
    const res = await admin('actorcloud.modifyDatabaseACL', { CollectionName: coll, AclTag: 'READONLY' },
      { authorization: `Bearer ${owner.credentials.access_token}` })
    assert.equal(res.code, 'DATABASE_PERMISSION_DENIED')
    assert.equal((await adminData('actorcloud.describeDatabaseACL', { CollectionName: coll })).AclTag, 'PRIVATE')
  })

  it('rotating the signing key keeps issued tokens valid; retiring it ends them', async () => {
    const c = await signInAnonymously()
    const user = connectUser(c)
    await adminData('actorcloud.rotateTokenKey', {})
    assert.equal((await user.db.collection(coll).count()).total, 0)
    const fresh = connectUser(await signInAnonymously())
    await adminData('actorcloud.rotateTokenKey', { RetirePrevious: true })
    await expectError(user.db.collection(coll).count(), 'CHECK_LOGIN_FAILED')
    await expectError(fresh.db.collection(coll).count(), 'CHECK_LOGIN_FAILED')
    const refreshed = await auth('token', { grant_type: 'refresh_token', refresh_token: c.refresh_token })
    assert.equal((await connectUser(refreshed).db.collection(coll).count()).total, 0, 'a refresh gets a token of the new key')
  })
})

describe('functions called by a user', () => {
  let whoami
  before(async () => {
    whoami = (await deploy('whoami')).name
  })

  it('a WeChat user: userInfo {appId, openId}, WX_OPENID, TCB_UUID', async () => {
    const c = await signInWeChat('oFn', 'wxfn')
    const result = await call(connectUser(c).app, whoami, {})
    assert.deepEqual(result.userInfo, { appId: 'wxfn', openId: 'oFn' })
    assert.equal(result.variables.WX_OPENID, 'oFn')
    assert.equal(result.variables.TCB_UUID, c.sub)
    assert.equal(result.auth.openId, 'oFn')
    assert.equal(result.auth.uid, c.sub)
  })

  it('an anonymous user: no openId, TCB_UUID and TCB_ISANONYMOUS_USER', async () => {
    const c = await signInAnonymously()
    const result = await call(connectUser(c).app, whoami, {})
    assert.equal(result.userInfo.openId, undefined)
    assert.equal(result.variables.TCB_UUID, c.sub)
    assert.equal(result.variables.TCB_ISANONYMOUS_USER, 'true')
    assert.equal(result.auth.isAnonymous, true)
  })

  it('a custom-login user: TCB_CUSTOM_USER_ID; an admin call carries no user at all', async () => {
    const c = await signInCustom('fn-user-1')
    const result = await call(connectUser(c).app, whoami, {})
    assert.equal(result.variables.TCB_CUSTOM_USER_ID, 'fn-user-1')
    assert.equal(result.auth.customUserId, 'fn-user-1')
    const asAdmin = await call(connect().app, whoami, {})
    assert.deepEqual(Object.values(asAdmin.variables).filter(v => v !== null && v !== ''), [])
    assert.equal(asAdmin.userInfo.openId, undefined)
  })

  it('a user cannot forge userInfo through the event', async () => {
    const c = await signInAnonymously()
    const result = await call(connectUser(c).app, whoami, { userInfo: { openId: 'forged' } })
    assert.equal(result.userInfo.openId, undefined)
  })
})
