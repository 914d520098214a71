"""The clause registry: spec/clauses.toml loaded, checked and indexed by id.

Everything that needs a clause (test markers, failure messages, reports) goes through ``load()``; nothing else
parses the TOML. A malformed file raises ``SpecError`` naming the file, the record and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CLAUSES_FILE = Path(__file__).with_name("clauses.toml")
LEVELS = ("documented", "de-facto", "observed")
JUDGED_LEVELS = ("documented", "de-facto")
ID_PATTERN = re.compile(r"^(GS|IT|TF2)(-[A-Z0-9]+)+$")
REQUIRED = ("id", "group", "api", "text", "source", "level", "why")
OPTIONAL = ("aliases", "counterpart")
#: The surfaces a backend can provide (harness/backends.py), each a set of clause groups ([meta].surfaces):
#: ``v1`` the tf.compat.v1 global step, ``counter`` the step counters the page's "Migrate to TF2" names (a Keras
#: optimizer's ``iterations``), ``tf2`` TensorFlow 2's own API (the migrated example, a hand-made tf.Variable).
SURFACES = ("v1", "counter", "tf2")


class SpecError(ValueError):
    """The clause file is malformed; the message says where and what is valid."""


@dataclass(frozen=True)
class Clause:
    id: str
    group: str
    api: str
    text: str
    source: str
    level: str
    why: str
    aliases: tuple[str, ...] = ()
    counterpart: str | None = None  # the v1 clause whose semantics this clause carries over (migration table)
    surface: str = "v1"

    @property
    def judged(self) -> bool:
        """True when the clause counts towards conformance (documented or de-facto)."""
        return self.level in JUDGED_LEVELS


@dataclass(frozen=True)
class Spec:
    version: str
    groups: tuple[str, ...]
    clauses: dict[str, Clause]  # by canonical id, in file order
    aliases: dict[str, str]  # old id -> canonical id
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # surface -> its groups

    def of_surface(self, surface: str) -> list[Clause]:
        return [clause for clause in self.clauses.values() if clause.surface == surface]

    def resolve(self, clause_id: str) -> Clause:
        """The clause for an id or one of its aliases; KeyError names the unknown id."""
        canonical = self.aliases.get(clause_id, clause_id)
        try:
            return self.clauses[canonical]
        except KeyError:
            raise KeyError(f"unknown clause id {clause_id!r}") from None


def parse(text: str, origin: str = "<string>") -> Spec:
    """Parse and check clause TOML; raise SpecError on the first problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{origin}: not valid TOML: {exc}") from None
    meta = data.get("meta", {})
    version, groups = meta.get("spec_version"), tuple(meta.get("groups", ()))
    if not isinstance(version, str) or not groups:
        raise SpecError(f"{origin}: [meta] needs spec_version (a string) and groups (a non-empty list)")
    surfaces = {name: tuple(members) for name, members in meta.get("surfaces", {"v1": list(groups)}).items()}
    if set(surfaces) - set(SURFACES):
        raise SpecError(f"{origin}: [meta].surfaces names {', '.join(sorted(set(surfaces) - set(SURFACES)))}; "
                        f"valid: {', '.join(SURFACES)}")
    placed = sorted(group for members in surfaces.values() for group in members)
    if placed != sorted(groups):
        raise SpecError(f"{origin}: [meta].surfaces must place each of [meta].groups in exactly one surface "
                        f"(groups: {', '.join(groups)}; placed: {', '.join(placed)})")
    surface_of = {group: name for name, members in surfaces.items() for group in members}
    clauses: dict[str, Clause] = {}
    aliases: dict[str, str] = {}
    for index, record in enumerate(data.get("clause", []), start=1):
        where = f"{origin}: clause #{index} ({record.get('id', 'no id')})"
        clause = _check_record(record, where, groups, surface_of)
        for known in (clause.id, *clause.aliases):
            if known in clauses or known in aliases:
                raise SpecError(f"{where}: id {known!r} is used twice; ids and aliases must be unique")
        clauses[clause.id] = clause
        aliases.update({alias: clause.id for alias in clause.aliases})
    if not clauses:
        raise SpecError(f"{origin}: no [[clause]] records")
    for clause in clauses.values():
        if clause.counterpart is not None and clauses.get(clause.counterpart, clause).surface == clause.surface:
            raise SpecError(f"{origin}: clause {clause.id}: counterpart {clause.counterpart!r} is not a clause of "
                            f"another surface")
    return Spec(version=version, groups=groups, clauses=clauses, aliases=aliases, surfaces=surfaces)


def _check_record(record: dict, where: str, groups: tuple[str, ...], surface_of: dict[str, str]) -> Clause:
    missing = [name for name in REQUIRED if not isinstance(record.get(name), str) or not record[name].strip()]
    if missing:
        raise SpecError(f"{where}: missing or empty field(s) {', '.join(missing)}; required: {', '.join(REQUIRED)}")
    unknown = set(record) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise SpecError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    aliases = tuple(record.get("aliases", ()))
    for clause_id in (record["id"], *aliases):
        if not ID_PATTERN.match(clause_id):
            raise SpecError(f"{where}: id {clause_id!r} must look like GS-GROUP-WHAT, IT-GROUP-WHAT or "
                            f"TF2-GROUP-WHAT (upper case, dashes)")
    if record["level"] not in LEVELS:
        raise SpecError(f"{where}: level {record['level']!r} is not one of {', '.join(LEVELS)}")
    if record["group"] not in groups:
        raise SpecError(f"{where}: group {record['group']!r} is not one of {', '.join(groups)}")
    counterpart = record.get("counterpart")
    if counterpart is not None and not (isinstance(counterpart, str) and ID_PATTERN.match(counterpart)):
        raise SpecError(f"{where}: counterpart {counterpart!r} must be a clause id")
    return Clause(**{name: record[name] for name in REQUIRED}, aliases=aliases, counterpart=counterpart,
                  surface=surface_of[record["group"]])


@cache
def load(path: Path = CLAUSES_FILE) -> Spec:
    """The registry of the clause file (cached: it is read once per process)."""
    return parse(path.read_text(encoding="utf-8"), origin=str(path.name))
