// Aggregation as END USERS: @cloudbase/node-sdk with a custom-login user's token (`database.aggregateDocuments` on
// /admin with a user's rights, users.mjs) and the unmodified @cloudbase/js-sdk 2.x as a browser page
// (`database.aggregate` on /web, web-support.mjs). The server puts the caller's read permission in front of the
// pipeline (inside the $geoNear that must stay first) and in front of each $lookup's foreign collection, so under the
// classic modes:
//   PRIVATE    a user aggregates only their own documents (group counts prove it, whatever the pipeline asks for),
//              and a $lookup into a PRIVATE collection joins only their own foreign documents
//   READONLY   every document
//   ADMINONLY  refused with DATABASE_PERMISSION_DENIED (node-sdk throws it; the js-sdk resolves {code, message})
// The admin (node-sdk with the key) seeds the collections, with `_openid` set to each user's uid, and sees everything.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { connect, seededCollection, uniqueName, readAll, expectError, assertShape } from './support.mjs'
import { signInCustom, connectUser } from './users.mjs'
import { setAcl, DENIED } from './permissions-support.mjs'
import { openSignedIn } from './web-support.mjs'

const tag = randomBytes(4).toString('hex')
const { db: adminDb, _: _a } = connect()
const $ = _a.aggregate

// Two node-sdk users and one js-sdk 2.x page, all custom-login users: `_openid` is their uid.
const alice = connectUser(await signInCustom(`agg-alice-${tag}`))
const bob = connectUser(await signInCustom(`agg-bob-${tag}`))
const page = await openSignedIn({ version: 2, runtime: 'web', signIn: { custom: `agg-web-${tag}` } })
const web = { db: page.db, _: page.db.command, uid: (await page.auth.getLoginState()).user.uid }
assert.equal(new Set([alice.uid, bob.uid, web.uid]).size, 3)

const at = iso => new Date(iso)

/** The same documents for every mode: three of Alice's, two of Bob's, two of the page user's, one of nobody's. */
const seedDocs = () => [
  { _id: 'a1', k: 'x', n: 1, _openid: alice.uid, at: at('2024-01-01T00:00:00Z') },
  { _id: 'a2', k: 'x', n: 2, _openid: alice.uid, at: at('2024-01-02T00:00:00Z') },
  { _id: 'a3', k: 'y', n: 3, _openid: alice.uid, at: at('2024-01-03T00:00:00Z') },
  { _id: 'b1', k: 'x', n: 10, _openid: bob.uid, at: at('2024-02-01T00:00:00Z') },
  { _id: 'b2', k: 'z', n: 20, _openid: bob.uid, at: at('2024-02-02T00:00:00Z') },
  { _id: 'w1', k: 'x', n: 100, _openid: web.uid, at: at('2024-03-01T12:34:56.789Z') },
  { _id: 'w2', k: 'y', n: 200, _openid: web.uid, at: at('2024-03-02T00:00:00Z') },
  { _id: 'n1', k: 'x', n: 1000 },
]

/** A new collection with the seed documents under the classic mode `aclTag`. */
async function modeCollection(aclTag, docs = seedDocs(), prefix = 'aggu') {
  const coll = await seededCollection(adminDb, docs, prefix)
  await setAcl(coll.name, aclTag)
  return coll.name
}

/** node-sdk: runs an aggregation and returns its documents ({data, requestId}). */
async function run(aggregation) {
  const res = await aggregation.end()
  assertShape(res, ['data', 'requestId'])
  return res.data
}

/** js-sdk: an aggregation must resolve {data: [...], requestId} (it never throws database errors). */
async function runWeb(aggregation) {
  const res = await aggregation.end()
  assert.equal(res?.code, undefined, `the aggregation failed: ${JSON.stringify(res)}`)
  assert.equal(typeof res.requestId, 'string')
  assert.ok(Array.isArray(res.data), `data must be an array: ${JSON.stringify(res)}`)
  return res.data
}

/** {key: count} of a `group({_id: '$k', n: $.sum(1)})` result. */
const counts = docs => Object.fromEntries(docs.map(d => [d._id, d.n]))

