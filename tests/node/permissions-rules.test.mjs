// Security rules (CUSTOM, protocol §4.3) as end users meet them through node-sdk with a user's access token: the
// classic matrix again under the rule sets equivalent to each classic mode — same answers, except that a query which
// does not imply the rule is refused as a whole instead of silently matching fewer documents — then the same
// operations written CloudBase's rules way (`_openid: '{openid}'` in the query); create/update/delete rules overriding
// write; get() of another collection's document; rule sets refused when saved; and $or attempts to escape a rule.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, expectError, adminData, admin as adminAction } from './support.mjs'
import {
  DENIED, MODES, signInUsers, defineMatrix, classicCells, rulesWayCells, snapshot, setRules, setAcl, byId,
} from './permissions-support.mjs'

const users = await signInUsers()
const { owner, other, anonymous } = users
const { db, _ } = connect()

const ruleModes = Object.entries(MODES).map(([tag, { policy, rule }]) => ({
  name: `CUSTOM≈${tag}`, style: 'rules', policy, apply: name => setRules(name, rule),
}))

// ---------------------------------------------------------------------------------------------------------------
// 1. The classic matrix under the equivalent rules. No query of it names _openid, so a rule over doc._openid refuses
//    it (doc(id).update of one's own document included), where the classic mode would have filtered silently.
const plainSize = defineMatrix('rules equivalent to the classic modes × operations × callers', ruleModes, users.callers, users, classicCells)

// 2. CloudBase's rules way: the queries name _openid: '{openid}', so the rules can be proved and the requests run.
const rulesWaySize = defineMatrix("the rules way (_openid: '{openid}' in the query)", ruleModes, [owner, other, anonymous], users, rulesWayCells)

// 3. create/update/delete overriding write (a missing rule denies). The policy is the model's reading of each rule set.
const own = 'doc._openid == auth.openid'
const overrides = [
  ['write own, delete false', { read: true, write: own, delete: false }, { read: 'all', write: 'own', delete: 'deny' }],
  ['write false, create and update own', { read: true, write: false, create: own, update: own }, { read: 'all', write: 'deny', create: 'own', update: 'own' }],
  ['write true, create false', { read: true, write: true, create: false }, { read: 'all', write: 'all', create: 'deny' }],
  ['create true and nothing else (no write)', { read: true, create: true }, { read: 'all', write: 'deny', create: 'all' }],
  ['update own only (no read)', { update: own }, { read: 'deny', write: 'deny', update: 'own' }],
].map(([name, rule, policy]) => ({ name, style: 'rules', policy, apply: n => setRules(n, rule) }))
const overrideSize = defineMatrix(
  'create/update/delete rules override write',
  overrides,
  [owner, other],
  users,
  caller => [...classicCells(caller), ...rulesWayCells(caller)]
)

after(() => console.log(`# rules matrices: ${plainSize()} + ${rulesWaySize()} + ${overrideSize()} cells`))

// ---------------------------------------------------------------------------------------------------------------
/** A collection under `rule` holding the owner's own-1..3, a document of the other user's and one of the admin's. */
async function scenario(rule) {
  const coll = await freshCollection(db, 'permr')
  await setRules(coll.name, rule)
  await coll.add([
    { _id: 'own-1', k: 'own', n: 1, _openid: owner.openid },
    { _id: 'own-2', k: 'own', n: 2, _openid: owner.openid },
    { _id: 'own-3', k: 'own', n: 3, _openid: owner.openid },
    { _id: 'theirs', k: 'other', n: 5, _openid: other.openid },
    { _id: 'adm-1', k: 'adm', n: 4 },
  ])
  return { coll, as: user => user.db.collection(coll.name) }
}

async function refusedUnchanged(coll, call, code = DENIED) {
  const before = await snapshot(coll)
  await expectError(call, code)
  assert.deepEqual(await snapshot(coll), before, 'the refused request changed the collection')
}

