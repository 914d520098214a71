"""The clause registry checks the spec file and refuses malformed ones with a message that says where."""

import pytest

from spec import registry

GOOD = '''
[meta]
spec_version = "9.9.9"
groups = ["get"]

[sources]
notes = "somewhere"

[[clause]]
id = "GS-GET-A"
group = "get"
api = "x"
text = "t"
source = "notes§1"
level = "documented"
why = "w"
'''


def with_clause(**changes) -> str:
    lines = []
    for line in GOOD.splitlines():
        key = line.split(" = ")[0]
        if key in changes:
            value = changes.pop(key)
            if value is None:
                continue
            line = f"{key} = {value}"
        lines.append(line)
    return "\n".join(lines) + "".join(f"\n{k} = {v}" for k, v in changes.items()) + "\n"


def test_the_shipped_spec_loads():
    """spec/clauses.toml parses, has a version and every group used."""
    spec = registry.load()
    assert spec.version
    assert {c.group for c in spec.clauses.values()} == set(spec.groups)


def test_every_shipped_clause_cites_a_known_source():
    """Each clause's source starts with a key of [sources]."""
    import tomllib

    data = tomllib.loads(registry.CLAUSES_FILE.read_text(encoding="utf-8"))
    keys = set(data["sources"])
    bad = [c["id"] for c in data["clause"] if c["source"].split("#")[0].split("§")[0] not in keys]
    assert bad == []


def test_parses_a_minimal_file():
    """A one-clause file gives a one-clause registry."""
    spec = registry.parse(GOOD)
    assert list(spec.clauses) == ["GS-GET-A"]
    assert spec.resolve("GS-GET-A").judged


@pytest.mark.parametrize(("change", "complaint"), [
    ({"level": '"maybe"'}, "level 'maybe' is not one of documented, de-facto, observed"),
    ({"group": '"nope"'}, "group 'nope' is not one of get"),
    ({"why": None}, "missing or empty field(s) why"),
    ({"id": '"lower-case"'}, "must look like GS-GROUP-WHAT"),
    ({"colour": '"red"'}, "unknown field(s) colour"),
], ids=["level", "group", "missing", "id", "unknown"])
def test_rejects_a_malformed_record(change, complaint):
    """A bad field raises SpecError naming the record and the field."""
    with pytest.raises(registry.SpecError, match="clause #1") as info:
        registry.parse(with_clause(**change), origin="clauses.toml")
    assert complaint in str(info.value)
    assert str(info.value).startswith("clauses.toml")


def test_rejects_a_duplicate_id():
    """Two records with one id raise SpecError."""
    text = GOOD + GOOD[GOOD.index("[[clause]]"):]
    with pytest.raises(registry.SpecError, match="'GS-GET-A' is used twice"):
        registry.parse(text)


def test_an_alias_resolves_to_its_clause():
    """An old id listed in aliases finds the renamed clause."""
    spec = registry.parse(with_clause(aliases='["GS-GET-OLD"]'))
    assert spec.resolve("GS-GET-OLD").id == "GS-GET-A"


def test_an_alias_may_not_shadow_an_id():
    """An alias equal to another clause's id raises SpecError."""
    second = GOOD[GOOD.index("[[clause]]"):].replace("GS-GET-A", "GS-GET-B") + 'aliases = ["GS-GET-A"]\n'
    with pytest.raises(registry.SpecError, match="used twice"):
        registry.parse(GOOD + second)


def test_rejects_invalid_toml():
    """A syntax error raises SpecError, not a TOMLDecodeError traceback."""
    with pytest.raises(registry.SpecError, match="not valid TOML"):
        registry.parse("[[clause]\n")


TWO_SURFACES = GOOD.replace(
    'groups = ["get"]', 'groups = ["get", "iterations"]\nsurfaces = {v1 = ["get"], counter = ["iterations"]}') + '''
[[clause]]
id = "IT-ITERATIONS-A"
group = "iterations"
api = "y"
text = "t"
source = "notes§2"
level = "de-facto"
why = "w"
counterpart = "GS-GET-A"
'''


def test_each_group_belongs_to_a_surface():
    """[meta].surfaces places each group; a clause gets its group's surface and may name a v1 counterpart."""
    spec = registry.parse(TWO_SURFACES)
    assert (spec.clauses["GS-GET-A"].surface, spec.clauses["IT-ITERATIONS-A"].surface) == ("v1", "counter")
    assert spec.clauses["IT-ITERATIONS-A"].counterpart == "GS-GET-A"
    assert [c.id for c in spec.of_surface("counter")] == ["IT-ITERATIONS-A"]


@pytest.mark.parametrize(("text", "complaint"), [
    (TWO_SURFACES.replace('counter = ["iterations"]', 'counter = []'), "must place each of [meta].groups"),
    (TWO_SURFACES.replace("counter = ", "eager = "), "[meta].surfaces names eager; valid: v1, counter"),
    (TWO_SURFACES.replace('counterpart = "GS-GET-A"', 'counterpart = "GS-GET-NOPE"'), "is not a clause of another"),
    (TWO_SURFACES.replace('counterpart = "GS-GET-A"', 'counterpart = "IT-ITERATIONS-A"'), "is not a clause of another"),
], ids=["unplaced-group", "unknown-surface", "unknown-counterpart", "same-surface-counterpart"])
def test_rejects_a_bad_surface_or_counterpart(text, complaint):
    """A group in no surface, an unknown surface, or a counterpart that is no clause of another surface."""
    with pytest.raises(registry.SpecError) as info:
        registry.parse(text, origin="clauses.toml")
    assert complaint in str(info.value)