/** The per-key counts and total of `n` a caller must see, from the seed documents passing `visible`. */
function expectedGroups(visible) {
  const seen = seedDocs().filter(visible)
  const byKey = {}
  for (const d of seen) byKey[d.k] = (byKey[d.k] ?? 0) + 1
  return { counts: byKey, total: seen.reduce((s, d) => s + d.n, 0), ids: seen.map(d => d._id).sort() }
}

const groupByK = (coll, $$) => coll.aggregate().group({ _id: '$k', n: $$.sum(1) }).sort({ _id: 1 })

describe('PRIVATE: each user aggregates only their own documents', () => {
  let name
  before(async () => {
    name = await modeCollection('PRIVATE')
  })
  const own = uid => d => d._openid === uid

  it('node-sdk users: group counts and sums cover only their documents', async () => {
    for (const user of [alice, bob]) {
      const want = expectedGroups(own(user.uid))
      const coll = user.db.collection(name)
      assert.deepEqual(counts(await run(groupByK(coll, $))), want.counts, `${user.uid}'s group counts`)
      assert.deepEqual(await run(coll.aggregate().group({ _id: null, total: $.sum('$n'), c: $.sum(1) })), [{ _id: null, total: want.total, c: want.ids.length }])
      assert.deepEqual(await run(coll.aggregate().count('c')), [{ c: want.ids.length }])
    }
  })

  it("asking for another user's documents finds nothing: a leading match, a later match, or a group first", async () => {
    const coll = alice.db.collection(name)
    assert.deepEqual(await run(coll.aggregate().match({ _openid: bob.uid })), [])
    assert.deepEqual(await run(coll.aggregate().match({ _id: alice.db.command.in(['b1', 'b2', 'n1', 'a1']) }).project({ _id: 1 })), [{ _id: 'a1' }])
    assert.deepEqual(await run(coll.aggregate().group({ _id: '$_openid', n: $.sum(1) })), [{ _id: alice.uid, n: 3 }])
    assert.deepEqual(await run(coll.aggregate().sort({ n: -1 }).limit(1).project({ _id: 1 })), [{ _id: 'a3' }])
  })

  it('the admin sees every document', async () => {
    const want = expectedGroups(() => true)
    assert.deepEqual(counts(await run(groupByK(adminDb.collection(name), $))), want.counts)
  })

  it('js-sdk 2.x (web): only the page user\'s documents, as {data: [...]} with Dates as Date', async () => {
    const coll = web.db.collection(name)
    const $w = web._.aggregate
    assert.deepEqual(counts(await runWeb(groupByK(coll, $w))), expectedGroups(own(web.uid)).counts)
    const docs = await runWeb(coll.aggregate().sort({ _id: 1 }))
    assert.deepEqual(docs.map(d => d._id), ['w1', 'w2'])
    assert.ok(docs[0].at instanceof Date, `expected a Date, got ${JSON.stringify(docs[0].at)}`)
    assert.equal(docs[0].at.getTime(), Date.parse('2024-03-01T12:34:56.789Z'))
    const [latest] = await runWeb(coll.aggregate().group({ _id: null, last: $w.max('$at') }))
    assert.ok(latest.last instanceof Date)
    assert.equal(latest.last.getTime(), Date.parse('2024-03-02T00:00:00Z'))
    assert.deepEqual(await runWeb(coll.aggregate().match({ _openid: alice.uid })), [])
  })
})

describe('READONLY: users aggregate every document', () => {
  let name
  before(async () => {
    name = await modeCollection('READONLY')
  })
  const want = expectedGroups(() => true)

  it('node-sdk users', async () => {
    for (const user of [alice, bob]) {
      assert.deepEqual(counts(await run(groupByK(user.db.collection(name), $))), want.counts)
      assert.deepEqual(await run(user.db.collection(name).aggregate().group({ _id: null, total: $.sum('$n') })), [{ _id: null, total: want.total }])
    }
  })

  it('js-sdk 2.x (web)', async () => {
    assert.deepEqual(counts(await runWeb(groupByK(web.db.collection(name), web._.aggregate))), want.counts)
  })
})

