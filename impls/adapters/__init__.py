"""Adapters: frameworks whose step counter is not reachable under the names a surface uses, given those names.

Each module is a backend (``--backend=impls.adapters.<module>``, or its built-in name) that maps one framework
onto a surface without changing what the framework does: the counter read is the framework's own.
"""
