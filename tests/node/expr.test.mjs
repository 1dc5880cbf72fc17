// where(_.expr(...)) with the aggregation expression operators of db.command.aggregate, as the SDK sends them
// ({"$<name>": args}). Each case is an expression that is true for the one stored document, so the query must
// count exactly 1 (a false or failing expression counts 0 or errors).
import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { connect, seededCollection } from './support.mjs'

const { db, _ } = connect()
const $ = _.aggregate

const doc = { _id: 'a', n: 3, m: 4, s: 'Hello', arr: [1, 2, 3], d: new Date('2024-03-15T10:20:30Z'), o: { k: 1 } }

const near = (expr, value) => $.lt([$.abs($.subtract([expr, value])), 1e-9])

// [operator, expression true for `doc`, options]
const cases = [
  // arithmetic
  ['add', $.eq([$.add(['$n', '$m']), 7])],
  ['subtract', $.eq([$.subtract(['$m', '$n']), 1])],
  ['multiply', $.eq([$.multiply(['$n', '$m']), 12])],
  ['divide', $.eq([$.divide(['$m', 2]), 2])],
  ['mod', $.eq([$.mod(['$m', 3]), 1])],
  ['abs', $.eq([$.abs(-3), '$n'])],
  ['ceil', $.eq([$.ceil(2.1), '$n'])],
  ['floor', $.eq([$.floor(3.9), '$n'])],
  ['trunc', $.eq([$.trunc(3.9), '$n'])],
  ['pow', $.eq([$.pow(['$n', 2]), 9])],
  ['sqrt', $.eq([$.sqrt(9), '$n'])],
  ['exp', near($.exp(0), 1)],
  ['ln', near($.ln(1), 0)],
  ['log', near($.log([8, 2]), 3)],
  ['log10', near($.log10(1000), 3)],
  // comparison and logic
  ['eq', $.eq(['$n', 3])],
  ['neq', $.neq(['$n', '$m'])],
  ['gt', $.gt(['$m', '$n'])],
  ['gte', $.gte(['$m', 4])],
  ['lt', $.lt(['$n', '$m'])],
  ['lte', $.lte(['$n', 3])],
  ['cmp', $.eq([$.cmp(['$n', '$m']), -1])],
  ['and', $.and([true, $.gt(['$n', 1])])],
  ['or', $.or([false, $.gt(['$n', 1])])],
  ['not', $.not([$.gt(['$n', 5])])],
  // conditionals
  ['cond', $.eq([$.cond({ if: $.gt(['$n', 1]), then: 'big', else: 'small' }), 'big'])],
  ['ifNull', $.eq([$.ifNull(['$missing', 5]), 5])],
  ['switch', $.eq([$.switch({ branches: [{ case: $.eq(['$n', 3]), then: 'three' }], default: 'other' }), 'three'])],
  // arrays
  ['arrayElemAt', $.eq([$.arrayElemAt(['$arr', 1]), 2])],
  ['size', $.eq([$.size('$arr'), 3])],
  ['in', $.in([2, '$arr'])],
  ['concatArrays', $.eq([$.concatArrays(['$arr', [4]]), [1, 2, 3, 4]])],
  ['indexOfArray', $.eq([$.indexOfArray(['$arr', 3]), 2])],
  ['isArray', $.isArray('$arr')],
  ['range', $.eq([$.range([0, 3]), [0, 1, 2]])],
  ['reverseArray', $.eq([$.reverseArray('$arr'), [3, 2, 1]])],
  ['slice', $.eq([$.slice(['$arr', 2]), [1, 2]])],
  ['zip', $.eq([$.zip({ inputs: ['$arr', '$arr'] }), [[1, 1], [2, 2], [3, 3]]])],
  ['filter', $.eq([$.filter({ input: '$arr', as: 'x', cond: $.gt(['$$x', 1]) }), [2, 3]])],
  ['map', $.eq([$.map({ input: '$arr', as: 'x', in: $.multiply(['$$x', 2]) }), [2, 4, 6]])],
  ['reduce', $.eq([$.reduce({ input: '$arr', initialValue: 0, in: $.add(['$$value', '$$this']) }), 6])],
  ['let', $.eq([$.let({ vars: { x: 2 }, in: $.multiply(['$$x', '$n']) }), 6])],
  // sets
  ['allElementsTrue', $.allElementsTrue(['$arr'])],
  ['anyElementTrue', $.anyElementTrue(['$arr'])],
  ['setEquals', $.setEquals(['$arr', [3, 2, 1]])],
  ['setIsSubset', $.setIsSubset([[1], '$arr'])],
  ['setDifference', $.eq([$.size($.setDifference(['$arr', [1]])), 2])],
  ['setIntersection', $.eq([$.setIntersection(['$arr', [2, 9]]), [2]])],
  ['setUnion', $.eq([$.size($.setUnion(['$arr', [3, 4]])), 4])],
  // strings
  ['concat', $.eq([$.concat(['$s', '!']), 'Hello!'])],
  ['toLower', $.eq([$.toLower('$s'), 'hello'])],
  ['toUpper', $.eq([$.toUpper('$s'), 'HELLO'])],
  ['strLenCP', $.eq([$.strLenCP('$s'), 5])],
  ['substrCP', $.eq([$.substrCP(['$s', 0, 2]), 'He'])],
  ['strLenBytes', $.eq([$.strLenBytes('$s'), 5])],
  ['substr', $.eq([$.substr(['$s', 1, 3]), 'ell'])],
  ['substrBytes', $.eq([$.substrBytes(['$s', 0, 2]), 'He'])],
  ['indexOfBytes', $.eq([$.indexOfBytes(['$s', 'l']), 2])],
  ['indexOfCP', $.eq([$.indexOfCP(['$s', 'o']), 4])],
  ['split', $.eq([$.split(['a,b', ',']), ['a', 'b']])],
  ['strcasecmp', $.eq([$.strcasecmp(['$s', 'hello']), 0])],
  // objects and literals
  ['literal', $.eq([$.strLenCP($.literal('$n')), 2])],
  ['mergeObjects', $.eq([$.mergeObjects(['$o', { j: 2 }]), { k: 1, j: 2 }])],
  ['objectToArray', $.eq([$.objectToArray('$o'), [{ k: 'k', v: 1 }]])],
  // dates (2024-03-15T10:20:30Z is a Friday, day 75 of a leap year)
  ['year', $.eq([$.year('$d'), 2024])],
  ['month', $.eq([$.month('$d'), 3])],
  ['dayOfMonth', $.eq([$.dayOfMonth('$d'), 15])],
  ['dayOfWeek', $.eq([$.dayOfWeek('$d'), 6])],
  ['dayOfYear', $.eq([$.dayOfYear('$d'), 75])],
  ['hour', $.eq([$.hour('$d'), 10])],
  ['minute', $.eq([$.minute('$d'), 20])],
  ['second', $.eq([$.second('$d'), 30])],
  ['millisecond', $.eq([$.millisecond('$d'), 0])],
  ['week', $.eq([$.week('$d'), 10])],
  ['isoWeek', $.eq([$.isoWeek('$d'), 11])],
  ['dateToString', $.eq([$.dateToString({ date: '$d', format: '%Y-%m-%d' }), '2024-03-15'])],
  ['dateFromParts', $.eq([$.dateFromParts({ year: 2024, month: 3, day: 15 }), new Date('2024-03-15T00:00:00Z')])],
  ['dateFromString', $.eq([$.dateFromString({ dateString: '2024-03-15T10:20:30Z' }), '$d'])],
]

describe('$expr operators', () => {
  let coll
  before(async () => {
    coll = await seededCollection(db, [doc], 'expr')
  })

  for (const [op, expression, options] of cases) {
    it(`$${op}`, options ?? {}, async () => {
      const res = await coll.where(_.expr(expression)).count()
      assert.equal(res.total, 1)
    })
  }

  it('a false expression matches nothing', async () => {
    assert.equal((await coll.where(_.expr($.eq([$.add(['$n', '$m']), 8]))).count()).total, 0)
  })

  it('field paths into nested objects and arrays', async () => {
    assert.equal((await coll.where(_.expr($.eq(['$o.k', 1]))).count()).total, 1)
  })
})