describe('ADMINONLY: users are refused', () => {
  let name, before_
  before(async () => {
    name = await modeCollection('ADMINONLY')
    before_ = await readAll(adminDb.collection(name))
  })

  it('node-sdk users: DATABASE_PERMISSION_DENIED', async () => {
    await expectError(alice.db.collection(name).aggregate().group({ _id: null, n: $.sum(1) }).end(), DENIED)
    await expectError(bob.db.collection(name).aggregate().match({ _openid: bob.uid }).end(), DENIED)
    await expectError(alice.db.collection(name).aggregate().end(), DENIED)
  })

  it('js-sdk 2.x (web): resolves {code: DATABASE_PERMISSION_DENIED, message, requestId}', async () => {
    const res = await web.db.collection(name).aggregate().match({ _openid: web.uid }).end()
    assert.equal(res?.code, DENIED, JSON.stringify(res))
    assert.equal(typeof res.message, 'string')
    assert.equal(typeof res.requestId, 'string')
    assert.equal(res.data, undefined)
  })

  it('the admin still aggregates it, and nothing changed', async () => {
    assert.equal((await run(adminDb.collection(name).aggregate().limit(100))).length, 8)
    assert.deepEqual(await readAll(adminDb.collection(name)), before_)
  })
})

describe('$lookup into a PRIVATE collection joins only the caller\'s own foreign documents', () => {
  let orders, stock, locked
  const stockDocs = () => [
    { _id: 's-a', item: 'apple', qty: 1, _openid: alice.uid },
    { _id: 's-b1', item: 'apple', qty: 2, _openid: bob.uid },
    { _id: 's-b2', item: 'pear', qty: 5, _openid: bob.uid },
    { _id: 's-w', item: 'apple', qty: 7, _openid: web.uid },
    { _id: 's-n', item: 'apple', qty: 100 },
  ]
  before(async () => {
    // The orders are readable by all; what they join is private.
    orders = await modeCollection('READONLY', [{ _id: 'o1', item: 'apple' }, { _id: 'o2', item: 'pear' }], 'aggu_orders')
    stock = await modeCollection('PRIVATE', stockDocs(), 'aggu_stock')
    locked = await modeCollection('ADMINONLY', stockDocs(), 'aggu_locked')
  })

  /** The stock ids each order joins when the caller sees the stock documents passing `visible`. */
  const joined = visible => ({
    o1: stockDocs().filter(s => s.item === 'apple' && visible(s)).map(s => s._id).sort(),
    o2: stockDocs().filter(s => s.item === 'pear' && visible(s)).map(s => s._id).sort(),
  })
  const idsPerOrder = docs => Object.fromEntries(docs.map(d => [d._id, d.stock.map(s => s._id).sort()]))

  it('localField/foreignField form, per node-sdk user and for the admin', async () => {
    for (const [caller, visible] of [[alice, s => s._openid === alice.uid], [bob, s => s._openid === bob.uid], [{ db: adminDb }, () => true]]) {
      const docs = await run(caller.db.collection(orders).aggregate().lookup({ from: stock, localField: 'item', foreignField: 'item', as: 'stock' }).sort({ _id: 1 }))
      assert.deepEqual(idsPerOrder(docs), joined(visible))
    }
  })

  it('let/pipeline form: the sub-pipeline runs over the caller\'s own documents only', async () => {
    const _u = alice.db.command
    const docs = await run(
      alice.db.collection(orders).aggregate()
        .lookup({
          from: stock,
          let: { wanted: '$item' },
          pipeline: $.pipeline().match(_u.expr($.eq(['$item', '$$wanted']))).group({ _id: null, qty: $.sum('$qty'), n: $.sum(1) }).done(),
          as: 'total',
        })
        .sort({ _id: 1 })
    )
    assert.deepEqual(docs, [{ _id: 'o1', item: 'apple', total: [{ _id: null, qty: 1, n: 1 }] }, { _id: 'o2', item: 'pear', total: [] }])
  })

  it('a lookup nested in a sub-pipeline is filtered too', async () => {
    const docs = await run(
      bob.db.collection(orders).aggregate()
        .match({ _id: 'o1' })
        .lookup({
          from: orders,
          pipeline: $.pipeline().lookup({ from: stock, localField: 'item', foreignField: 'item', as: 'stock' }).sort({ _id: 1 }).done(),
          as: 'all',
        })
        .project({ _id: 0, all: 1 })
    )
    assert.deepEqual(docs[0].all.map(o => [o._id, o.stock.map(s => s._id).sort()]), [['o1', ['s-b1']], ['o2', ['s-b2']]])
  })

  it('js-sdk 2.x (web): only the page user\'s stock', async () => {
    const docs = await runWeb(web.db.collection(orders).aggregate().lookup({ from: stock, localField: 'item', foreignField: 'item', as: 'stock' }).sort({ _id: 1 }))
    assert.deepEqual(idsPerOrder(docs), joined(s => s._openid === web.uid))
  })

  it('a lookup into an ADMINONLY collection is refused for users (node-sdk and js-sdk)', async () => {
    await expectError(alice.db.collection(orders).aggregate().lookup({ from: locked, localField: 'item', foreignField: 'item', as: 'stock' }).end(), DENIED)
    const res = await web.db.collection(orders).aggregate().lookup({ from: locked, localField: 'item', foreignField: 'item', as: 'stock' }).end()
    assert.equal(res?.code, DENIED, JSON.stringify(res))
  })

  it('a lookup into a collection that does not exist joins nothing', async () => {
    const docs = await run(alice.db.collection(orders).aggregate().lookup({ from: uniqueName('aggu_none'), localField: 'item', foreignField: 'item', as: 'stock' }).sort({ _id: 1 }))
    assert.deepEqual(idsPerOrder(docs), { o1: [], o2: [] })
  })
})

