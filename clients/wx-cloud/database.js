// wx.cloud.database() over js-sdk's database: the same query builder and commands (js-sdk encodes them), with
// wx.cloud's argument and result shapes.
const { serverCall } = require('./call')
const { cloudError } = require('./errors')

// Mini programs read 20 documents unless told otherwise; js-sdk's default is 100.
const DEFAULT_LIMIT = 20

/** wx.cloud's `db.Geo.Point(lng, lat)` takes no `new`; js-sdk's Geo types are classes (`instanceof` still holds). */
function callableGeo(Geo) {
  const callable = {}
  Object.keys(Geo).forEach(name => {
    const Type = Geo[name]
    callable[name] = function (...args) {
      return new Type(...args)
    }
    callable[name].prototype = Type.prototype
  })
  return callable
}

class Database {
  constructor(db, signedIn) {
    this._db = db
    this._signedIn = signedIn
    this.command = db.command
    this.Geo = callableGeo(db.Geo)
  }

  collection(name) {
    return new Collection(this, this._db.collection(name))
  }

  serverDate(options) {
    return this._db.serverDate(options)
  }

  RegExp(options) {
    return this._db.RegExp(options)
  }

  /** One call: signed in first, then js-sdk's request; `shape` makes wx.cloud's result of js-sdk's. */
  _call(api, options, request, shape) {
    return serverCall(api, options, () => this._signedIn().then(request), shape)
  }
}

class Query {
  constructor(database, query, limited) {
    this._database = database
    this._query = query
    this._limited = limited
  }

  _next(query, limited = this._limited) {
    return new Query(this._database, query, limited)
  }

  where(condition) {
    return this._next(this._query.where(condition))
  }

  orderBy(field, order) {
    return this._next(this._query.orderBy(field, order))
  }

  skip(offset) {
    return this._next(this._query.skip(offset))
  }

  limit(max) {
    return this._next(this._query.limit(max), true)
  }

  field(projection) {
    return this._next(this._query.field(projection))
  }

  get(options) {
    const query = this._limited ? this._query : this._query.limit(DEFAULT_LIMIT)
    return this._database._call('collection.get', options, () => query.get(), res => ({ data: res.data }))
  }

  count(options) {
    return this._database._call('collection.count', options, () => this._query.count(), res => ({ total: res.total }))
  }

  update(options) {
    return this._database._call('collection.update', options, () => this._query.update(options.data), res => ({
      stats: { updated: res.updated },
    }))
  }

  remove(options) {
    return this._database._call('collection.remove', options, () => this._query.remove(), res => ({
      stats: { removed: res.deleted },
    }))
  }
}

class Collection extends Query {
  constructor(database, collection) {
    super(database, collection, false)
    this.collectionName = collection.name
  }

  doc(id) {
    return new Document(this._database, this._query.doc(id), id)
  }

  add(options) {
    return this._database._call('collection.add', options, () => this._query.add(options.data), res => ({ _id: res.id }))
  }
}

class Document {
  constructor(database, doc, id) {
    this._database = database
    this._doc = doc
    this._id = id
  }

  field(projection) {
    return new Document(this._database, this._doc.field(projection), this._id)
  }

  // js-sdk answers a list, empty when the document is missing or unreadable; wx.cloud answers the document or fails.
  get(options) {
    return this._database._call('document.get', options, () => this._doc.get(), res => {
      if (!res.data.length) {
        throw cloudError(
          -1,
          `document.get:fail cannot find document with _id ${this._id}, ` +
            'please make sure that the document exists and you have the corresponding Read permission'
        )
      }
      return { data: res.data[0] }
    })
  }

  set(options) {
    return this._database._call('document.set', options, () => this._doc.set(options.data), res => ({
      _id: this._id,
      stats: { updated: res.updated, created: res.upsertedId ? 1 : 0 },
    }))
  }

  update(options) {
    return this._database._call('document.update', options, () => this._doc.update(options.data), res => ({
      stats: { updated: res.updated },
    }))
  }

  remove(options) {
    return this._database._call('document.remove', options, () => this._doc.remove(), res => ({
      stats: { removed: res.deleted },
    }))
  }
}

module.exports = { Database }
