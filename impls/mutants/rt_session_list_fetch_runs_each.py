"""Session.run handles a list/tuple/dict of fetches by running each item on its own, so a train op fetched twice in one run is applied twice."""

from impls.mutants._clone import clone

KILLED_BY = {"GS-APPLY-MINIMIZE-ADDS-ONE": "fail"}


def run(self, fetches, feed_dict=None):
    """Fetch a tensor or operation; a list, tuple or dict of fetches is fetched item by item."""
    if self._closed:
        raise RuntimeError("Attempted to use a closed Session.")
    if isinstance(fetches, (list, tuple)):
        return type(fetches)(self.run(item, feed_dict) for item in fetches)
    if isinstance(fetches, dict):
        return {key: self.run(item, feed_dict) for key, item in fetches.items()}
    feeds = {id(self._element(key)): (self._element(key), value) for key, value in (feed_dict or {}).items()}
    return self._fetch(fetches, feeds, {})


api = clone("session", run, method_of="Session")
