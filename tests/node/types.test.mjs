// Data types: int / double / long, Date, null, booleans, strings, nesting, RegExp values and ObjectId — stored,
// read back and compared as MongoDB does.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, seededCollection, idsOf, orderOf } from './support.mjs'

const { db, _ } = connect()

describe('values round-trip', () => {
  // [name, value] — each stored as {v: value} and read back with doc.get
  const values = [
    ['int', 1],
    ['zero', 0],
    ['negative int', -42],
    ['int32 max', 2147483647],
    ['int32 min', -2147483648],
    ['just above int32 (long)', 2147483648],
    ['long 2**40', 2 ** 40],
    ['negative long', -(2 ** 40)],
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['double', 1.5],
    ['negative double', -0.25],
    ['0.1 + 0.2 keeps every bit', 0.1 + 0.2],
    ['tiny double', 5e-324],
    ['huge double', 1.7976931348623157e308],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['true', true],
    ['false', false],
    ['null', null],
    ['empty string', ''],
    ['unicode string', '云开发 ✓ 🚀'],
    ['string that looks like EJSON', '{"$numberInt":"1"}'],
    ['string starting with $', '$set'],
    ['long string', 'x'.repeat(100_000)],
    ['Date', new Date(1704164645678)],
    ['Date before 1970', new Date(-86400000 * 365.25 * 50)],
    ['Date at epoch', new Date(0)],
    ['far-future Date', new Date('9999-12-31T23:59:59.999Z')],
    ['empty array', []],
    ['empty object', {}],
    ['mixed array', [1, 'a', null, true, 1.5, { x: 1 }, [2, [3]], new Date(0)]],
    ['object with $ inside values', { k: '$x', n: { deeper: '$$' } }],
  ]
  let coll
  before(async () => {
    coll = await freshCollection(db, 'types')
  })
  for (const [name, value] of values) {
    it(name, async () => {
      const { id } = await coll.add({ v: value })
      const res = await coll.doc(id).get()
      assert.deepEqual(res.data, [{ _id: id, v: value }])
    })
  }

  it('deeply nested objects (50 levels)', async () => {
    let value = { leaf: true }
    for (let i = 0; i < 50; i++) value = { [`l${i}`]: value, i }
    const { id } = await coll.add({ v: value })
    assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, v: value }])
  })
})

describe('numbers compare across int, double and long', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, [
      { _id: 'int', v: 2 },
      { _id: 'double', v: 2.5 },
      { _id: 'long', v: 2 ** 40 },
      { _id: 'negLong', v: -(2 ** 40) },
      { _id: 'bigDouble', v: 1e20 },
      { _id: 'string', v: '3' },
    ], 'num')
  })

  const cases = [
    ['equality on a long', { v: 2 ** 40 }, ['long']],
    ['gt crosses int and double', { v: _.gt(2) }, ['bigDouble', 'double', 'long']],
    ['gt above int32', { v: _.gt(2 ** 31) }, ['bigDouble', 'long']],
    ['lt below zero', { v: _.lt(0) }, ['negLong']],
    ['in mixing int and long', { v: _.in([2, 2 ** 40]) }, ['int', 'long']],
    ['numbers never equal numeric strings', { v: 3 }, []],
    ['mod on a long', { v: _.mod(1024, 0) }, ['long', 'negLong']],
  ]
  for (const [name, where, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(idsOf(await coll.where(where).get()), expected)
    })
  }

  it('sort orders all numeric types together, strings after numbers', async () => {
    assert.deepEqual(orderOf(await coll.orderBy('v', 'asc').get()), ['negLong', 'int', 'double', 'long', 'bigDouble', 'string'])
  })
})

describe('BSON numeric types are kept (checked with $type in raw mode)', () => {
  // The SDK's relaxed EJSON parsing hides int/double/long from JS, so ask the server with MongoDB's $type.
  let coll
  before(async () => {
    coll = await seededCollection(db, [
      { _id: 'int', v: 7 },
      { _id: 'double', v: 1.5 },
      { _id: 'long', v: 2 ** 40 },
      { _id: 'promoted', v: 2147483647 },
    ], 'btype')
    await coll.doc('promoted').update({ v: _.inc(1) }) // int32 overflow ⇒ long
  })
  const cases = [
    ['int', ['int']],
    ['double', ['double']],
    ['long', ['long', 'promoted']],
    ['number', ['double', 'int', 'long', 'promoted']],
  ]
  for (const [type, expected] of cases) {
    it(`$type '${type}'`, async () => {
      assert.deepEqual(idsOf(await coll.options({ raw: true }).where({ v: { $type: type } }).get()), expected)
    })
  }
})

