// The end-to-end checks of the unmodified client SDK @cloudbase/js-sdk against the host under test, shared by the
// web-sdk-v{1,2,3}-{web,wx}.test.mjs files: defineWebSdkSuite({version, runtime}) declares the same describe/it blocks
// for one SDK version (1.8.4, 2.32.0, 3.7.0) in one runtime ('web': a browser page, 'wx': a mini program), both from
// web-support.mjs. Not a test file itself (the harness runs only *.test.mjs).
//
// Everything runs as signed-in end users; the admin (node-sdk on /admin) only prepares collections, functions and the
// storage permission, and checks what the server really stored. Database errors are not thrown by the js-sdk: its
// database calls RESOLVE with {code, message, requestId} (cloudbase-web-protocol.md §1), which is what is asserted.
// Failed function calls and uploads are thrown; getTempFileURL and deleteFile answer a code per file.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveObjectURL } from 'node:buffer'
import { connect, uniqueName, freshCollection, adminData, admin, assertDateNear, HEX_ID, quietRealtimeLogs } from './support.mjs'
import { setAcl } from './permissions-support.mjs'
import { deploy } from './functions-support.mjs'
import { fileIdOf, get } from './storage-support.mjs'
import { openSdk, openSignedIn, signInAnonymously, signInWithTicket, signInWithOpenId } from './web-support.mjs'

export const DENIED = 'DATABASE_PERMISSION_DENIED'

quietRealtimeLogs()

/**
 * Who an SDK instance is signed in as, in the SDK's own words. 1.x: the login state's flags and auth.getUserInfo()
 * (the `auth.getUserInfo` action); 2.x/3.x: the login state's user, loginScope() and getUser() (from /auth/v1/user/me).
 */
export async function identityOf(sdk) {
  const state = await sdk.auth.getLoginState()
  assert.ok(state, 'the SDK holds no login state')
  const uid = state.user.uid
  if (sdk.version === 1) {
    const info = await sdk.auth.getUserInfo()
    assert.equal(info.uid, uid, 'getUserInfo and the login state name the same user')
    return { uid, anonymous: state.isAnonymousAuth, loginType: state.loginType, customUserId: info.customUserId, info }
  }
  const scope = await sdk.auth.loginScope()
  const { data } = await sdk.auth.getUser()
  assert.equal(data.user.id, uid, 'getUser and the login state name the same user')
  assert.equal(sdk.auth.currentUser.uid, uid)
  return { uid, anonymous: data.user.is_anonymous, scope, user: data.user }
}

/** A signed-in SDK with the identity the server writes in `_openid` for it (the openid of a WeChat user, else the uid). */
async function signedInUser(options, openid) {
  const sdk = await openSignedIn(options)
  const { uid } = await identityOf(sdk)
  return { sdk, db: sdk.db, _: sdk.db.command, uid, openid: openid ?? uid }
}

/** Asserts a database call resolved (the js-sdk never throws them) with the error `code` and no data. */
export function assertDbError(res, code) {
  assert.equal(res?.code, code, `expected ${code}, got ${JSON.stringify(res)}`)
  assert.equal(typeof res.message, 'string')
  assert.equal(typeof res.requestId, 'string')
  assert.equal(res.data, undefined)
}

/** Asserts a database call succeeded (resolved without a code). */
function ok(res) {
  assert.equal(res?.code, undefined, `the call failed: ${JSON.stringify(res)}`)
  assert.equal(typeof res.requestId, 'string')
  return res
}

/** Every document of a collection as the admin sees it, by `_id`. */
async function adminDocs(name) {
  const { db } = connect()
  const res = await db.collection(name).orderBy('_id', 'asc').limit(1000).get()
  return res.data
}

const sortBy = key => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0)
const keys = res => ok(res).data.map(d => d.k).sort()

/**
 * Starts `ref.watch()` and queues the snapshots. next() takes them one at a time; close() closes the watch and stops
 * the ACK timer the SDK leaves re-arming after a close (it would keep the test process alive).
 */
function startWatch(ref) {
  const snapshots = []
  const errors = []
  let taken = 0
  let wake = () => {}
  const listener = ref.watch({
    onChange(snapshot) {
      snapshots.push(snapshot)
      wake()
    },
    onError(error) {
      errors.push(error)
      wake()
    },
  })
  return {
    async next(timeoutMs = 10_000) {
      await new Promise((resolve, reject) => {
        const ready = () => snapshots.length > taken || errors.length > 0
        const timer = setTimeout(() => reject(new Error(`no snapshot within ${timeoutMs} ms`)), timeoutMs)
        wake = () => {
          if (!ready()) return
          clearTimeout(timer)
          wake = () => {}
          resolve()
        }
        wake()
      })
      if (snapshots.length <= taken) assert.fail(`the watch failed: ${errors.map(e => e?.message ?? JSON.stringify(e)).join(' | ')}`)
      return snapshots[taken++]
    },
    async close() {
      await listener.close()
      listener.virtualClient?.clearACKSchedule?.()
    },
  }
}