describe('_openid stays the server’s under rules that allow every write', () => {
  let s
  before(async () => {
    s = await scenario({ read: true, write: true })
  })

  it("a user may update another user's document (write: true) …", async () => {
    const res = await s.as(other).doc('own-1').update({ touched: true })
    assert.equal(res.updated, 1)
    assert.deepEqual((await s.coll.doc('own-1').get()).data, [{ _id: 'own-1', k: 'own', n: 1, _openid: owner.openid, touched: true }])
  })

  it('… but not its _openid', async () => {
    await refusedUnchanged(s.coll, () => s.as(other).doc('own-1').update({ _openid: other.openid }))
    await refusedUnchanged(s.coll, () => s.as(other).doc('own-1').update({ _openid: other._.remove() }))
    await refusedUnchanged(s.coll, () => s.as(other).where({ n: _.gt(0) }).update({ k: other._.rename('_openid') }))
  })

  it('add with a forged _openid is refused; a plain add gets the caller’s', async () => {
    await refusedUnchanged(s.coll, () => s.as(other).add({ k: 'forged', _openid: owner.openid }))
    const res = await s.as(anonymous).add({ k: 'anon' })
    assert.deepEqual((await s.coll.doc(res.id).get()).data, [{ _id: res.id, k: 'anon', _openid: anonymous.openid }])
  })

  it("doc set over another user's document keeps its owner's _openid", async () => {
    const res = await s.as(other).doc('own-2').set({ k: 'replaced' })
    assert.equal(res.updated, 1)
    assert.deepEqual((await s.coll.doc('own-2').get()).data, [{ _id: 'own-2', k: 'replaced', _openid: owner.openid }])
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe("get(): a rule reading another collection's document", () => {
  let rooms
  let messages
  const as = user => user.db.collection(messages.name)
  before(async () => {
    rooms = await freshCollection(db, 'permrooms')
    await rooms.add([
      { _id: 'r1', members: [owner.openid, other.openid] },
      { _id: 'r2', members: [anonymous.openid] },
    ])
    messages = await freshCollection(db, 'permmsgs')
    const member = `auth.openid in get('database.${rooms.name}.' + doc.room).members`
    await setRules(messages.name, { read: member, create: `${member} && doc._openid == auth.openid`, write: false })
    await messages.add([
      { _id: 'm1', room: 'r1', text: 'hello', _openid: owner.openid },
      { _id: 'm2', room: 'r1', text: 'hi', _openid: other.openid },
      { _id: 'm3', room: 'r2', text: 'alone', _openid: anonymous.openid },
    ])
  })

  it('a member reads the room’s messages (get and count)', async () => {
    const res = await as(owner).where({ room: 'r1' }).orderBy('_id', 'asc').get()
    assert.deepEqual(res.data.map(d => d._id), ['m1', 'm2'])
    assert.equal((await as(other).where({ room: 'r1' }).count()).total, 2)
    assert.deepEqual((await as(anonymous).where({ room: 'r2' }).get()).data.map(d => d._id), ['m3'])
  })

  it('a single-value _.in names the room as well', async () => {
    const res = await as(owner).where({ room: _.in(['r1']) }).get()
    assert.deepEqual(byId(res.data).map(d => d._id), ['m1', 'm2'])
  })

  it('a non-member is refused', async () => {
    await expectError(as(anonymous).where({ room: 'r1' }).get(), DENIED)
    await expectError(as(anonymous).where({ room: 'r1' }).count(), DENIED)
    await expectError(as(owner).where({ room: 'r2' }).get(), DENIED)
  })

  it('a query that does not fix the room (none, two rooms, doc(id), $or, a missing room) is refused', async () => {
    await expectError(as(owner).get(), DENIED)
    await expectError(as(owner).where({ text: 'hello' }).get(), DENIED)
    await expectError(as(owner).where({ room: _.in(['r1', 'r2']) }).get(), DENIED)
    await expectError(as(owner).doc('m1').get(), DENIED)
    await expectError(as(owner).where(_.or([{ room: 'r1' }, { room: 'r2' }])).get(), DENIED)
    await expectError(as(owner).where({ room: 'no-such-room' }).get(), DENIED)
  })

  it('a member may post to the room, a non-member may not; nobody updates or removes (write: false)', async () => {
    const res = await as(other).add({ room: 'r1', text: 'posted' })
    assert.deepEqual((await messages.doc(res.id).get()).data, [{ _id: res.id, room: 'r1', text: 'posted', _openid: other.openid }])
    await refusedUnchanged(messages, () => as(anonymous).add({ room: 'r1', text: 'intruder' }))
    await refusedUnchanged(messages, () => as(owner).add({ room: 'r2', text: 'intruder' }))
    await refusedUnchanged(messages, () => as(owner).add({ text: 'no room' }))
    await refusedUnchanged(messages, () => as(owner).where({ room: 'r1' }).update({ text: 'edited' }))
    await refusedUnchanged(messages, () => as(owner).where({ room: 'r1' }).remove())
    await messages.doc(res.id).remove()
  })

  it('the rule reads the room as it is now: a new member is let in, a removed one is shut out', async () => {
    await rooms.doc('r1').update({ members: _.push(anonymous.openid) })
    assert.equal((await as(anonymous).where({ room: 'r1' }).count()).total, 2)
    await rooms.doc('r1').update({ members: _.pull(anonymous.openid) })
    await expectError(as(anonymous).where({ room: 'r1' }).count(), DENIED)
  })

  it('the admin bypasses the rule', async () => {
    assert.equal((await messages.count()).total, 3)
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe('rules over auth', () => {
  it("auth.loginType tells anonymous users apart; auth.uid is the user's uid", async () => {
    const s = await scenario({ read: "auth.loginType != 'ANONYMOUS'", write: false })
    assert.equal((await s.as(owner).count()).total, 5)
    assert.equal((await s.as(other).count()).total, 5)
    await expectError(s.as(anonymous).count(), DENIED)

    await setRules(s.coll.name, { read: `auth.uid == '${owner.uid}'` })
    assert.equal((await s.as(owner).count()).total, 5)
    await expectError(s.as(other).count(), DENIED)

    await setRules(s.coll.name, { read: "auth.loginType == 'WECHAT_MINIPROGRAM'" })
    assert.equal((await s.as(other).count()).total, 5)
    await expectError(s.as(owner).count(), DENIED)
  })

  it('a rule change applies to the next request', async () => {
    const s = await scenario({ read: false })
    await expectError(s.as(owner).count(), DENIED)
    await setRules(s.coll.name, { read: true })
    assert.equal((await s.as(owner).count()).total, 5)
    await setAcl(s.coll.name, 'PRIVATE')
    assert.equal((await s.as(owner).count()).total, 3, 'back to the classic mode: the silent filter again')
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe('rule sets refused when saved', () => {
  let coll
  const valid = { read: true, write: own }
  before(async () => {
    coll = await freshCollection(db, 'permbad')
    await setRules(coll.name, valid)
  })

  const longLiteral = n => `doc.k == '${'x'.repeat(n - "doc.k == ''".length)}'`
  const gets = n => Array.from({ length: n }, (_, i) => `get('database.rooms.r${i}').x == 1`).join(' && ')
  const invalid = [
    ['a syntax error', JSON.stringify({ read: 'doc._openid == ', write: false })],
    ['an unbalanced parenthesis', JSON.stringify({ read: '(auth.openid == doc._openid', write: false })],
    ['an unknown key', JSON.stringify({ read: true, list: true })],
    ['an unknown variable', JSON.stringify({ read: 'user.openid == doc._openid' })],
    ['an expression of 1025 characters', JSON.stringify({ read: longLiteral(1025) })],
    ['four get() calls', JSON.stringify({ read: gets(4) })],
    ['a number as a rule', JSON.stringify({ read: 1 })],
    ['a JSON array', '[]'],
    ['text that is not JSON', '{read: true}'],
  ]
  for (const [name, rule] of invalid) {
    it(`${name} is refused with INVALID_PARAM and the old rule stays`, async () => {
      const res = await adminAction('actorcloud.modifySafeRule', { CollectionName: coll.name, AclTag: 'CUSTOM', Rule: rule })
      assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
      assert.deepEqual(await adminData('actorcloud.describeSafeRule', { CollectionName: coll.name }), {
        AclTag: 'CUSTOM', Rule: JSON.stringify(valid),
      })
    })
  }

  it('a missing Rule is refused too', async () => {
    const res = await adminAction('actorcloud.modifySafeRule', { CollectionName: coll.name, AclTag: 'CUSTOM' })
    assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
    assert.equal((await adminData('actorcloud.describeSafeRule', { CollectionName: coll.name })).Rule, JSON.stringify(valid))
  })

  it('CUSTOM is not a classic mode (modifyDatabaseACL refuses it)', async () => {
    const res = await adminAction('actorcloud.modifyDatabaseACL', { CollectionName: coll.name, AclTag: 'CUSTOM' })
    assert.equal(res.code, 'INVALID_PARAM', JSON.stringify(res))
    assert.equal((await adminData('actorcloud.describeSafeRule', { CollectionName: coll.name })).Rule, JSON.stringify(valid))
  })

  it('the limits themselves are allowed: 1024 characters, three get() calls', async () => {
    const longest = { read: longLiteral(1024) }
    assert.equal(longest.read.length, 1024)
    await setRules(coll.name, longest)
    await setRules(coll.name, { read: gets(3) })
    await setRules(coll.name, valid)
  })

  it('the old rule still decides after the refusals', async () => {
    const c = other.db.collection(coll.name)
    const res = await c.add({ k: 'mine' })
    assert.equal((await c.where({ _id: res.id }).count()).total, 1)
    await expectError(c.doc(res.id).remove(), DENIED)
    assert.equal((await c.where({ _id: res.id, _openid: '{openid}' }).remove()).deleted, 1)
  })
})

// ---------------------------------------------------------------------------------------------------------------
describe('$or and other attempts to escape a rule over doc._openid', () => {
  let s
  before(async () => {
    s = await scenario(MODES.PRIVATE.rule)
  })
  const theirs = [{ _id: 'theirs', k: 'other', n: 5, _openid: other.openid }]
  // [query, what the other user gets: the documents, or DENIED]
  const reads = [
    ["_.or(['{openid}', a branch without _openid])", () => _.or([{ _openid: '{openid}' }, { k: 'own' }]), DENIED],
    ["_.or(['{openid}', the owner's openid])", () => _.or([{ _openid: '{openid}' }, { _openid: owner.openid }]), DENIED],
    ["_.or of two branches that both name '{openid}'", () => _.or([{ _openid: '{openid}', n: 1 }, { _openid: '{openid}', n: 5 }]), theirs],
    ["_.and(['{openid}', _.or(…)])", () => _.and([{ _openid: '{openid}' }, _.or([{ n: 1 }, { k: 'own' }])]), []],
    ["'{openid}' beside a field-level _.or (a top-level $or)", () => ({ _openid: '{openid}', n: _.lt(2).or(_.gt(4)) }), theirs],
    ["_.in(['{openid}']) ('{openid}' is not replaced inside a command)", () => ({ _openid: _.in(['{openid}']) }), DENIED],
    ["_.eq('{openid}')", () => ({ _openid: _.eq('{openid}') }), DENIED],
    ['_.neq(the owner)', () => ({ _openid: _.neq(owner.openid) }), DENIED],
    ['_.nor([the owner])', () => _.nor([{ _openid: owner.openid }]), DENIED],
    ['_.in([me, the owner])', () => ({ _openid: _.in([other.openid, owner.openid]) }), DENIED],
    ["a dotted path '_openid.x'", () => ({ '_openid.x': '{openid}' }), DENIED],
    ['the literal openid', () => ({ _openid: other.openid }), theirs],
    ['_.in([the literal openid])', () => ({ _openid: _.in([other.openid]) }), theirs],
    ['_.eq(the literal openid)', () => ({ _openid: _.eq(other.openid) }), theirs],
  ]
  for (const [name, query, expected] of reads) {
    it(`where(${name}) get: ${expected === DENIED ? 'refused' : `${expected.length} document(s)`}`, async () => {
      if (expected === DENIED) {
        await expectError(s.as(other).where(query()).get(), DENIED)
        await expectError(s.as(other).where(query()).count(), DENIED)
      } else {
        assert.deepEqual(byId((await s.as(other).where(query()).get()).data), expected)
        assert.equal((await s.as(other).where(query()).count()).total, expected.length)
      }
    })
  }

  const writes = [
    ["_.or(['{openid}', {_id: 'own-1'}])", () => _.or([{ _openid: '{openid}' }, { _id: 'own-1' }])],
    ["_.or(['{openid}', the owner's openid])", () => _.or([{ _openid: '{openid}' }, { _openid: owner.openid }])],
    ['_.neq(the owner)', () => ({ _openid: _.neq(owner.openid) })],
    ["{_id: 'own-1'} alone", () => ({ _id: 'own-1' })],
  ]
  for (const [name, query] of writes) {
    it(`where(${name}) update and remove are refused and change nothing`, async () => {
      await refusedUnchanged(s.coll, () => s.as(other).where(query()).update({ hit: true }))
      await refusedUnchanged(s.coll, () => s.as(other).where(query()).remove())
    })
  }

  it("where(_.or of two '{openid}' branches) update touches only the caller's", async () => {
    const res = await s.as(other).where(_.or([{ _openid: '{openid}', n: 1 }, { _openid: '{openid}', n: 5 }])).update({ hit: true })
    assert.equal(res.updated, 1)
    assert.equal((await s.coll.doc('theirs').get()).data[0].hit, true)
    assert.equal((await s.coll.where({ hit: true }).count()).total, 1)
  })
})
