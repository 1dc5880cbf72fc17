// The classic-permission matrix of permissions-classic.test.mjs re-run with the unmodified web SDK as the client:
// @cloudbase/js-sdk 2.32.0 in the web runtime (a browser page, web-support.mjs) on the /web door, instead of node-sdk
// with a user's token on /admin. The same four modes × the same operations × {owner, another user, an anonymous
// user}, with the same cells and the same model (permissions-support.mjs: classicCells, prepareCollection), so every
// answer must be the one the node-sdk matrix expects:
//   READONLY   reads see every document; writes of others' documents match nothing (updated/deleted 0)
//   PRIVATE    reads see only the caller's documents (counts too); writes as READONLY
//   ADMINWRITE reads see every document; add/update/set/remove ⇒ DATABASE_PERMISSION_DENIED
//   ADMINONLY  every operation ⇒ DATABASE_PERMISSION_DENIED
// and, under READONLY/PRIVATE, doc(id).set() over another user's document ⇒ DATABASE_PERMISSION_DENIED.
// The js-sdk resolves a refused database call as {code, message, requestId} instead of throwing; every refusal must
// leave the collection exactly as it was (read as the admin through node-sdk).
//
// Differences from the node-sdk matrix: the three users are js-sdk sessions — the owner and the other user are
// custom-login users (a browser page has no WeChat openid sign-in; both the web suite's wx files and the node-sdk
// matrix cover WeChat users' `_openid`), the anonymous user an anonymous session. The admin and no-credential
// columns are not js-sdk clients (the admin uses node-sdk; 2.x refuses to send a /web call without a session) and stay
// in permissions-classic.test.mjs.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect } from './support.mjs'
import { MODES, classicCells, prepareCollection, snapshot, setAcl } from './permissions-support.mjs'
import { openSignedIn } from './web-support.mjs'

const tag = randomBytes(4).toString('hex')

/** A js-sdk 2.x page signed in, as a caller of the matrix: `openid` is what the server writes in `_openid` (the uid). */
async function webUser(name, signIn) {
  const sdk = await openSignedIn({ version: 2, runtime: 'web', signIn })
  const state = await sdk.auth.getLoginState()
  const uid = state.user.uid
  return { name, kind: 'user', sdk, db: sdk.db, _: sdk.db.command, uid, openid: uid }
}

const owner = await webUser('owner', { custom: `permw-owner-${tag}` })
const other = await webUser('other user', { custom: `permw-other-${tag}` })
const anonymous = await webUser('anonymous', 'anonymous')
const users = { owner, other, anonymous, admin: { name: 'admin', kind: 'admin', ...connect() } }
assert.equal(new Set([owner.uid, other.uid, anonymous.uid]).size, 3)

/** Runs one cell with the caller's js-sdk and checks the answer and the collection afterwards. */
async function runCell(ctx, c) {
  const before = await snapshot(ctx.adminColl)
  const expected = c.model(before, ctx)
  const res = await c.run(ctx.coll, ctx._, ctx)
  if (expected.error) {
    assert.equal(res?.code, expected.error, `expected ${expected.error}, got ${JSON.stringify(res)}`)
    assert.equal(typeof res.message, 'string')
    assert.equal(typeof res.requestId, 'string')
    assert.equal(res.data, undefined)
    assert.deepEqual(await snapshot(ctx.adminColl), before, 'a refused request changed the collection')
    return
  }
  assert.equal(res?.code, undefined, `the call failed: ${JSON.stringify(res)}`)
  assert.equal(typeof res.requestId, 'string')
  expected.check(res)
  const afterwards = expected.after ? expected.after(res) : before
  assert.deepEqual(await snapshot(ctx.adminColl), afterwards, expected.after ? 'the collection afterwards' : 'a read changed the collection')
}

let cells = 0
describe('classic modes × operations × callers, through js-sdk 2.x (web)', () => {
  for (const [aclTag, { policy }] of Object.entries(MODES)) {
    const mode = { name: aclTag, style: 'classic', policy, apply: name => setAcl(name, aclTag) }
    for (const caller of [owner, other, anonymous]) {
      describe(`${aclTag} · ${caller.name}`, () => {
        let ctx
        before(async () => {
          ctx = await prepareCollection(mode, caller, users)
        })
        for (const c of classicCells(caller)) {
          cells++
          it(`${aclTag} · ${caller.name} · ${c.label}`, async () => {
            await runCell(ctx, c)
          })
        }
      })
    }
  }
})

after(() => console.log(`# js-sdk classic matrix: ${cells} cells`))
