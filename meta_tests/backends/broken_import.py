"""A backend module that fails while being imported."""

raise RuntimeError("this backend cannot be imported")
