'use strict'
// Turns what a function produced (a result or a thrown/rejected value) into the fields
// of a result frame.

const MAX_RESULT_BYTES = 1024 * 1024
const TOO_LARGE = "the function's result is larger than 1 MB"
const NOT_SERIALISABLE = "the function's result could not be serialised as JSON: "

// String(value) can throw (objects with a throwing toString, Symbol.toPrimitive…).
function safeString (value) {
  try {
    return String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

// Errors from other realms (vm contexts) fail `instanceof Error`, hence the duck typing.
function isErrorLike (value) {
  return value instanceof Error ||
    (value !== null && typeof value === 'object' && typeof value.message === 'string' && typeof value.stack === 'string')
}

// {message, stack?, code?}: message and stack of an Error, String(value) for anything
// else. `code` (e.g. ERR_ACCESS_DENIED, MODULE_NOT_FOUND) tells the host what kind of
// failure it was without parsing the message.
function describeError (value) {
  if (!isErrorLike(value)) return { message: safeString(value) }
  const error = { message: safeString(value.message) }
  if (typeof value.stack === 'string') error.stack = value.stack
  if (typeof value.code === 'string') error.code = value.code
  return error
}

// {text} with the result's JSON text, or {error} when it can't be sent.
function serialiseResult (value) {
  let text
  try {
    text = JSON.stringify(value)
  } catch (err) {
    // V8 gives up on strings over ~512 MB with "Invalid string length": that is a size
    // problem, not a serialisation one.
    if (err instanceof RangeError && /Invalid string length/.test(err.message)) return { error: { message: TOO_LARGE } }
    return { error: { message: NOT_SERIALISABLE + safeString(err && err.message) } }
  }
  // undefined, functions and symbols have no JSON text; CloudBase returns null for them.
  if (text === undefined) text = 'null'
  if (Buffer.byteLength(text, 'utf8') > MAX_RESULT_BYTES) return { error: { message: TOO_LARGE } }
  return { text }
}

module.exports = { describeError, serialiseResult, MAX_RESULT_BYTES }
