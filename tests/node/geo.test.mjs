// Geo values and geo queries: storage round-trips as SDK Geo instances, geoNear (meters, nearest first),
// geoWithin (polygon, multipolygon, centerSphere in radians) and geoIntersects.
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, freshCollection, seededCollection, idsOf, orderOf } from './support.mjs'

const { db, _ } = connect()
const { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = db.Geo

const EARTH_RADIUS_M = 6378100 // the radius MongoDB uses for $centerSphere / spherical distances
const P = (lng, lat) => new Point(lng, lat)
const ring = (...coords) => new LineString(coords.map(([lng, lat]) => P(lng, lat)))
const box = (minLng, minLat, maxLng, maxLat) =>
  new Polygon([ring([minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat])])

describe('geo values round-trip', () => {
  const shapes = [
    ['Point', () => P(113.3, 23.1), Point],
    ['Point at the antimeridian and a pole', () => P(-180, 90), Point],
    ['LineString', () => new LineString([P(0, 0), P(1, 1), P(2, 0.5)]), LineString],
    ['Polygon', () => box(0, 0, 3, 3), Polygon],
    ['Polygon with a hole', () => new Polygon([ring([0, 0], [10, 0], [10, 10], [0, 10], [0, 0]), ring([2, 2], [4, 2], [4, 4], [2, 4], [2, 2])]), Polygon],
    ['MultiPoint', () => new MultiPoint([P(1, 2), P(3, 4)]), MultiPoint],
    ['MultiLineString', () => new MultiLineString([new LineString([P(0, 0), P(1, 1)]), new LineString([P(2, 2), P(3, 3)])]), MultiLineString],
    ['MultiPolygon', () => new MultiPolygon([box(0, 0, 1, 1), box(5, 5, 6, 6)]), MultiPolygon],
  ]

  let coll
  before(async () => {
    coll = await freshCollection(db, 'geo')
  })

  for (const [name, make, Class] of shapes) {
    it(`${name} comes back as a db.Geo.${Class.name} instance`, async () => {
      const value = make()
      const { id } = await coll.add({ shape: value, nested: { inner: value }, list: [value] })
      const [doc] = (await coll.doc(id).get()).data
      for (const got of [doc.shape, doc.nested.inner, doc.list[0]]) {
        assert.ok(got instanceof Class, `expected ${Class.name}, got ${JSON.stringify(got)}`)
        assert.deepEqual(got.toJSON(), value.toJSON())
      }
    })
  }

  it('Point exposes longitude and latitude', async () => {
    const { id } = await coll.add({ loc: P(113.324520, 23.099994) })
    const [doc] = (await coll.doc(id).get()).data
    assert.equal(doc.loc.longitude, 113.32452)
    assert.equal(doc.loc.latitude, 23.099994)
  })

  it('a Point with integer coordinates round-trips', async () => {
    const { id } = await coll.add({ loc: P(10, -20) })
    const [doc] = (await coll.doc(id).get()).data
    assert.deepEqual(doc.loc.toJSON(), { type: 'Point', coordinates: [10, -20] })
  })

  it('a Point can be set by update', async () => {
    const { id } = await coll.add({ loc: P(1, 1) })
    assert.equal((await coll.doc(id).update({ loc: P(2, 3) })).updated, 1)
    const [doc] = (await coll.doc(id).get()).data
    assert.ok(doc.loc instanceof Point)
    assert.deepEqual([doc.loc.longitude, doc.loc.latitude], [2, 3])
  })

  it('equality on a stored Point', async () => {
    const c = await seededCollection(db, [{ _id: 'x', loc: P(5, 6) }, { _id: 'y', loc: P(6, 5) }], 'geoeq')
    assert.deepEqual(idsOf(await c.where({ loc: _.eq(P(5, 6)) }).get()), ['x'])
  })
})

describe('geo queries', () => {
  // Distances from p0 along the parallel 23.1°N: 0.01° of longitude ≈ 1024 m.
  const places = [
    { _id: 'p0', kind: 'shop', loc: P(113.3, 23.1) }, //        0 m from p0
    { _id: 'p1', kind: 'cafe', loc: P(113.31, 23.1) }, //    ~1 024 m
    { _id: 'p2', kind: 'shop', loc: P(113.35, 23.1) }, //    ~5 120 m
    { _id: 'p3', kind: 'shop', loc: P(113.3, 23.2) }, //    ~11 132 m (north)
    { _id: 'p4', kind: 'cafe', loc: P(116.4, 39.9) }, // ~1 900 km (Beijing)
    { _id: 'nowhere', kind: 'shop' }, // no location at all
  ]
  let coll
  before(async () => {
    coll = await seededCollection(db, places, 'geoq')
  })

  const near = (lng, lat, extra = {}) => _.geoNear({ geometry: P(lng, lat), ...extra })

  const nearCases = [
    ['maxDistance', () => ({ loc: near(113.3, 23.1, { maxDistance: 6000 }) }), ['p0', 'p1', 'p2']],
    ['min and max distance', () => ({ loc: near(113.3, 23.1, { minDistance: 500, maxDistance: 6000 }) }), ['p1', 'p2']],
    ['maxDistance is in meters', () => ({ loc: near(113.3, 23.1, { maxDistance: 1000 }) }), ['p0']],
    ['minDistance only', () => ({ loc: near(113.3, 23.1, { minDistance: 100000 }) }), ['p4']],
    ['no bounds: every located document, nearest first', () => ({ loc: near(113.4, 23.1) }), ['p2', 'p1', 'p0', 'p3', 'p4']],
    ['nearest first from the other side', () => ({ loc: near(113.29, 23.1, { maxDistance: 20000 }) }), ['p0', 'p1', 'p2', 'p3']],
    ['combined with another field', () => ({ kind: 'shop', loc: near(113.3, 23.1, { maxDistance: 20000 }) }), ['p0', 'p2', 'p3']],
  ]
  for (const [name, where, expected] of nearCases) {
    it(`geoNear: ${name}`, async () => {
      // the order IS the assertion: $nearSphere sorts by distance
      assert.deepEqual(orderOf(await coll.where(where()).get()), expected)
    })
  }

  it('geoNear with limit returns the nearest ones', async () => {
    assert.deepEqual(orderOf(await coll.where({ loc: near(116, 39) }).limit(2).get()), ['p4', 'p3'])
  })

  it('geoNear pages with skip and limit in distance order', async () => {
    assert.deepEqual(orderOf(await coll.where({ loc: near(113.3, 23.1) }).skip(1).limit(2).get()), ['p1', 'p2'])
  })

  it('an explicit orderBy overrides the distance order', async () => {
    assert.deepEqual(orderOf(await coll.where({ loc: near(113.3, 23.1, { maxDistance: 6000 }) }).orderBy('_id', 'desc').get()), ['p2', 'p1', 'p0'])
  })

  it('geo queries select documents for update and remove', async () => {
    const c = await seededCollection(db, places, 'geow')
    const inBox = { loc: _.geoWithin({ geometry: box(113.29, 23.09, 113.32, 23.11) }) }
    assert.equal((await c.where(inBox).update({ nearby: true })).updated, 2)
    assert.deepEqual(idsOf(await c.where({ nearby: true }).get()), ['p0', 'p1'])
    assert.equal((await c.where({ loc: near(113.3, 23.1, { maxDistance: 6000 }) }).remove()).deleted, 3)
    assert.deepEqual(idsOf(await c.get()), ['nowhere', 'p3', 'p4'])
  })

  it('geoNear counts', async () => {
    assert.equal((await coll.where({ loc: near(113.3, 23.1, { maxDistance: 6000 }) }).count()).total, 3)
  })

  const withinCases = [
    ['polygon', () => ({ loc: _.geoWithin({ geometry: box(113.29, 23.09, 113.32, 23.11) }) }), ['p0', 'p1']],
    ['multipolygon', () => ({ loc: _.geoWithin({ geometry: new MultiPolygon([box(113.29, 23.09, 113.32, 23.11), box(116, 39, 117, 40)]) }) }), ['p0', 'p1', 'p4']],
    ['polygon matching nothing', () => ({ loc: _.geoWithin({ geometry: box(0, 0, 1, 1) }) }), []],
    ['centerSphere with a Point centre (radius in radians)', () => ({ loc: _.geoWithin({ centerSphere: [P(113.3, 23.1), 2000 / EARTH_RADIUS_M] }) }), ['p0', 'p1']],
    ['centerSphere with an [lng, lat] centre', () => ({ loc: _.geoWithin({ centerSphere: [[113.3, 23.1], 6000 / EARTH_RADIUS_M] }) }), ['p0', 'p1', 'p2']],
    ['centerSphere large enough for Beijing', () => ({ loc: _.geoWithin({ centerSphere: [[113.3, 23.1], 2500000 / EARTH_RADIUS_M] }) }), ['p0', 'p1', 'p2', 'p3', 'p4']],
    ['geoWithin with another field', () => ({ kind: 'cafe', loc: _.geoWithin({ geometry: box(113, 23, 114, 24) }) }), ['p1']],
    ['geoIntersects with a polygon', () => ({ loc: _.geoIntersects({ geometry: box(113.29, 23.09, 113.32, 23.11) }) }), ['p0', 'p1']],
    ['geoIntersects with a point', () => ({ loc: _.geoIntersects({ geometry: P(113.35, 23.1) }) }), ['p2']],
  ]
  for (const [name, where, expected] of withinCases) {
    it(name, async () => {
      assert.deepEqual(idsOf(await coll.where(where()).get()), expected)
    })
  }
})

describe('geoIntersects on lines and areas', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, [
      { _id: 'diag', shape: new LineString([P(0, 0), P(2, 2)]) },
      { _id: 'far', shape: new LineString([P(10, 10), P(11, 11)]) },
      { _id: 'square', shape: box(4, 4, 6, 6) },
      { _id: 'spot', shape: P(5, 5) },
      { _id: 'nested', where: { shape: box(-1, -1, 1, 1) } },
    ], 'geoi')
  })

  const cases = [
    ['crossing line', { shape: () => _.geoIntersects({ geometry: new LineString([P(0, 2), P(2, 0)]) }) }, ['diag']],
    ['point inside a polygon', { shape: () => _.geoIntersects({ geometry: P(4.5, 5.5) }) }, ['square']],
    ['polygon over a polygon and a point', { shape: () => _.geoIntersects({ geometry: box(5, 5, 7, 7) }) }, ['spot', 'square']],
    ['line through the square (edges are geodesics)', { shape: () => _.geoIntersects({ geometry: new LineString([P(3, 4.5), P(7, 4.5)]) }) }, ['square']],
    ['line along a meridian through the point', { shape: () => _.geoIntersects({ geometry: new LineString([P(5, 3), P(5, 7)]) }) }, ['spot', 'square']],
    ['nothing there', { shape: () => _.geoIntersects({ geometry: P(20, 20) }) }, []],
  ]
  for (const [name, where, expected] of cases) {
    it(name, async () => {
      assert.deepEqual(idsOf(await coll.where({ shape: where.shape() }).get()), expected)
    })
  }

  it('on a nested field (flattened to a dot path)', async () => {
    const res = await coll.where({ where: { shape: _.geoIntersects({ geometry: P(0.5, 0.5) }) } }).get()
    assert.deepEqual(idsOf(res), ['nested'])
    assert.ok(res.data[0].where.shape instanceof Polygon)
  })
})