describe('$geoNear as a user is still filtered', () => {
  let name
  // Points along a line east of the centre, 0.01° apart: the owner alternates, so the nearest document overall is Bob's.
  const centre = [113.3, 23.1]
  const owners = () => [bob.uid, alice.uid, bob.uid, alice.uid, web.uid, undefined]
  before(async () => {
    const { Point } = adminDb.Geo
    name = await modeCollection(
      'PRIVATE',
      owners().map((uid, i) => ({ _id: `p${i}`, i, location: new Point(centre[0] + 0.01 * (i + 1), centre[1]), ...(uid ? { _openid: uid } : {}) })),
      'aggu_geo'
    )
  })

  it('node-sdk users: only their own places, nearest first; a query naming another user finds nothing', async () => {
    const { Point } = alice.db.Geo
    for (const [user, want] of [[alice, ['p1', 'p3']], [bob, ['p0', 'p2']]]) {
      const docs = await run(user.db.collection(name).aggregate().geoNear({ distanceField: 'd', near: new Point(...centre), spherical: true }))
      assert.deepEqual(docs.map(d => d._id), want)
      assert.ok(docs[0].d < docs[1].d)
    }
    const other = await run(alice.db.collection(name).aggregate().geoNear({ distanceField: 'd', near: new Point(...centre), query: { _openid: bob.uid } }))
    assert.deepEqual(other, [])
    const near = await run(alice.db.collection(name).aggregate().geoNear({ distanceField: 'd', near: new Point(...centre), query: { i: alice.db.command.gte(2) } }).limit(1))
    assert.deepEqual(near.map(d => d._id), ['p3'])
  })

  it('js-sdk 2.x (web): only the page user\'s place', async () => {
    const { Point } = web.db.Geo
    const docs = await runWeb(web.db.collection(name).aggregate().geoNear({ distanceField: 'd', near: new Point(...centre), spherical: true }))
    assert.deepEqual(docs.map(d => d._id), ['p4'])
  })

  it('the admin sees all six, nearest first', async () => {
    const { Point } = adminDb.Geo
    const docs = await run(adminDb.collection(name).aggregate().geoNear({ distanceField: 'd', near: new Point(...centre) }))
    assert.deepEqual(docs.map(d => d._id), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'])
  })
})

