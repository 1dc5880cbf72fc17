// The function the CLI tests deploy: answers the event's name, so a call shows which code ran.
exports.main = async (event) => ({ hello: event.name })
