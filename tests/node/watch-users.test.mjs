// Realtime watch as end users meet it (protocol §1.9: "collection read permissions apply to watch"): a node-sdk
// instance with a user's access token gets a realtime ticket for that user, and each watch runs with the read filter of
// the collection's permission — PRIVATE shows only the user's own documents, live changes included; ADMINONLY and a
// query the security rules cannot prove are refused with COLLECTION_PERMISSION_DENIED.
import { describe, it, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection } from './support.mjs'
import { signInCustom, signInAnonymously, connectUser } from './users.mjs'
import { setAcl, setRules } from './permissions-support.mjs'
import { startWatch, resetRealtime, changesOf, idsOf } from './watch-support.mjs'

const { db, _ } = connect()
const tag = Date.now().toString(36)
const owner = connectUser(await signInCustom(`watch-owner-${tag}`))
const other = connectUser(await signInAnonymously())

// The SDK has one realtime client per process, logged in as whoever watched first; each test watches as one caller
// and closes its watches, and the next starts a client of its own.
let open = []
const watchAs = ref => {
  const w = startWatch(ref)
  open.push(w)
  return w
}
afterEach(async () => {
  for (const w of open) await w.close()
  open = []
  resetRealtime()
})

async function seeded(tagName, docs) {
  const coll = await freshCollection(db, 'wusr')
  await setAcl(coll.name, tagName)
  await coll.add(docs)
  return coll
}

describe('classic permissions', () => {
  it('PRIVATE: a user watches only their own documents, before and after each write', async () => {
    const coll = await seeded('PRIVATE', [
      { _id: 'own-1', n: 1, _openid: owner.uid }, { _id: 'theirs-1', n: 1, _openid: other.uid }, { _id: 'admins', n: 1 },
    ])
    const w = watchAs(owner.db.collection(coll.name).where({ n: _.gte(0) }))
    assert.deepEqual(idsOf(await w.next()), ['own-1'])

    await coll.add({ _id: 'theirs-2', n: 2, _openid: other.uid })
    await coll.add({ _id: 'own-2', n: 2, _openid: owner.uid })
    assert.deepEqual(changesOf(await w.next()), [['add', 'enqueue', 'own-2']])

    const mine = await owner.db.collection(coll.name).add({ n: 3 })
    const added = await w.next()
    assert.deepEqual(changesOf(added), [['add', 'enqueue', mine.id]])
    assert.equal(added.docChanges[0].doc._openid, owner.uid)

    await coll.doc('theirs-1').update({ n: 5 })
    await coll.doc('theirs-1').update({ _openid: owner.uid })
    assert.deepEqual(changesOf(await w.next()), [['update', 'enqueue', 'theirs-1']])
    await coll.doc('own-1').update({ _openid: other.uid })
    assert.deepEqual(changesOf(await w.next()), [['update', 'dequeue', 'own-1']])
    await w.quiet()
  })

  it('READONLY: a user watches every document', async () => {
    const coll = await seeded('READONLY', [{ _id: 'a', _openid: other.uid }, { _id: 'b' }])
    const w = watchAs(owner.db.collection(coll.name).where({}))
    assert.deepEqual(idsOf(await w.next()), ['b', 'a'])
    await coll.add({ _id: 'c', _openid: other.uid })
    assert.deepEqual(changesOf(await w.next()), [['add', 'enqueue', 'c']])
  })

  it('ADMINONLY: the watch is refused with COLLECTION_PERMISSION_DENIED, and nothing is delivered', async () => {
    const coll = await seeded('ADMINONLY', [{ _id: 'a', _openid: owner.uid }])
    const w = watchAs(owner.db.collection(coll.name).where({}))
    assert.match(await w.error(), /^COLLECTION_PERMISSION_DENIED: /)
    await coll.add({ _id: 'b', _openid: owner.uid })
    assert.deepEqual(w.snapshots, [])
  })
})

describe('security rules', () => {
  const own = { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' }

  it("refuses a watch whose query does not imply the read rule, and runs one that names _openid: '{openid}'", async () => {
    const coll = await freshCollection(db, 'wrule')
    await setRules(coll.name, own)
    await coll.add([{ _id: 'mine', _openid: other.uid }, { _id: 'not-mine', _openid: owner.uid }])

    const refused = watchAs(other.db.collection(coll.name).where({}))
    assert.match(await refused.error(), /^COLLECTION_PERMISSION_DENIED: /)

    const w = watchAs(other.db.collection(coll.name).where({ _openid: '{openid}' }))
    assert.deepEqual(idsOf(await w.next()), ['mine'])
    await coll.add([{ _id: 'also-mine', _openid: other.uid }, { _id: 'still-not', _openid: owner.uid }])
    assert.deepEqual(changesOf(await w.next()), [['add', 'enqueue', 'also-mine']])
    await w.quiet()
  })

  it('an admin watch of the same collection sees everything', async () => {
    const coll = await freshCollection(db, 'wrule')
    await setRules(coll.name, own)
    await coll.add([{ _id: 'u', _openid: other.uid }, { _id: 'v', _openid: owner.uid }])
    const w = watchAs(coll.where({}))
    assert.deepEqual(idsOf(await w.next()), ['v', 'u'])
  })
})
