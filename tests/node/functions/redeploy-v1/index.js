// Version 1 of a redeployed function: slow when asked to be (event.ms), answers 'v1'.
exports.main = async (event) => {
  await new Promise(resolve => setTimeout(resolve, event.ms ?? 0))
  return 'v1'
}