/**
 * The web runtime's downloadFile GETs the file as a Blob and hands it to the browser as a download: an <a download>
 * with an object URL, clicked, then revoked (the SDK swallows any failure and resolves {statusCode: 200, tempFilePath:
 * <the temp URL>} regardless). The harness page has no `document`; for the length of the call this gives it one whose
 * link click saves what the user would get. Answers {res, saved: [{name, bytes}]}.
 */
async function browserDownload(app, fileID) {
  const clicked = []
  assert.equal(globalThis.document, undefined, 'a document is already defined')
  globalThis.document = {
    createElement: () => ({
      style: {},
      attributes: {},
      setAttribute(name, value) {
        this.attributes[name] = value
      },
      click() {
        // the SDK revokes the object URL right after the click; take the Blob now
        clicked.push({ name: this.attributes.download, blob: resolveObjectURL(this.href) })
      },
    }),
    body: { appendChild() {}, removeChild() {} },
  }
  let res
  try {
    res = await app.downloadFile({ fileID })
  } finally {
    delete globalThis.document
  }
  const saved = []
  for (const { name, blob } of clicked) saved.push({ name, bytes: Buffer.from(await blob.arrayBuffer()) })
  return { res, saved }
}

/** Declares the suite for one js-sdk version in one runtime. */
export function defineWebSdkSuite({ version, runtime }) {
  const title = `js-sdk ${version}.x (${runtime})`
  const tag = `${version}${runtime}-${randomBytes(4).toString('hex')}`
  // 1.x has no signInWithOpenId at all; 2.x/3.x sign a WeChat user in only inside a mini program (wx.login's code).
  const hasOpenId = runtime === 'wx' && version !== 1
  const { db: adminDb } = connect()

  describe(title, () => {
    let me // the main user: the WeChat user in a 2.x/3.x mini program, else a custom-login user
    let peer // another user (anonymous), for writes from a second client and refusals
    const openid = `o-wsdk-${tag}`

    before(async () => {
      me = hasOpenId
        ? await signedInUser({ version, runtime, signIn: 'openid', openid, appid: 'wx-wsdk' }, openid)
        : await signedInUser({ version, runtime, signIn: { custom: `wsdk-me-${tag}` } })
      peer = await signedInUser({ version, runtime, signIn: 'anonymous' })
      assert.notEqual(me.uid, peer.uid)
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('sign-in and auth state', () => {
      let coll
      before(async () => {
        coll = await freshCollection(adminDb, 'wsdkauth') // PRIVATE: users create and see their own documents
      })

      /** A document added by `user` carries the `_openid` the server gave it. */
      async function addedOpenid(sdk) {
        const res = ok(await sdk.db.collection(coll.name).add({ by: 'x' }))
        assert.match(res.id, HEX_ID)
        const docs = (await coll.doc(res.id).get()).data
        assert.equal(docs.length, 1)
        return docs[0]._openid
      }

      it('nobody is signed in before a sign-in', async () => {
        const sdk = await openSdk({ version, runtime })
        const state = await sdk.auth.getLoginState()
        assert.ok(!state, `a fresh SDK has a login state: ${state && JSON.stringify(state.user)}`)
      })

      it('anonymous: a new uid each time, flagged anonymous; its adds carry _openid = uid', async () => {
        const sdk = await signInAnonymously(await openSdk({ version, runtime }))
        const who = await identityOf(sdk)
        assert.match(who.uid, HEX_ID)
        assert.equal(who.anonymous, true)
        if (version === 1) {
          assert.equal(who.loginType, 'ANONYMOUS')
          assert.equal(who.info.loginType, 'ANONYMOUS')
        } else {
          assert.equal(who.scope, 'anonymous')
        }
        const again = await identityOf(await signInAnonymously(await openSdk({ version, runtime })))
        assert.notEqual(again.uid, who.uid, 'every anonymous sign-in is a new user')
        assert.equal(await addedOpenid(sdk), who.uid)
      })

      it('custom ticket: a stable uid per custom user id, not anonymous; its adds carry _openid = uid', async () => {
        const customUserId = `wsdk-cu-${tag}`
        const sdk = await signInWithTicket(await openSdk({ version, runtime }), customUserId)
        const who = await identityOf(sdk)
        assert.match(who.uid, HEX_ID)
        assert.equal(who.anonymous, false)
        if (version === 1) {
          assert.equal(who.loginType, 'CUSTOM')
          assert.equal(who.customUserId, customUserId)
        } else {
          assert.equal(who.scope, 'user')
          assert.deepEqual(who.user.identities.map(i => i.identity_data.provider_user_id), [customUserId])
        }
        const again = await identityOf(await signInWithTicket(await openSdk({ version, runtime }), customUserId))
        assert.equal(again.uid, who.uid, 'the same custom user id is the same user on another device')
        const other = await identityOf(await signInWithTicket(await openSdk({ version, runtime }), `wsdk-cu2-${tag}`))
        assert.notEqual(other.uid, who.uid)
        assert.equal(await addedOpenid(sdk), who.uid)
      })

      // 1.x has no signInWithOpenId (its only WeChat sign-in, weixinAuthProvider, is a browser redirect to WeChat's
      // OAuth page); 2.x/3.x sign a WeChat user in with it only in a mini program, where wx.login gives the code.
      it('WeChat openid (2.x/3.x mini program): a stable uid per openid; its adds carry _openid = the openid',
        { skip: !hasOpenId && (version === 1 ? '1.x has no signInWithOpenId' : 'openid sign-in needs the mini-program runtime') },
        async () => {
          const wechat = `o-wsdk-id-${tag}`
          const sdk = await signInWithOpenId(await openSdk({ version, runtime, openid: wechat, appid: 'wx-wsdk' }))
          const who = await identityOf(sdk)
          assert.match(who.uid, HEX_ID)
          assert.equal(who.anonymous, false)
          assert.equal(who.scope, 'user')
          assert.notEqual(who.uid, wechat, 'the uid is not the openid')
          assert.deepEqual(who.user.identities.map(i => [i.identity_data.provider_id, i.identity_data.provider_user_id]), [['wechat', wechat]])
          const again = await identityOf(await signInWithOpenId(await openSdk({ version, runtime, openid: wechat, appid: 'wx-wsdk' })))
          assert.equal(again.uid, who.uid, 'the same openid is the same user')
          assert.equal(await addedOpenid(sdk), wechat)
        })

      it('the main user of this suite is who the server sees', async () => {
        assert.equal(await addedOpenid(me.sdk), me.openid)
      })
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('database CRUD as a signed-in user', () => {
      let name
      let c
      let _
      const when = new Date('2024-01-02T03:04:05.678Z')
      const seed = [
        { k: 'a', n: 1, t: 'apple', nested: { a: { b: 1 } }, tags: ['x'], when },
        { k: 'b', n: 2, t: 'Apricot', nested: { a: { b: 2 } }, tags: ['y'], when: new Date('2024-06-01T00:00:00Z') },
        { k: 'c', n: 3, t: 'banana', nested: { a: { b: 3 } }, tags: ['x', 'y'] },
        { k: 'd', n: 4, t: 'cherry', nested: { a: { b: 1 } } },
        { k: 'e', n: 5, t: 'avocado' },
      ]
      const idOf = {}

      before(async () => {
        name = (await freshCollection(adminDb, 'wsdkdb')).name // PRIVATE
        c = me.db.collection(name)
        _ = me._
      })

      it('add many: every document stored with the caller as _openid', async () => {
        const res = ok(await c.add(seed))
        if (version === 1) {
          // @cloudbase/database 0.9.22 (1.x) sends the array but reads only `data._id` of the answer: no ids come back.
          assert.equal(res.ids, undefined)
          assert.equal(res.id, undefined)
        } else {
          assert.equal(res.ids.length, seed.length)
          for (const id of res.ids) assert.match(id, HEX_ID)
        }
        const stored = await adminDocs(name)
        assert.equal(stored.length, seed.length)
        for (const doc of stored) {
          assert.equal(doc._openid, me.openid)
          idOf[doc.k] = doc._id
        }
        if (version !== 1) assert.deepEqual(Object.values(idOf).sort(), [...res.ids].sort())
        assert.deepEqual(stored.map(({ _id, _openid, ...rest }) => rest).sort(sortBy('k')), seed)
      })

      it('add one with a Date, a serverDate, a Geo Point and a nested object: stored typed, _openid set', async () => {
        const db = me.db
        const res = ok(await c.add({ k: 'typed', when, created: db.serverDate(), loc: new db.Geo.Point(113.3, 23.1), deep: { x: { y: [1, { z: 2 }] } } }))
        assert.match(res.id, HEX_ID)
        idOf.typed = res.id
        const [doc] = (await adminDb.collection(name).doc(res.id).get()).data
        assert.equal(doc._openid, me.openid)
        assert.ok(doc.when instanceof Date)
        assert.equal(doc.when.getTime(), when.getTime())
        assertDateNear(doc.created, Date.now(), 60_000)
        assert.deepEqual(doc.loc.toJSON(), { type: 'Point', coordinates: [113.3, 23.1] })
        assert.deepEqual(doc.deep, { x: { y: [1, { z: 2 }] } })
      })

      it('doc get answers {data: [doc]}: Dates come back as Date, the Geo Point as a Point', async () => {
        const db = me.db
        const res = ok(await c.doc(idOf.typed).get())
        assert.equal(res.data.length, 1)
        const doc = res.data[0]
        assert.equal(doc._id, idOf.typed)
        assert.equal(doc._openid, me.openid)
        assert.ok(doc.when instanceof Date, `when is ${JSON.stringify(doc.when)}`)
        assert.equal(doc.when.getTime(), when.getTime())
        assert.ok(doc.created instanceof Date)
        assertDateNear(doc.created, Date.now(), 60_000)
        assert.ok(doc.loc instanceof db.Geo.Point, `loc is ${JSON.stringify(doc.loc)}`)
        assert.equal(doc.loc.longitude, 113.3)
        assert.equal(doc.loc.latitude, 23.1)
        assert.deepEqual(doc.deep, { x: { y: [1, { z: 2 }] } })
      })

      it('doc get of a missing id answers no documents', async () => {
        assert.deepEqual(ok(await c.doc('no-such-id').get()).data, [])
      })

      it('where with _.gt / _.in / _.and / _.or', async () => {
        assert.deepEqual(keys(await c.where({ n: _.gt(3) }).get()), ['d', 'e'])
        assert.deepEqual(keys(await c.where({ k: _.in(['a', 'c', 'zz']) }).get()), ['a', 'c'])
        assert.deepEqual(keys(await c.where({ n: _.gt(1).and(_.lt(4)) }).get()), ['b', 'c'])
        assert.deepEqual(keys(await c.where(_.and([{ n: _.gte(2) }, { n: _.lte(3) }])).get()), ['b', 'c'])
        assert.deepEqual(keys(await c.where(_.or([{ n: 1 }, { t: 'cherry' }])).get()), ['a', 'd'])
        assert.deepEqual(keys(await c.where({ n: _.lt(2).or(_.gt(4)) }).get()), ['a', 'e'])
        assert.deepEqual(keys(await c.where({ tags: 'y' }).get()), ['b', 'c'])
      })

      it('where with a RegExp literal and db.RegExp', async () => {
        assert.deepEqual(keys(await c.where({ t: /^ap/i }).get()), ['a', 'b'])
        assert.deepEqual(keys(await c.where({ t: /^ap/ }).get()), ['a'])
        assert.deepEqual(keys(await c.where({ t: me.db.RegExp({ regexp: 'an+a$', options: '' }) }).get()), ['c'])
      })

      it('where with nested objects (flattened to dotted paths) and dotted keys', async () => {
        assert.deepEqual(keys(await c.where({ nested: { a: { b: 1 } } }).get()), ['a', 'd'])
        assert.deepEqual(keys(await c.where({ 'nested.a.b': _.gte(2) }).get()), ['b', 'c'])
        assert.deepEqual(keys(await c.where({ nested: { a: { b: _.in([2, 3]) } }, n: _.lt(3) }).get()), ['b'])
      })

      it('where with Date values', async () => {
        assert.deepEqual(keys(await c.where({ when: _.lt(new Date('2024-03-01T00:00:00Z')) }).get()), ['a', 'typed'])
        assert.deepEqual(keys(await c.where({ when: when }).get()), ['a', 'typed'])
        assert.deepEqual(keys(await c.where({ when: _.gt(when) }).get()), ['b'])
        assert.deepEqual(keys(await c.where({ created: _.lte(new Date(Date.now() + 60_000)) }).get()), ['typed'])
      })

      // db.serverDate() is documented for query conditions too ("可用于查询条件、更新字段值或新增记录时的字段值"): the
      // server's time when the query runs.
      it('where with a serverDate (the server time in a query condition)', async () => {
        assert.deepEqual(keys(await c.where({ created: _.lte(me.db.serverDate({ offset: 60_000 })) }).get()), ['typed'])
        assert.deepEqual(keys(await c.where({ when: _.lt(me.db.serverDate()) }).get()), ['a', 'b', 'typed'])
        assert.deepEqual(keys(await c.where({ created: _.gt(me.db.serverDate({ offset: 60_000 })) }).get()), [])
      })

      it('where with a Geo query around the stored Point', async () => {
        const db = me.db
        const near = await c.where({ loc: _.geoNear({ geometry: new db.Geo.Point(113.3001, 23.1001), maxDistance: 1000 }) }).get()
        assert.deepEqual(keys(near), ['typed'])
        const far = await c.where({ loc: _.geoNear({ geometry: new db.Geo.Point(0, 0), maxDistance: 1000 }) }).get()
        assert.deepEqual(keys(far), [])
      })

      it('orderBy / skip / limit / field', async () => {
        const res = ok(await c.where({ n: _.gte(1) }).orderBy('n', 'desc').skip(1).limit(2).field({ k: true, n: true }).get())
        assert.deepEqual(res.data, [
          { _id: idOf.d, k: 'd', n: 4 },
          { _id: idOf.c, k: 'c', n: 3 },
        ])
        const two = ok(await c.where({ n: _.gte(1) }).orderBy('nested.a.b', 'asc').orderBy('n', 'desc').field({ t: false, nested: false, tags: false, when: false, _openid: false }).get())
        assert.deepEqual(two.data.map(d => d.k), ['e', 'd', 'a', 'b', 'c'])
        assert.deepEqual(Object.keys(two.data[0]).sort(), ['_id', 'k', 'n'])
      })

      it('count', async () => {
        assert.equal(ok(await c.where({ n: _.gt(2) }).count()).total, 3)
        assert.equal(ok(await c.count()).total, seed.length + 1)
      })

      it('doc update with _.inc, _.push, _.remove, a nested object and a serverDate', async () => {
        const res = ok(await c.doc(idOf.a).update({
          n: _.inc(10), tags: _.push(['p', 'q']), t: _.remove(), nested: { a: { c: 9 } }, touched: me.db.serverDate(),
        }))
        assert.equal(res.updated, 1)
        const [doc] = (await adminDb.collection(name).doc(idOf.a).get()).data
        assert.equal(doc.n, 11)
        assert.deepEqual(doc.tags, ['x', 'p', 'q'])
        assert.equal('t' in doc, false)
        assert.deepEqual(doc.nested, { a: { b: 1, c: 9 } }, 'a nested object in an update merges')
        assertDateNear(doc.touched, Date.now(), 60_000)
        assert.equal(doc._openid, me.openid)
      })

      it('doc set replaces the document and keeps the _openid; set of a new id creates it', async () => {
        const res = ok(await c.doc(idOf.b).set({ k: 'b', n: 20, replaced: true }))
        assert.equal(res.updated, 1)
        assert.equal(res.upsertedId ?? null, null)
        assert.deepEqual((await adminDb.collection(name).doc(idOf.b).get()).data, [{ _id: idOf.b, k: 'b', n: 20, replaced: true, _openid: me.openid }])
        const fresh = `fresh-${tag}`
        const created = ok(await c.doc(fresh).set({ k: 'f', n: 30 }))
        assert.equal(created.updated, 0)
        assert.equal(created.upsertedId, fresh)
        assert.deepEqual((await adminDb.collection(name).doc(fresh).get()).data, [{ _id: fresh, k: 'f', n: 30, _openid: me.openid }])
        idOf.f = fresh
      })

      it('where update changes every matching document', async () => {
        const res = ok(await c.where({ n: _.gte(3).and(_.lte(5)) }).update({ w: _.inc(1), flag: 'hit' }))
        assert.equal(res.updated, 3)
        const stored = await adminDocs(name)
        assert.deepEqual(stored.filter(d => d.flag === 'hit').map(d => d.k).sort(), ['c', 'd', 'e'])
        assert.ok(stored.filter(d => d.flag === 'hit').every(d => d.w === 1))
      })

      it('doc remove and where remove', async () => {
        const one = ok(await c.doc(idOf.f).remove())
        assert.equal(one.deleted, 1)
        const many = ok(await c.where({ flag: 'hit' }).remove())
        assert.equal(many.deleted, 3)
        assert.deepEqual((await adminDocs(name)).map(d => d.k).sort(), ['a', 'b', 'typed'])
        assert.equal(ok(await c.doc('no-such-id').remove()).deleted, 0)
      })

      it('a user get answers at most 20 documents whatever limit is asked; count is not capped', async () => {
        const capped = (await freshCollection(adminDb, 'wsdkcap')).name
        const cc = me.db.collection(capped)
        ok(await cc.add(Array.from({ length: 25 }, (_x, i) => ({ i }))))
        assert.equal((await adminDocs(capped)).length, 25)
        assert.equal(ok(await cc.get()).data.length, 20)
        assert.equal(ok(await cc.limit(100).get()).data.length, 20)
        assert.equal(ok(await cc.limit(1000).get()).data.length, 20)
        assert.equal(ok(await cc.limit(5).get()).data.length, 5)
        const first = ok(await cc.orderBy('i', 'asc').limit(50).get()).data.map(d => d.i)
        const rest = ok(await cc.orderBy('i', 'asc').skip(20).limit(50).get()).data.map(d => d.i)
        assert.deepEqual([...first, ...rest], Array.from({ length: 25 }, (_x, i) => i))
        assert.equal(ok(await cc.count()).total, 25)
      })

      it("aggregate: match, group and sort over the caller's own documents only (the permission filters first)", async () => {
        const name = (await freshCollection(adminDb, 'wsdkagg')).name // PRIVATE: an admin's document is not the caller's
        await adminDb.collection(name).add({ cat: 'x', n: 100 })
        ok(await me.db.collection(name).add([{ cat: 'x', n: 1, when }, { cat: 'y', n: 2 }, { cat: 'x', n: 3 }]))
        const $ = me._.aggregate
        const grouped = ok(await me.db.collection(name).aggregate()
          .match({ n: me._.gte(1) }).group({ _id: '$cat', total: $.sum('$n'), count: $.sum(1) }).sort({ _id: 1 }).end())
        assert.deepEqual(grouped.data, [{ _id: 'x', total: 4, count: 2 }, { _id: 'y', total: 2, count: 1 }])
        const dated = ok(await me.db.collection(name).aggregate().match({ cat: 'x', n: 1 }).project({ _id: 0, when: 1 }).end())
        assert.ok(dated.data[0].when instanceof Date, 'a Date comes back as a Date')
        assert.equal(dated.data[0].when.getTime(), when.getTime())
      })
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('callFunction', () => {
      let whoami
      let add
      before(async () => {
        whoami = (await deploy('whoami')).name
        add = (await deploy('add')).name
      })

      it('calls a function with data and answers {result, requestId}', async () => {
        const res = await me.sdk.app.callFunction({ name: add, data: { a: 12, b: 19 } })
        assert.equal(typeof res.requestId, 'string')
        assert.equal(res.result.sum, 31)
        assert.equal(res.result.openId, hasOpenId ? me.openid : undefined)
      })

      it('the function sees the caller: the main user', async () => {
        const { result } = await me.sdk.app.callFunction({ name: whoami, data: {} })
        assert.equal(result.variables.TCB_UUID, me.uid)
        assert.equal(result.auth.uid, me.uid)
        assert.equal(result.auth.isAnonymous, false)
        if (hasOpenId) {
          assert.deepEqual(result.userInfo, { appId: 'wx-wsdk', openId: me.openid })
          assert.equal(result.variables.WX_OPENID, me.openid)
          assert.equal(result.variables.LOGINTYPE, 'WECHAT')
        } else {
          assert.equal(result.variables.TCB_CUSTOM_USER_ID, `wsdk-me-${tag}`)
          assert.equal(result.auth.customUserId, `wsdk-me-${tag}`)
          assert.equal(result.variables.WX_OPENID, null)
          assert.equal(result.userInfo.openId, undefined)
        }
      })

      it('the function sees the caller: an anonymous user', async () => {
        const { result } = await peer.sdk.app.callFunction({ name: whoami, data: { userInfo: { openId: 'forged' } } })
        assert.equal(result.variables.TCB_UUID, peer.uid)
        assert.equal(result.variables.TCB_ISANONYMOUS_USER, 'true')
        assert.equal(result.auth.isAnonymous, true)
        assert.equal(result.userInfo.openId, undefined, 'a caller cannot forge userInfo')
      })

      it('a missing function throws FUNCTIONS_EXECUTE_FAIL (functions errors are thrown, not resolved)', async () => {
        await assert.rejects(me.sdk.app.callFunction({ name: `missing-${tag}`, data: {} }), e => {
          assert.match(String(e?.message ?? e), /FUNCTIONS_EXECUTE_FAIL/)
          return true
        })
      })
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('storage', () => {
      const dir = uniqueName('wsdk')
      const content = randomBytes(40_000)
      let previous // the environment's storage permission before this block, restored after it
      let files // a local directory for the file a mini program uploads
      let localPath
      const source = filename => (runtime === 'wx' ? localPath : new File([content], filename))

      before(async () => {
        files = mkdtempSync(join(tmpdir(), 'wsdk-'))
        localPath = join(files, 'upload.bin')
        writeFileSync(localPath, content)
        previous = await adminData('actorcloud.describeStorageSafeRule', {})
        // READONLY: users create their own files and everyone reads
        if (previous.AclTag !== 'READONLY') await adminData('actorcloud.modifyStorageSafeRule', { AclTag: 'READONLY' })
      })

      after(async () => {
        if (files) rmSync(files, { recursive: true, force: true })
        if (previous && previous.AclTag !== 'READONLY') {
          await adminData('actorcloud.modifyStorageSafeRule', previous.Rule ? { AclTag: previous.AclTag, Rule: previous.Rule } : { AclTag: previous.AclTag })
        }
      })

      /**
       * Uploads `content` as the main user and checks the answer; in a mini program also that the bytes went with the
       * HTTP method `sent` (the fake wx records every request: the upload is the one that is not a /web call).
       */
      async function upload(path, method, sent) {
        const traffic = me.sdk.wx?.traffic
        const seen = traffic?.length
        const res = await me.sdk.app.uploadFile({ cloudPath: path, filePath: source('upload.bin'), ...(method ? { method } : {}) })
        assert.equal(res.fileID, fileIdOf(path), JSON.stringify(res))
        if (traffic && sent) {
          const uploads = traffic.slice(seen).filter(line => !/ \/web$/.test(line))
          assert.equal(uploads.length, 1, `one upload request: ${JSON.stringify(traffic.slice(seen))}`)
          assert.ok(uploads[0].startsWith(`${sent} `), `the upload was ${uploads[0]}`)
        }
        return res.fileID
      }

      /** The bytes at a temp URL the SDK got for the main user. */
      async function fetched(fileID) {
        const res = await me.sdk.app.getTempFileURL({ fileList: [fileID] })
        assert.equal(res.fileList.length, 1)
        const [item] = res.fileList
        assert.equal(item.code, 'SUCCESS', JSON.stringify(item))
        assert.equal(item.fileID, fileID)
        const got = await get(item.tempFileURL)
        assert.equal(got.status, 200)
        return Buffer.from(await got.arrayBuffer())
      }

      // 1.x always uploads with the multipart form POST (it has no `method` option), so its default upload is that one.
      it(`uploadFile (default: ${version === 1 ? 'the form POST' : 'PUT'}), getTempFileURL: the bytes come back identical`, async () => {
        const fileID = await upload(`${dir}/default.bin`, undefined, version === 1 ? 'POST' : 'PUT')
        assert.ok((await fetched(fileID)).equals(content))
      })

      // 'post' in a browser is the multipart form POST (answered 201); a 2.x/3.x mini program POSTs the raw bytes with
      // wx.request instead (cloudbase-web-protocol.md §6).
      it(`uploadFile({method: 'post'}) (${runtime === 'web' ? 'the multipart form POST' : 'raw bytes POSTed by wx.request'}): the bytes come back identical`,
        { skip: version === 1 && '1.x has no method option: its default upload above is the form POST' },
        async () => {
          const fileID = await upload(`${dir}/post.bin`, 'post', 'POST')
          assert.ok((await fetched(fileID)).equals(content))
        })

      it('getTempFileURL with a maxAge, and of a missing file', async () => {
        const fileID = await upload(`${dir}/aged.bin`)
        const missing = fileIdOf(`${dir}/missing.bin`)
        const res = await me.sdk.app.getTempFileURL({ fileList: [{ fileID, maxAge: 120 }, missing] })
        assert.deepEqual(res.fileList.map(i => [i.fileID, i.code]), [[fileID, 'SUCCESS'], [missing, 'STORAGE_FILE_NONEXIST']])
        const got = await get(res.fileList[0].tempFileURL)
        assert.ok(Buffer.from(await got.arrayBuffer()).equals(content))
      })

      it(`downloadFile: the bytes ${runtime === 'wx' ? 'in the downloaded temp file' : 'the browser saves'} are identical`, async () => {
        const fileID = await upload(`${dir}/download.bin`)
        if (runtime === 'wx') {
          const res = await me.sdk.app.downloadFile({ fileID })
          assert.equal(res.statusCode, 200)
          assert.ok(readFileSync(res.tempFilePath).equals(content))
          rmSync(res.tempFilePath) // the fake wx downloads into a temp directory of its own
        } else {
          const { res, saved } = await browserDownload(me.sdk.app, fileID)
          assert.equal(res.statusCode, 200)
          assert.equal(saved.length, 1, 'the browser was handed one download')
          assert.equal(saved[0].name, 'download.bin')
          assert.ok(saved[0].bytes.equals(content))
        }
      })

      it('another user cannot overwrite (thrown) or delete (a per-file code) the file under READONLY storage; its owner deletes it', async () => {
        const path = `${dir}/delete.bin`
        const fileID = await upload(path)
        await assert.rejects(peer.sdk.app.uploadFile({ cloudPath: path, filePath: source('other.bin') }), e => {
          assert.match(String(e?.message ?? e), /STORAGE_EXCEED_AUTHORITY/)
          return true
        })
        const refused = await peer.sdk.app.deleteFile({ fileList: [fileID] })
        assert.deepEqual(refused.fileList.map(i => [i.fileID, i.code]), [[fileID, 'STORAGE_EXCEED_AUTHORITY']])
        assert.ok((await fetched(fileID)).equals(content), 'the refused overwrite and delete left the file as it was')
        const res = await me.sdk.app.deleteFile({ fileList: [fileID] })
        assert.deepEqual(res.fileList.map(i => [i.fileID, i.code]), [[fileID, 'SUCCESS']])
        const after = await me.sdk.app.getTempFileURL({ fileList: [fileID] })
        assert.equal(after.fileList[0].code, 'STORAGE_FILE_NONEXIST')
      })
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('realtime watch', () => {
      it("where(...).watch() sees the initial snapshot, then another client's add", async () => {
        const name = (await freshCollection(adminDb, 'wsdkwatch')).name
        await setAcl(name, 'READONLY') // everyone reads, users create
        const first = ok(await me.db.collection(name).add({ n: 1, who: 'me' }))
        ok(await me.db.collection(name).add({ n: -1, who: 'me' })) // outside the query
        const watch = startWatch(me.db.collection(name).where({ n: me._.gte(1) }))
        try {
          const init = await watch.next()
          assert.equal(init.msgType, 'INIT_EVENT')
          assert.deepEqual(init.docChanges.map(ch => [ch.dataType, ch.docId]), [['init', first.id]])
          assert.deepEqual(init.docs.map(d => d._id), [first.id])
          assert.deepEqual(init.docs[0], { _id: first.id, n: 1, who: 'me', _openid: me.openid })
          const added = ok(await peer.db.collection(name).add({ n: 2, who: 'peer' }))
          ok(await peer.db.collection(name).add({ n: -2, who: 'peer' })) // outside the query: no event
          const next = await watch.next()
          assert.equal(next.msgType, 'NEXT_EVENT')
          assert.deepEqual(next.docChanges.map(ch => [ch.dataType, ch.queueType, ch.docId]), [['add', 'enqueue', added.id]])
          assert.deepEqual(next.docChanges[0].doc, { _id: added.id, n: 2, who: 'peer', _openid: peer.openid })
          assert.deepEqual(next.docs.map(d => d._id).sort(), [first.id, added.id].sort())
        } finally {
          await watch.close()
        }
      })
    })

    // -----------------------------------------------------------------------------------------------------------
    describe('refusals', () => {
      /** A collection under `tag` holding one document of the main user's (added by them or, if they may not, the admin). */
      async function scenario(aclTag) {
        const coll = await freshCollection(adminDb, 'wsdkdeny')
        await setAcl(coll.name, aclTag)
        await coll.add({ _id: 'mine', k: 'mine', n: 1, _openid: me.openid })
        return { coll, name: coll.name, before: await adminDocs(coll.name) }
      }
      const unchanged = async s => assert.deepEqual(await adminDocs(s.name), s.before, 'the refused request changed the collection')

      it("READONLY: another user reads the main user's document, but cannot set it (DATABASE_PERMISSION_DENIED, resolved); update/remove match nothing", async () => {
        const s = await scenario('READONLY')
        const c = peer.db.collection(s.name)
        assert.deepEqual(ok(await c.doc('mine').get()).data, s.before)
        assertDbError(await c.doc('mine').set({ k: 'taken' }), DENIED)
        await unchanged(s)
        assert.equal(ok(await c.doc('mine').update({ n: peer._.inc(1) })).updated, 0)
        assert.equal(ok(await c.where({ k: 'mine' }).update({ n: 5 })).updated, 0)
        assert.equal(ok(await c.doc('mine').remove()).deleted, 0)
        assert.equal(ok(await c.where({ n: peer._.gt(0) }).remove()).deleted, 0)
        await unchanged(s)
      })

      it('READONLY: an add forging another _openid is refused', async () => {
        const s = await scenario('READONLY')
        assertDbError(await peer.db.collection(s.name).add({ k: 'forged', _openid: me.openid }), DENIED)
        await unchanged(s)
      })

      it("PRIVATE: another user sees none of the main user's documents and cannot set them", async () => {
        const s = await scenario('PRIVATE')
        const c = peer.db.collection(s.name)
        assert.deepEqual(ok(await c.doc('mine').get()).data, [])
        assert.deepEqual(ok(await c.get()).data, [])
        assert.equal(ok(await c.count()).total, 0)
        assertDbError(await c.doc('mine').set({ k: 'taken' }), DENIED)
        assert.equal(ok(await c.doc('mine').update({ k: 'taken' })).updated, 0)
        await unchanged(s)
        // and the owner still sees it
        assert.deepEqual(ok(await me.db.collection(s.name).doc('mine').get()).data, s.before)
      })

      it('ADMINWRITE: every user write is refused, reads are allowed', async () => {
        const s = await scenario('ADMINWRITE')
        const c = me.db.collection(s.name)
        assert.deepEqual(ok(await c.get()).data, s.before)
        assertDbError(await c.add({ k: 'new' }), DENIED)
        assertDbError(await c.add([{ k: 'new1' }, { k: 'new2' }]), DENIED)
        assertDbError(await c.doc('mine').update({ n: me._.inc(1) }), DENIED)
        assertDbError(await c.where({ k: 'mine' }).update({ n: 2 }), DENIED)
        assertDbError(await c.doc('mine').set({ k: 'set' }), DENIED)
        assertDbError(await c.doc('mine').remove(), DENIED)
        assertDbError(await c.where({ k: 'mine' }).remove(), DENIED)
        await unchanged(s)
      })

      it('ADMINONLY: reads and counts are refused too', async () => {
        const s = await scenario('ADMINONLY')
        const c = me.db.collection(s.name)
        assertDbError(await c.get(), DENIED)
        assertDbError(await c.doc('mine').get(), DENIED)
        assertDbError(await c.where({ k: 'mine' }).count(), DENIED)
        assertDbError(await c.add({ k: 'new' }), DENIED)
        await unchanged(s)
      })

      it('db.createCollection is admin-only: refused (resolved) and nothing is created', async () => {
        const name = uniqueName('wsdknocoll')
        assertDbError(await me.db.createCollection(name), DENIED)
        const res = await admin('actorcloud.describeDatabaseACL', { CollectionName: name })
        assert.equal(res.code, 'DATABASE_COLLECTION_NOT_EXIST', JSON.stringify(res))
      })

      it('a missing collection: DATABASE_COLLECTION_NOT_EXIST (resolved), and an add does not create it', async () => {
        const name = uniqueName('wsdknocoll')
        assertDbError(await me.db.collection(name).get(), 'DATABASE_COLLECTION_NOT_EXIST')
        assertDbError(await me.db.collection(name).add({ a: 1 }), 'DATABASE_COLLECTION_NOT_EXIST')
        const res = await admin('actorcloud.describeDatabaseACL', { CollectionName: name })
        assert.equal(res.code, 'DATABASE_COLLECTION_NOT_EXIST', JSON.stringify(res))
      })
    })
  })
}
