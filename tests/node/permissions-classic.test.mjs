// Classic collection permissions (protocol §4.2) as end users meet them through node-sdk with a user's access token:
// the matrix of the four modes × every database operation × {owner, another user, an anonymous user, no credential,
// admin}; `_openid` forgery on add/update/set; attempts to widen the silent `_openid` filter; the 20-document cap on a
// user's reads; and a user's token on admin-only actions.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, expectError, adminData, admin as adminAction } from './support.mjs'
import {
  DENIED, MODES, signInUsers, defineMatrix, classicCells, snapshot, setAcl, asUser, expectNoCredential, byId,
} from './permissions-support.mjs'

const users = await signInUsers()
const { owner, other, anonymous } = users
const { db, _ } = connect()

// ---------------------------------------------------------------------------------------------------------------
// The matrix. Expected answers (users; the admin may do everything everywhere; no credential ⇒ SIGN_PARAM_INVALID):
//   READONLY   reads see every document; writes of others' documents match nothing (updated/deleted 0)
//   PRIVATE    reads see only the caller's documents (counts too); writes as READONLY
//   ADMINWRITE reads see every document; add/update/set/remove ⇒ DATABASE_PERMISSION_DENIED
//   ADMINONLY  every operation ⇒ DATABASE_PERMISSION_DENIED
// and, under READONLY/PRIVATE, doc(id).set() over another user's document ⇒ DATABASE_PERMISSION_DENIED.
const modes = Object.entries(MODES).map(([tag, { policy }]) => ({
  name: tag, style: 'classic', policy, apply: name => setAcl(name, tag),
}))
const matrixSize = defineMatrix('classic modes × operations × callers', modes, users.callers, users, classicCells)

after(() => console.log(`# classic matrix: ${matrixSize()} cells`))

// ---------------------------------------------------------------------------------------------------------------
/** A collection under `tag` holding the owner's own-1..3, a document of the other user's and one of the admin's. */
async function scenario(tag) {
  const coll = await freshCollection(db, 'permx')
  await setAcl(coll.name, tag)
  await coll.add([
    { _id: 'own-1', k: 'own', n: 1, _openid: owner.openid },
    { _id: 'own-2', k: 'own', n: 2, _openid: owner.openid },
    { _id: 'own-3', k: 'own', n: 3, _openid: owner.openid },
    { _id: 'theirs', k: 'other', n: 5, _openid: other.openid },
    { _id: 'adm-1', k: 'adm', n: 4 },
  ])
  return { coll, as: user => user.db.collection(coll.name) }
}

/** Awaits a refusal with `code` and checks the collection did not change. */
async function refusedUnchanged(coll, call, code = DENIED) {
  const before = await snapshot(coll)
  await expectError(call, code)
  assert.deepEqual(await snapshot(coll), before, 'the refused request changed the collection')
}

