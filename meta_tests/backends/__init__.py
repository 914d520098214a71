"""Purpose-built backends for the meta tests: each is wrong in one way that the harness must report well."""
