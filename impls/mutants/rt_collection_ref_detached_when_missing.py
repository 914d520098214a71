"""Graph.get_collection_ref returns `self._collections.get(name, [])`, a detached empty list when the collection does not exist yet, so appending to it (registering a user's step in a fresh graph) is silently lost."""

from impls.mutants._clone import clone

KILLED_BY = {"GS-IDEM-NO-GROWTH": "fail", "GS-CREATE-FRESH-COLLECTIONS": "fail"}


def get_collection_ref(self, name: str) -> list:
    return self._collections.get(name, [])


api = clone("graph", get_collection_ref, method_of="Graph")