for (const tag of ['READONLY', 'PRIVATE']) {
  describe(`${tag}: _openid forgery`, () => {
    let s
    before(async () => {
      s = await scenario(tag)
    })

    const addForgeries = [
      ["another user's openid", () => ({ k: 'x', _openid: owner.openid })],
      ['an empty openid', () => ({ k: 'x', _openid: '' })],
      ['a nested object', () => ({ k: 'x', _openid: { x: owner.openid } })],
      ['null', () => ({ k: 'x', _openid: null })],
    ]
    for (const [name, doc] of addForgeries) {
      it(`add with ${name} as _openid is refused`, async () => {
        await refusedUnchanged(s.coll, () => s.as(other).add(doc()))
      })
    }

    it('a batch add with one forged document is refused as a whole', async () => {
      await refusedUnchanged(s.coll, () => s.as(other).add([{ k: 'ok' }, { k: 'forged', _openid: owner.openid }]))
    })

    it("add naming the caller's own openid is allowed and stores it", async () => {
      const res = await s.as(other).add({ k: 'honest', n: 9, _openid: other.openid })
      const [doc] = (await s.coll.doc(res.id).get()).data
      assert.deepEqual(doc, { _id: res.id, k: 'honest', n: 9, _openid: other.openid })
      await s.coll.doc(res.id).remove()
    })

    const updateForgeries = [
      ['a plain value', _ => ({ _openid: owner.openid })],
      ['_.set', _ => ({ _openid: _.set(owner.openid) })],
      ['_.set of an object', _ => ({ _openid: _.set({ x: 1 }) })],
      ['$unset (_.remove)', _ => ({ _openid: _.remove() })],
      ['$rename to _openid', _ => ({ k: _.rename('_openid') })],
      ['$rename of _openid', _ => ({ _openid: _.rename('was') })],
      ['a nested object (_openid.x)', _ => ({ _openid: { x: 1 } })],
      ["a dotted path '_openid.x'", _ => ({ '_openid.x': 1 })],
      ['_.inc', _ => ({ _openid: _.inc(1) })],
      ['_.push', _ => ({ _openid: _.push('x') })],
    ]
    for (const [name, update] of updateForgeries) {
      it(`doc update of own document with ${name} on _openid is refused`, async () => {
        const u = s.as(other)
        await refusedUnchanged(s.coll, () => u.doc('theirs').update(update(other._)))
      })
      it(`where update with ${name} on _openid is refused`, async () => {
        const u = s.as(other)
        await refusedUnchanged(s.coll, () => u.where({ n: _.gt(0) }).update(update(other._)))
      })
    }

    it("doc set of own document with another user's openid is refused", async () => {
      await refusedUnchanged(s.coll, () => s.as(other).doc('theirs').set({ k: 'forged', _openid: owner.openid }))
    })

    it("doc set of a new id with another user's openid is refused (nothing is created)", async () => {
      await refusedUnchanged(s.coll, () => s.as(other).doc('brand-new').set({ k: 'forged', _openid: owner.openid }))
    })

    it("doc set of own document naming the caller's own openid keeps it", async () => {
      const res = await s.as(other).doc('theirs').set({ k: 'other', n: 5, _openid: other.openid, v: 2 })
      assert.equal(res.updated, 1)
      assert.deepEqual((await s.coll.doc('theirs').get()).data, [{ _id: 'theirs', k: 'other', n: 5, _openid: other.openid, v: 2 }])
    })

    it('doc set of own document without _openid keeps the owner (a client never drops it)', async () => {
      const res = await s.as(other).doc('theirs').set({ k: 'other', n: 5 })
      assert.equal(res.updated, 1)
      assert.deepEqual((await s.coll.doc('theirs').get()).data, [{ _id: 'theirs', k: 'other', n: 5, _openid: other.openid }])
    })

    it('the admin may write any _openid', async () => {
      const res = await s.coll.doc('adm-1').update({ _openid: 'given-by-admin' })
      assert.equal(res.updated, 1)
      assert.equal((await s.coll.doc('adm-1').get()).data[0]._openid, 'given-by-admin')
      await s.coll.doc('adm-1').update({ _openid: _.remove() })
      assert.deepEqual((await s.coll.doc('adm-1').get()).data, [{ _id: 'adm-1', k: 'adm', n: 4 }])
    })
  })
}

// ---------------------------------------------------------------------------------------------------------------
describe('PRIVATE: reads cannot escape the implicit _openid filter', () => {
  let s
  before(async () => {
    s = await scenario('PRIVATE')
  })
  const theirsOnly = [{ _id: 'theirs', k: 'other', n: 5, _openid: other.openid }]
  // [query, what the other user must see]
  const escapes = [
    ['_.or around _openid', _ => _.or([{ _openid: owner.openid }, { _openid: other.openid }]), theirsOnly],
    ['_.or with a branch without _openid', _ => _.or([{ _openid: owner.openid }, { n: _.gt(0) }]), theirsOnly],
    ['_openid: _.neq(me)', _ => ({ _openid: _.neq(other.openid) }), []],
    ['_openid: _.in([owner, me])', _ => ({ _openid: _.in([owner.openid, other.openid]) }), theirsOnly],
    ['_openid: _.exists(true)', _ => ({ _openid: _.exists(true) }), theirsOnly],
    ["a dotted path '_openid.x'", _ => ({ '_openid.x': _.exists(false) }), theirsOnly],
    ['_.and with the owner openid', _ => _.and([{ _openid: owner.openid }, { n: _.gt(0) }]), []],
    ['_.nor of my openid', _ => _.nor([{ _openid: other.openid }]), []],
  ]
  for (const [name, query, expected] of escapes) {
    it(`where(${name}) get and count see only the caller's documents (${expected.length})`, async () => {
      const u = s.as(other)
      const res = await u.where(query(other._)).get()
      assert.deepEqual(byId(res.data), expected)
      assert.equal((await u.where(query(other._)).count()).total, expected.length)
    })
  }

  it("where({_openid: owner}) finds nothing, and the owner's own query finds theirs", async () => {
    assert.deepEqual((await s.as(other).where({ _openid: owner.openid }).get()).data, [])
    assert.deepEqual(byId((await s.as(owner).where({ _openid: owner.openid }).get()).data).map(d => d._id), ['own-1', 'own-2', 'own-3'])
  })

  it('a projection or an orderBy changes nothing about what is visible', async () => {
    const res = await s.as(other).where({}).field({ k: true }).orderBy('n', 'desc').get()
    assert.deepEqual(res.data, [{ _id: 'theirs', k: 'other' }])
  })
})

