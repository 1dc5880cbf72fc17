// Version 2 of a redeployed function: answers 'v2'.
exports.main = async (event) => {
  await new Promise(resolve => setTimeout(resolve, event.ms ?? 0))
  return 'v2'
}