describe('numeric type arithmetic', () => {
  const cases = [
    // [name, start, update, expected]
    ['int + int past int32 max promotes to long (no wrap-around)', 2147483647, () => _.inc(1), 2147483648],
    ['int - int past int32 min promotes to long', -2147483648, () => _.inc(-1), -2147483649],
    ['int * int past int32 promotes to long', 65536, () => _.mul(65536), 4294967296],
    ['long + int stays exact', 2 ** 40, () => _.inc(1), 2 ** 40 + 1],
    ['long * int', 2 ** 40, () => _.mul(2), 2 ** 41],
    ['long + double is a double', 2 ** 40, () => _.inc(0.5), 2 ** 40 + 0.5],
    ['int + double is a double', 1, () => _.inc(0.25), 1.25],
    ['double * int', 1.5, () => _.mul(2), 3],
    ['max of an int and a long', 5, () => _.max(2 ** 40), 2 ** 40],
    ['min of a long and a double', 2 ** 40, () => _.min(0.5), 0.5],
  ]
  for (const [name, start, update, expected] of cases) {
    it(name, async () => {
      const coll = await seededCollection(db, [{ _id: 'x', v: start }], 'arith')
      assert.equal((await coll.doc('x').update({ v: update() })).updated, 1)
      assert.deepEqual((await coll.doc('x').get()).data, [{ _id: 'x', v: expected }])
      // and it is found by value afterwards
      assert.equal((await coll.where({ v: expected }).count()).total, 1)
    })
  }
})

describe('long precision beyond 2**53', () => {
  it('$inc on a long is exact even where doubles cannot tell the difference', async () => {
    const coll = await seededCollection(db, [{ _id: 'x', v: 2 ** 53 }, { _id: 'y', v: 2 ** 53 }], 'long')
    await coll.doc('x').update({ v: _.inc(1) }) // 9007199254740993: not representable as a double
    // JS reads it back rounded, but the server compares the exact long
    assert.deepEqual(orderOf(await coll.where({ v: _.gt(2 ** 53) }).get()), ['x'])
    assert.deepEqual(orderOf(await coll.orderBy('v', 'desc').get()), ['x', 'y'])
    await coll.doc('x').update({ v: _.inc(-1) })
    assert.equal((await coll.where({ v: 2 ** 53 }).count()).total, 2)
  })

  it('an integer beyond int64 is stored as a double', async () => {
    const coll = await freshCollection(db, 'long')
    const { id } = await coll.add({ v: 2 ** 64 })
    assert.deepEqual((await coll.doc(id).get()).data, [{ _id: id, v: 2 ** 64 }])
    assert.equal((await coll.where({ v: _.gt(2 ** 62) }).count()).total, 1)
  })
})

describe('Date', () => {
  it('keeps millisecond precision and compares by instant', async () => {
    const t = 1704164645678
    const coll = await seededCollection(db, [{ _id: 'a', d: new Date(t) }, { _id: 'b', d: new Date(t + 1) }], 'date')
    assert.deepEqual(idsOf(await coll.where({ d: new Date(t) }).get()), ['a'])
    assert.deepEqual(idsOf(await coll.where({ d: _.gt(new Date(t)) }).get()), ['b'])
    const [a] = (await coll.doc('a').get()).data
    assert.ok(a.d instanceof Date)
    assert.equal(a.d.getTime(), t)
  })

  it('is not equal to its numeric value or ISO string', async () => {
    const coll = await seededCollection(db, [{ _id: 'a', d: new Date(1000) }], 'date')
    assert.equal((await coll.where({ d: 1000 }).count()).total, 0)
    assert.equal((await coll.where({ d: new Date(1000).toISOString() }).count()).total, 0)
  })

  it('sorts after numbers and strings (BSON order)', async () => {
    const coll = await seededCollection(db, [{ _id: 'date', v: new Date(0) }, { _id: 'num', v: 5 }, { _id: 'str', v: 'z' }, { _id: 'bool', v: false }], 'date')
    assert.deepEqual(orderOf(await coll.orderBy('v', 'asc').get()), ['num', 'str', 'bool', 'date'])
  })
})