describe('READONLY: writes cannot escape the implicit _openid filter', () => {
  let s
  before(async () => {
    s = await scenario('READONLY')
  })
  const cases = [
    ['_.or around _openid', _ => _.or([{ _openid: owner.openid }, { _openid: other.openid }]), 1],
    ['_.or with a branch without _openid', _ => _.or([{ _openid: owner.openid }, { n: _.gt(0) }]), 1],
    ['_openid: _.neq(me)', _ => ({ _openid: _.neq(other.openid) }), 0],
    ['_openid: _.in([owner, me])', _ => ({ _openid: _.in([owner.openid, other.openid]) }), 1],
    ["a dotted path '_openid.x'", _ => ({ '_openid.x': _.exists(false) }), 1],
    ["_id of the owner's document with the owner's openid", _ => ({ _id: 'own-1', _openid: owner.openid }), 0],
    ['_.and with the owner openid', _ => _.and([{ _openid: owner.openid }]), 0],
  ]
  for (const [name, query, count] of cases) {
    it(`where(${name}) update touches only the caller's documents (${count})`, async () => {
      const before = await snapshot(s.coll)
      const res = await s.as(other).where(query(other._)).update({ hit: _.inc(1) })
      assert.equal(res.updated, count)
      const after = await snapshot(s.coll)
      assert.deepEqual(
        after,
        before.map(d => (count && d._id === 'theirs' ? { ...d, hit: (d.hit ?? 0) + 1 } : d))
      )
    })
    it(`where(${name}) remove touches only the caller's documents (${count})`, async () => {
      const before = await snapshot(s.coll)
      const res = await s.as(other).where(query(other._)).remove()
      assert.equal(res.deleted, count)
      assert.deepEqual(await snapshot(s.coll), before.filter(d => !(count && d._id === 'theirs')))
      if (count) await s.coll.add(before.find(d => d._id === 'theirs'))
    })
  }

  it('but every user reads every document', async () => {
    const res = await s.as(other).where({ _openid: owner.openid }).orderBy('n', 'asc').get()
    assert.deepEqual(res.data.map(d => d._id), ['own-1', 'own-2', 'own-3'])
    assert.equal((await s.as(anonymous).count()).total, 5)
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe("a user's reads are capped at 20 documents", () => {
  let coll
  before(async () => {
    coll = await freshCollection(db, 'permcap')
    await setAcl(coll.name, 'PRIVATE')
    const res = await owner.db.collection(coll.name).add(Array.from({ length: 25 }, (_, i) => ({ i })))
    assert.equal(res.ids.length, 25)
  })

  it('a user get returns 20 of 25 own documents', async () => {
    const res = await owner.db.collection(coll.name).get()
    assert.equal(res.data.length, 20)
    assert.ok(res.data.every(d => d._openid === owner.openid))
  })

  it('.limit(50) still returns 20, .limit(5) returns 5, .skip(20) returns the remaining 5', async () => {
    const c = owner.db.collection(coll.name)
    assert.equal((await c.limit(50).get()).data.length, 20)
    assert.equal((await c.limit(5).get()).data.length, 5)
    const first = (await c.orderBy('i', 'asc').get()).data.map(d => d.i)
    const rest = (await c.orderBy('i', 'asc').skip(20).get()).data.map(d => d.i)
    assert.deepEqual([...first, ...rest], Array.from({ length: 25 }, (_, i) => i))
  })

  it('count is not capped: 25', async () => {
    assert.equal((await owner.db.collection(coll.name).count()).total, 25)
  })

  it('the admin gets all 25', async () => {
    assert.equal((await coll.get()).data.length, 25)
    assert.equal((await coll.limit(50).get()).data.length, 25)
  })

  it('the cap applies to every user under READONLY too', async () => {
    await setAcl(coll.name, 'READONLY')
    assert.equal((await other.db.collection(coll.name).limit(100).get()).data.length, 20)
    assert.equal((await anonymous.db.collection(coll.name).count()).total, 25)
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe('admin-only actions with a user token', () => {
  it('createCollection is refused and creates nothing', async () => {
    const coll = `perm_nocoll_${Date.now().toString(36)}`
    await expectError(owner.db.createCollection(coll), DENIED)
    const res = await adminAction('actorcloud.describeDatabaseACL', { CollectionName: coll })
    assert.equal(res.code, 'DATABASE_COLLECTION_NOT_EXIST', JSON.stringify(res))
  })

  it('a user add to a missing collection does not create it', async () => {
    const coll = `perm_nocoll_${Date.now().toString(36)}`
    await expectError(other.db.collection(coll).add({ a: 1 }), 'DATABASE_COLLECTION_NOT_EXIST')
    const res = await adminAction('actorcloud.describeDatabaseACL', { CollectionName: coll })
    assert.equal(res.code, 'DATABASE_COLLECTION_NOT_EXIST', JSON.stringify(res))
  })

  it('actorcloud.modifyDatabaseACL is refused and changes nothing', async () => {
    const coll = await freshCollection(db, 'permacl')
    for (const user of [owner, other, anonymous]) {
      const res = await asUser(user, 'actorcloud.modifyDatabaseACL', { CollectionName: coll.name, AclTag: 'READONLY' })
      assert.equal(res.code, DENIED, JSON.stringify(res))
    }
    assert.deepEqual(await adminData('actorcloud.describeDatabaseACL', { CollectionName: coll.name }), { AclTag: 'PRIVATE', Rule: null })
  })

  it('other actorcloud.* actions (describe, modifySafeRule, listCollections, storage rules) are refused', async () => {
    const coll = await freshCollection(db, 'permacl')
    const actions = [
      ['actorcloud.describeDatabaseACL', { CollectionName: coll.name }],
      ['actorcloud.modifySafeRule', { CollectionName: coll.name, AclTag: 'CUSTOM', Rule: '{"read":true,"write":true}' }],
      ['actorcloud.listCollections', {}],
      ['actorcloud.modifyStorageSafeRule', { AclTag: 'ADMINONLY' }],
      ['actorcloud.describeStorageSafeRule', {}],
    ]
    for (const [action, params] of actions) {
      const res = await asUser(other, action, params)
      assert.equal(res.code, DENIED, `${action}: ${JSON.stringify(res)}`)
    }
    assert.deepEqual(await adminData('actorcloud.describeSafeRule', { CollectionName: coll.name }), { AclTag: 'PRIVATE', Rule: null })
    assert.equal((await adminData('actorcloud.describeStorageSafeRule', {})).AclTag, 'READONLY')
  })

  it('updateAndReturn (a server-only call) is refused to a user and changes nothing', async () => {
    const s = await scenario('READONLY')
    await refusedUnchanged(s.coll, () => s.as(owner).where({ _id: 'own-1' }).updateAndReturn({ n: 100 }))
  })

  it('without a credential, createCollection and actorcloud.* answer SIGN_PARAM_INVALID', async () => {
    await expectNoCredential({ action: 'database.addCollection', collectionName: `perm_nocoll_${Date.now().toString(36)}` })
    await expectNoCredential({ action: 'actorcloud.listCollections' })
    await expectNoCredential({ action: 'actorcloud.modifyStorageSafeRule', AclTag: 'ADMINONLY' })
  })
})