describe('null and missing', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, [{ _id: 'null', v: null }, { _id: 'missing' }, { _id: 'zero', v: 0 }, { _id: 'empty', v: '' }, { _id: 'false', v: false }], 'null')
  })
  it('a stored null is kept as a present field', async () => {
    assert.deepEqual((await coll.doc('null').get()).data, [{ _id: 'null', v: null }])
    assert.deepEqual(idsOf(await coll.where({ v: _.exists(true) }).get()), ['empty', 'false', 'null', 'zero'])
  })
  it('null equality matches null and missing only (not 0, "" or false)', async () => {
    assert.deepEqual(idsOf(await coll.where({ v: null }).get()), ['missing', 'null'])
  })
  it('null, missing and falsy values sort in BSON order', async () => {
    assert.deepEqual(orderOf(await coll.orderBy('v', 'asc').orderBy('_id', 'desc').get()), ['null', 'missing', 'zero', 'empty', 'false'])
  })
})

describe('RegExp values', () => {
  it('are stored as regular expressions and read back as {pattern, options}', async () => {
    const coll = await freshCollection(db, 're')
    const { id } = await coll.add({ r: /ab+c/i, r2: db.RegExp({ regexp: '^x.y$', options: 'ms' }) })
    // doc.get runs the SDK's formatter, which turns a BSONRegExp into a plain {pattern, options} object
    const [doc] = (await coll.doc(id).get()).data
    assert.equal(doc.r.pattern, 'ab+c')
    assert.equal(doc.r.options, 'i')
    assert.equal(doc.r2.pattern, '^x.y$')
    assert.equal(doc.r2.options, 'ms')
    // updateAndReturn parses EJSON without that formatter: real BSONRegExp values
    const res = await coll.where({ _id: id }).updateAndReturn({ touched: true })
    assert.equal(res.doc.r._bsontype, 'BSONRegExp')
    assert.equal(res.doc.r.pattern, 'ab+c')
    assert.equal(res.doc.r.options, 'i')
    // a stored regex is not a string: a string query does not match it
    assert.equal((await coll.where({ r: 'ab+c' }).count()).total, 0)
    assert.equal((await coll.where({ r: _.exists(true) }).count()).total, 1)
  })
})

describe('ObjectId', () => {
  const hex = '5f1d7f9d2b3c4d5e6f708192'
  const other = '65a1b2c3d4e5f60718293a4b'

  it('as _id and as a field value: stored with its type and matched only by ObjectId', async () => {
    const coll = await freshCollection(db, 'oid')
    const res = await coll.add({ _id: db.ObjectId({ id: hex }), ref: db.ObjectId({ id: other }), name: 'o' })
    assert.equal(typeof res.id === 'string' ? res.id : res.id?.$oid ?? String(res.id), hex)
    await coll.add({ _id: hex, name: 'string twin' })
    assert.equal((await coll.count()).total, 2, 'the ObjectId and the same hex as a string are different _ids')
    assert.equal((await coll.where({ _id: db.ObjectId({ id: hex }) }).count()).total, 1)
    assert.equal((await coll.where({ ref: db.ObjectId({ id: other }) }).count()).total, 1)
    assert.equal((await coll.where({ ref: other }).count()).total, 0)
    // updateAndReturn hands back real bson ObjectIds
    const out = await coll.where({ _id: db.ObjectId({ id: hex }) }).updateAndReturn({ seen: true })
    assert.equal(out.updated, 1)
    assert.match(out.doc._id._bsontype, /^ObjectI[dD]$/) // bson 4 spells it 'ObjectID'
    assert.equal(out.doc._id.toHexString(), hex)
    assert.equal(out.doc.ref.toHexString(), other)
    assert.equal(out.doc.name, 'o')
  })

  it('orders before strings, and can be removed by ObjectId', async () => {
    const coll = await seededCollection(db, [{ _id: 'str', v: 'a' }, { _id: 'oid', v: db.ObjectId({ id: hex }) }, { _id: 'num', v: 1 }], 'oid')
    // BSON order: numbers < strings < objects < arrays < binary < ObjectId
    assert.deepEqual(orderOf(await coll.orderBy('v', 'asc').get()), ['num', 'str', 'oid'])
    assert.equal((await coll.where({ v: db.ObjectId({ id: hex }) }).remove()).deleted, 1)
    assert.equal((await coll.count()).total, 2)
  })
})
